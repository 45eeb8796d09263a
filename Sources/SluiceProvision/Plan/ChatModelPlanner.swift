import AsyncHTTPClient
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
    ///
    /// The API key comes from `SLUICE_PLANNER_API_KEY`, else the file; it is optional, as
    /// local servers (Ollama, vLLM) take none. The URL loses trailing slashes and must be
    /// http or https with a host.
    public static func resolve(config: SluiceConfig, environment: [String: String]) throws -> ChatPlannerConfiguration? {
        try ChatPlannerSettings(section: config.planner, file: config.path, environment: environment).resolve()
    }

    /// `{url}/chat/completions`, where requests go.
    public var endpoint: String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/chat/completions"
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
///
/// ```swift
/// if let chat = try ChatPlannerConfiguration.resolve(config: config, environment: environment) {
///     let planner = ChatModelPlanner(configuration: chat, callLog: { try? await monitor.logPlannerCall($0) })
///     let planned = try await planner.plan(question: question, recommendation: recommendation, catalog: contents)
///     try await planner.shutdown()
///     // planned.source == "llm:qwen2.5:7b-instruct", or the fallback's with planned.fallbackReason
/// }
/// ```
///
/// The request is `POST {url}/chat/completions` with `response_format` `json_object` and
/// temperature 0, the bearer key when one is set, and the configuration's timeout; redirects
/// are not followed (a redirected POST would carry the key wherever it points). Each fallback
/// reason starts with what failed: `timeout`, `HTTP 500`, `invalid JSON`, `invalid spec` (the
/// answer is JSON but not the format), `does not fit the catalog` (an unknown table or
/// column, a wrong type).
public final class ChatModelPlanner: MartPlanner, Sendable {
    public let configuration: ChatPlannerConfiguration
    public let fallback: any MartPlanner
    private let callLog: @Sendable (PlannerCallRecord) async -> Void
    private let http: HTTPClient

    /// `callLog` receives one record per call, accepted or not.
    public init(configuration: ChatPlannerConfiguration, fallback: any MartPlanner = DeterministicPlanner(),
                callLog: @escaping @Sendable (PlannerCallRecord) async -> Void = { _ in }) {
        self.configuration = configuration
        self.fallback = fallback
        self.callLog = callLog
        var settings = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            decompression: .disabled
        )
        // One attempt: a refused connection is a fallback reason, not something to wait out.
        settings.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    public func plan(question: String, recommendation: Recommendation, catalog: CatalogContents) async throws -> PlannedMart {
        // Nothing to show the model: the fallback says why no mart can be planned.
        guard recommendation.answerable else {
            return try await fallback.plan(question: question, recommendation: recommendation, catalog: catalog)
        }
        let messages = try ChatPlannerPrompt(question: question, recommendation: recommendation, catalog: catalog).messages()
        let calledAt = Date()
        let clock = ContinuousClock.now
        let outcome = try await ChatCompletionCall(configuration: configuration, http: http).send(messages)
        var record = PlannerCallRecord(
            calledAt: calledAt, endpoint: configuration.url, model: configuration.model, question: question,
            promptCharacters: messages.reduce(0) { $0 + $1.content.count }, responseCharacters: 0,
            durationMs: Self.milliseconds(ContinuousClock.now - clock), outcome: "error", detail: nil)

        let reason: String
        switch outcome {
        case let .failed(failure, characters):
            record.responseCharacters = characters
            reason = failure
        case let .content(content, characters):
            record.responseCharacters = characters
            switch ChatAnswer(content: content, model: configuration.model).spec(catalog: catalog) {
            case let .success(spec):
                record.outcome = "accepted"
                await callLog(record)
                return PlannedMart(spec: spec, source: "llm:\(configuration.model)",
                                   notes: ["proposed by chat model \(configuration.model) at \(configuration.url); resolved against the catalog"])
            case let .failure(rejection):
                record.outcome = "rejected"
                reason = rejection.message
            }
        }
        record.detail = reason
        await callLog(record)
        var planned = try await fallback.plan(question: question, recommendation: recommendation, catalog: catalog)
        planned.fallbackReason = reason
        planned.notes.insert("chat model \(configuration.model) not used: \(reason)", at: 0)
        return planned
    }

    /// Closes the HTTP client.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
