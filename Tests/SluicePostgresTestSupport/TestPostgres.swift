import Foundation
import SluicePostgres

/// The PostgreSQL test server, as `scripts/services.sh env` describes it
/// (`SLUICE_TEST_POSTGRES_URL`: the administrator on the maintenance database), and a
/// database of its own for each test.
///
/// Without the variable the tests fail rather than skip: they are the only proof that the
/// server backend works against a real PostgreSQL.
///
/// ```swift
/// try await TestPostgres.withDatabase { database in      // a fresh, migrated database
///     let store = PostgresCatalogStore(database: database)
///     …
/// }                                                      // dropped afterwards
/// ```
public enum TestPostgres {
    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The administrator's location on the maintenance database.
    public static func adminLocation() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment["SLUICE_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw SetupError(description: """
                PostgreSQL tests need the test server: run \
                `scripts/services.sh up && eval "$(scripts/services.sh env)"` before `swift test` (or `make test`)
                """)
        }
        var location = try PostgresLocation(parsing: url)
        location.poolSize = 4
        return location
    }

    /// The password `scripts/services.sh` made for `role` (`SLUICE_PG_PASSWORD_BI_ANALYST`, …).
    public static func password(of role: String) throws -> String {
        let name = "SLUICE_PG_PASSWORD_" + role.uppercased()
        guard let password = ProcessInfo.processInfo.environment[name], !password.isEmpty else {
            throw SetupError(description: "\(name) is not set: run `eval \"$(scripts/services.sh env)\"` before `swift test`")
        }
        return password
    }

    /// A new empty database `sluice_test_<random>` on the test server, as the administrator.
    public static func createDatabase() async throws -> PostgresLocation {
        let admin = try adminLocation()
        let name = "sluice_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let maintenance = try await PostgresDatabase.connect(admin)
        do {
            try await maintenance.withConnection { connection in
                try await connection.query(.init(unsafeSQL: "CREATE DATABASE \(PostgresSQL.quote(String(name)))"), logger: maintenance.logger)
            }
        } catch {
            await maintenance.close()
            throw error
        }
        await maintenance.close()
        return admin.database(String(name))
    }

    /// Drops a database `createDatabase()` made, closing what is still connected to it.
    public static func dropDatabase(_ location: PostgresLocation) async throws {
        let admin = try adminLocation()
        let maintenance = try await PostgresDatabase.connect(admin)
        defer { Task { await maintenance.close() } }
        try await maintenance.withConnection { connection in
            try await connection.query(.init(unsafeSQL: "DROP DATABASE IF EXISTS \(PostgresSQL.quote(location.database)) WITH (FORCE)"),
                                       logger: maintenance.logger)
        }
    }

    /// Runs `body` with a fresh database migrated to every schema, then drops it (also on error).
    @discardableResult
    public static func withDatabase<T: Sendable>(schemas: [PostgresSchema] = PostgresSchema.all,
                                                 _ body: (PostgresDatabase) async throws -> T) async throws -> T {
        let location = try await createDatabase()
        do {
            let database = try await PostgresDatabase.connect(location)
            let result: T
            do {
                try await database.migrate(schemas)
                result = try await body(database)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            try await dropDatabase(location)
            return result
        } catch {
            try? await dropDatabase(location)
            throw error
        }
    }
}
