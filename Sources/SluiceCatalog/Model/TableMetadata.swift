import Foundation
import SluiceGovernance

/// One object of the lake that a dataset is made of, as listed when it was scanned.
public struct LakeObjectRef: Sendable, Codable, Equatable {
    /// Key relative to the lake root.
    public var key: String
    public var size: Int
    /// ETag from S3, or the folder store's hash of size, modification time and inode.
    public var etag: String?

    public init(key: String, size: Int, etag: String?) {
        self.key = key
        self.size = size
        self.etag = etag
    }
}

/// Whether a dataset is still in the lake.
public enum DatasetLifecycle: String, Sendable, Codable {
    case active
    /// Its objects were gone at the last scan; kept so that history and lineage still resolve.
    case removed
}

/// Who set a table's classification.
public enum ClassificationSource: String, Sendable, Codable {
    /// From an annotations file.
    case annotation
    /// Set with `sluice catalog classify`; kept across scans and over annotations.
    case manual
    /// Suggested by the rules (PII present ⇒ at least internal, configured lists).
    case suggested
}

/// One dataset of the lake (a file, or a folder of part files) as the catalog knows it.
/// Table names are unique in a catalog.
public struct TableMetadata: Sendable, Codable, Equatable {
    /// SQL-safe name: `orders` for `orders.parquet` or `orders/part-00000.parquet`.
    public var name: String
    /// The file key or the folder prefix (ending in `/`) relative to the lake root.
    public var lakePath: String
    /// The lake the dataset was scanned from (`file:///…` or `s3://…`).
    public var lakeURI: String
    /// `parquet`, `csv`, `tsv` or `json` (a ``LakeFileFormat`` raw value).
    public var format: String
    public var rowCount: Int
    /// Bytes of all objects together.
    public var fileSize: Int
    /// Hive-style `key=value` folder names, outermost first.
    public var partitionKeys: [String]
    public var objects: [LakeObjectRef]
    /// SHA-256 hex over the sorted objects' keys, sizes and ETags: equal means unchanged.
    public var contentHash: String
    public var classification: Classification
    public var classificationSource: ClassificationSource
    /// Why this level: "annotation file demo-lake.yaml" or "PII present (clients.email) ⇒ at least internal".
    public var classificationReason: String
    /// The business description, from annotations.
    public var detailBI: String?
    /// Generated from the statistics: "515 rows, 15 columns. side: 3 distinct (BUY, SELL, SHRT). …".
    public var detailAgent: String
    /// What search embeds and indexes: schema summary + detail_bi + detail_agent.
    public var metadataText: String
    public var lifecycle: DatasetLifecycle
    /// Set when ``metadataText`` changed since the search index last embedded it.
    public var needsEmbedding: Bool
    public var scannedAt: Date

    public init(name: String, lakePath: String, lakeURI: String, format: String, rowCount: Int, fileSize: Int,
                partitionKeys: [String] = [], objects: [LakeObjectRef], contentHash: String,
                classification: Classification = .internal, classificationSource: ClassificationSource = .suggested,
                classificationReason: String = "", detailBI: String? = nil, detailAgent: String = "",
                metadataText: String = "", lifecycle: DatasetLifecycle = .active, needsEmbedding: Bool = true,
                scannedAt: Date) {
        self.name = name
        self.lakePath = lakePath
        self.lakeURI = lakeURI
        self.format = format
        self.rowCount = rowCount
        self.fileSize = fileSize
        self.partitionKeys = partitionKeys
        self.objects = objects
        self.contentHash = contentHash
        self.classification = classification
        self.classificationSource = classificationSource
        self.classificationReason = classificationReason
        self.detailBI = detailBI
        self.detailAgent = detailAgent
        self.metadataText = metadataText
        self.lifecycle = lifecycle
        self.needsEmbedding = needsEmbedding
        self.scannedAt = scannedAt
    }
}
