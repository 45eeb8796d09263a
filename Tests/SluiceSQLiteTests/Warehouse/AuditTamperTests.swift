import Foundation
import GRDB
import SluiceGovernance
import SluiceSQLite
import SluiceTestSupport
import Testing

/// Whoever can write the file can get around the append-only triggers; the hash chain (and
/// the check of the columns copied out of each record) still shows every change, at the
/// entry changed.
@Suite struct AuditTamperTests {
    /// Every column of `provisioning_audit`, with an edit that changes its value.
    static let edits: [(column: String, assignment: String)] = [
        ("sequence", "sequence = sequence + 100"),
        ("request_id", "request_id = request_id || '-forged'"),
        ("requested_at", "requested_at = '2020-01-01T00:00:00.000Z'"),
        ("requester", "requester = 'someone.else'"),
        ("role", "role = 'compliance_officer'"),
        ("status", "status = 'refused'"),
        ("record", "record = replace(record, 'question ', 'Question ')"),
        ("previous_hash", "previous_hash = (CASE substr(previous_hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(previous_hash, 2)"),
        ("entry_hash", "entry_hash = (CASE substr(entry_hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(entry_hash, 2)"),
    ]

    static let cases: [(column: String, sequence: Int64)] = edits.flatMap { edit in (Int64(1)...3).map { (edit.column, $0) } }

    @Test(arguments: cases)
    func anEditToAnyColumnOfAnyEntryIsReportedThere(column: String, sequence: Int64) async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let database = try SluiceDatabase(directory: root.appendingPathComponent("state").path, schemas: [.governance])
        let log = try SQLiteAuditLog(database: database)
        for number in 1...3 {
            try await log.append(AuditRecord(
                requestID: "req-\(number)", requestedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
                requester: "maria.chen", role: "bi_analyst", question: "question \(number)", status: .succeeded))
        }
        #expect(try await log.verify() == .intact(entries: 3))

        // A raw connection of its own: drop the triggers, edit, put the triggers back.
        let raw = try DatabaseQueue(path: database.path(of: .governance))
        try await raw.write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'provisioning_audit'")
            #expect(triggers.count == 2)
            try db.execute(sql: "DROP TRIGGER provisioning_audit_no_update")
            try db.execute(sql: "DROP TRIGGER provisioning_audit_no_delete")
            let assignment = try #require(Self.edits.first { $0.column == column }?.assignment)
            try db.execute(sql: "UPDATE provisioning_audit SET \(assignment) WHERE sequence = ?", arguments: [sequence])
            #expect(db.changesCount == 1)
            for trigger in triggers { try db.execute(sql: trigger) }
        }
        try raw.close()

        // Where the chain first breaks: the edited entry, or for a renumbered one, whichever
        // entry now stands where it stood.
        let expected = column == "sequence" ? ([1, 2, 3].map { $0 == sequence ? $0 + 100 : $0 }.sorted()[Int(sequence) - 1]) : sequence
        let verification = try await log.verify()
        guard case let .broken(at, reason) = verification else {
            Issue.record("editing \(column) of entry \(sequence) went unnoticed")
            return
        }
        #expect(at == expected, "editing \(column) of entry \(sequence): \(reason)")
    }
}
