import Foundation
import SluiceCore
import SluiceGovernance
import SluiceProvision

/// The compiled mart in `--json` outputs: every decision the policy took and the SQL.
struct CompiledJSON: Encodable {
    var mart: String
    var classification: String?
    var source_classifications: [String: String]
    var grants: [String]
    var sees_pii_in_clear: Bool
    /// Output column → masking function.
    var masking: [String: String]
    var policy_notes: [String]
    var sql: String
    var parameters: [AnyJSON]
    var dialect: String
    var staging: [Staging]
    var output_columns: [Output]

    struct Staging: Encodable {
        var table: String
        var staged_name: String
        var columns: [String]
    }

    struct Output: Encodable {
        var name: String
        var type: String
        var source_columns: [String]
        var transformation: String
        var masking: String?
    }

    init(_ compiled: CompiledMart) {
        mart = compiled.tableName
        classification = compiled.decision.classification?.rawValue
        source_classifications = compiled.decision.sourceClassifications.mapValues(\.rawValue)
        grants = compiled.decision.grants.map(\.rawValue)
        sees_pii_in_clear = compiled.decision.seesPIIInClear
        masking = compiled.masking.mapValues(\.rawValue)
        policy_notes = compiled.policyNotes
        sql = compiled.selectSQL
        parameters = compiled.parameters.map(Self.json)
        dialect = compiled.dialect
        staging = compiled.staging.map { Staging(table: $0.sourceTable, staged_name: $0.stagedName, columns: $0.columns.map(\.name)) }
        output_columns = compiled.outputColumns.map {
            Output(name: $0.name, type: $0.type.rawValue, source_columns: $0.lineage.sourceColumns,
                   transformation: $0.lineage.transformation, masking: $0.lineage.masking?.rawValue)
        }
    }

    static func json(_ literal: MartLiteral) -> AnyJSON {
        switch literal {
        case let .string(text): .string(text)
        case let .integer(number): .integer(number)
        case let .double(number): .number(number)
        case let .boolean(flag): .bool(flag)
        case .null: .null
        }
    }
}

/// How a request ended, in `--json` outputs.
struct OutcomeJSON: Encodable {
    var request_id: String
    var status: String
    var dry_run: Bool
    var error: String?
    var failed_step: String?
    var classification: String?
    var mart: String?
    var version: Int?
    var row_count: Int?
    var rows_staged: [String: Int]
    var grants: [String]
    var audit_sequence: Int64?
    var audit_entry_hash: String?

    init(_ outcome: ProvisionOutcome) {
        request_id = outcome.requestID
        status = outcome.status.rawValue
        dry_run = outcome.dryRun
        error = outcome.error
        failed_step = outcome.failedStep?.rawValue
        // A refusal carries no compiled mart; the level it was refused at is in its audit record.
        classification = (outcome.compiled?.decision.classification ?? outcome.auditEntry?.decodedRecord?.classification)?.rawValue
        mart = outcome.registration?.name ?? outcome.compiled?.tableName
        version = outcome.registration?.version
        row_count = outcome.rowCount
        rows_staged = outcome.rowsStaged
        grants = outcome.grants
        audit_sequence = outcome.auditEntry?.sequence
        audit_entry_hash = outcome.auditEntry?.entryHash
    }
}

/// Rows as JSON: each row an array of plain values (null, number, string; a blob as
/// `{"base64": "…"}`), in column order.
struct QueryResultJSON: Encodable {
    var columns: [String]
    var rows: [[AnyJSON]]
    var truncated: Bool

    init(_ result: QueryResult) {
        columns = result.columns
        rows = result.rows.map { $0.map(Self.json) }
        truncated = result.truncated
    }

    static func json(_ value: QueryValue) -> AnyJSON {
        switch value {
        case .null: .null
        case let .integer(number): .integer(number)
        case let .real(number): .number(number)
        case let .text(text): .string(text)
        case let .blob(bytes): .object(["base64": .string(Data(bytes).base64EncodedString())])
        }
    }
}
