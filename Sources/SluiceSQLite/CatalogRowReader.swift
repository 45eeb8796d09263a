import Foundation
import GRDB
import SluiceCatalog
import SluiceGovernance

/// Reads the `catalog` schema back into catalog values, in the order ``SluiceCatalog/CatalogStore``
/// promises: tables by name, columns by table and position, relationships by their four
/// names, KPI patterns by id, names compared as UTF-8 bytes (SQLite's `BINARY` collation).
///
/// A value the model cannot hold (an enumeration case this build does not know, a
/// malformed JSON list or sketch) is reported with the table, row and field it was in,
/// rather than dropped or defaulted.
struct CatalogRowReader {
    let db: Database
    /// The catalog file, for error messages.
    let location: String
    private let decoder = JSONDecoder()

    init(db: Database, location: String) {
        self.db = db
        self.location = location
    }

    func contents() throws -> CatalogContents {
        CatalogContents(tables: try tables(), columns: try columns(), relationships: try relationships(), kpiPatterns: try kpiPatterns())
    }

    func tables() throws -> [TableMetadata] {
        try Row.fetchAll(db, sql: "SELECT * FROM catalog.table_metadata ORDER BY table_name").map(table(from:))
    }

    func columns() throws -> [ColumnMetadata] {
        try Row.fetchAll(db, sql: "SELECT * FROM catalog.column_metadata ORDER BY table_name, ordinal_position").map(column(from:))
    }

    func relationships() throws -> [RelationshipMetadata] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM catalog.relationship_metadata ORDER BY from_table, from_column, to_table, to_column
            """).map(relationship(from:))
    }

    func kpiPatterns() throws -> [KPIPattern] {
        try Row.fetchAll(db, sql: "SELECT * FROM catalog.kpi_patterns ORDER BY id").map(kpiPattern(from:))
    }

    /// One column's row, or `nil` when the table has no such column.
    func column(_ reference: ColumnReference) throws -> ColumnMetadata? {
        try Row.fetchOne(db, sql: "SELECT * FROM catalog.column_metadata WHERE table_name = ? AND column_name = ?",
                         arguments: [reference.table, reference.column]).map(column(from:))
    }

    private func table(from row: Row) throws -> TableMetadata {
        let name: String = try row.decode(forColumn: "table_name")
        let place = Place(location: location, table: "table_metadata", row: String(reflecting: name))
        let scannedText: String = try row.decode(forColumn: "scanned_at")
        guard let scannedAt = SQLiteTimestamp.date(from: scannedText) else {
            throw place.error("scanned_at", "\(String(reflecting: scannedText)) is not a timestamp like 2024-01-31T08:15:02.125Z")
        }
        return TableMetadata(
            name: name,
            lakePath: try row.decode(forColumn: "lake_path"),
            lakeURI: try row.decode(forColumn: "lake_uri"),
            format: try row.decode(forColumn: "format"),
            rowCount: try row.decode(forColumn: "row_count"),
            fileSize: try row.decode(forColumn: "file_size"),
            partitionKeys: try json([String].self, row, "partition_keys", place),
            objects: try json([LakeObjectRef].self, row, "objects", place),
            contentHash: try row.decode(forColumn: "content_hash"),
            classification: try enumeration(Classification.self, row, "classification", place),
            classificationSource: try enumeration(ClassificationSource.self, row, "classification_source", place),
            classificationReason: try row.decode(forColumn: "classification_reason"),
            detailBI: try row.decode(forColumn: "detail_bi"),
            detailAgent: try row.decode(forColumn: "detail_agent"),
            metadataText: try row.decode(forColumn: "metadata_text"),
            lifecycle: try enumeration(DatasetLifecycle.self, row, "lifecycle", place),
            needsEmbedding: try row.decode(forColumn: "needs_embedding"),
            scannedAt: scannedAt)
    }

    private func column(from row: Row) throws -> ColumnMetadata {
        let tableName: String = try row.decode(forColumn: "table_name")
        let columnName: String = try row.decode(forColumn: "column_name")
        let place = Place(location: location, table: "column_metadata",
                          row: "\(String(reflecting: tableName)).\(String(reflecting: columnName))")

        var profile = ColumnProfile(
            rowCount: try row.decode(forColumn: "row_count"),
            profiledRows: try row.decode(forColumn: "profiled_rows"),
            nullCount: try row.decode(forColumn: "null_count"),
            distinctCount: try row.decode(forColumn: "distinct_count"),
            distinctMethod: try enumeration(DistinctCountMethod.self, row, "distinct_method", place),
            min: try row.decode(forColumn: "min_value"),
            max: try row.decode(forColumn: "max_value"),
            minMaxSource: try optionalEnumeration(StatisticSource.self, row, "min_max_source", place),
            samples: try json([String].self, row, "samples", place),
            topValues: try json([ValueFrequency].self, row, "top_values", place),
            averageLength: try row.decode(forColumn: "average_length"),
            isUnique: try row.decode(forColumn: "is_unique"))
        // Stored rather than recomputed: the saved value is what the scan decided.
        profile.nullFraction = try row.decode(forColumn: "null_fraction")

        let pii = PIIVerdict(
            isPII: try row.decode(forColumn: "is_pii"),
            kind: try optionalEnumeration(PIIKind.self, row, "pii_kind", place),
            recognizer: try row.decode(forColumn: "pii_recognizer"),
            score: try row.decode(forColumn: "pii_score"),
            matchedFraction: try row.decode(forColumn: "pii_matched_fraction"),
            reason: try row.decode(forColumn: "pii_reason"),
            status: try enumeration(ReviewStatus.self, row, "pii_status", place))

        var domain = SemanticDomain(
            name: try row.decode(forColumn: "domain_name"),
            confidence: try row.decode(forColumn: "domain_confidence"),
            evidence: try row.decode(forColumn: "domain_evidence"))
        domain.band = try enumeration(ConfidenceBand.self, row, "domain_band", place)

        return ColumnMetadata(
            table: tableName,
            name: columnName,
            position: try row.decode(forColumn: "ordinal_position"),
            dataType: try row.decode(forColumn: "data_type"),
            isNullable: try row.decode(forColumn: "is_nullable"),
            isPartitionKey: try row.decode(forColumn: "is_partition_key"),
            profile: profile,
            pii: pii,
            maskingRule: try optionalEnumeration(MaskingRule.self, row, "masking_rule", place),
            domain: domain,
            keySketch: try keySketch(row, place),
            detailBI: try row.decode(forColumn: "detail_bi"),
            detailAgent: try row.decode(forColumn: "detail_agent"),
            metadataText: try row.decode(forColumn: "metadata_text"))
    }

    private func relationship(from row: Row) throws -> RelationshipMetadata {
        let fromTable: String = try row.decode(forColumn: "from_table")
        let fromColumn: String = try row.decode(forColumn: "from_column")
        let toTable: String = try row.decode(forColumn: "to_table")
        let toColumn: String = try row.decode(forColumn: "to_column")
        let place = Place(location: location, table: "relationship_metadata", row: "\(fromTable).\(fromColumn) → \(toTable).\(toColumn)")
        return RelationshipMetadata(
            fromTable: fromTable, fromColumn: fromColumn, toTable: toTable, toColumn: toColumn,
            confidence: try row.decode(forColumn: "confidence"),
            source: try enumeration(RelationshipSource.self, row, "source", place),
            status: try enumeration(ReviewStatus.self, row, "status", place),
            evidence: try row.decode(forColumn: "evidence"),
            detailBI: try row.decode(forColumn: "detail_bi"),
            metadataText: try row.decode(forColumn: "metadata_text"))
    }

    private func kpiPattern(from row: Row) throws -> KPIPattern {
        let id: String = try row.decode(forColumn: "id")
        let place = Place(location: location, table: "kpi_patterns", row: String(reflecting: id))
        return KPIPattern(
            id: id,
            name: try row.decode(forColumn: "name"),
            description: try row.decode(forColumn: "description"),
            tables: try json([String].self, row, "table_names", place),
            template: try row.decode(forColumn: "sql_template"),
            metadataText: try row.decode(forColumn: "metadata_text"),
            martTemplate: try row.decode(forColumn: "mart_template"))
    }

    private func keySketch(_ row: Row, _ place: Place) throws -> KeySketch? {
        let capacity: Int? = try row.decode(forColumn: "key_sketch_capacity")
        let blob: Data? = try row.decode(forColumn: "key_sketch")
        switch (capacity, blob) {
        case (nil, nil):
            return nil
        case let (capacity?, blob?):
            guard let hashes = KeySketchBlob.hashes(from: blob) else {
                throw place.error("key_sketch", "\(blob.count) bytes is not a whole number of 8-byte hashes")
            }
            return KeySketch(capacity: capacity, hashes: hashes)
        default:
            throw place.error("key_sketch", "key_sketch and key_sketch_capacity must be both null or both set")
        }
    }

    private func enumeration<Value: RawRepresentable>(_ type: Value.Type, _ row: Row, _ field: String, _ place: Place) throws -> Value
    where Value.RawValue == String {
        let text: String = try row.decode(forColumn: field)
        guard let value = Value(rawValue: text) else {
            throw place.error(field, "\(String(reflecting: text)) is not a \(Value.self) this build knows")
        }
        return value
    }

    private func optionalEnumeration<Value: RawRepresentable>(_ type: Value.Type, _ row: Row, _ field: String, _ place: Place) throws -> Value?
    where Value.RawValue == String {
        let text: String? = try row.decode(forColumn: field)
        return try text.map { _ in try enumeration(type, row, field, place) }
    }

    private func json<Value: Decodable>(_ type: Value.Type, _ row: Row, _ field: String, _ place: Place) throws -> Value {
        let text: String = try row.decode(forColumn: field)
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw place.error(field, "\(String(reflecting: text)) is not the JSON list expected here (\(error))")
        }
    }
}

/// A row of a catalog table, for messages: `catalog.column_metadata "orders"."email": pii_kind …`.
private struct Place {
    let location: String
    let table: String
    let row: String

    func error(_ field: String, _ reason: String) -> CatalogError {
        .store(location: location, reason: "catalog.\(table) row \(row): \(field) \(reason)")
    }
}
