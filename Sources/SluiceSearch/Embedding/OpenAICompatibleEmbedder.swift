import Foundation

/// Embeds catalog metadata and questions with a server that speaks OpenAI's embeddings API:
/// OpenAI, Ollama, vLLM and other compatible servers.
///
/// ```swift
/// let configuration = try OpenAIEmbeddingConfiguration.resolve(config: config, environment: environment)!
/// let embedder = try await OpenAICompatibleEmbedder.connect(configuration) { record in
///     try? await monitor.logEmbeddingCall(record)
/// }
/// let vectors = try await embedder.embed(documents.map(\.text), mode: .document)
/// ```
///
/// What leaves the machine is what it is given to embed, which in Sluice is catalog
/// metadata text and questions only, never lake rows (`../shared/spec/governance.md`: calls
/// to a model provider carry metadata only and are audited). Every HTTP call is reported to
/// the call log with its sizes, tokens, duration and error, without the texts or the key.
///
/// Texts are sent in batches of ``batchSize``, one batch at a time, so a rate-limited
/// account is not hit with bursts; a 429, a 5xx or a dropped connection is retried with
/// jittered backoff (``EmbeddingRetryPolicy``). The model's identity includes the server's
/// base URL and the prefixes, so vectors from another server or made with other prefixes
/// are never searched together with these.
public final class OpenAICompatibleEmbedder: Embedder {
    public let model: EmbeddingModel
    public let batchSize: Int
    private let client: OpenAIEmbeddingClient
    private let state = ShutdownState()

    /// Checks the configuration and, when ``OpenAIEmbeddingConfiguration/dimensions`` is
    /// `nil`, asks the server for one vector of a short fixed text to learn the model's
    /// vector length. With the length configured nothing is sent until the first ``embed(_:mode:)``.
    ///
    /// - Parameter callLog: receives a record of every HTTP call, the probe included.
    /// - Throws: ``EmbeddingError/configuration(setting:reason:)`` for an unusable
    ///   configuration, ``EmbeddingError/provider(endpoint:reason:)`` when the probe fails.
    public static func connect(_ configuration: OpenAIEmbeddingConfiguration,
                               callLog: (@Sendable (EmbeddingCallRecord) async -> Void)?) async throws -> OpenAICompatibleEmbedder {
        let client = try OpenAIEmbeddingClient(configuration: configuration, callLog: callLog)
        let dimension: Int
        if let configured = configuration.dimensions {
            dimension = configured
        } else {
            dimension = try await client.embed([Self.probeText], mode: .query, dimension: nil)[0].count
        }
        let model = EmbeddingModel(id: configuration.model, version: try configuration.modelVersion(), dimension: dimension)
        return OpenAICompatibleEmbedder(model: model, batchSize: configuration.batchSize, client: client)
    }

    /// What the dimension probe embeds: fixed, short, and about nothing in any catalog.
    static let probeText = "dimension probe"

    private init(model: EmbeddingModel, batchSize: Int, client: OpenAIEmbeddingClient) {
        self.model = model
        self.batchSize = batchSize
        self.client = client
    }

    /// One vector of ``EmbeddingModel/dimension`` floats per text, in order; `mode` picks
    /// the configured prefix.
    ///
    /// - Throws: ``EmbeddingError/provider(endpoint:reason:)`` naming the endpoint, the HTTP
    ///   status and the provider's message; ``EmbeddingError/unexpectedResponse(endpoint:reason:)``
    ///   when the answer has the wrong count or length of vectors.
    public func embed(_ texts: [String], mode: EmbeddingMode) async throws -> [[Float]] {
        if state.isShutDown {
            throw EmbeddingError.provider(endpoint: client.endpoint, reason: "the embedder was shut down")
        }
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            let batch = Array(texts[start..<min(start + batchSize, texts.count)])
            vectors += try await client.embed(batch, mode: mode, dimension: model.dimension)
        }
        return vectors
    }

    /// Ends this embedder: later ``embed(_:mode:)`` calls throw. Connections belong to
    /// the process-wide pool that every remote embedder shares, which stays up for the
    /// others, so there is nothing to wait for.
    public func shutdown() async throws {
        state.shutDown()
    }
}

/// Whether ``OpenAICompatibleEmbedder/shutdown()`` was called; safe from any task.
private final class ShutdownState: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    var isShutDown: Bool { lock.withLock { done } }

    func shutDown() { lock.withLock { done = true } }
}
