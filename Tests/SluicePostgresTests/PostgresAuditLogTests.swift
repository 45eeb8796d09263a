import Foundation
import PostgresNIO
import SluiceGovernance
import SluicePostgres
import SluicePostgresTestSupport
import SluiceTestSupport
import Testing

/// The audit log in PostgreSQL: one chain, append-only in the database, and tampering that
/// goes around the triggers found by `verify()` and by Python's independent recomputation.
@Suite struct PostgresAuditLogTests {
    private static func record(_ number: Int, requester: String = "maria.chen") -> AuditRecord {
        AuditRecord(requestID: "req-\(number)", requestedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
                    requester: requester, role: "bi_analyst", question: "question \(number)", status: .succeeded, error: nil)
    }

    private static func pythonCheck(_ database: SluicePostgres.PostgresDatabase) throws -> [String: Any] {
        let output = try Python.runTool("audit_chain_check.py", arguments: [database.location.urlWithPassword])
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
    }

    @Test func concurrentAppendsFormOneChain() async throws {
        try await TestPostgres.withDatabase { database in
            let log = PostgresAuditLog(database: database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 1...12 { group.addTask { try await log.append(Self.record(number, requester: "user\(number)")) } }
                try await group.waitForAll()
            }
            #expect(try await log.entries().map(\.sequence) == Array(1...12))
            #expect(try await log.verify() == .intact(entries: 12))
            let report = try Self.pythonCheck(database)
            #expect(report["entries"] as? Int == 12 && report["broken"] is NSNull)
            #expect(Set(report["requesters"] as? [String] ?? []) == Set((1...12).map { "user\($0)" }))
        }
    }

    @Test(arguments: [
        "UPDATE governance.provisioning_audit SET requester = 'someone.else'",
        "DELETE FROM governance.provisioning_audit",
        "TRUNCATE governance.provisioning_audit",
    ])
    func theDatabaseRefusesChanges(sql: String) async throws {
        try await TestPostgres.withDatabase { database in
            let log = PostgresAuditLog(database: database)
            try await log.append(Self.record(1))
            await #expect("\(sql)") {
                try await database.withConnection { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
                }
            } throws: { error in
                "\(error)".contains("append-only")
            }
            #expect(try await log.entries().count == 1)
        }
    }

    @Test(arguments: [
        ("UPDATE governance.provisioning_audit SET record = replace(record, 'question 2', 'nothing to see') WHERE sequence = 2", Int64(2)),
        ("DELETE FROM governance.provisioning_audit WHERE sequence = 2", Int64(3)),
        ("UPDATE governance.provisioning_audit SET requester = 'someone.else' WHERE sequence = 3", Int64(3)),
    ])
    func aSuperuserGoingAroundTheTriggersIsCaught(tampering: String, firstBroken: Int64) async throws {
        try await TestPostgres.withDatabase { database in
            let log = PostgresAuditLog(database: database)
            for number in 1...4 { try await log.append(Self.record(number)) }
            try await database.withTransaction { connection in
                try await connection.query("ALTER TABLE governance.provisioning_audit DISABLE TRIGGER USER", logger: database.logger)
                try await connection.query(PostgresQuery(unsafeSQL: tampering), logger: database.logger)
                try await connection.query("ALTER TABLE governance.provisioning_audit ENABLE TRIGGER USER", logger: database.logger)
            }
            let verification = try await log.verify()
            guard case let .broken(sequence, _) = verification else {
                Issue.record("tampering went unnoticed: \(verification)")
                return
            }
            #expect(sequence == firstBroken, "\(verification)")
            // Python sees the edited record and the gap; a copied column only Sluice's own check compares.
            if !tampering.contains("requester") {
                #expect(try Self.pythonCheck(database)["broken"] as? Int == Int(firstBroken))
            }
        }
    }
}
