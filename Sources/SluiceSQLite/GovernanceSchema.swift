extension DatabaseSchema {
    /// The `governance` schema: the tamper-evident provisioning audit log
    /// (``SQLiteAuditLog`` writes and reads it).
    ///
    /// **`provisioning_audit`**, primary key `sequence` (1, 2, 3, …): one row per provisioning
    /// request, whatever its outcome (``SluiceGovernance/AuditEntry``). `record` is the
    /// ``SluiceGovernance/AuditRecord`` as canonical JSON (sorted snake_case keys, instants as
    /// UTC text with milliseconds), exactly the text the hash covers; `request_id`,
    /// `requested_at`, `requester`, `role` and `status` are copied out of it for plain SQL.
    /// `previous_hash` is the prior row's `entry_hash` (64 zeros for the first) and
    /// `entry_hash` the SHA-256 hex of `previous_hash || '\n' || sequence || '\n' || record`.
    /// Triggers refuse every `UPDATE` and `DELETE`: the log is append-only in the database
    /// itself, and the hash chain shows any change made around it (``SQLiteAuditLog/verify()``).
    public static let governance = DatabaseSchema(name: "governance", migrations: [
        SchemaMigration(version: 1, name: "create provisioning audit", sql: """
            CREATE TABLE provisioning_audit (
                sequence INTEGER NOT NULL PRIMARY KEY CHECK (sequence > 0),
                request_id TEXT NOT NULL,
                requested_at TEXT NOT NULL,
                requester TEXT NOT NULL,
                role TEXT NOT NULL,
                status TEXT NOT NULL,
                record TEXT NOT NULL,
                previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
                entry_hash TEXT NOT NULL UNIQUE CHECK (length(entry_hash) = 64)
            ) STRICT;

            CREATE INDEX provisioning_audit_by_request ON provisioning_audit (request_id);

            CREATE TRIGGER provisioning_audit_no_update BEFORE UPDATE ON provisioning_audit
            BEGIN
                SELECT RAISE(ABORT, 'governance.provisioning_audit is append-only: entries cannot be changed');
            END;

            CREATE TRIGGER provisioning_audit_no_delete BEFORE DELETE ON provisioning_audit
            BEGIN
                SELECT RAISE(ABORT, 'governance.provisioning_audit is append-only: entries cannot be deleted');
            END;
            """),
    ])
}
