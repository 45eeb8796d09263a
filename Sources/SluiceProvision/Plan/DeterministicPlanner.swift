import SluiceCatalog
import SluiceSearch

/// The default planner: no model, same answer for the same catalog and question.
///
/// When the recommendation chose a KPI pattern (``SluiceSearch/RecommendedKPI``) whose
/// catalog entry carries a mart template (``SluiceCatalog/KPIPattern/martTemplate``), the
/// spec is that template, named after the pattern. Otherwise it is built from column
/// semantics over the recommendation's selected tables and join plan: categorical and date
/// columns the question names become dimensions, amount and quantity columns become sums,
/// a row count is always added, and with no measure at all the mart is a detail mart of the
/// recommended columns (limited to ``detailRowLimit`` rows).
///
/// - Throws: ``PlanningError`` when the recommendation is not answerable or selects no table.
public struct DeterministicPlanner: MartPlanner {
    public static let detailRowLimit = 10_000

    public init() {}

    public func plan(question: String, recommendation: Recommendation, catalog: CatalogContents) async throws -> PlannedMart {
        fatalError("contract")
    }

    /// A mart name from free text: lowercase words joined by `_`, cut to the allowed length
    /// (`"Which clients…?"` → `which_clients_are_close_to_or_above_thei`).
    public static func martName(for text: String) -> String {
        fatalError("contract")
    }
}
