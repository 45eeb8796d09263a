import Foundation
import PostgresNIO
import SluiceGovernance

/// `governance.provisioning_audit` in PostgreSQL: the same hash chain as the embedded log
/// (``SluiceGovernance/AuditChain``), so an export from either verifies the same way.
///
/// Appends are serialized by an advisory lock held for the transaction: two requests
/// finishing together never both read the same last entry, so the chain never forks. The
/// table's triggers refuse `UPDATE`, `DELETE` and `TRUNCATE`; ``verify()`` catches what a
/// superuser changes around them.
public final class PostgresAuditLog: AuditLog {
    public let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    @discardableResult
    public func append(_ record: AuditRecord) async throws -> AuditEntry {
        let json = try AuditChain.canonicalJSON(record)
        let logger = database.logger
        return try await database.withTransaction { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtext('sluice_audit'))", logger: logger).collect()
            var sequence: Int64 = 1
            var previousHash = AuditChain.genesisHash
            let last = try await connection.query("""
                SELECT sequence, entry_hash FROM governance.provisioning_audit ORDER BY sequence DESC LIMIT 1
                """, logger: logger)
            for try await (lastSequence, lastHash) in last.decode((Int64, String).self) {
                sequence = lastSequence + 1
                previousHash = lastHash
            }
            let entry = AuditEntry(sequence: sequence, recordJSON: json, previousHash: previousHash,
                                   entryHash: AuditChain.hash(previousHash: previousHash, sequence: sequence, recordJSON: json))
            try await connection.query("""
                INSERT INTO governance.provisioning_audit
                    (sequence, request_id, requested_at, requester, role, status, record, previous_hash, entry_hash)
                VALUES (\(sequence), \(record.requestID), \(AuditChain.timestamp(record.requestedAt)), \(record.requester),
                        \(record.role), \(record.status.rawValue), \(json), \(previousHash), \(entry.entryHash))
                """, logger: logger)
            return entry
        }
    }

    public func entries() async throws -> [AuditEntry] {
        try await rows().map(\.entry)
    }

    public func verify() async throws -> AuditChain.Verification {
        let rows = try await rows()
        return AuditChain.verify(rows.map(\.entry), copiedColumns: rows.map(\.copies))
    }

    private func rows() async throws -> [(entry: AuditEntry, copies: [String])] {
        let logger = database.logger
        return try await database.withConnection { connection in
            var result: [(entry: AuditEntry, copies: [String])] = []
            let rows = try await connection.query("""
                SELECT sequence, record, previous_hash, entry_hash, request_id, requested_at, requester, role, status
                FROM governance.provisioning_audit ORDER BY sequence
                """, logger: logger)
            for try await (sequence, record, previous, hash, request, requested, requester, role, status)
                in rows.decode((Int64, String, String, String, String, String, String, String, String).self) {
                result.append((AuditEntry(sequence: sequence, recordJSON: record, previousHash: previous, entryHash: hash),
                               [request, requested, requester, role, status]))
            }
            return result
        }
    }
}
