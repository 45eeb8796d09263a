import SluiceCatalog

/// CONTRACT — owned by the retrieval helper; replace this body entirely.
///
/// The searchable form of one catalog for one embedding model: per item kind a vector
/// index over stored embeddings and a BM25 index over metadata text.
public final class CatalogSearchIndex: @unchecked Sendable {
    /// The model whose vectors the index holds; `nil` for a lexical-only index.
    public let model: EmbeddingModel?

    /// Builds the index. `embeddings` must all be of `model` (else
    /// ``EmbeddingError/modelMismatch(expected:found:)``); documents without a vector are
    /// still searchable lexically.
    public init(contents: CatalogContents, embeddings: [StoredEmbedding], model: EmbeddingModel?) throws {
        fatalError("contract")
    }

    /// Ranks every kind for `question`. `queryVector` is the question embedded in
    /// ``EmbeddingMode/query`` mode by `model`; it is required unless `options.mode` is
    /// ``RetrievalMode/lexical``.
    public func retrieve(question: String, queryVector: [Float]?, options: RetrievalOptions) throws -> RetrievalResult {
        fatalError("contract")
    }
}
