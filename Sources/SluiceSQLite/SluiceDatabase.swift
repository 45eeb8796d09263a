import Foundation
import GRDB

/// The embedded backend's state folder (default `./.sluice`): a main database,
/// `sluice.sqlite`, that holds no tables, and one file per schema (`catalog.sqlite`, …)
/// attached under the schema's name, so SQL names tables `catalog.table_metadata` as it
/// does on PostgreSQL.
///
/// Opening the folder creates it when missing, then brings every listed schema file to
/// this build's version (see ``SchemaMigration``) before any connection uses it. Each
/// schema keeps its own history inside its own file, so files can be copied, restored
/// or deleted one by one; a deleted file is created again, empty, at the latest version.
///
/// All files use SQLite's write-ahead log, and ``pool`` is a GRDB `DatabasePool`: one
/// writer and several readers, each reader seeing the last committed state. A process
/// reading the catalog while another process scans therefore never sees half a scan.
///
/// ```swift
/// let database = try SluiceDatabase(directory: ".sluice", schemas: [.catalog])
/// let names = try await database.pool.read { db in
///     try String.fetchAll(db, sql: "SELECT table_name FROM catalog.table_metadata")
/// }
/// ```
public final class SluiceDatabase: Sendable {
    /// Where the embedded backend keeps its state unless told otherwise.
    public static let defaultDirectory = ".sluice"
    /// The file every connection opens first; the schemas are attached to it.
    public static let mainFileName = "sluice.sqlite"

    /// The state folder as an absolute path.
    public let directory: String
    /// The schemas attached to every connection, each migrated to its latest version.
    public let schemas: [DatabaseSchema]
    /// The connections. Write with `pool.write { db in … }` (one transaction) and read with
    /// `pool.read { db in … }` (one consistent snapshot), naming tables with their schema.
    public let pool: DatabasePool
    /// What ``prepareEveryConnection(_:_:)`` added; run by every connection as it opens.
    private let connectionSetups = ConnectionSetups()

    /// Opens (creating when missing) the state folder at `directory` with `schemas` attached.
    ///
    /// - Throws: ``SluiceDatabaseError``, naming the folder or file at fault: the folder
    ///   cannot be created, a file is not a database or is another program's, a file is
    ///   newer than this build, a migration failed. A refused file is left unchanged; schemas
    ///   listed before it may already have been brought up to date, which is harmless.
    public init(directory: String = SluiceDatabase.defaultDirectory, schemas: [DatabaseSchema] = []) throws {
        var seen = Set<String>()
        for schema in schemas {
            try schema.validate()
            guard seen.insert(schema.name).inserted else {
                throw SluiceDatabaseError.invalidSchema(name: schema.name, reason: "it is listed twice")
            }
        }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        try Self.createFolder(folder)
        self.directory = folder
        self.schemas = schemas

        for schema in schemas {
            try SchemaMigrator(schema: schema, path: Self.path(of: schema, in: folder)).migrate()
        }

        let attachments = schemas.map { (path: Self.path(of: $0, in: folder), quotedName: $0.quotedName) }
        let setups = connectionSetups
        var configuration = Configuration()
        configuration.busyMode = .timeout(SchemaMigrator.busyTimeout)
        configuration.label = "Sluice state \(folder)"
        // Runs on every connection the pool opens, the writer and each reader.
        configuration.prepareDatabase { db in
            for attachment in attachments {
                try db.execute(sql: "ATTACH DATABASE ? AS \(attachment.quotedName)", arguments: [attachment.path])
            }
            try setups.run(on: db)
        }
        let mainPath = (folder as NSString).appendingPathComponent(Self.mainFileName)
        do {
            pool = try DatabasePool(path: mainPath, configuration: configuration)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
                throw SluiceDatabaseError.notASluiceDatabase(file: mainPath, reason: error.message ?? "SQLite cannot read it")
            }
            throw SluiceDatabaseError.sqlite(file: mainPath, reason: error.message ?? "\(error)")
        }
    }

    /// Runs `setup` on every connection of ``pool``: at once on the writer, and on each reader
    /// as it opens (idle readers are closed, so the next read opens one that has it). For what
    /// SQLite keeps per connection, such as the masking functions a warehouse registers.
    ///
    /// Registering under a `name` already used replaces that setup on connections opened
    /// from then on (and on the writer now).
    ///
    /// - Throws: what `setup` throws on the writer; nothing is registered then.
    public func prepareEveryConnection(_ name: String, _ setup: @escaping @Sendable (Database) throws -> Void) throws {
        try pool.writeWithoutTransaction { db in try setup(db) }
        connectionSetups.set(name, setup)
        pool.invalidateReadOnlyConnections()
    }

    /// The file that holds `schema` in this folder.
    public func path(of schema: DatabaseSchema) -> String {
        Self.path(of: schema, in: directory)
    }

    /// The migrations recorded in `schema`'s file, oldest first.
    public func appliedMigrations(of schema: DatabaseSchema) async throws -> [AppliedMigration] {
        guard schemas.contains(where: { $0.name == schema.name }) else {
            throw SluiceDatabaseError.invalidSchema(name: schema.name, reason: "it is not attached to the database at \(directory)")
        }
        let file = path(of: schema)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT version, name, applied_at FROM \(schema.quotedName).\(SchemaMigrator.historyTable) ORDER BY version")
                .map { row in
                    let text: String = try row.decode(forColumn: "applied_at")
                    guard let appliedAt = SQLiteTimestamp.date(from: text) else {
                        throw SluiceDatabaseError.sqlite(file: file, reason: "\(SchemaMigrator.historyTable).applied_at \(String(reflecting: text)) is not a timestamp")
                    }
                    return AppliedMigration(version: try row.decode(forColumn: "version"), name: try row.decode(forColumn: "name"), appliedAt: appliedAt)
                }
        }
    }

    private static func path(of schema: DatabaseSchema, in folder: String) -> String {
        (folder as NSString).appendingPathComponent(schema.fileName)
    }

    /// `mkdir -p`, one component at a time with POSIX `mkdir`, so a failure names the
    /// system's reason (`Not a directory`, `Permission denied`) rather than a wrapped NSError.
    private static func createFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw SluiceDatabaseError.directory(path: path, reason: "it exists and is not a folder")
            }
            return
        }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                guard code == EEXIST else {
                    let reason = String(cString: strerror(code))
                    throw SluiceDatabaseError.directory(path: path, reason: prefix == path ? "cannot create it: \(reason)" : "cannot create \(prefix): \(reason)")
                }
            }
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SluiceDatabaseError.directory(path: path, reason: "it exists and is not a folder")
        }
    }
}

/// One line of a schema file's migration history.
public struct AppliedMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    /// When this file applied it (stored to the millisecond, see the schema notes).
    public let appliedAt: Date
}

/// The setups of ``SluiceDatabase/prepareEveryConnection(_:_:)``, shared with the pool's
/// `prepareDatabase` closure, which GRDB calls on its own queues.
private final class ConnectionSetups: @unchecked Sendable {
    private let lock = NSLock()
    /// In registration order, so a later setup can rely on an earlier one.
    private var setups: [(name: String, run: @Sendable (Database) throws -> Void)] = []

    func set(_ name: String, _ setup: @escaping @Sendable (Database) throws -> Void) {
        lock.withLock {
            if let index = setups.firstIndex(where: { $0.name == name }) {
                setups[index].run = setup
            } else {
                setups.append((name, setup))
            }
        }
    }

    func run(on db: Database) throws {
        for setup in lock.withLock({ setups }) {
            try setup.run(db)
        }
    }
}
