import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluicePostgres
import SluicePostgresTestSupport
import SluiceProvision
import SluiceTestSupport
import Testing

/// One PostgreSQL deployment for one test: a fresh database on the test server, initialized
/// the way `sluice pg init` does (extensions, schemas, the four roles with the passwords of
/// `scripts/services.sh env`, schema privileges) and the real PostgreSQL warehouse; the
/// executor over it is ``ProvisionWorld``'s. ``close()`` drops the database.
struct PostgresWorld {
    let location: PostgresLocation
    let database: PostgresDatabase
    let warehouse: PostgresWarehouse

    static func make(withPseudonymKey: Bool = true) async throws -> PostgresWorld {
        let location = try await TestPostgres.createDatabase()
        let database = try await PostgresDatabase.connect(location)
        var passwords: [String: String] = [:]
        for role in PostgresRoles.names { passwords[role] = try TestPostgres.password(of: role) }
        _ = try await PostgresRoles.initialize(database: database, passwords: passwords)
        let key = withPseudonymKey ? try PseudonymKey(secret: ProvisionWorld.pseudonymSecret) : nil
        return PostgresWorld(location: location, database: database, warehouse: PostgresWarehouse(database: database, pseudonymKey: key))
    }

    func close() async {
        await database.close()
        try? await TestPostgres.dropDatabase(location)
    }

    /// `role`'s own login on this database, with its password: how a BI tool connects.
    func location(as role: String) throws -> PostgresLocation {
        location.user(role, password: try TestPostgres.password(of: role))
    }

    /// `sql` run by psycopg2 logged in as `role`: the rows, or the server's SQLSTATE and message.
    func psycopg2(_ sql: String, as role: String) throws -> Psycopg2Answer {
        try JSONDecoder().decode(Psycopg2Answer.self, from: Python.runTool("pg_read_as.py", arguments: [try location(as: role).urlWithPassword, sql]))
    }
}

/// What `Tests/tools/pg_read_as.py` printed.
struct Psycopg2Answer: Decodable {
    var columns: [String]?
    var rows: [[LakeValue]]?
    var sqlstate: String?
    var message: String?

    func column(_ name: String) throws -> [LakeValue] {
        guard let columns, let rows, let index = columns.firstIndex(of: name) else {
            throw FixtureError("psycopg2 got no column \(name): \(sqlstate ?? "") \(message ?? "") columns \(columns ?? [])")
        }
        return rows.map { $0[index] }
    }
}
