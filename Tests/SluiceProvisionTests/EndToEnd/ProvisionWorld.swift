import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluicePostgres
import SluicePostgresTestSupport
import SluiceProvision
import SluiceSQLite
import SluiceSearch
import SluiceTestSupport
import Testing

/// One deployment for one test, on either backend: the real warehouse (SQLite: a fresh copy
/// of the scanned demo state with the warehouse schemas attached; PostgreSQL: a fresh
/// database initialized as `sluice pg init` does, see ``PostgresWorld``) and the real
/// executor reading the demo lake folder. Nothing is shared between tests but the lake
/// itself, which every test only reads. ``close()`` drops a PostgreSQL database.
struct ProvisionWorld {
    /// The deployment secret of the `hash` pseudonym in these tests (never a real one).
    static let pseudonymSecret = "end-to-end-tests-pseudonym-secret"

    let backend: WarehouseBackend
    let warehouse: any Warehouse
    /// The embedded state folder (SQLite only).
    let sqlite: SluiceDatabase?
    /// The server deployment (PostgreSQL only).
    let postgres: PostgresWorld?
    let contents: CatalogContents
    let lake: FolderStore
    let pseudonymKey: PseudonymKey?

    static func make(_ backend: WarehouseBackend = .sqlite, withPseudonymKey: Bool = true) async throws -> ProvisionWorld {
        let key = withPseudonymKey ? try PseudonymKey(secret: pseudonymSecret) : nil
        let contents = try await DemoLake.contents(), lake = try await DemoLake.store()
        switch backend {
        case .sqlite:
            let database = try SluiceDatabase(directory: try await DemoLake.copyOfState(),
                                              schemas: [.catalog, .ragMonitor] + DatabaseSchema.warehouseSchemas)
            return ProvisionWorld(backend: backend, warehouse: try SQLiteWarehouse(database: database, pseudonymKey: key), sqlite: database,
                                  postgres: nil, contents: contents, lake: lake, pseudonymKey: key)
        case .postgres:
            let world = try await PostgresWorld.make(withPseudonymKey: withPseudonymKey)
            return ProvisionWorld(backend: backend, warehouse: world.warehouse, sqlite: nil, postgres: world, contents: contents,
                                  lake: lake, pseudonymKey: key)
        }
    }

    /// Drops the PostgreSQL database (the SQLite copy is a temporary folder).
    func close() async {
        await postgres?.close()
    }

    /// The executor over this world's warehouse; `openLake` opens only the demo lake, the
    /// location every table of the catalog was scanned from.
    func executor(progress: ProvisionExecutor.Progress? = nil, faultInjector: ProvisionExecutor.FaultInjector? = nil) -> ProvisionExecutor {
        let lake = self.lake
        return ProvisionExecutor(warehouse: warehouse, catalog: contents, pseudonymKeyAvailable: pseudonymKey != nil,
                                 openLake: { uri in
                                     guard uri == lake.location else {
                                         throw LakeError(.invalidLocation, location: uri, message: "the end-to-end tests know only the demo lake at \(lake.location)")
                                     }
                                     return lake
                                 },
                                 progress: progress, faultInjector: faultInjector)
    }

    @discardableResult
    func provision(_ spec: MartSpec, as requester: Requester, question: String? = nil, searchResults: [String] = [],
                   progress: ProvisionExecutor.Progress? = nil) async throws -> ProvisionOutcome {
        try await executor(progress: progress).provision(
            ProvisionRequest(requester: requester, question: question, searchResults: searchResults, spec: spec))
    }

    /// Every row of a published mart, read the way a reader reads it: through the
    /// warehouse's query gate, as `role`.
    func rows(of mart: String, as role: Role) async throws -> QueryResult {
        try await warehouse.query("SELECT * FROM data_mart.\(warehouse.dialect.quote(mart))", as: role, rowLimit: 1_000_000)
    }

    func auditRecords() async throws -> [AuditRecord] {
        try await warehouse.auditLog.entries().map { try $0.record() }
    }

    /// What a request must leave behind whatever its outcome: no staging table in `lake`,
    /// and in `data_mart` only the published marts `expectedMarts` (no build table).
    func expectNothingLeftBehind(marts expectedMarts: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await warehouse.stagingTables() == [], "staging tables left in lake", sourceLocation: sourceLocation)
        #expect(try await warehouse.martTables().sorted() == expectedMarts.sorted(), "tables in data_mart", sourceLocation: sourceLocation)
        // The same seen by an independent client (Python's sqlite3 on the files, psycopg2 on the server), not through the warehouse.
        let lakeTables = try snapshot(of: .lake)
        #expect(lakeTables.dataTables.isEmpty, "lake holds \(lakeTables.dataTables)", sourceLocation: sourceLocation)
        let martTables = try snapshot(of: .dataMart)
        #expect(martTables.dataTables == expectedMarts.sorted(), "data_mart holds \(martTables.dataTables)", sourceLocation: sourceLocation)
    }

    /// The audit chain checked twice: by the log's own verify and by Python recomputing
    /// every hash from `governance.sqlite`.
    func expectAuditChainIntact(entries: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await warehouse.auditLog.verify() == .intact(entries: entries), sourceLocation: sourceLocation)
        let source = try sqlite.map { $0.path(of: .governance) } ?? (try #require(postgres)).location.urlWithPassword
        let check = try JSONDecoder().decode(AuditChainCheck.self, from: Python.runTool("audit_chain_check.py", arguments: [source]))
        #expect(check.entries == entries && check.broken == nil, "Python's recomputation: \(check)", sourceLocation: sourceLocation)
    }

    /// One schema as an independent client sees it: Python's sqlite3 on the schema's file, or
    /// psycopg2 on the PostgreSQL database.
    func snapshot(of schema: DatabaseSchema) throws -> SQLiteSnapshot {
        if let sqlite { return try SQLiteSnapshot.read(sqlite.path(of: schema)) }
        let postgres = try #require(postgres)
        return try JSONDecoder().decode(SQLiteSnapshot.self, from: Python.runTool("pg_snapshot.py", arguments: [
            postgres.location.urlWithPassword, schema.name,
        ]))
    }

    private struct AuditChainCheck: Decodable, CustomStringConvertible {
        let entries: Int
        let broken: Int64?
        var description: String { "\(entries) entries, first broken \(broken.map(String.init) ?? "none")" }
    }
}

extension SQLiteDialect {
    /// An identifier quoted the way SQLite reads it, for the tests' own SQL.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A schema's objects and contents as an independent client sees them: a SQLite file by
/// Python's sqlite3 (`Tests/tools/sqlite_snapshot.py`), a PostgreSQL schema by psycopg2
/// (`Tests/tools/pg_snapshot.py`).
struct SQLiteSnapshot: Decodable, Equatable {
    struct Table: Decodable, Equatable {
        let rows: Int
        let digest: String
    }

    /// Every table, index, trigger and view: name → its kind and SQL.
    let objects: [String: String]
    let tables: [String: Table]

    /// The backends' own bookkeeping in each schema (`sluice_migrations`, the embedded marts'
    /// `sluice_grants`): never data, never a mart.
    static let bookkeepingPrefix = "sluice_"

    /// The tables that hold data (staged, built or published), by name.
    var dataTables: [String] {
        tables.keys.filter { !$0.hasPrefix(Self.bookkeepingPrefix) }.sorted()
    }

    static func read(_ path: String) throws -> SQLiteSnapshot {
        try JSONDecoder().decode(SQLiteSnapshot.self, from: Python.runTool("sqlite_snapshot.py", arguments: [path]))
    }
}

extension QueryResult {
    /// Every cell as text, the way a reader sees it printed; `nil` for SQL NULL.
    var textCells: [[String?]] {
        rows.map { row in row.map { $0 == .null ? nil : $0.description } }
    }

    /// The values of output column `name`, row by row.
    func column(_ name: String) throws -> [QueryValue] {
        guard let index = columns.firstIndex(of: name) else {
            throw FixtureError("the mart has no column \(String(reflecting: name)); it has \(columns)")
        }
        return rows.map { $0[index] }
    }
}

/// The error the failure-injection tests throw from a step: a message no step name appears in,
/// so an audit entry that names the step took the name from the executor.
struct InjectedFault: Error, CustomStringConvertible {
    static let message = "simulated outage 7f3a9c"
    var description: String { Self.message }
}

/// A fixture that cannot be set up as the test expects (a spec table missing, a value of
/// an unexpected type): says what was found.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
