extension DatabaseSchema {
    /// The `governance` schema: the tamper-evident provisioning audit log
    /// (``SQLiteAuditLog`` writes and reads it) and the mart registry with lineage
    /// (``SQLiteMartRegistry``).
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
    ///
    /// Migration 2 adds the mart registry (``SQLiteMartRegistry`` reads it,
    /// ``SQLiteWarehouse/publish(buildName:registration:)`` writes it). JSON columns hold text
    /// with sorted keys, so equal values are equal text.
    ///
    /// **`data_mart_registry`**, primary key (`name`, `version`): one row per published version
    /// of a mart (`dm_portfolio_exposure`, version 1, 2, …) with the request that built it
    /// (`request_id`, `requester`, `role`, `question`), its `classification`, `grants` (a JSON
    /// array of role names), `spec` (the MartSpec's JSON), `compiled_sql`, `row_count`,
    /// `created_at` (UTC text with milliseconds), `masking` (a JSON object, output column →
    /// masking function), `is_current` (1 for the version readers see; a partial unique index
    /// allows one per name) and `dropped_at`. A trigger lets an update change only
    /// `is_current` and `dropped_at`: what a version was built from and granted to never changes.
    ///
    /// **`mart_lineage_sources`**, primary key (`name`, `version`, `position`): the lake objects a
    /// version was staged from, in staging order: `source_table`, `uri` (lake location + key),
    /// `etag`, `content_hash` (the catalog's hash of the table), `size` and `columns` (JSON array
    /// of the columns staged).
    ///
    /// **`mart_lineage_columns`**, primary key (`name`, `version`, `position`): per output column,
    /// in mart order, its `source_columns` (JSON array of `table.column`), its `transformation`
    /// and the `masking` function applied on the way (`NULL` when none).
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
        SchemaMigration(version: 2, name: "create mart registry and lineage", sql: """
            CREATE TABLE data_mart_registry (
                name TEXT NOT NULL,
                version INTEGER NOT NULL CHECK (version > 0),
                request_id TEXT NOT NULL,
                requester TEXT NOT NULL,
                role TEXT NOT NULL,
                question TEXT,
                classification TEXT NOT NULL,
                grants TEXT NOT NULL CHECK (json_type(grants) = 'array'),
                spec TEXT NOT NULL,
                compiled_sql TEXT NOT NULL,
                row_count INTEGER NOT NULL CHECK (row_count >= 0),
                created_at TEXT NOT NULL,
                masking TEXT NOT NULL CHECK (json_type(masking) = 'object'),
                is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
                dropped_at TEXT,
                PRIMARY KEY (name, version)
            ) STRICT;

            CREATE UNIQUE INDEX data_mart_registry_one_current ON data_mart_registry (name) WHERE is_current = 1;

            CREATE TRIGGER data_mart_registry_history_is_fixed
            BEFORE UPDATE OF name, version, request_id, requester, role, question, classification, grants, spec,
                             compiled_sql, row_count, created_at, masking ON data_mart_registry
            BEGIN
                SELECT RAISE(ABORT, 'governance.data_mart_registry: only is_current and dropped_at of a registered version can change');
            END;

            CREATE TABLE mart_lineage_sources (
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                position INTEGER NOT NULL CHECK (position >= 0),
                source_table TEXT NOT NULL,
                uri TEXT NOT NULL,
                etag TEXT,
                content_hash TEXT,
                size INTEGER CHECK (size >= 0),
                columns TEXT NOT NULL CHECK (json_type(columns) = 'array'),
                PRIMARY KEY (name, version, position),
                FOREIGN KEY (name, version) REFERENCES data_mart_registry (name, version)
            ) STRICT;

            CREATE TABLE mart_lineage_columns (
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                position INTEGER NOT NULL CHECK (position >= 0),
                output_column TEXT NOT NULL,
                source_columns TEXT NOT NULL CHECK (json_type(source_columns) = 'array'),
                transformation TEXT NOT NULL,
                masking TEXT,
                PRIMARY KEY (name, version, position),
                FOREIGN KEY (name, version) REFERENCES data_mart_registry (name, version)
            ) STRICT;
            """),
    ])
}
