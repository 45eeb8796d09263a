import Foundation
import PostgresNIO
import SluiceGovernance

/// `sluice pg init`: what an administrator runs once per database (and again after a
/// password change; every step is idempotent).
///
/// 1. Installs `vector` and `vectorscale` (they need a superuser).
/// 2. Migrates every schema (``PostgresSchema/all``).
/// 3. Creates each role of ``names``, or updates it: with `LOGIN` and the given password, or
///    `NOLOGIN` when none is given. Passwords travel in the `CREATE ROLE` text (PostgreSQL
///    takes no parameter there) and are never logged or returned.
/// 4. Sets the schema privileges of `governance.md`: `lake`, `governance`, `catalog` and
///    `rag_monitor` are closed to `PUBLIC` and every reader role; readers get `USAGE` on
///    `data_mart` only (each mart is then granted to them one by one when it is published);
///    `pipeline_agent`, the provisioning identity, may create in `lake` and `data_mart`, read
///    the catalog and write the monitoring and governance tables, and is never granted a mart.
///
/// Roles belong to the whole server, not to one database: a second database initialized
/// with other passwords changes them for both.
public enum PostgresRoles {
    /// The login roles Sluice creates: the three reader roles and `pipeline_agent`.
    public static let names = ["bi_analyst", "risk_manager", "compliance_officer", "pipeline_agent"]
    /// The roles that read marts.
    public static let readers = [Role.biAnalyst, .riskManager, .complianceOfficer].map(\.rawValue)

    /// What ``initialize(database:passwords:)`` did, line by line, for the command to print.
    public struct Report: Sendable, Equatable {
        public var lines: [String]
        public init(lines: [String]) { self.lines = lines }
    }

    public static func initialize(database: PostgresDatabase, passwords: [String: String]) async throws -> Report {
        let logger = database.logger
        var lines: [String] = []
        for unknown in passwords.keys.sorted() where !names.contains(unknown) {
            throw SluicePostgresError.failed(location: database.location.description,
                                             reason: "a password was given for \(String(reflecting: unknown)), which is not one of Sluice's roles (\(names.joined(separator: ", ")))")
        }
        try await database.withConnection { connection in
            for name in ["vector", "vectorscale"] {
                do {
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE EXTENSION IF NOT EXISTS \(name) CASCADE"), logger: logger)
                } catch {
                    throw SluicePostgresError.missingExtension(location: database.location.description, name: name,
                                                               reason: "\(database.translate(error))")
                }
            }
        }
        lines.append("extensions: vector, vectorscale")
        try await database.migrate(PostgresSchema.all)
        lines.append("schemas: " + PostgresSchema.all.map(\.name).joined(separator: ", ") + " at this build's versions")
        for name in names {
            lines.append(try await ensureRole(name, password: passwords[name], database: database))
        }
        try await database.withTransaction { connection in
            for statement in privilegeStatements() {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
        lines.append("privileges: lake, governance, catalog, rag_monitor closed to PUBLIC and the readers; readers may use data_mart (each mart granted on publication); pipeline_agent provisions")
        return Report(lines: lines)
    }

    /// Creates or updates one role. Concurrent initializations of other databases on the
    /// same server may race on the same role: a lost race is retried as an update.
    private static func ensureRole(_ name: String, password: String?, database: PostgresDatabase) async throws -> String {
        let role = PostgresSQL.quote(name)
        let login = password.map { "LOGIN PASSWORD \(PostgresSQL.literal($0))" } ?? "NOLOGIN"
        let what = password == nil ? "without login (no password given)" : "with login"
        for attempt in 1...12 {
            do {
                return try await database.withConnection { connection in
                    let rows = try await connection.query("SELECT count(*) FROM pg_roles WHERE rolname = \(name)", logger: database.logger)
                    var exists = false
                    for try await count in rows.decode(Int.self) { exists = count > 0 }
                    if exists {
                        try await connection.query(PostgresQuery(unsafeSQL: "ALTER ROLE \(role) \(login)"), logger: database.logger)
                        return "role \(name): updated, \(what)"
                    }
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) \(login)"), logger: database.logger)
                    return "role \(name): created, \(what)"
                }
            } catch let error as SluicePostgresError where attempt < 12 && Self.isRace(error) {
                try await Task.sleep(for: .milliseconds(Int.random(in: 10...40) * attempt))
            }
        }
        throw SluicePostgresError.failed(location: database.location.description, reason: "role \(name) kept changing under concurrent initializations")
    }

    private static func isRace(_ error: SluicePostgresError) -> Bool {
        guard case let .failed(_, reason) = error else { return false }
        return reason.contains("already exists") || reason.contains("concurrently updated") || reason.contains("duplicate key")
    }

    private static func privilegeStatements() -> [String] {
        let readerList = readers.map(PostgresSQL.quote).joined(separator: ", ")
        let everyone = (["PUBLIC"] + names.map(PostgresSQL.quote)).joined(separator: ", ")
        let agent = PostgresSQL.quote("pipeline_agent")
        return [
            "REVOKE ALL ON SCHEMA lake, governance, catalog, rag_monitor, data_mart FROM \(everyone)",
            "REVOKE ALL ON ALL TABLES IN SCHEMA lake, governance, catalog, rag_monitor FROM \(everyone)",
            "GRANT USAGE ON SCHEMA data_mart TO \(readerList)",
            "GRANT USAGE, CREATE ON SCHEMA lake, data_mart TO \(agent)",
            "GRANT USAGE ON SCHEMA catalog, rag_monitor, governance TO \(agent)",
            "GRANT SELECT ON ALL TABLES IN SCHEMA catalog TO \(agent)",
            "GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA rag_monitor TO \(agent)",
            "GRANT USAGE ON ALL SEQUENCES IN SCHEMA rag_monitor TO \(agent)",
            "GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA governance TO \(agent)",
            "GRANT UPDATE (is_current, dropped_at) ON governance.data_mart_registry TO \(agent)",
            "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA governance TO \(agent)",
        ]
    }
}
