/// The outcome of one scan: what changed in the catalog and what it cost.
/// `sluice scan --json` prints it as is.
public struct ScanSummary: Sendable, Codable, Equatable {
    /// The lake that was scanned.
    public var lake: String
    /// The catalog that was written.
    public var catalog: String
    public var objectsListed: Int
    /// Datasets that could not be read; their previous catalog entries, if any, are kept.
    public var failed: [DatasetFailure]
    /// Datasets found now, by what happened to them.
    public var added: [String]
    public var changed: [String]
    public var unchanged: [String]
    /// Datasets that were in the catalog and are gone from the lake (kept, marked removed).
    public var removed: [String]
    /// Objects that are not part of any dataset, with the reason.
    public var skippedObjects: [SkippedObjectSummary]
    public var tables: Int
    public var columns: Int
    public var piiColumns: Int
    public var relationships: Int
    public var kpiPatterns: Int
    /// Tables whose metadata text changed and must be embedded again.
    public var needsEmbedding: [String]
    /// The annotations applied (file path or built-in name), if any.
    public var annotations: String?
    /// Problems that did not stop the scan: annotations naming unknown tables, and the like.
    public var warnings: [String]
    /// Rows whose data was read (footers answer the rest).
    public var rowsRead: Int
    /// Bytes the lake returned, and requests made to it.
    public var bytesRead: Int
    public var requests: Int
    public var milliseconds: Int

    public struct DatasetFailure: Sendable, Codable, Equatable {
        public var dataset: String
        public var error: String

        public init(dataset: String, error: String) {
            self.dataset = dataset
            self.error = error
        }
    }

    public struct SkippedObjectSummary: Sendable, Codable, Equatable {
        public var key: String
        public var reason: String

        public init(key: String, reason: String) {
            self.key = key
            self.reason = reason
        }
    }
}
