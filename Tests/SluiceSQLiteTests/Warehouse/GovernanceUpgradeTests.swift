import Foundation
import GRDB
import SluiceGovernance
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite("governance schema upgrade")
struct GovernanceUpgradeTests {
    /// The governance schema as the build before the mart registry declared it.
    private static let versionOne = DatabaseSchema(name: "governance", migrations: [DatabaseSchema.governance.migrations[0]])

    @Test("a version 1 governance file is upgraded in place: registry added, audit entries kept and still verified")
    func versionOneUpgrades() async throws {
        let root = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("state").path
        // Entries written by this build's log, copied row for row into a file only migration 1 built.
        let source = try SluiceDatabase(directory: root.appendingPathComponent("source").path, schemas: [.governance])
        let sourceLog = try SQLiteAuditLog(database: source)
        var written: [AuditEntry] = []
        for number in 1...3 {
            written.append(try await sourceLog.append(AuditRecord(
                requestID: "req-\(number)", requestedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
                requester: "maria.chen", role: "bi_analyst", status: .succeeded)))
        }
        do {
            let old = try SluiceDatabase(directory: folder, schemas: [Self.versionOne])
            try await old.pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source.path(of: .governance)])
                try db.execute(sql: "INSERT INTO governance.provisioning_audit SELECT * FROM source.provisioning_audit")
                try db.execute(sql: "DETACH DATABASE source")
            }
            #expect(try await old.appliedMigrations(of: Self.versionOne).map(\.version) == [1])
            try old.pool.close()
        }

        let upgraded = try SluiceDatabase(directory: folder, schemas: [.governance])
        #expect(try await upgraded.appliedMigrations(of: .governance).map(\.name) == ["create provisioning audit", "create mart registry and lineage"])
        let log = try SQLiteAuditLog(database: upgraded)
        #expect(try await log.entries() == written)
        #expect(try await log.verify() == .intact(entries: 3))
        let tables = try await upgraded.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM governance.sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables == ["data_mart_registry", "mart_lineage_columns", "mart_lineage_sources", "provisioning_audit", "sluice_migrations"])
        let registry = try SQLiteMartRegistry(database: upgraded)
        #expect(try await registry.currentMarts() == [])
        #expect(try await registry.nextVersion(of: "dm_portfolio_exposure") == 1)
        // The append-only triggers of version 1 are still in force.
        await #expect(throws: DatabaseError.self) {
            try await upgraded.pool.write { db in try db.execute(sql: "DELETE FROM governance.provisioning_audit") }
        }
    }
}
