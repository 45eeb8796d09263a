/// CONTRACT — owned by the provider helper; replace this body entirely.
public struct OpenAIEmbeddingConfiguration: Sendable, Equatable {
    /// Base URL up to `/v1`: `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (Ollama).
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    /// Requested (OpenAI's `dimensions`) and expected vector length; probed when `nil`.
    public var dimensions: Int?
    public var batchSize: Int

    public init(baseURL: String, model: String, apiKey: String? = nil, dimensions: Int? = nil, batchSize: Int = 64) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.dimensions = dimensions
        self.batchSize = batchSize
    }
}

public final class OpenAICompatibleEmbedder: Embedder {
    public let model: EmbeddingModel
    public let batchSize: Int

    public static func connect(_ configuration: OpenAIEmbeddingConfiguration,
                               callLog: (@Sendable (EmbeddingCallRecord) async -> Void)?) async throws -> OpenAICompatibleEmbedder {
        fatalError("contract")
    }

    private init() { fatalError("contract") }

    public func embed(_ texts: [String], mode: EmbeddingMode) async throws -> [[Float]] {
        fatalError("contract")
    }

    public func shutdown() async throws {}
}
