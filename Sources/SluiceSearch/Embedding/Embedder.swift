/// Which side of an asymmetric search a text is on.
///
/// Catalog metadata (long, schema-like documents) and analysts' questions (short, in
/// business words) are embedded differently: a model may prefix them differently
/// (`search_document:` / `search_query:`) or expand a question's words with synonyms that
/// would only add noise to a document.
public enum EmbeddingMode: String, Sendable, Codable, CaseIterable {
    case document
    case query
}

/// The identity of the vectors an embedder makes: vectors from two different models (or
/// two versions of one) are not comparable, so every stored vector carries this and an
/// index only ever holds one model's vectors.
public struct EmbeddingModel: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `sluice-hashed-ngram`, `text-embedding-3-small`, `nomic-embed-text`, …
    public var id: String
    /// What changes when the same id starts making different vectors: the offline
    /// embedder's algorithm version, or the provider's base URL for a remote model.
    public var version: String
    /// Length of every vector.
    public var dimension: Int

    public init(id: String, version: String, dimension: Int) {
        self.id = id
        self.version = version
        self.dimension = dimension
    }

    /// `sluice-hashed-ngram@1 (384 dimensions)`.
    public var description: String { "\(id)@\(version) (\(dimension) dimensions)" }
}

/// Turns texts into vectors for ``VectorIndex``.
///
/// Implementations return one vector of ``EmbeddingModel/dimension`` floats per input
/// text, in input order; vectors need not be normalized (indexes normalize them).
/// They see catalog metadata text and questions only, never lake data.
public protocol Embedder: Sendable {
    var model: EmbeddingModel { get }
    /// The largest number of texts one ``embed(_:mode:)`` call should carry.
    var batchSize: Int { get }
    func embed(_ texts: [String], mode: EmbeddingMode) async throws -> [[Float]]
}

/// Why embedding failed; each case names the model or provider at fault.
public enum EmbeddingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The provider configuration is unusable: which setting and why.
    case configuration(setting: String, reason: String)
    /// The provider answered with an error or could not be reached.
    case provider(endpoint: String, reason: String)
    /// The provider's answer does not fit the request (count or dimension).
    case unexpectedResponse(endpoint: String, reason: String)
    /// Stored vectors were made by another model than the one asked to search them.
    case modelMismatch(expected: EmbeddingModel, found: EmbeddingModel)
    /// A stored or produced vector has the wrong length.
    case dimensionMismatch(item: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .configuration(setting, reason):
            "embedding setting \(setting): \(reason)"
        case let .provider(endpoint, reason):
            "embedding provider \(endpoint): \(reason)"
        case let .unexpectedResponse(endpoint, reason):
            "embedding provider \(endpoint) answered unexpectedly: \(reason)"
        case let .modelMismatch(expected, found):
            "vectors of \(found) cannot be searched with \(expected); run `sluice embed` to re-embed the catalog"
        case let .dimensionMismatch(item, expected, found):
            "vector of \(item) has \(found) dimensions where the model makes \(expected)"
        }
    }
}
