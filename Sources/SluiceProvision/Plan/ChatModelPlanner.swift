import Foundation
import SluiceCatalog
import SluiceCore
import SluiceSearch

/// Where the optional LLM planner sends its prompt: a server speaking OpenAI's
/// `/v1/chat/completions` (OpenAI, Ollama, vLLM, …).
public struct ChatPlannerConfiguration: Sendable, Equatable {
    /// Base URL up to `/v1`.
    public var url: String
    public var model: String
    public var apiKey: String?
    public var timeoutSeconds: Double

    public init(url: String, model: String, apiKey: String? = nil, timeoutSeconds: Double = 60) {
        self.url = url
        self.model = model
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
    }

    /// The configuration the settings' `planner` section and `SLUICE_PLANNER_URL`,
    /// `SLUICE_PLANNER_MODEL`, `SLUICE_PLANNER_API_KEY`, `SLUICE_PLANNER_PROVIDER` choose (the
    /// environment wins); `nil` when the provider is `deterministic` or unset.
    ///
    /// - Throws: ``PlanningError`` when the provider is `openai` but the URL or model is missing.
    public static func resolve(config: SluiceConfig, environment: [String: String]) throws -> ChatPlannerConfiguration? {
        fatalError("contract")
    }
}

/// One call to the chat model, as recorded in `rag_monitor.planner_calls`: sizes and the
/// outcome, never the prompt's values (it carries catalog metadata only) nor the key.
public struct PlannerCallRecord: Sendable, Equatable, Codable {
    public var calledAt: Date
    public var endpoint: String
    public var model: String
    public var question: String
    public var promptCharacters: Int
    public var responseCharacters: Int
    public var durationMs: Double
    /// `accepted`, `rejected` (the answer was not a valid spec), `error` (the call failed).
    public var outcome: String
    /// What was wrong: the HTTP error or the spec's problems.
    public var detail: String?

    public init(calledAt: Date, endpoint: String, model: String, question: String, promptCharacters: Int,
                responseCharacters: Int, durationMs: Double, outcome: String, detail: String?) {
        self.calledAt = calledAt
        self.endpoint = endpoint
        self.model = model
        self.question = question
        self.promptCharacters = promptCharacters
        self.responseCharacters = responseCharacters
        self.durationMs = durationMs
        self.outcome = outcome
        self.detail = detail
    }
}

/// The optional LLM planner: asks a chat model for a mart spec as JSON, given the question
/// and catalog metadata only (the recommendation's tables, columns with types, PII flags and
/// masking rules, joins, the KPI pattern, the spec's JSON schema) — never a row value.
///
/// The answer is decoded and resolved against the catalog like any spec; when the call
/// fails or the answer is not a valid spec, the call is logged with the reason and the
/// ``fallback`` planner's plan is returned with ``PlannedMart/fallbackReason`` set. The
/// model never decides masking or grants: the compiler does, from the policy.
public final class ChatModelPlanner: MartPlanner, Sendable {
    public let configuration: ChatPlannerConfiguration
    public let fallback: any MartPlanner

    /// `callLog` receives one record per call, accepted or not.
    public init(configuration: ChatPlannerConfiguration, fallback: any MartPlanner = DeterministicPlanner(),
                callLog: @escaping @Sendable (PlannerCallRecord) async -> Void = { _ in }) {
        fatalError("contract")
    }

    public func plan(question: String, recommendation: Recommendation, catalog: CatalogContents) async throws -> PlannedMart {
        fatalError("contract")
    }

    /// Closes the HTTP client.
    public func shutdown() async throws {
        fatalError("contract")
    }
}
