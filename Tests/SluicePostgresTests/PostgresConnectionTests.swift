import Foundation
import PostgresNIO
import SluicePostgres
import SluicePostgresTestSupport
import Testing

@Suite struct PostgresLocationTests {
    @Test func parsesEveryPart() throws {
        let location = try PostgresLocation(parsing: "postgres://pipeline_agent:s%40cret@db.example:6543/sluice?sslmode=require&statement_timeout=30s&pool=3")
        #expect(location.host == "db.example" && location.port == 6543)
        #expect(location.user == "pipeline_agent" && location.password == "s@cret" && location.database == "sluice")
        #expect(location.tls == .require && location.statementTimeoutMs == 30_000 && location.poolSize == 3)
        #expect(location.description == "postgres://pipeline_agent@db.example:6543/sluice")
        #expect(!location.description.contains("cret"))
    }

    @Test func defaultsFollowLibpq() throws {
        let location = try PostgresLocation(parsing: "postgresql://127.0.0.1")
        #expect(location.user == "postgres" && location.database == "postgres" && location.port == 5432)
        #expect(location.tls == .disable && location.statementTimeoutMs == PostgresLocation.defaultStatementTimeoutMs)
        #expect(try PostgresLocation(parsing: "postgres://db.example/x").tls == .prefer)
        #expect(location.withPassword(fromEnvironment: ["PGPASSWORD": "p"]).password == "p")
    }

    @Test(arguments: [
        ("mysql://u@h/db", "expected postgres://"),
        ("postgres://u:topsecret@h/db?sslmode=maybe", "sslmode"),
        ("postgres://u:topsecret@h/db?statement_timeout=soon", "statement_timeout"),
        ("postgres://u:topsecret@h/db?pool=0", "pool"),
        ("postgres://u:topsecret@h/db?poll=3", "unknown parameter \"poll\""),
        ("postgres://u:topsecret@h/a/b", "one name"),
    ])
    func rejectsWithTheFaultAndWithoutThePassword(url: String, fault: String) {
        #expect {
            try PostgresLocation(parsing: url)
        } throws: { error in
            let text = "\(error)"
            return text.contains(fault) && !text.contains("topsecret")
        }
    }
}

@Suite struct PostgresConnectionTests {
    @Test func migratesEverySchemaAndAgainIsANoOp() async throws {
        try await TestPostgres.withDatabase { database in
            try await database.migrate(PostgresSchema.all)
            let schemas = try await database.withConnection { connection in
                var names: [String] = []
                let rows = try await connection.query("SELECT nspname FROM pg_namespace ORDER BY nspname", logger: database.logger)
                for try await name in rows.decode(String.self) { names.append(name) }
                return names
            }
            for schema in PostgresSchema.all { #expect(schemas.contains(schema.name)) }
        }
    }

    @Test func wrongPasswordIsAnAuthenticationErrorNamingTheUser() async throws {
        let admin = try TestPostgres.adminLocation()
        let wrong = admin.user(admin.user, password: "not-the-password")
        await #expect {
            _ = try await PostgresDatabase.connect(wrong)
        } throws: { error in
            guard case let .authentication(_, user, _) = error as? SluicePostgresError else { return false }
            return user == admin.user && !"\(error)".contains("not-the-password")
        }
    }

    @Test func missingDatabaseIsNamed() async throws {
        let location = try TestPostgres.adminLocation().database("sluice_no_such_database")
        await #expect(throws: SluicePostgresError.noSuchDatabase(location: location.description, database: "sluice_no_such_database")) {
            _ = try await PostgresDatabase.connect(location)
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        var location = try TestPostgres.adminLocation()
        location.port = 1
        await #expect {
            _ = try await PostgresDatabase.connect(location)
        } throws: { error in
            if case .unreachable = error as? SluicePostgresError { return true }
            return false
        }
    }

    @Test func statementTimeoutIsReportedAsSuch() async throws {
        var location = try await TestPostgres.createDatabase()
        location.statementTimeoutMs = 100
        let database = try await PostgresDatabase.connect(location)
        await #expect(throws: SluicePostgresError.statementTimeout(location: location.description, milliseconds: 100)) {
            try await database.withConnection { connection in
                // Rows stream: the server's cancellation arrives while they are read.
                _ = try await connection.query("SELECT pg_sleep(2)", logger: database.logger).collect()
            }
        }
        await database.close()
        try await TestPostgres.dropDatabase(location)
    }
}
