extension PostgresSchema {
    /// The `rag_monitor` schema: what search did and how good it was, the same logs as the
    /// embedded backend's `rag_monitor.sqlite` (``PostgresSearchMonitor`` writes and reads
    /// them). Each row keeps its record whole as JSON (`document`, the record type's Codable
    /// form), with the columns that order and join them beside it; an evaluation run's
    /// per-query results and judgments are in its document.
    public static let ragMonitor = PostgresSchema(name: "rag_monitor", migrations: [
        PostgresMigration(version: 1, name: "create search, feedback, call and evaluation logs", statements: [
            """
            CREATE TABLE rag_monitor.search_log (
                search_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                asked_at timestamptz NOT NULL,
                question text NOT NULL,
                requester text,
                role text,
                answerable boolean NOT NULL,
                document jsonb NOT NULL
            )
            """,
            "CREATE INDEX search_log_by_time ON rag_monitor.search_log (asked_at)",
            """
            CREATE TABLE rag_monitor.feedback_log (
                feedback_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                search_id bigint NOT NULL REFERENCES rag_monitor.search_log (search_id),
                document jsonb NOT NULL
            )
            """,
            "CREATE INDEX feedback_log_by_search ON rag_monitor.feedback_log (search_id)",
            """
            CREATE TABLE rag_monitor.embedding_calls (
                call_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                called_at timestamptz NOT NULL,
                document jsonb NOT NULL
            )
            """,
            """
            CREATE TABLE rag_monitor.planner_calls (
                call_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                called_at timestamptz NOT NULL,
                document jsonb NOT NULL
            )
            """,
            """
            CREATE TABLE rag_monitor.evaluation_runs (
                run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                started_at timestamptz NOT NULL,
                document jsonb NOT NULL
            )
            """,
        ]),
    ])
}
