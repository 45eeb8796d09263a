import Foundation

/// One lake object a mart was built from, with the version that was read.
public struct LineageSource: Sendable, Codable, Equatable {
    /// The catalog table.
    public var table: String
    /// Where the object lives: the lake location joined with the key
    /// (`file:///data/lake/positions.parquet`, `s3://bank-lake/raw/positions.parquet`).
    public var uri: String
    /// The object store's ETag when it gives one.
    public var etag: String?
    /// The catalog's content hash of the table when it was scanned.
    public var contentHash: String?
    public var size: Int?
    /// The columns staged from it.
    public var columns: [String]

    public init(table: String, uri: String, etag: String?, contentHash: String?, size: Int?, columns: [String]) {
        self.table = table
        self.uri = uri
        self.etag = etag
        self.contentHash = contentHash
        self.size = size
        self.columns = columns
    }
}

/// Where one output column of a mart comes from and what was done to it.
public struct ColumnLineage: Sendable, Codable, Equatable {
    public var outputColumn: String
    /// `table.column` of every source column the value is computed from (filters excluded).
    public var sourceColumns: [String]
    /// How, in words close to SQL: `sum(positions.market_value)`,
    /// `mask_name(clients.short_name)`, `lower(mask_email(clients.email))`.
    public var transformation: String
    /// The masking function applied to a PII source on the way, if any.
    public var masking: MaskingRule?

    public init(outputColumn: String, sourceColumns: [String], transformation: String, masking: MaskingRule?) {
        self.outputColumn = outputColumn
        self.sourceColumns = sourceColumns
        self.transformation = transformation
        self.masking = masking
    }
}

/// A mart's lineage: the lake objects read, and per output column its sources and transformation.
public struct MartLineage: Sendable, Codable, Equatable {
    public var sources: [LineageSource]
    public var columns: [ColumnLineage]

    public init(sources: [LineageSource], columns: [ColumnLineage]) {
        self.sources = sources
        self.columns = columns
    }
}
