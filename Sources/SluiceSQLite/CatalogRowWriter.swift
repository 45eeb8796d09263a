import Foundation
import GRDB
import SluiceCatalog

/// Writes catalog values as rows of the `catalog` schema (see ``DatabaseSchema/catalog``),
/// inside a transaction the caller owns.
///
/// Each insert that fails is reported as a ``SluiceCatalog/CatalogError/store(location:reason:)``
/// naming the table, column, relationship or KPI pattern it was writing, so a rejected
/// scan says which part of it was wrong; the caller's rollback keeps the old catalog.
struct CatalogRowWriter {
    let db: Database
    /// The catalog file, for error messages.
    let location: String
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(db: Database, location: String) {
        self.db = db
        self.location = location
    }

    /// Removes every row of the four catalog tables.
    func deleteAll() throws {
        for table in ["column_metadata", "relationship_metadata", "kpi_patterns", "table_metadata"] {
            try db.execute(sql: "DELETE FROM catalog.\(table)")
        }
    }

    func insert(_ table: TableMetadata) throws {
        let subject = "table \(String(reflecting: table.name))"
        guard let scannedAt = SQLiteTimestamp.text(for: table.scannedAt) else {
            throw failure(subject, "scanned_at \(table.scannedAt) is outside the years 0001–9999")
        }
        let arguments: StatementArguments = [
            table.name, table.lakePath, table.lakeURI, table.format, table.rowCount, table.fileSize,
            try json(table.partitionKeys), try json(table.objects), table.contentHash,
            table.classification.rawValue, table.classificationSource.rawValue, table.classificationReason,
            table.detailBI, table.detailAgent, table.metadataText, table.lifecycle.rawValue, table.needsEmbedding,
            scannedAt,
        ]
        try execute("""
            INSERT INTO catalog.table_metadata (
                table_name, lake_path, lake_uri, format, row_count, file_size,
                partition_keys, objects, content_hash,
                classification, classification_source, classification_reason,
                detail_bi, detail_agent, metadata_text, lifecycle, needs_embedding,
                scanned_at
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments, subject: subject, duplicate: "appears more than once in the new catalog")
    }

    func insert(_ column: ColumnMetadata) throws {
        let subject = "column \(String(reflecting: column.table)).\(String(reflecting: column.name))"
        let profile = column.profile
        let arguments: StatementArguments = [
            column.table, column.name, column.position, column.dataType, column.isNullable, column.isPartitionKey,
            profile.rowCount, profile.profiledRows, profile.nullCount, profile.nullFraction,
            profile.distinctCount, profile.distinctMethod.rawValue, profile.min, profile.max, profile.minMaxSource?.rawValue,
            try json(profile.samples), try json(profile.topValues), profile.averageLength, profile.isUnique,
            column.pii.isPII, column.pii.kind?.rawValue, column.pii.recognizer, column.pii.score,
            column.pii.matchedFraction, column.pii.reason, column.pii.status.rawValue,
            column.maskingRule?.rawValue,
            column.domain.name, column.domain.confidence, column.domain.band.rawValue, column.domain.evidence,
            column.keySketch?.capacity, column.keySketch.map(KeySketchBlob.data(for:)),
            column.detailBI, column.detailAgent, column.metadataText,
        ]
        try execute("""
            INSERT INTO catalog.column_metadata (
                table_name, column_name, ordinal_position, data_type, is_nullable, is_partition_key,
                row_count, profiled_rows, null_count, null_fraction,
                distinct_count, distinct_method, min_value, max_value, min_max_source,
                samples, top_values, average_length, is_unique,
                is_pii, pii_kind, pii_recognizer, pii_score,
                pii_matched_fraction, pii_reason, pii_status,
                masking_rule,
                domain_name, domain_confidence, domain_band, domain_evidence,
                key_sketch_capacity, key_sketch,
                detail_bi, detail_agent, metadata_text
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments, subject: subject, duplicate: "appears more than once in the new catalog",
            uniqueConflict: "has position \(column.position), which another column of its table already has",
            // A repeated column breaks both keys, and SQLite may report either: look, to say which.
            isDuplicate: {
                try Bool.fetchOne(self.db, sql: "SELECT EXISTS (SELECT 1 FROM catalog.column_metadata WHERE table_name = ? AND column_name = ?)",
                                  arguments: [column.table, column.name]) ?? false
            },
            missingParent: "its table \(String(reflecting: column.table)) is not in the new catalog")
    }

    func insert(_ relationship: RelationshipMetadata) throws {
        let arguments: StatementArguments = [
            relationship.fromTable, relationship.fromColumn, relationship.toTable, relationship.toColumn,
            relationship.confidence, relationship.source.rawValue, relationship.status.rawValue, relationship.evidence,
            relationship.detailBI, relationship.metadataText,
        ]
        try execute("""
            INSERT INTO catalog.relationship_metadata (
                from_table, from_column, to_table, to_column,
                confidence, source, status, evidence, detail_bi, metadata_text
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments, subject: "relationship \(relationship.description)", duplicate: "appears more than once in the new catalog")
    }

    func insert(_ pattern: KPIPattern) throws {
        // Asked of SQLite itself, so the test is the column's own CHECK and the message can say which field.
        if let template = pattern.martTemplate, try Bool.fetchOne(db, sql: "SELECT json_valid(?)", arguments: [template]) != true {
            throw failure("KPI pattern \(String(reflecting: pattern.id))", "its mart template is not JSON text (an object of mart spec fields)")
        }
        let arguments: StatementArguments = [
            pattern.id, pattern.name, pattern.description, try json(pattern.tables), pattern.template, pattern.metadataText,
            pattern.martTemplate,
        ]
        try execute("""
            INSERT INTO catalog.kpi_patterns (id, name, description, table_names, sql_template, metadata_text, mart_template)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments, subject: "KPI pattern \(String(reflecting: pattern.id))", duplicate: "appears more than once in the new catalog")
    }

    /// Runs one insert, translating a constraint failure into a sentence about `subject`.
    ///
    /// `duplicate` explains a primary key clash, `uniqueConflict` a clash on another unique
    /// key (unless `isDuplicate` finds the primary key taken too), `missingParent` a foreign
    /// key naming a row that does not exist.
    private func execute(_ sql: String, _ arguments: StatementArguments, subject: String, duplicate: String,
                         uniqueConflict: String? = nil, isDuplicate: () throws -> Bool = { false },
                         missingParent: String? = nil) throws {
        do {
            try db.cachedStatement(sql: sql).execute(arguments: arguments)
        } catch let error as DatabaseError {
            let explanation = switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_PRIMARYKEY: duplicate
            case .SQLITE_CONSTRAINT_UNIQUE: try isDuplicate() ? duplicate : uniqueConflict ?? duplicate
            case .SQLITE_CONSTRAINT_FOREIGNKEY: missingParent ?? (error.message ?? "\(error)")
            default: "was refused: \(error.message ?? "\(error)")"
            }
            throw failure(subject, explanation)
        }
    }

    private func failure(_ subject: String, _ explanation: String) -> CatalogError {
        .store(location: location, reason: "\(subject): \(explanation); the catalog was left unchanged")
    }

    private func json<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
