import Foundation
import SluiceCatalog
import SluiceSearch

/// The default planner: no model, same answer for the same catalog and question.
///
/// When the recommendation chose a KPI pattern (``SluiceSearch/RecommendedKPI``) whose
/// catalog entry carries a mart template (``SluiceCatalog/KPIPattern/martTemplate``) and
/// whose tables the recommendation selected, the spec is that template, named after the
/// pattern (``KPITemplatePlan``). Otherwise it is built from column semantics over the
/// recommendation's selected tables and join plan (``ColumnSemanticsPlan``): categorical and
/// date columns the question names become dimensions, amount and quantity columns become
/// sums (rates, prices and scores averages), a row count is always added, and with no such
/// measure the mart is a detail mart of the recommended columns (limited to
/// ``detailRowLimit`` rows).
///
/// ```swift
/// let planned = try await DeterministicPlanner().plan(question: question, recommendation: recommendation, catalog: contents)
/// // planned.source == "kpi:portfolio_exposure", planned.spec.name == "portfolio_exposure"
/// ```
///
/// Either way the spec is resolved against the catalog before it is returned, so a plan
/// always compiles as far as names and types go; access is the compiler's decision.
///
/// - Throws: ``PlanningError`` when the recommendation is not answerable or selects no table.
public struct DeterministicPlanner: MartPlanner {
    public static let detailRowLimit = 10_000

    public init() {}

    public func plan(question: String, recommendation: Recommendation, catalog: CatalogContents) async throws -> PlannedMart {
        guard recommendation.answerable else {
            throw PlanningError("no mart can be planned for \(String(reflecting: question)): \(recommendation.message)")
        }
        guard recommendation.tables.contains(where: \.selected) || recommendation.joinPlan?.tables.isEmpty == false else {
            throw PlanningError("no mart can be planned for \(String(reflecting: question)): the recommendation selected no table (\(recommendation.message))")
        }
        var notes: [String] = []
        if let kpi = recommendation.kpi, let pattern = catalog.kpiPatterns.first(where: { $0.id == kpi.id }), pattern.martTemplate != nil {
            let selected = Set(recommendation.tables.filter(\.selected).map(\.name))
            let unselected = pattern.tables.filter { !selected.contains($0) }
            if unselected.isEmpty {
                return try KPITemplatePlan(pattern: pattern, score: kpi.score).plan(catalog: catalog)
            }
            notes.append("KPI \(kpi.id) (score \(Self.format(kpi.score))) not used: it reads \(unselected.joined(separator: ", ")), "
                + "which the recommendation did not select")
        }
        return try ColumnSemanticsPlan(question: question, recommendation: recommendation, catalog: catalog).build(notes: notes)
    }

    /// A mart name from free text: lowercase words joined by `_`, cut to the allowed length
    /// (`"Which clients…?"` → `which_clients_are_close_to_or_above_thei`).
    ///
    /// Accents are dropped (`Zürich` → `zurich`) and any other character separates words.
    /// The name always starts with a letter (`mart_` is put before one that would not) and
    /// is never empty (`mart` for text without a letter or digit).
    public static func martName(for text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var words: [String] = []
        var word = ""
        for character in folded.unicodeScalars {
            if ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                word.unicodeScalars.append(character)
            } else if ("A"..."Z").contains(character) {
                word += String(character).lowercased()
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        guard var name = words.isEmpty ? nil : words.joined(separator: "_") else { return "mart" }
        if name.first?.isNumber == true { name = "mart_" + name }
        name = String(name.prefix(MartSpec.maximumNameLength))
        while name.hasSuffix("_") { name.removeLast() }
        return name
    }

    /// Scores as the recommendation shows them: two decimals.
    static func format(_ score: Double) -> String {
        String(format: "%.2f", score)
    }
}
