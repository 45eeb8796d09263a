extension DatabaseSchema {
    /// The `rag_monitor` schema: what search did and how good it was, in six tables, and
    /// what the planner asked of a chat model, in a seventh
    /// (``SQLiteSearchMonitor`` writes and reads them).
    ///
    /// It follows the catalog's conventions (see ``DatabaseSchema/catalog``): every table
    /// `STRICT`, enumerations as raw values without `CHECK` lists, booleans `INTEGER` 0/1,
    /// instants UTC text with milliseconds (`2024-01-31T08:15:02.125Z`), durations `REAL`
    /// milliseconds. Structured values are JSON text written with sorted keys, so the same
    /// value is always the same text, and maps are JSON objects, so SQL reaches into them:
    /// `json_extract(metrics, '$.ndcg_at_5')`, `json_extract(recommendation, '$.kpi.id')`
    /// (PostgreSQL: `JSONB` and `metrics->>'ndcg_at_5'`). A model is three columns,
    /// `model_id`, `model_version`, `model_dimension`, all null (lexical search, no
    /// embedder) or all set. Row ids are `AUTOINCREMENT`, so an id is never reused, even
    /// after old rows are deleted: feedback and reports that cite one keep meaning it.
    ///
    /// **`search_log`**, primary key `search_id`, indexed by `asked_at`: one row per search
    /// (``SluiceSearch/SearchLogEntry``). `asked_at`, `question`, `requester` and `role`
    /// (both nullable), the model (nullable), `mode` (`hybrid`, `vector`, `lexical`),
    /// `answerable`, `recommendation` (the whole ``SluiceSearch/Recommendation`` as JSON),
    /// and, copied out of it for plain SQL, `table_names` (JSON array of the ranked table
    /// names, best first) and `kpi_id` (the recommended KPI pattern, nullable); the timings
    /// `embed_ms`, `search_ms`, `reasoning_ms` and `total_ms`.
    ///
    /// **`feedback_log`**, primary key `feedback_id`, foreign key `search_id` → `search_log`
    /// (a search with feedback cannot be deleted), indexed by `search_id`: a thumbs up or
    /// down on one result (``SluiceSearch/FeedbackEntry``). `item_kind` and `item_key` (the
    /// ``SluiceSearch/CatalogItemID``), `rating` (`CHECK` `up` or `down`: the only list
    /// checked, since a third rating would change what feedback means), `comment` and
    /// `requester` (nullable), `given_at`.
    ///
    /// **`embedding_calls`**, primary key `call_id`, indexed by `called_at`: one row per
    /// call to an external embedding provider (``SluiceSearch/EmbeddingCallRecord``), the
    /// audit of what left the machine. `called_at`, `endpoint` (base URL, never a key),
    /// `model`, `mode` (`document`, `query`), the sizes `input_count`, `input_characters`,
    /// `request_bytes`, `response_bytes` (each ≥ 0), `prompt_tokens` (nullable: when the
    /// provider reports it), `duration_ms`, `error` (null on success). The texts themselves
    /// are not stored.
    ///
    /// **`evaluation_runs`**, primary key `run_id`, indexed by `started_at`: one row per
    /// `sluice eval` (``SluiceSearch/EvaluationRunRecord``). `started_at`, `golden_source`
    /// (the golden set's path as given), `golden_sha256` (runs compare fairly only over the
    /// same bytes), the model (nullable), `mode` (copied from the options for plain SQL),
    /// `options` (``SluiceSearch/RetrievalOptions`` as JSON), `metrics` (JSON object of
    /// summary metric → number), `query_count`.
    ///
    /// **`evaluation_query_results`**, primary key `(run_id, query_id)`, unique `(run_id,
    /// ordinal)`, foreign key `run_id` → `evaluation_runs` (deleting a run deletes its
    /// rows): one golden query's result in a run (``SluiceSearch/EvaluationQueryRecord``).
    /// `ordinal` (0-based position in the run, the order reports list queries in),
    /// `query_id`, `question`, `metrics` (JSON object), `expected_kpi` and `found_kpi`
    /// (nullable), `latency_ms` (nullable), `ranked_tables` and `ranked_columns` (JSON arrays,
    /// best first; columns as `table.column`), `answerable`.
    ///
    /// **`relevance_judgments`**, primary key `(run_id, query_id, item_kind, item_key)`,
    /// unique `(run_id, ordinal)`, foreign key `run_id` → `evaluation_runs` (deleting a run
    /// deletes its judgments): the golden grades a run was scored against
    /// (``SluiceSearch/RelevanceJudgmentRecord``), kept with the run because the golden file
    /// may change later. `ordinal` (0-based, the order they were saved in), `query_id`,
    /// `item_kind`, `item_key`, `grade` (`CHECK` 0 to 3, TREC grades).
    ///
    /// **`planner_calls`** (version 2), primary key `call_id`, indexed by `called_at`: one row
    /// per call to a chat model that was asked for a mart spec (``SluiceProvision/PlannerCallRecord``),
    /// the audit of what left the machine for planning. `called_at`, `endpoint` (base URL,
    /// never a key), `model`, `question`, the sizes `prompt_characters` and
    /// `response_characters` (each ≥ 0), `duration_ms`, `outcome` (`accepted`: the spec was
    /// used; `rejected`: the answer was not a valid spec; `error`: the call failed) and
    /// `detail` (what was wrong; null when accepted). The prompt and the answer themselves
    /// are not stored.
    ///
    /// **`sluice_migrations`**: the file's applied versions (see ``SchemaMigration``).
    public static let ragMonitor = DatabaseSchema(name: "rag_monitor", migrations: [
        SchemaMigration(version: 1, name: "create search monitor tables", sql: """
            CREATE TABLE search_log (
                search_id INTEGER PRIMARY KEY AUTOINCREMENT,
                asked_at TEXT NOT NULL,
                question TEXT NOT NULL,
                requester TEXT,
                role TEXT,
                model_id TEXT,
                model_version TEXT,
                model_dimension INTEGER CHECK (model_dimension > 0),
                mode TEXT NOT NULL,
                answerable INTEGER NOT NULL CHECK (answerable IN (0, 1)),
                table_names TEXT NOT NULL,
                kpi_id TEXT,
                recommendation TEXT NOT NULL,
                embed_ms REAL NOT NULL,
                search_ms REAL NOT NULL,
                reasoning_ms REAL NOT NULL,
                total_ms REAL NOT NULL,
                CHECK ((model_id IS NULL) = (model_version IS NULL) AND (model_id IS NULL) = (model_dimension IS NULL))
            ) STRICT;

            CREATE INDEX search_log_by_time ON search_log (asked_at);

            CREATE TABLE feedback_log (
                feedback_id INTEGER PRIMARY KEY AUTOINCREMENT,
                search_id INTEGER NOT NULL REFERENCES search_log (search_id),
                item_kind TEXT NOT NULL,
                item_key TEXT NOT NULL,
                rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
                comment TEXT,
                requester TEXT,
                given_at TEXT NOT NULL
            ) STRICT;

            CREATE INDEX feedback_log_by_search ON feedback_log (search_id);

            CREATE TABLE embedding_calls (
                call_id INTEGER PRIMARY KEY AUTOINCREMENT,
                called_at TEXT NOT NULL,
                endpoint TEXT NOT NULL,
                model TEXT NOT NULL,
                mode TEXT NOT NULL,
                input_count INTEGER NOT NULL CHECK (input_count >= 0),
                input_characters INTEGER NOT NULL CHECK (input_characters >= 0),
                request_bytes INTEGER NOT NULL CHECK (request_bytes >= 0),
                response_bytes INTEGER NOT NULL CHECK (response_bytes >= 0),
                prompt_tokens INTEGER CHECK (prompt_tokens >= 0),
                duration_ms REAL NOT NULL,
                error TEXT
            ) STRICT;

            CREATE INDEX embedding_calls_by_time ON embedding_calls (called_at);

            CREATE TABLE evaluation_runs (
                run_id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at TEXT NOT NULL,
                golden_source TEXT NOT NULL,
                golden_sha256 TEXT NOT NULL,
                model_id TEXT,
                model_version TEXT,
                model_dimension INTEGER CHECK (model_dimension > 0),
                mode TEXT NOT NULL,
                options TEXT NOT NULL,
                metrics TEXT NOT NULL,
                query_count INTEGER NOT NULL CHECK (query_count >= 0),
                CHECK ((model_id IS NULL) = (model_version IS NULL) AND (model_id IS NULL) = (model_dimension IS NULL))
            ) STRICT;

            CREATE INDEX evaluation_runs_by_time ON evaluation_runs (started_at);

            CREATE TABLE evaluation_query_results (
                run_id INTEGER NOT NULL REFERENCES evaluation_runs (run_id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
                query_id TEXT NOT NULL,
                question TEXT NOT NULL,
                metrics TEXT NOT NULL,
                expected_kpi TEXT,
                found_kpi TEXT,
                latency_ms REAL,
                ranked_tables TEXT NOT NULL,
                ranked_columns TEXT NOT NULL,
                answerable INTEGER NOT NULL CHECK (answerable IN (0, 1)),
                PRIMARY KEY (run_id, query_id),
                UNIQUE (run_id, ordinal)
            ) STRICT;

            CREATE TABLE relevance_judgments (
                run_id INTEGER NOT NULL REFERENCES evaluation_runs (run_id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
                query_id TEXT NOT NULL,
                item_kind TEXT NOT NULL,
                item_key TEXT NOT NULL,
                grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 3),
                PRIMARY KEY (run_id, query_id, item_kind, item_key),
                UNIQUE (run_id, ordinal)
            ) STRICT;
            """),
        SchemaMigration(version: 2, name: "create planner calls", sql: """
            CREATE TABLE planner_calls (
                call_id INTEGER PRIMARY KEY AUTOINCREMENT,
                called_at TEXT NOT NULL,
                endpoint TEXT NOT NULL,
                model TEXT NOT NULL,
                question TEXT NOT NULL,
                prompt_characters INTEGER NOT NULL CHECK (prompt_characters >= 0),
                response_characters INTEGER NOT NULL CHECK (response_characters >= 0),
                duration_ms REAL NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT
            ) STRICT;

            CREATE INDEX planner_calls_by_time ON planner_calls (called_at);
            """),
    ])
}
