import Foundation
import GRDBSQLite
import SluiceGovernance
import SluiceProvision

/// One read-only query as a role: the embedded warehouse's grant enforcement.
///
/// SQLite has no roles, so the query runs on a connection of its own, opened read-only on
/// the state folder with its schemas attached, under an SQLite authorizer
/// (`sqlite3_set_authorizer`) that SQLite consults for every table and column the statement
/// would touch while it compiles the statement. The authorizer allows reading a table only
/// when it is a mart in `data_mart` that `data_mart.sluice_grants` grants to the role, and
/// refuses everything else: the `lake` staging tables, `governance`, `catalog`,
/// `rag_monitor`, `main`, `temp` and `sqlite_master`, every write and schema change, `ATTACH`,
/// `PRAGMA` and transaction control. The connection is the C API's own rather than a GRDB
/// one, because GRDB keeps an authorizer of its own on its connections; the provisioning
/// path's connections are never touched.
///
/// The grants are read in the same read transaction as the statement, from the marts' own
/// file, so the statement sees the marts exactly as granted at that instant.
struct MartQuery {
    /// `sluice.sqlite`.
    let mainPath: String
    /// Every schema of the state folder, by name, with its file: names resolve as they do
    /// on the warehouse's connections, and the authorizer says why `lake.x` is refused.
    let attachments: [(name: String, path: String)]
    let busyTimeout: TimeInterval

    func run(_ sql: String, as role: Role, rowLimit: Int) throws -> QueryResult {
        guard rowLimit >= 0 else {
            throw WarehouseError(.failed, "the row limit is \(rowLimit); give 0 or more")
        }
        let connection = try Connection(path: mainPath, busyTimeout: busyTimeout)
        defer { connection.close() }
        for attachment in attachments {
            try connection.execute("ATTACH DATABASE ? AS \"\(attachment.name)\"", text: attachment.path)
        }
        // One read transaction for the grants and the statement.
        try connection.execute("BEGIN")
        defer { try? connection.execute("ROLLBACK") }
        let grants = try connection.grants()
        let guardian = Authorizer(role: role, grants: grants)
        connection.install(guardian)
        defer { connection.removeAuthorizer() }
        return try connection.query(sql, authorizer: guardian, rowLimit: rowLimit)
    }
}

/// What the authorizer decided against, kept so that the error says it in words rather
/// than SQLite's "not authorized".
private final class Authorizer {
    let role: Role
    /// Mart → the roles it is granted to.
    let grants: [String: [Role]]
    private(set) var refusal: WarehouseError?

    init(role: Role, grants: [String: [Role]]) {
        self.role = role
        self.grants = grants
    }

    /// Codes of `sqlite3_set_authorizer` (sqlite3.h) that a read needs.
    private static let select: Int32 = 21, read: Int32 = 20, function: Int32 = 31, recursive: Int32 = 33
    private static let insert: Int32 = 18, update: Int32 = 23, delete: Int32 = 9
    /// The tables that hold each schema's definitions.
    private static let schemaTables: Set<String> = ["sqlite_master", "sqlite_temp_master", "sqlite_schema", "sqlite_temp_schema"]

    /// What each refused action is, for the message.
    private static let actions: [Int32: String] = [
        1: "CREATE INDEX", 2: "CREATE TABLE", 3: "CREATE TEMP INDEX", 4: "CREATE TEMP TABLE", 5: "CREATE TEMP TRIGGER",
        6: "CREATE TEMP VIEW", 7: "CREATE TRIGGER", 8: "CREATE VIEW", 9: "DELETE", 10: "DROP INDEX", 11: "DROP TABLE",
        12: "DROP TEMP INDEX", 13: "DROP TEMP TABLE", 14: "DROP TEMP TRIGGER", 15: "DROP TEMP VIEW", 16: "DROP TRIGGER",
        17: "DROP VIEW", 18: "INSERT", 19: "PRAGMA", 22: "BEGIN, COMMIT or ROLLBACK", 23: "UPDATE", 24: "ATTACH",
        25: "DETACH", 26: "ALTER TABLE", 27: "REINDEX", 28: "ANALYZE", 29: "CREATE VIRTUAL TABLE", 30: "DROP VIRTUAL TABLE",
        32: "SAVEPOINT",
    ]

    func authorize(_ action: Int32, _ first: String?, _ second: String?, _ schema: String?) -> Bool {
        switch action {
        case Self.select, Self.recursive:
            return true
        case Self.function:
            // Disabled in this library build anyway; refused by name so no build can enable it here.
            if second?.lowercased() == "load_extension" {
                return refuse(.notReadOnly, "load_extension cannot be called in a query")
            }
            return true
        case Self.read:
            return authorizeRead(table: first ?? "", schema: schema ?? "main")
        default:
            // SQLite asks about writing the schema table before the CREATE, DROP or ALTER
            // itself, and stops at the first refusal: name the statement rather than "INSERT".
            let changesSchema = [Self.insert, Self.update, Self.delete].contains(action) && Self.schemaTables.contains(first?.lowercased() ?? "")
            let what = changesSchema ? "changing the schema (CREATE, DROP, ALTER)" : Self.actions[action] ?? "action \(action)"
            return refuse(.notReadOnly, "\(what) is not allowed: a query is one read-only SELECT of the marts granted to \(role.rawValue)")
        }
    }

    private func authorizeRead(table spelled: String, schema spelledSchema: String) -> Bool {
        // SQLite passes names as the statement spells them, and matches them ignoring ASCII case.
        let table = asciiLowercased(spelled), schema = asciiLowercased(spelledSchema)
        let object = "\(schema).\(table)"
        guard schema == DatabaseSchema.dataMart.name else {
            return refuse(.notGranted, "\(object) is not granted to \(role.rawValue): queries read only the marts in data_mart granted to the role")
        }
        guard let readers = grants[table] else {
            return refuse(.notGranted, "\(object) is not granted to \(role.rawValue): it is not a published mart")
        }
        guard readers.contains(role) else {
            let names = readers.map(\.rawValue).joined(separator: ", ")
            return refuse(.notGranted, "\(object) is not granted to \(role.rawValue) (granted to: \(names.isEmpty ? "no role" : names))")
        }
        return true
    }

    private func refuse(_ kind: WarehouseError.Kind, _ message: String) -> Bool {
        if refusal == nil { refusal = WarehouseError(kind, message) }
        return false
    }
}

/// A connection of SQLite's C API, used from one thread for one query.
private final class Connection {
    private var handle: OpaquePointer?

    init(path: String, busyTimeout: TimeInterval) throws {
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil)
        guard code == SQLITE_OK, handle != nil else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw WarehouseError(.failed, "\(path): cannot open it to query: \(reason)")
        }
        sqlite3_busy_timeout(handle, Int32(busyTimeout * 1000))
    }

    func close() {
        sqlite3_close_v2(handle)
        handle = nil
    }

    /// The pointer SQLite passes back to the authorizer.
    private var guardian: Unmanaged<Authorizer>?

    func install(_ authorizer: Authorizer) {
        let pointer = Unmanaged.passRetained(authorizer)
        guardian = pointer
        sqlite3_set_authorizer(handle, { context, action, first, second, schema, _ in
            let authorizer = Unmanaged<Authorizer>.fromOpaque(context!).takeUnretainedValue()
            let allowed = authorizer.authorize(action, first.map { String(cString: $0) }, second.map { String(cString: $0) },
                                               schema.map { String(cString: $0) })
            return allowed ? SQLITE_OK : SQLITE_DENY
        }, pointer.toOpaque())
    }

    func removeAuthorizer() {
        sqlite3_set_authorizer(handle, nil, nil)
        guardian?.release()
        guardian = nil
    }

    /// Runs a statement of the warehouse's own (no authorizer yet) with at most one text argument.
    func execute(_ sql: String, text argument: String? = nil) throws {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        if let argument {
            sqlite3_bind_text(statement, 1, argument, -1, Self.transient)
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure("\(sql)") }
    }

    /// Mart → roles, from `data_mart.sluice_grants`.
    func grants() throws -> [String: [Role]] {
        let statement = try prepare("SELECT mart, role FROM data_mart.sluice_grants ORDER BY mart, role")
        defer { sqlite3_finalize(statement) }
        var grants: [String: [Role]] = [:]
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw failure("reading data_mart.sluice_grants") }
            let mart = text(statement, 0)
            // A role this build does not know grants nothing, but the mart is still published.
            grants[asciiLowercased(mart), default: []].append(contentsOf: Role(rawValue: text(statement, 1)).map { [$0] } ?? [])
        }
        return grants.mapValues { $0.sorted() }
    }

    /// Compiles `sql` under `authorizer` (which refuses what the role may not touch), makes
    /// sure it is one read-only statement, and returns at most `rowLimit` rows.
    func query(_ sql: String, authorizer: Authorizer, rowLimit: Int) throws -> QueryResult {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let utf8 = Array(sql.utf8CString)
        let code = utf8.withUnsafeBufferPointer { buffer -> Int32 in
            let code = sqlite3_prepare_v2(handle, buffer.baseAddress, -1, &statement, &tail)
            guard code == SQLITE_OK, statement != nil, let tail, tail.pointee != 0 else { return code }
            // Whatever follows must be blanks and comments only: SQLite's own tokenizer decides.
            var next: OpaquePointer?
            let nextCode = sqlite3_prepare_v2(handle, tail, -1, &next, nil)
            defer { sqlite3_finalize(next) }
            return nextCode == SQLITE_OK && next == nil ? SQLITE_OK : -1
        }
        defer { sqlite3_finalize(statement) }
        if code == -1 {
            throw WarehouseError(.notReadOnly, "the query holds more than one statement; give one SELECT")
        }
        guard code == SQLITE_OK else {
            if let refusal = authorizer.refusal { throw refusal }
            throw WarehouseError(.failed, "the query does not compile: \(String(cString: sqlite3_errmsg(handle)))")
        }
        guard let statement else {
            throw WarehouseError(.notReadOnly, "the query is empty; give one SELECT")
        }
        guard sqlite3_stmt_readonly(statement) != 0 else {
            throw WarehouseError(.notReadOnly, "the query is not read-only; give one SELECT")
        }
        let columns = (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [[QueryValue]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                if let refusal = authorizer.refusal { throw refusal }
                throw WarehouseError(.failed, "the query failed: \(String(cString: sqlite3_errmsg(handle)))")
            }
            guard rows.count < rowLimit else {
                return QueryResult(columns: columns, rows: rows, truncated: true)
            }
            rows.append((0..<Int32(columns.count)).map { value(statement, $0) })
        }
        return QueryResult(columns: columns, rows: rows, truncated: false)
    }

    private func value(_ statement: OpaquePointer, _ index: Int32) -> QueryValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: .text(text(statement, index))
        case SQLITE_BLOB:
            .blob(sqlite3_column_blob(statement, index).map { pointer in
                Array(UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, index))))
            } ?? [])
        default: .null
        }
    }

    private func text(_ statement: OpaquePointer?, _ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, index))), as: UTF8.self)
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw failure(sql)
        }
        return statement
    }

    private func failure(_ what: String) -> WarehouseError {
        WarehouseError(.failed, "\(what): \(String(cString: sqlite3_errmsg(handle)))")
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound text (the C macro is not imported).
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}

/// `name` with A–Z lowered: how SQLite compares identifiers (other letters are compared as they are).
private func asciiLowercased(_ name: String) -> String {
    String(decoding: name.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
}
