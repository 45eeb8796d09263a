import Foundation
import SluicePostgres
import SluicePostgresTestSupport
import SluiceTestSupport
import Testing

/// The command line on PostgreSQL, checked with a client Sluice did not write: `sluice demo
/// --backend postgres` into a fresh database, then Debian's `psql` logged in as each role
/// with its own password, as a BI tool would connect.
@Suite("PostgreSQL: the command line and psql", .serialized) struct PostgresCLITests {
    /// `psql` as `role` with its own password: its output, or its error.
    static func psql(_ sql: String, as role: String, database: PostgresLocation) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["--no-psqlrc", "--tuples-only", "--no-align", "--field-separator=|", "-v", "ON_ERROR_STOP=1",
                             "-h", database.host, "-p", String(database.port), "-U", role, "-d", database.database, "-c", sql]
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = try TestPostgres.password(of: role)
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout + stderr, as: UTF8.self))
    }

    @Test func demoOnPostgresAndEachRoleReadsWhatItMay() async throws {
        let location = try await TestPostgres.createDatabase()
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = location.urlWithPassword
        let demo = try SluiceCLI.run(["demo", "--backend", "postgres", "--catalog", url], in: folder)
        try #require(demo.status == 0, "demo --backend postgres failed: \(demo.stderr.suffix(2000))")
        #expect(demo.stdout.contains("PostgreSQL: sluice pg init") && demo.stdout.contains("intact: 5 entries"))
        #expect(!demo.stdout.contains(location.password ?? "no password") && !demo.stderr.contains(location.password ?? "no password"),
                "the demo printed the administrator's password")

        // bi_analyst reads the per-client holdings with names and account numbers masked.
        let holdings = try Self.psql("SELECT client, account_number FROM data_mart.dm_holdings_by_client", as: "bi_analyst", database: location)
        #expect(holdings.status == 0, "\(holdings.output)")
        let rows = holdings.output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 50 && rows.allSatisfy { $0.count == 2 && $0[0].contains("*") && $0[1].hasSuffix("****") }, "\(rows.prefix(3))")

        // Everything else a bi_analyst might try is refused by PostgreSQL itself.
        for forbidden in ["data_mart.dm_risk_limit_utilisation", "data_mart.dm_aml_investigation", "governance.provisioning_audit",
                          "catalog.column_metadata"] {
            let answer = try Self.psql("SELECT count(*) FROM \(forbidden)", as: "bi_analyst", database: location)
            #expect(answer.status != 0 && answer.output.contains("permission denied"), "\(forbidden): \(answer.output)")
        }
        let lake = try Self.psql("CREATE TABLE lake.mine (x int)", as: "bi_analyst", database: location)
        #expect(lake.status != 0 && lake.output.contains("permission denied for schema lake"), "\(lake.output)")

        // compliance_officer reads the AML mart with names in clear.
        let aml = try Self.psql("SELECT legal_name FROM data_mart.dm_aml_investigation", as: "compliance_officer", database: location)
        #expect(aml.status == 0 && !aml.output.isEmpty && !aml.output.contains("*"), "\(aml.output)")

        // The governance commands read the same database.
        let verify = try SluiceCLI.run(["audit", "verify", "--json", "--catalog", url], in: folder)
        let report = try #require(try verify.json() as? [String: Any])
        #expect(report["intact"] as? Bool == true && report["entries"] as? Int == 5)
        let marts = try SluiceCLI.run(["marts", "list", "--json", "--catalog", url], in: folder)
        let names = (try marts.json() as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names?.sorted() == ["dm_aml_investigation", "dm_holdings_by_client", "dm_portfolio_exposure", "dm_risk_limit_utilisation"])
        let denied = try SluiceCLI.run(["query", "SELECT * FROM data_mart.dm_aml_investigation", "--role", "bi_analyst", "--catalog", url], in: folder)
        #expect(denied.status != 0 && denied.stderr.contains("permission denied"), "\(denied.stderr)")
        try await TestPostgres.dropDatabase(location)
    }

    @Test func theSettingsFileChoosesTheDatabase() async throws {
        let location = try await TestPostgres.createDatabase()
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = folder.appendingPathComponent("settings.json")
        try Data(#"{"catalog": {"url": "\#(location.urlWithPassword)"}}"#.utf8).write(to: settings)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: settings.path)
        let scan = try SluiceCLI.run(["scan", "lake", "--demo", "--config", settings.path], in: folder)
        #expect(scan.status == 0, "\(scan.stderr.suffix(1500))")
        #expect(scan.stdout.contains("Catalog \(location.description)"), "\(scan.stdout)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".sluice").path), "the embedded folder was written")
        try await TestPostgres.dropDatabase(location)
    }

    @Test func aWrongPasswordIsNamedWithoutThePassword() throws {
        var location = try TestPostgres.adminLocation()
        location.password = "certainly-not-it"
        let result = try SluiceCLI.run(["catalog", "tables", "--catalog", location.urlWithPassword])
        #expect(result.status != 0 && result.stderr.contains("refused user") && !result.stderr.contains("certainly-not-it"), "\(result.stderr)")
    }

    @Test func aDatabaseWithoutTheExtensionsTellsWhatToRun() async throws {
        // The roles exist server-wide once any database was initialized; make sure one was.
        var passwords: [String: String] = [:]
        for role in PostgresRoles.names { passwords[role] = try TestPostgres.password(of: role) }
        try await TestPostgres.withDatabase(schemas: []) { database in _ = try await PostgresRoles.initialize(database: database, passwords: passwords) }
        let location = try await TestPostgres.createDatabase()
        // pipeline_agent is no superuser: it may not install pgvector itself.
        let agent = location.user("pipeline_agent", password: try TestPostgres.password(of: "pipeline_agent"))
        let admin = try await PostgresDatabase.connect(location)
        try await admin.withConnection { connection in
            try await connection.query("GRANT CREATE ON DATABASE \(unescaped: PostgresSQL.quote(location.database)) TO pipeline_agent", logger: admin.logger)
        }
        await admin.close()
        let result = try SluiceCLI.run(["catalog", "tables", "--catalog", agent.urlWithPassword])
        #expect(result.status != 0 && result.stderr.contains("lacks the extension \"vector\"") && result.stderr.contains("sluice pg init"), "\(result.stderr)")
        try await TestPostgres.dropDatabase(location)
    }
}
