extension PostgresSchema {
    /// The `governance` schema: the provisioning audit, the mart registry with lineage, and
    /// the masking functions the marts are built with. The same tables and columns as the
    /// embedded backend's `governance.sqlite` (see `SluiceSQLite`'s `DatabaseSchema.governance`),
    /// in PostgreSQL types.
    ///
    /// **`provisioning_audit`**: one row per request, hash-chained (``PostgresAuditLog``).
    /// Triggers refuse `UPDATE`, `DELETE` and `TRUNCATE`, so the log is append-only in the
    /// database itself; the chain shows any change made around the triggers.
    ///
    /// **`data_mart_registry`**, **`mart_lineage_sources`**, **`mart_lineage_columns`**: one row
    /// per published version of a mart, the lake objects it was staged from and, per output
    /// column, its sources, transformation and masking (``PostgresMartRegistry``). Only
    /// `is_current` and `dropped_at` of a registered version may change.
    ///
    /// **Masking functions** (migration 2): `mask_name`, `mask_account`, `mask_isin`,
    /// `mask_email`, `mask_hash` and `mask_null`, for text and for bigint (masked as its
    /// decimal digits, as the embedded backend does), with exactly the outputs of
    /// `SluiceGovernance.MaskingRule` (`Tests/fixtures/masking_cases.json` checks both).
    /// PostgreSQL counts code points where Swift counts characters, which differ only for
    /// combining sequences. `mask_hash` is HMAC-SHA256 (the first 8 bytes, hex) keyed by the
    /// deployment's pseudonym key, which the build transaction sets with
    /// `set_config('sluice.pseudonym_key', $1, true)`: it lives for that transaction only and
    /// never appears in SQL text, a table or the server log.
    public static let governance = PostgresSchema(name: "governance", migrations: [
        PostgresMigration(version: 1, name: "create provisioning audit and mart registry", statements: [
            """
            CREATE TABLE governance.provisioning_audit (
                sequence bigint PRIMARY KEY CHECK (sequence > 0),
                request_id text NOT NULL,
                requested_at text NOT NULL,
                requester text NOT NULL,
                role text NOT NULL,
                status text NOT NULL,
                record text NOT NULL,
                previous_hash text NOT NULL CHECK (length(previous_hash) = 64),
                entry_hash text NOT NULL UNIQUE CHECK (length(entry_hash) = 64)
            )
            """,
            "CREATE INDEX provisioning_audit_by_request ON governance.provisioning_audit (request_id)",
            """
            CREATE FUNCTION governance.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'governance.provisioning_audit is append-only: entries cannot be %', lower(TG_OP) || 'd'
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
            """,
            """
            CREATE TRIGGER provisioning_audit_append_only BEFORE UPDATE OR DELETE ON governance.provisioning_audit
            FOR EACH ROW EXECUTE FUNCTION governance.refuse_audit_change()
            """,
            """
            CREATE TRIGGER provisioning_audit_no_truncate BEFORE TRUNCATE ON governance.provisioning_audit
            FOR EACH STATEMENT EXECUTE FUNCTION governance.refuse_audit_change()
            """,
            """
            CREATE TABLE governance.data_mart_registry (
                name text NOT NULL,
                version integer NOT NULL CHECK (version > 0),
                request_id text NOT NULL,
                requester text NOT NULL,
                role text NOT NULL,
                question text,
                classification text NOT NULL,
                grants jsonb NOT NULL CHECK (jsonb_typeof(grants) = 'array'),
                spec text NOT NULL,
                compiled_sql text NOT NULL,
                row_count bigint NOT NULL CHECK (row_count >= 0),
                created_at timestamptz NOT NULL,
                masking jsonb NOT NULL CHECK (jsonb_typeof(masking) = 'object'),
                is_current boolean NOT NULL,
                dropped_at timestamptz,
                PRIMARY KEY (name, version)
            )
            """,
            "CREATE UNIQUE INDEX data_mart_registry_one_current ON governance.data_mart_registry (name) WHERE is_current",
            """
            CREATE FUNCTION governance.refuse_registry_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (NEW.name, NEW.version, NEW.request_id, NEW.requester, NEW.role, NEW.question, NEW.classification, NEW.grants,
                    NEW.spec, NEW.compiled_sql, NEW.row_count, NEW.created_at, NEW.masking)
                   IS DISTINCT FROM
                   (OLD.name, OLD.version, OLD.request_id, OLD.requester, OLD.role, OLD.question, OLD.classification, OLD.grants,
                    OLD.spec, OLD.compiled_sql, OLD.row_count, OLD.created_at, OLD.masking) THEN
                    RAISE EXCEPTION 'governance.data_mart_registry: only is_current and dropped_at of a registered version can change';
                END IF;
                RETURN NEW;
            END
            $$
            """,
            """
            CREATE TRIGGER data_mart_registry_history_is_fixed BEFORE UPDATE ON governance.data_mart_registry
            FOR EACH ROW EXECUTE FUNCTION governance.refuse_registry_rewrite()
            """,
            """
            CREATE TABLE governance.mart_lineage_sources (
                name text NOT NULL,
                version integer NOT NULL,
                position integer NOT NULL CHECK (position >= 0),
                source_table text NOT NULL,
                uri text NOT NULL,
                etag text,
                content_hash text,
                size bigint CHECK (size >= 0),
                columns jsonb NOT NULL CHECK (jsonb_typeof(columns) = 'array'),
                PRIMARY KEY (name, version, position),
                FOREIGN KEY (name, version) REFERENCES governance.data_mart_registry (name, version)
            )
            """,
            """
            CREATE TABLE governance.mart_lineage_columns (
                name text NOT NULL,
                version integer NOT NULL,
                position integer NOT NULL CHECK (position >= 0),
                output_column text NOT NULL,
                source_columns jsonb NOT NULL CHECK (jsonb_typeof(source_columns) = 'array'),
                transformation text NOT NULL,
                masking text,
                PRIMARY KEY (name, version, position),
                FOREIGN KEY (name, version) REFERENCES governance.data_mart_registry (name, version)
            )
            """,
        ]),
        PostgresMigration(version: 2, name: "create masking functions", statements: MaskingFunctionsSQL.statements),
    ])
}
