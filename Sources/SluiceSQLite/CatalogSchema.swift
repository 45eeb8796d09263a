extension DatabaseSchema {
    /// The `catalog` schema: what a scan learns about the lake, in four tables, and the
    /// vectors search made of it, in a fifth.
    ///
    /// The tables are relational, with a typed column for every field people query;
    /// only nested lists are JSON text. The PostgreSQL backend mirrors them column for
    /// column (`TEXT`, `BIGINT`, `DOUBLE PRECISION`, `BOOLEAN`, `TIMESTAMPTZ`, `JSONB`,
    /// `BYTEA`), so the same SQL reads both.
    ///
    /// **Conventions.** Enumerations are stored as their raw values (`confidential`,
    /// `mask_email`, `hyperloglog`); there are no `CHECK` lists for them, so adding a case
    /// needs no migration, and loading names the row and field of a value it does not
    /// know. Booleans are `INTEGER` 0/1. Instants are UTC text with milliseconds,
    /// `2024-01-31T08:15:02.125Z`. Every table is `STRICT`, so SQLite refuses a value of
    /// the wrong type (SQLite 3.37 or newer reads the file). Names sort in SQLite's
    /// `BINARY` collation, UTF-8 byte order; PostgreSQL gives the same order with `COLLATE "C"`.
    ///
    /// **`table_metadata`**, primary key `table_name`: one row per dataset
    /// (``SluiceCatalog/TableMetadata``). `lake_path`, `lake_uri`, `format`, `row_count`,
    /// `file_size` (bytes), `partition_keys` (JSON array of names, outermost first),
    /// `objects` (JSON array of `{"key", "size", "etag"}`), `content_hash`,
    /// `classification`, `classification_source` (`annotation`, `manual`, `suggested`),
    /// `classification_reason`, `detail_bi` (nullable), `detail_agent`, `metadata_text`,
    /// `lifecycle` (`active`, `removed`), `needs_embedding`, `scanned_at`.
    ///
    /// **`column_metadata`**, primary key `(table_name, column_name)`, unique
    /// `(table_name, ordinal_position)`, foreign key `table_name` → `table_metadata`
    /// (deleting a table deletes its columns): one row per column
    /// (``SluiceCatalog/ColumnMetadata``).
    /// - schema: `ordinal_position` (0-based), `data_type`, `is_nullable`, `is_partition_key`;
    /// - profile: `row_count`, `profiled_rows`, `null_count`, `null_fraction`,
    ///   `distinct_count`, `distinct_method`, `min_value`, `max_value`, `min_max_source`
    ///   (`footer`, `data`; the three nullable), `samples` (JSON array of text),
    ///   `top_values` (JSON array of `{"value", "count"}`), `average_length` (nullable),
    ///   `is_unique`;
    /// - PII verdict: `is_pii`, `pii_kind` (nullable), `pii_recognizer` (nullable),
    ///   `pii_score`, `pii_matched_fraction`, `pii_reason`, `pii_status` (`suggested`,
    ///   `confirmed`, `rejected`), and `masking_rule` (nullable: set while the column
    ///   counts as PII);
    /// - semantic domain: `domain_name`, `domain_confidence`, `domain_band`, `domain_evidence`;
    /// - key sketch: `key_sketch_capacity` and `key_sketch`, both null or both set; the
    ///   blob is the ascending hashes, 8 bytes each, little-endian unsigned;
    /// - descriptions: `detail_bi` (nullable), `detail_agent`, `metadata_text`.
    ///
    /// **`relationship_metadata`**, primary key `(from_table, from_column, to_table,
    /// to_column)` (``SluiceCatalog/RelationshipMetadata``): `confidence`, `source`
    /// (`inferred`, `annotation`), `status`, `evidence`, `detail_bi` (nullable),
    /// `metadata_text`. No foreign keys: a rejected relationship is kept as a memory of
    /// the review even when a later scan no longer has one of its columns.
    ///
    /// **`kpi_patterns`**, primary key `id` (``SluiceCatalog/KPIPattern``): `name`,
    /// `description`, `table_names` (JSON array), `sql_template`, `metadata_text`, and
    /// (version 3) `mart_template`: the pattern as a mart spec without its name, JSON text
    /// (`CHECK json_valid`, which SQLite answers 0 for null, hence `IS NULL OR`), null when the annotations give none. A version 2 file gains the
    /// column in place, null for every pattern until the next scan writes the catalog again.
    ///
    /// **`embeddings`** (version 2), primary key `(item_kind, item_key, model_id,
    /// model_version, dimension)`, indexed by `(model_id, model_version, dimension)`: one vector per catalog item
    /// and embedding model (``SluiceSearch/StoredEmbedding``, written by
    /// ``SQLiteEmbeddingStore``). `item_kind` (`table`, `column`, `relationship`, `kpi`) and
    /// `item_key` name the item as ``SluiceSearch/CatalogItemID`` does (`orders`,
    /// `orders.side`, `orders.broker_id->counterparties.counterparty_id`, a KPI id);
    /// `model_id`, `model_version` and `dimension` (> 0) identify the model, so vectors of
    /// two models, two versions of one, or one configured for two lengths sit side by side
    /// and are never read together;
    /// `text_hash` is the SHA-256 hex of the `metadata_text` that was embedded, which tells
    /// a current vector from a stale one; `vector` is `dimension` little-endian IEEE-754
    /// float32 values, 4 bytes each (`CHECK (length(vector) = 4 * dimension)`; Python
    /// reads it with `struct.unpack('<nf')`, PostgreSQL holds it as a pgvector `vector`);
    /// `embedded_at`. No foreign key to the catalog tables: a catalog ``SQLiteCatalogStore/replace(with:)``
    /// deletes and re-inserts every row, and must not take the vectors with it. The search
    /// engine deletes the vectors of items that left the catalog itself.
    ///
    /// **`sluice_migrations`**: the file's applied versions (see ``SchemaMigration``).
    public static let catalog = DatabaseSchema(name: "catalog", migrations: [
        SchemaMigration(version: 1, name: "create catalog tables", sql: """
            CREATE TABLE table_metadata (
                table_name TEXT NOT NULL PRIMARY KEY,
                lake_path TEXT NOT NULL,
                lake_uri TEXT NOT NULL,
                format TEXT NOT NULL,
                row_count INTEGER NOT NULL,
                file_size INTEGER NOT NULL,
                partition_keys TEXT NOT NULL,
                objects TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                classification TEXT NOT NULL,
                classification_source TEXT NOT NULL,
                classification_reason TEXT NOT NULL,
                detail_bi TEXT,
                detail_agent TEXT NOT NULL,
                metadata_text TEXT NOT NULL,
                lifecycle TEXT NOT NULL,
                needs_embedding INTEGER NOT NULL CHECK (needs_embedding IN (0, 1)),
                scanned_at TEXT NOT NULL
            ) STRICT;

            CREATE TABLE column_metadata (
                table_name TEXT NOT NULL REFERENCES table_metadata (table_name) ON DELETE CASCADE ON UPDATE CASCADE,
                column_name TEXT NOT NULL,
                ordinal_position INTEGER NOT NULL CHECK (ordinal_position >= 0),
                data_type TEXT NOT NULL,
                is_nullable INTEGER NOT NULL CHECK (is_nullable IN (0, 1)),
                is_partition_key INTEGER NOT NULL CHECK (is_partition_key IN (0, 1)),
                row_count INTEGER NOT NULL,
                profiled_rows INTEGER NOT NULL,
                null_count INTEGER NOT NULL,
                null_fraction REAL NOT NULL,
                distinct_count INTEGER NOT NULL,
                distinct_method TEXT NOT NULL,
                min_value TEXT,
                max_value TEXT,
                min_max_source TEXT,
                samples TEXT NOT NULL,
                top_values TEXT NOT NULL,
                average_length REAL,
                is_unique INTEGER NOT NULL CHECK (is_unique IN (0, 1)),
                is_pii INTEGER NOT NULL CHECK (is_pii IN (0, 1)),
                pii_kind TEXT,
                pii_recognizer TEXT,
                pii_score REAL NOT NULL,
                pii_matched_fraction REAL NOT NULL,
                pii_reason TEXT NOT NULL,
                pii_status TEXT NOT NULL,
                masking_rule TEXT,
                domain_name TEXT NOT NULL,
                domain_confidence REAL NOT NULL,
                domain_band TEXT NOT NULL,
                domain_evidence TEXT NOT NULL,
                key_sketch_capacity INTEGER CHECK (key_sketch_capacity > 0),
                key_sketch BLOB CHECK (length(key_sketch) % 8 = 0),
                detail_bi TEXT,
                detail_agent TEXT NOT NULL,
                metadata_text TEXT NOT NULL,
                PRIMARY KEY (table_name, column_name),
                UNIQUE (table_name, ordinal_position),
                CHECK ((key_sketch IS NULL) = (key_sketch_capacity IS NULL))
            ) STRICT;

            CREATE TABLE relationship_metadata (
                from_table TEXT NOT NULL,
                from_column TEXT NOT NULL,
                to_table TEXT NOT NULL,
                to_column TEXT NOT NULL,
                confidence REAL NOT NULL,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                evidence TEXT NOT NULL,
                detail_bi TEXT,
                metadata_text TEXT NOT NULL,
                PRIMARY KEY (from_table, from_column, to_table, to_column)
            ) STRICT;

            CREATE TABLE kpi_patterns (
                id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                table_names TEXT NOT NULL,
                sql_template TEXT NOT NULL,
                metadata_text TEXT NOT NULL
            ) STRICT;
            """),
        SchemaMigration(version: 2, name: "create embeddings", sql: """
            CREATE TABLE embeddings (
                item_kind TEXT NOT NULL,
                item_key TEXT NOT NULL,
                model_id TEXT NOT NULL,
                model_version TEXT NOT NULL,
                dimension INTEGER NOT NULL CHECK (dimension > 0),
                text_hash TEXT NOT NULL,
                vector BLOB NOT NULL CHECK (length(vector) = 4 * dimension),
                embedded_at TEXT NOT NULL,
                PRIMARY KEY (item_kind, item_key, model_id, model_version, dimension)
            ) STRICT;

            CREATE INDEX embeddings_by_model ON embeddings (model_id, model_version, dimension);
            """),
        SchemaMigration(version: 3, name: "add KPI mart templates", sql: """
            ALTER TABLE kpi_patterns ADD COLUMN mart_template TEXT CHECK (mart_template IS NULL OR json_valid(mart_template));
            """),
    ])
}
