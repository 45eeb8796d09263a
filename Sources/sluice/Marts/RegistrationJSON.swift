import SluiceCore
import SluiceGovernance

/// One registered version of a mart in `--json` outputs: everything the registry keeps.
struct RegistrationJSON: Encodable {
    var name: String
    var version: Int
    var is_current: Bool
    var dropped_at: String?
    var request_id: String
    var requester: String
    var role: String
    var question: String?
    var classification: String
    var grants: [String]
    var row_count: Int
    var created_at: String
    var masking: [String: String]
    var spec: AnyJSON
    var compiled_sql: String
    var lineage: Lineage

    struct Lineage: Encodable {
        var sources: [Source]
        var columns: [Column]
    }

    struct Source: Encodable {
        var table: String
        var uri: String
        var etag: String?
        var content_hash: String?
        var size: Int?
        var columns: [String]
    }

    struct Column: Encodable {
        var output_column: String
        var source_columns: [String]
        var transformation: String
        var masking: String?
    }

    init(_ registration: MartRegistration) {
        name = registration.name
        version = registration.version
        is_current = registration.isCurrent
        dropped_at = registration.droppedAt.map(AuditChain.timestamp)
        request_id = registration.requestID
        requester = registration.requester.user
        role = registration.requester.role.rawValue
        question = registration.question
        classification = registration.classification.rawValue
        grants = registration.grants.map(\.rawValue)
        row_count = registration.rowCount
        created_at = AuditChain.timestamp(registration.createdAt)
        masking = registration.masking.mapValues(\.rawValue)
        spec = (try? AnyJSON(parsing: registration.specJSON)) ?? .string(registration.specJSON)
        compiled_sql = registration.compiledSQL
        lineage = Lineage(
            sources: registration.lineage.sources.map {
                Source(table: $0.table, uri: $0.uri, etag: $0.etag, content_hash: $0.contentHash, size: $0.size, columns: $0.columns)
            },
            columns: registration.lineage.columns.map {
                Column(output_column: $0.outputColumn, source_columns: $0.sourceColumns, transformation: $0.transformation, masking: $0.masking?.rawValue)
            })
    }
}
