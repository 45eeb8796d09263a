/// CONTRACT — owned by the retrieval helper; replace this body entirely.
///
/// The default embedder: offline, deterministic, no download.
public struct HashedNGramEmbedder: Embedder {
    public let model: EmbeddingModel
    public var batchSize: Int { 256 }

    public init(dimension: Int = 384) {
        model = EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: dimension)
    }

    public func embed(_ texts: [String], mode: EmbeddingMode) async throws -> [[Float]] {
        fatalError("contract")
    }
}
