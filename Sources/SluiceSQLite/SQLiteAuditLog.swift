import GRDB
import SluiceGovernance

/// The embedded backend's provisioning audit log, `governance.provisioning_audit`
/// (``DatabaseSchema/governance``): append-only, hash-chained.
///
/// ```swift
/// let database = try SluiceDatabase(directory: ".sluice", schemas: [.governance])
/// let log = try SQLiteAuditLog(database: database)
/// let entry = try await log.append(record)      // sequence 1, 2, … in one transaction
/// try await log.verify()                        // .intact(entries: n) or the first broken link
/// ```
///
/// Appending reads the last entry's hash and inserts the next one in the same write
/// transaction, so two processes appending at once still form one chain.
public final class SQLiteAuditLog: AuditLog {
    public let database: SluiceDatabase
    /// The path of `governance.sqlite`.
    public let location: String

    /// - Throws: ``SluiceDatabaseError/invalidSchema(name:reason:)`` when `database` was opened without ``DatabaseSchema/governance``.
    public init(database: SluiceDatabase) throws {
        guard database.schemas.contains(.governance) else {
            throw SluiceDatabaseError.invalidSchema(name: DatabaseSchema.governance.name,
                                                    reason: "the database at \(database.directory) was opened without it")
        }
        self.database = database
        location = database.path(of: .governance)
    }

    /// Appends `record` as the next entry of the chain and returns it.
    @discardableResult
    public func append(_ record: AuditRecord) async throws -> AuditEntry {
        let json = try AuditChain.canonicalJSON(record)
        return try await database.write({ db in
            let last = try Row.fetchOne(db, sql: "SELECT sequence, entry_hash FROM governance.provisioning_audit ORDER BY sequence DESC LIMIT 1")
            let sequence: Int64 = (last?["sequence"] ?? 0) + 1
            let previousHash: String = last?["entry_hash"] ?? AuditChain.genesisHash
            let entry = AuditEntry(sequence: sequence, recordJSON: json, previousHash: previousHash,
                                   entryHash: AuditChain.hash(previousHash: previousHash, sequence: sequence, recordJSON: json))
            try db.execute(sql: """
                INSERT INTO governance.provisioning_audit
                    (sequence, request_id, requested_at, requester, role, status, record, previous_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sequence, record.requestID, AuditChain.timestamp(record.requestedAt), record.requester,
                                 record.role, record.status.rawValue, json, previousHash, entry.entryHash])
            return entry
        }, translatingErrors: translated)
    }

    /// Every entry, in sequence order.
    public func entries() async throws -> [AuditEntry] {
        try await database.read({ db in
            try Row.fetchAll(db, sql: """
                SELECT sequence, record, previous_hash, entry_hash FROM governance.provisioning_audit ORDER BY sequence
                """).map { row in
                AuditEntry(sequence: row["sequence"], recordJSON: row["record"], previousHash: row["previous_hash"], entryHash: row["entry_hash"])
            }
        }, translatingErrors: translated)
    }

    /// Checks the whole chain (``AuditChain/verify(_:)``), and that the columns copied out of
    /// each record for plain SQL (`request_id`, `requested_at`, `requester`, `role`, `status`)
    /// still say what the hashed record says: an edit to a copy is reported at its entry too,
    /// whichever comes first.
    public func verify() async throws -> AuditChain.Verification {
        let rows = try await database.read({ db in
            try Row.fetchAll(db, sql: """
                SELECT sequence, record, previous_hash, entry_hash, request_id, requested_at, requester, role, status
                FROM governance.provisioning_audit ORDER BY sequence
                """).map { row in
                (entry: AuditEntry(sequence: row["sequence"], recordJSON: row["record"], previousHash: row["previous_hash"], entryHash: row["entry_hash"]),
                 copies: [row["request_id"], row["requested_at"], row["requester"], row["role"], row["status"]] as [String])
            }
        }, translatingErrors: translated)
        return AuditChain.verify(rows.map(\.entry), copiedColumns: rows.map(\.copies))
    }

    /// SQLite's errors become ``SluiceDatabaseError/sqlite(file:reason:)`` naming this file.
    private func translated(_ error: any Error) -> any Error {
        switch error {
        case let error as DatabaseError: SluiceDatabaseError.sqlite(file: location, reason: error.message ?? "\(error)")
        default: error
        }
    }
}
