extension PostgresSchema {
    /// The `catalog` schema: the same four tables and embeddings as the embedded backend's
    /// `catalog.sqlite`, with each catalog object kept whole as JSON (`document`, the model
    /// type's Codable form) beside the columns that SQL and the search filter on.
    ///
    /// **`embeddings`**: one vector per item, model (id, version, dimension). The column is
    /// pgvector's untyped `vector`, since models of different dimensions live side by side;
    /// each model gets its own partial index on `embedding::vector(N)` when its first vectors
    /// are written (``PostgresEmbeddingStore``): HNSW (m = 16, ef_construction = 128) or
    /// pgvectorscale's StreamingDiskANN.
    ///
    /// The extensions need a superuser: on a database where they are missing, migrating as
    /// another user fails with ``SluicePostgresError/missingExtension(location:name:reason:)``,
    /// and `sluice pg init` (an administrator) installs them.
    public static let catalog = PostgresSchema(name: "catalog", migrations: [
        PostgresMigration(version: 1, name: "create catalog tables and embeddings", statements: [
            "CREATE EXTENSION IF NOT EXISTS vector",
            "CREATE EXTENSION IF NOT EXISTS vectorscale CASCADE",
            """
            CREATE TABLE catalog.table_metadata (
                table_name text PRIMARY KEY,
                lake_uri text NOT NULL,
                classification text NOT NULL,
                lifecycle text NOT NULL,
                metadata_text text NOT NULL,
                needs_embedding boolean NOT NULL,
                position integer NOT NULL,
                document jsonb NOT NULL
            )
            """,
            """
            CREATE TABLE catalog.column_metadata (
                table_name text NOT NULL REFERENCES catalog.table_metadata (table_name) ON DELETE CASCADE,
                column_name text NOT NULL,
                position integer NOT NULL,
                data_type text NOT NULL,
                masking_rule text,
                document jsonb NOT NULL,
                PRIMARY KEY (table_name, column_name)
            )
            """,
            """
            CREATE TABLE catalog.relationship_metadata (
                position integer PRIMARY KEY,
                from_table text NOT NULL,
                to_table text NOT NULL,
                document jsonb NOT NULL
            )
            """,
            """
            CREATE TABLE catalog.kpi_patterns (
                kpi_id text PRIMARY KEY,
                position integer NOT NULL,
                document jsonb NOT NULL
            )
            """,
            """
            CREATE TABLE catalog.embeddings (
                item_kind text NOT NULL,
                item_key text NOT NULL,
                model_id text NOT NULL,
                model_version text NOT NULL,
                dimension integer NOT NULL CHECK (dimension > 0),
                text_hash text NOT NULL,
                embedding vector NOT NULL CHECK (vector_dims(embedding) = dimension),
                embedded_at timestamptz NOT NULL,
                PRIMARY KEY (item_kind, item_key, model_id, model_version, dimension)
            )
            """,
        ]),
    ])
}
