import ArgumentParser
import Foundation
import SluiceCore
import SluicePostgres

/// `sluice pg init`: what an administrator runs once per database (and again after a
/// password change; every step is idempotent).
struct PgInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Install pgvector and pgvectorscale, create Sluice's schemas, roles and privileges in a PostgreSQL database.",
        discussion: """
        Connects as an administrator (a superuser: the extensions need one) and:
          - installs the extensions vector and vectorscale;
          - creates or migrates the schemas catalog, rag_monitor, governance, lake and data_mart;
          - creates or updates the login roles bi_analyst, risk_manager, compliance_officer and \
        pipeline_agent with their passwords;
          - closes lake, governance, catalog and rag_monitor to PUBLIC and the readers, lets the \
        readers use data_mart (each mart is granted to them when it is published), and lets \
        pipeline_agent provision (it is never granted a mart).

        Passwords come from SLUICE_PG_PASSWORD_<ROLE> (SLUICE_PG_PASSWORD_BI_ANALYST, …), else \
        the settings' warehouse.role_passwords; never from a flag (it would stay in the shell \
        history), and they are never printed. A role without a password is created without login.
        Roles belong to the whole server: initializing a second database with other passwords \
        changes them for both.

        Examples:
          sluice pg init --database postgres://sluice_admin@127.0.0.1:15432/sluice
          PGPASSWORD=… sluice pg init --database postgres://admin@db.internal/sluice --json
        """
    )

    @Option(name: .long, help: ArgumentHelp(
        "The database, as an administrator: postgres://USER@HOST:PORT/DB (password from the URL or PGPASSWORD). Default: the settings' warehouse.url, else catalog.url.",
        valueName: "url"))
    var database: String?

    @Flag(name: .long, help: "Print what was done as JSON.")
    var json = false

    @OptionGroup var settings: ConfigOptions

    func run() async throws {
        try await reportingErrors {
            let config = try settings.load()
            let report = try await Self.initialize(url: database ?? config.warehouse.url ?? config.catalog.url, config: config)
            if json {
                print(try jsonText(["done": report.lines]))
            } else {
                for line in report.lines { print(line) }
            }
        }
    }

    /// Initializes the database at `url` (required) with the role passwords of the environment and `config`.
    static func initialize(url: String?, config: SluiceConfig) async throws -> PostgresRoles.Report {
        guard let url else {
            throw CommandError("sluice pg init needs the database: --database postgres://ADMIN@HOST:PORT/DB, or warehouse.url in the settings")
        }
        guard case let .postgres(location) = try BackendLocation.parse(url) else {
            throw CommandError("--database takes a postgres:// URL, got \(url)")
        }
        let passwords = Self.passwords(environment: ProcessInfo.processInfo.environment, config: config)
        let database = try await PostgresDatabase.connect(location)
        do {
            let report = try await PostgresRoles.initialize(database: database, passwords: passwords)
            await database.close()
            return report
        } catch {
            await database.close()
            throw error
        }
    }

    /// Role → password: `SLUICE_PG_PASSWORD_<ROLE>` wins over the settings' `warehouse.role_passwords`.
    static func passwords(environment: [String: String], config: SluiceConfig) -> [String: String] {
        var passwords = config.warehouse.rolePasswords
        for role in PostgresRoles.names {
            if let value = environment["SLUICE_PG_PASSWORD_" + role.uppercased()], !value.isEmpty { passwords[role] = value }
        }
        return passwords
    }
}
