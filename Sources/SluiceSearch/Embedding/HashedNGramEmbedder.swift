/// The default embedder: offline, deterministic, no download.
///
/// It needs no model file and no network, so a fresh checkout can search its catalog at
/// once, and the same text gives the same vector on every machine and in every process,
/// so stored vectors stay valid until the algorithm itself changes. Meaning comes from
/// ``OfflineFeatures``: stemmed words, word pairs, character n-grams and concepts of a
/// banking thesaurus (``BusinessConcepts``), weighted differently for catalog documents
/// and for questions, folded into ``EmbeddingModel/dimension`` floats by signed feature
/// hashing (``FeatureHasher``). Vectors are unit length; a text with no content word at
/// all ("show me") gives the zero vector, which no index accepts and retrieval treats as
/// matching nothing.
///
/// ```swift
/// let embedder = HashedNGramEmbedder()
/// let documents = try await embedder.embed(CatalogDocument.documents(from: contents).map(\.text), mode: .document)
/// let question = try await embedder.embed(["exposure by sector"], mode: .query)[0]
/// ```
///
/// The model id is `sluice-hashed-ngram`; ``version`` changes whenever the vectors do
/// (features, weights, the analyzer's word lists, the thesaurus), so vectors of an older
/// algorithm are re-embedded, never mixed. A checksum test in `HashedNGramEmbedderTests`
/// fails on any such change until the version is bumped.
public struct HashedNGramEmbedder: Embedder {
    /// The algorithm version stored with every vector.
    public static let version = "1"

    public let model: EmbeddingModel
    public var batchSize: Int { 256 }

    public init(dimension: Int = 384) {
        precondition(dimension > 0, "an embedding has at least one dimension")
        model = EmbeddingModel(id: "sluice-hashed-ngram", version: Self.version, dimension: dimension)
    }

    public func embed(_ texts: [String], mode: EmbeddingMode) async throws -> [[Float]] {
        texts.map { vector($0, mode: mode) }
    }

    /// The unit vector of one text (zero when it has no content word); what
    /// ``embed(_:mode:)`` returns for each text, without the `async`.
    public func vector(_ text: String, mode: EmbeddingMode) -> [Float] {
        let raw = FeatureHasher(dimension: model.dimension).vector(OfflineFeatures.features(text, mode: mode))
        let norm = raw.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        guard norm > 0 else { return raw }
        return raw.map { Float(Double($0) / norm) }
    }
}
