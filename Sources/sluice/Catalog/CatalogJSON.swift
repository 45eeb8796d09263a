import SluiceCatalog

/// The `--json` shapes of the catalog commands: snake_case keys, one object per item,
/// stable across versions (fields are added, never renamed).
struct TableJSON: Encodable {
    var table: String
    var lake_path: String
    var lake_uri: String
    var format: String
    var row_count: Int
    var file_size: Int
    var file_count: Int
    var partition_keys: [String]
    var content_hash: String
    var column_count: Int
    var pii_columns: [String]
    var classification: String
    var classification_source: String
    var classification_reason: String
    var lifecycle: String
    var needs_embedding: Bool
    var detail_bi: String?
    var detail_agent: String
    var scanned_at: String

    init(_ table: TableMetadata, columns: [ColumnMetadata]) {
        self.table = table.name
        lake_path = table.lakePath
        lake_uri = table.lakeURI
        format = table.format
        row_count = table.rowCount
        file_size = table.fileSize
        file_count = table.objects.count
        partition_keys = table.partitionKeys
        content_hash = table.contentHash
        column_count = columns.count
        pii_columns = columns.filter(\.pii.effectiveIsPII).map(\.name)
        classification = table.classification.rawValue
        classification_source = table.classificationSource.rawValue
        classification_reason = table.classificationReason
        lifecycle = table.lifecycle.rawValue
        needs_embedding = table.needsEmbedding
        detail_bi = table.detailBI
        detail_agent = table.detailAgent
        scanned_at = table.scannedAt.formatted(.iso8601)
    }
}

struct ColumnJSON: Encodable {
    var table: String
    var column: String
    var position: Int
    var type: String
    var nullable: Bool
    var partition_key: Bool
    var is_pii: Bool
    var pii_status: String
    var pii_kind: String?
    var pii_recognizer: String?
    var pii_score: Double
    var pii_matched_fraction: Double
    var pii_reason: String
    var masking_rule: String?
    var domain: String
    var domain_confidence: Double
    var domain_band: String
    var domain_evidence: String
    var classification: String?
    var row_count: Int
    var null_fraction: Double
    var distinct_count: Int
    var distinct_method: String
    var min: String?
    var max: String?
    var samples: [String]
    var top_values: [ValueFrequency]
    var average_length: Double?
    var detail_bi: String?
    var detail_agent: String

    init(_ column: ColumnMetadata, table: TableMetadata?) {
        self.table = column.table
        self.column = column.name
        position = column.position
        type = column.dataType
        nullable = column.isNullable
        partition_key = column.isPartitionKey
        is_pii = column.pii.effectiveIsPII
        pii_status = column.pii.status.rawValue
        pii_kind = column.pii.kind?.rawValue
        pii_recognizer = column.pii.recognizer
        pii_score = column.pii.score
        pii_matched_fraction = column.pii.matchedFraction
        pii_reason = column.pii.reason
        masking_rule = column.maskingRule?.rawValue
        domain = column.domain.name
        domain_confidence = column.domain.confidence
        domain_band = column.domain.band.rawValue
        domain_evidence = column.domain.evidence
        classification = table?.classification.rawValue
        row_count = column.profile.rowCount
        null_fraction = column.profile.nullFraction
        distinct_count = column.profile.distinctCount
        distinct_method = column.profile.distinctMethod.rawValue
        min = column.profile.min
        max = column.profile.max
        samples = column.profile.samples
        top_values = column.profile.topValues
        average_length = column.profile.averageLength
        detail_bi = column.detailBI
        detail_agent = column.detailAgent
    }
}

struct RelationshipJSON: Encodable {
    var from_table: String
    var from_column: String
    var to_table: String
    var to_column: String
    var confidence: Double
    var source: String
    var status: String
    var evidence: String
    var detail_bi: String?

    init(_ relationship: RelationshipMetadata) {
        from_table = relationship.fromTable
        from_column = relationship.fromColumn
        to_table = relationship.toTable
        to_column = relationship.toColumn
        confidence = relationship.confidence
        source = relationship.source.rawValue
        status = relationship.status.rawValue
        evidence = relationship.evidence
        detail_bi = relationship.detailBI
    }
}

struct KPIPatternJSON: Encodable {
    var id: String
    var name: String
    var description: String
    var tables: [String]
    var template: String

    init(_ pattern: KPIPattern) {
        id = pattern.id
        name = pattern.name
        description = pattern.description
        tables = pattern.tables
        template = pattern.template
    }
}
