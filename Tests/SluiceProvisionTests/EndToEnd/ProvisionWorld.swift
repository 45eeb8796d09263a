import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluiceProvision
import SluiceSQLite
import SluiceSearch
import SluiceTestSupport
import Testing

/// One embedded deployment for one test: a fresh copy of the scanned demo state with the
/// warehouse schemas attached (`lake`, `data_mart`, `governance`), the real SQLite warehouse
/// and the real executor reading the demo lake folder. Nothing is shared between tests but
/// the lake itself, which every test only reads.
struct ProvisionWorld {
    /// The deployment secret of the `hash` pseudonym in these tests (never a real one).
    static let pseudonymSecret = "end-to-end-tests-pseudonym-secret"

    let database: SluiceDatabase
    let warehouse: SQLiteWarehouse
    let contents: CatalogContents
    let lake: FolderStore
    let pseudonymKey: PseudonymKey?

    static func make(withPseudonymKey: Bool = true) async throws -> ProvisionWorld {
        let database = try SluiceDatabase(directory: try await DemoLake.copyOfState(),
                                          schemas: [.catalog, .ragMonitor] + DatabaseSchema.warehouseSchemas)
        let key = withPseudonymKey ? try PseudonymKey(secret: pseudonymSecret) : nil
        return ProvisionWorld(database: database, warehouse: try SQLiteWarehouse(database: database, pseudonymKey: key),
                              contents: try await DemoLake.contents(), lake: try await DemoLake.store(), pseudonymKey: key)
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
        try await warehouse.query("SELECT * FROM data_mart.\(SQLiteDialect.quoted(mart))", as: role, rowLimit: 1_000_000)
    }

    func auditRecords() async throws -> [AuditRecord] {
        try await warehouse.auditLog.entries().map { try $0.record() }
    }

    /// What a request must leave behind whatever its outcome: no staging table in `lake`,
    /// and in `data_mart` only the published marts `expectedMarts` (no build table).
    func expectNothingLeftBehind(marts expectedMarts: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await warehouse.stagingTables() == [], "staging tables left in lake", sourceLocation: sourceLocation)
        #expect(try await warehouse.martTables().sorted() == expectedMarts.sorted(), "tables in data_mart", sourceLocation: sourceLocation)
        // The same seen by Python's sqlite3 in the files themselves, not through the warehouse.
        let lakeFile = try SQLiteSnapshot.read(database.path(of: .lake))
        #expect(lakeFile.dataTables.isEmpty, "lake.sqlite holds \(lakeFile.dataTables)", sourceLocation: sourceLocation)
        let martFile = try SQLiteSnapshot.read(database.path(of: .dataMart))
        #expect(martFile.dataTables == expectedMarts.sorted(), "data_mart.sqlite holds \(martFile.dataTables)", sourceLocation: sourceLocation)
    }

    /// The audit chain checked twice: by the log's own verify and by Python recomputing
    /// every hash from `governance.sqlite`.
    func expectAuditChainIntact(entries: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await warehouse.auditLog.verify() == .intact(entries: entries), sourceLocation: sourceLocation)
        let check = try JSONDecoder().decode(AuditChainCheck.self,
                                             from: Python.runTool("audit_chain_check.py", arguments: [database.path(of: .governance)]))
        #expect(check.entries == entries && check.broken == nil, "Python's recomputation: \(check)", sourceLocation: sourceLocation)
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

/// A SQLite file's schema and contents as Python's sqlite3 sees them (`Tests/tools/sqlite_snapshot.py`).
struct SQLiteSnapshot: Decodable, Equatable {
    struct Table: Decodable, Equatable {
        let rows: Int
        let digest: String
    }

    /// Every table, index, trigger and view: name → its kind and SQL.
    let objects: [String: String]
    let tables: [String: Table]

    /// The state folder's own bookkeeping in each file (`sluice_migrations`, the marts'
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
