import SluiceCatalog
import SluiceSearch

/// Turns a question and its recommendation into a mart spec. A planner only proposes: its
/// spec is resolved and compiled under the policy like one written by hand.
public protocol MartPlanner: Sendable {
    func plan(question: String, recommendation: Recommendation, catalog: CatalogContents) async throws -> PlannedMart
}

/// A planner's proposal and how it came about.
public struct PlannedMart: Sendable, Equatable {
    public var spec: MartSpec
    /// `kpi:portfolio_exposure`, `columns` (built from column semantics), `llm:<model>`.
    public var source: String
    /// Why the plan looks as it does, for people: "KPI portfolio_exposure matched (0.91)",
    /// "dimension clients.segment: a category with 6 values".
    public var notes: [String]
    /// Set when an LLM planner's output was rejected and this is the deterministic fallback:
    /// what was wrong with the model's answer.
    public var fallbackReason: String?

    public init(spec: MartSpec, source: String, notes: [String] = [], fallbackReason: String? = nil) {
        self.spec = spec
        self.source = source
        self.notes = notes
        self.fallbackReason = fallbackReason
    }
}

/// Why no plan could be made.
public struct PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
