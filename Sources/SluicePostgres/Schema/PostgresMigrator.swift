import PostgresNIO

extension PostgresDatabase {
    /// Brings `schemas` to this build's versions: creates each schema when missing, applies
    /// the migrations its `sluice_migrations` table has not recorded, each in one
    /// transaction with its record, and refuses a database whose record disagrees with the
    /// build (a renamed migration, or a version this build does not know: a newer Sluice
    /// wrote it). Concurrent processes migrating the same database wait for each other on an
    /// advisory lock.
    ///
    /// - Throws: ``SluicePostgresError/schemaMismatch(location:schema:reason:)``;
    ///   ``SluicePostgresError/missingExtension(location:name:reason:)`` when a migration needs
    ///   an extension this user cannot create; ``SluicePostgresError/permissionDenied(location:reason:)``.
    public func migrate(_ schemas: [PostgresSchema]) async throws {
        for schema in schemas {
            try await migrate(schema)
        }
    }

    private func migrate(_ schema: PostgresSchema) async throws {
        let place = location.description
        let quoted = PostgresSQL.quote(schema.name)
        try await withTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('sluice_migrations'))", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(quoted)"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: """
                CREATE TABLE IF NOT EXISTS \(quoted).sluice_migrations (
                    version integer PRIMARY KEY CHECK (version > 0),
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """), logger: logger)
            var applied: [Int: String] = [:]
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT version, name FROM \(quoted).sluice_migrations"), logger: logger)
            for try await (version, name) in rows.decode((Int32, String).self) { applied[Int(version)] = name }

            let known = Dictionary(uniqueKeysWithValues: schema.migrations.map { ($0.version, $0) })
            if let unknown = applied.keys.filter({ known[$0] == nil }).max() {
                throw SluicePostgresError.schemaMismatch(
                    location: place, schema: schema.name,
                    reason: "the database is at version \(unknown), which this build does not know (a newer Sluice migrated it)")
            }
            for (version, name) in applied where known[version]?.name != name {
                throw SluicePostgresError.schemaMismatch(
                    location: place, schema: schema.name,
                    reason: "migration \(version) is recorded as \(String(reflecting: name)) but this build calls it \(String(reflecting: known[version]!.name))")
            }
            for migration in schema.migrations.sorted(by: { $0.version < $1.version }) where applied[migration.version] == nil {
                for statement in migration.statements {
                    do {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch {
                        throw Self.migrationError(error, schema: schema, migration: migration, location: location)
                    }
                }
                try await connection.query(PostgresQuery(
                    unsafeSQL: "INSERT INTO \(quoted).sluice_migrations (version, name) VALUES ($1, $2)",
                    binds: PostgresSQL.binds(Int32(migration.version), migration.name)), logger: logger)
            }
        }
    }

    private static func migrationError(_ error: any Error, schema: PostgresSchema, migration: PostgresMigration,
                                       location: PostgresLocation) -> any Error {
        let translated = translate(error, location: location)
        if case let .failed(place, reason) = translated as? SluicePostgresError {
            if reason.contains("extension"), let name = PostgresSQL.extensionName(in: reason) {
                return SluicePostgresError.missingExtension(location: place, name: name, reason: reason)
            }
            return SluicePostgresError.schemaMismatch(location: place, schema: schema.name,
                                                      reason: "migration \(migration.version) (\(migration.name)) failed: \(reason)")
        }
        if case let .permissionDenied(place, reason) = translated as? SluicePostgresError, reason.contains("extension"),
           let name = PostgresSQL.extensionName(in: reason) {
            return SluicePostgresError.missingExtension(location: place, name: name, reason: reason)
        }
        return translated
    }
}
