import SluiceCore
import SluiceGovernance

/// One audit entry as `sluice audit list --json` and `audit show --json` print it: every field
/// of the record, the mart spec as a JSON value, and the two hashes that chain the entry.
///
/// An entry whose record no longer decodes (it was edited outside Sluice) still prints, with
/// its raw text in `record_json` and the decoding problem in `unreadable`, so that a damaged
/// log can be inspected with the tool that reports the damage.
struct AuditEntryJSON: Encodable {
    var sequence: Int64
    var request_id: String?
    var requested_at: String?
    var requester: String?
    var role: String?
    var status: String?
    var question: String?
    var search_results: [String]?
    var mart_spec: AnyJSON?
    var compiled_sql: [String]?
    var classification: String?
    var masking: [String: String]?
    var grants: [String]?
    var error: String?
    var row_count: Int?
    var timings_ms: [String: Double]?
    var previous_hash: String
    var entry_hash: String
    var record_json: String?
    var unreadable: String?

    init(_ entry: AuditEntry) {
        sequence = entry.sequence
        previous_hash = entry.previousHash
        entry_hash = entry.entryHash
        let record: AuditRecord
        do {
            record = try entry.record()
        } catch {
            record_json = entry.recordJSON
            unreadable = "the record does not decode: \(error)"
            return
        }
        request_id = record.requestID
        requested_at = AuditChain.timestamp(record.requestedAt)
        requester = record.requester
        role = record.role
        status = record.status.rawValue
        question = record.question
        search_results = record.searchResults
        // The spec is JSON text in the record; embedded as a value it reads like the rest.
        mart_spec = record.martSpec.map { text in (try? AnyJSON(parsing: text)) ?? .string(text) }
        compiled_sql = record.compiledSQL
        classification = record.classification?.rawValue
        masking = record.masking
        grants = record.grants
        error = record.error
        row_count = record.rowCount
        timings_ms = record.timingsMs
    }
}
