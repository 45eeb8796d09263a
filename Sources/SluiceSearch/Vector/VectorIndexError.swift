/// Why a vector index refused an input or a file.
public enum VectorIndexError: Error, Equatable, CustomStringConvertible {
    /// A vector or query whose length is not the index's dimension.
    case dimensionMismatch(expected: Int, actual: Int)
    /// An all-zero vector has no direction, so its cosine similarity is undefined.
    case zeroVector(id: String?)
    /// NaN or infinity would poison every comparison it takes part in.
    case nonFiniteValue(id: String?)
    /// A parameter outside its valid range (for example `m < 2`).
    case invalidParameter(String)
    /// A persisted index that cannot be read: the file, and what is wrong with it.
    case unreadableFile(path: String, reason: String)
    /// Saving an index failed; the previous file at `path`, if any, is left untouched.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(expected, actual):
            "vector has \(actual) values, the index expects \(expected)"
        case let .zeroVector(id):
            "vector\(id.map { " for '\($0)'" } ?? "") is all zeros: cosine similarity needs a direction"
        case let .nonFiniteValue(id):
            "vector\(id.map { " for '\($0)'" } ?? "") holds NaN or infinity"
        case let .invalidParameter(message):
            "invalid index parameter: \(message)"
        case let .unreadableFile(path, reason):
            "cannot load vector index \(path): \(reason)"
        case let .writeFailed(path, reason):
            "cannot save vector index \(path): \(reason)"
        }
    }
}
