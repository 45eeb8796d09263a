import Foundation
import GRDB

/// Brings one schema file up to the build's version, on a connection of its own.
///
/// The record of applied migrations lives in the file itself (`sluice_migrations`), so a
/// copied, restored or deleted file is always judged by what it contains. Every
/// migration runs in its own `BEGIN IMMEDIATE` transaction together with its record,
/// which also serialises two processes opening the same folder at once: the second one
/// finds the version already recorded and skips it.
///
/// Before anything is written the file is checked, so a file Sluice must not use (not a
/// database, another program's database, a newer version, another schema's history) is
/// refused unchanged. Only after the migrations does the file switch to WAL, which lets
/// readers in other processes keep reading the last committed catalog while a scan writes.
struct SchemaMigrator {
    /// Where each schema file records its history.
    static let historyTable = "sluice_migrations"

    let schema: DatabaseSchema
    let path: String

    /// How long a connection waits for another process's write lock before failing.
    static let busyTimeout: TimeInterval = 30

    func migrate() throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "Sluice migrations (\(schema.name))"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw translate(error)
        }
        defer { try? queue.close() }
        do {
            try queue.writeWithoutTransaction { db in
                let appliedVersion = try checkHistory(db)
                for migration in schema.migrations where migration.version > appliedVersion {
                    try apply(migration, db)
                }
                // Persistent in the file header: every later connection, ours or another
                // process's, uses the write-ahead log.
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
        } catch let error as SluiceDatabaseError {
            throw error
        } catch {
            throw translate(error)
        }
    }

    /// Creates the history table in a file that has none, after making sure the file is
    /// empty; validates the recorded history; returns the version the file is at.
    private func checkHistory(_ db: Database) throws -> Int {
        try db.inTransaction(.immediate) {
            if try !db.tableExists(Self.historyTable) {
                let objects = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
                guard objects.isEmpty else {
                    let listed = objects.prefix(5).joined(separator: ", ") + (objects.count > 5 ? ", …" : "")
                    throw SluiceDatabaseError.notASluiceDatabase(file: path, reason: "it holds \(listed) but no \(Self.historyTable) table")
                }
                try db.execute(sql: """
                    CREATE TABLE \(Self.historyTable) (
                        version INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    )
                    """)
            }
            return .commit
        }
        let recorded = try Row.fetchAll(db, sql: "SELECT version, name FROM \(Self.historyTable) ORDER BY version")
        let fileVersion: Int = recorded.last?["version"] ?? 0
        guard fileVersion <= schema.latestVersion else {
            throw SluiceDatabaseError.newerVersion(file: path, schema: schema.name, fileVersion: fileVersion, knownVersion: schema.latestVersion)
        }
        for row in recorded {
            let version: Int = row["version"]
            let name: String = row["name"]
            guard version >= 1 else {
                throw SluiceDatabaseError.notASluiceDatabase(file: path, reason: "\(Self.historyTable) records version \(version)")
            }
            let expected = schema.migrations[version - 1].name
            guard name == expected else {
                throw SluiceDatabaseError.migrationMismatch(file: path, version: version, recordedName: name, expectedName: expected)
            }
        }
        return fileVersion
    }

    private func apply(_ migration: SchemaMigration, _ db: Database) throws {
        do {
            try db.inTransaction(.immediate) {
                // Another process may have applied it since our check: the lock we now hold makes this answer final.
                let current = try Int.fetchOne(db, sql: "SELECT max(version) FROM \(Self.historyTable)") ?? 0
                guard current < migration.version else { return .commit }
                try db.execute(sql: migration.sql)
                try db.execute(
                    sql: "INSERT INTO \(Self.historyTable) (version, name, applied_at) VALUES (?, ?, ?)",
                    arguments: [migration.version, migration.name, SQLiteTimestamp.text(for: Date())])
                return .commit
            }
        } catch let error as DatabaseError where !Self.isUnreadableFile(error) {
            throw SluiceDatabaseError.migrationFailed(file: path, version: migration.version, name: migration.name, reason: error.message ?? "\(error)")
        }
    }

    private func translate(_ error: any Error) -> SluiceDatabaseError {
        guard let error = error as? DatabaseError else { return .sqlite(file: path, reason: "\(error)") }
        if Self.isUnreadableFile(error) {
            return .notASluiceDatabase(file: path, reason: error.message ?? "SQLite cannot read it")
        }
        return .sqlite(file: path, reason: error.message ?? "\(error)")
    }

    private static func isUnreadableFile(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
    }
}
