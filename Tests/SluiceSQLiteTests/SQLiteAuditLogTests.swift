import Foundation
import GRDB
import SluiceGovernance
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite struct SQLiteAuditLogTests {
    private struct Log {
        let root: URL
        let database: SluiceDatabase
        let log: SQLiteAuditLog

        init() throws {
            root = try Python.temporaryDirectory()
            database = try SluiceDatabase(directory: root.appendingPathComponent("state").path, schemas: [.governance])
            log = try SQLiteAuditLog(database: database)
        }
    }

    private static func record(_ number: Int, requester: String = "maria.chen", status: AuditStatus = .succeeded) -> AuditRecord {
        AuditRecord(requestID: "req-\(number)", requestedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
                    requester: requester, role: "bi_analyst", question: "question \(number)", status: status,
                    error: status == .refused ? "bi_analyst may not read restricted data" : nil)
    }

    @Test func appendsFormOneVerifiableChain() async throws {
        let fixture = try Log()
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        for number in 1...3 {
            let entry = try await fixture.log.append(Self.record(number, requester: "user\(number)", status: number == 2 ? .refused : .succeeded))
            #expect(entry.sequence == Int64(number))
        }
        let entries = try await fixture.log.entries()
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(try entries[1].record() == Self.record(2, requester: "user2", status: .refused))
        #expect(try await fixture.log.verify() == .intact(entries: 3))

        // An independent implementation recomputes the same chain from the file.
        let output = try Python.runTool("audit_chain_check.py", arguments: [fixture.database.path(of: .governance)])
        let report = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(report["entries"] as? Int == 3)
        #expect(report["broken"] is NSNull)
        #expect(report["requesters"] as? [String] == ["user1", "user2", "user3"])
    }

    @Test func theDatabaseRefusesUpdatesAndDeletes() async throws {
        let fixture = try Log()
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        try await fixture.log.append(Self.record(1))
        for sql in ["UPDATE governance.provisioning_audit SET requester = 'someone.else'", "DELETE FROM governance.provisioning_audit"] {
            await #expect(throws: DatabaseError.self, "\(sql)") {
                try await fixture.database.pool.write { db in try db.execute(sql: sql) }
            }
        }
        #expect(try await fixture.log.entries().count == 1)
    }

    @Test func aChangeMadeAroundTheTriggersIsFound() async throws {
        let fixture = try Log()
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        for number in 1...3 { try await fixture.log.append(Self.record(number)) }
        try await fixture.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER governance.provisioning_audit_no_update")
            try db.execute(sql: """
                UPDATE governance.provisioning_audit SET record = replace(record, 'question 2', 'nothing to see') WHERE sequence = 2
                """)
        }
        #expect(try await fixture.log.verify() == .broken(sequence: 2, reason: "entry 2 was changed after it was written (its hash no longer matches its contents)"))
        let output = try Python.runTool("audit_chain_check.py", arguments: [fixture.database.path(of: .governance)])
        let report = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(report["broken"] as? Int == 2)
    }

    @Test func theSchemaMustBeAttached() throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let database = try SluiceDatabase(directory: root.path, schemas: [.catalog])
        #expect(throws: SluiceDatabaseError.self) { try SQLiteAuditLog(database: database) }
    }
}
