import GRDB
import SluiceCatalog

/// The catalog of the embedded backend: the `catalog` schema (``DatabaseSchema/catalog``)
/// in `catalog.sqlite` of a ``SluiceDatabase`` state folder.
///
/// ```swift
/// let store = try SQLiteCatalogStore(directory: ".sluice")
/// var contents = try await store.load()
/// contents.tables.append(orders)
/// try await store.replace(with: contents)        // one transaction
/// ```
///
/// Every operation is one SQLite transaction on a WAL database: readers, in this process
/// or another, see either the catalog before a ``replace(with:)`` or the one after it.
/// Failures are ``SluiceCatalog/CatalogError`` values naming the file and, for rejected
/// contents, the table, column, relationship or pattern at fault.
public final class SQLiteCatalogStore: CatalogStore {
    /// The state folder this store's catalog lives in; other schemas can share it.
    public let database: SluiceDatabase
    /// The path of `catalog.sqlite`.
    public let location: String

    /// Opens (creating when missing) `<directory>/catalog.sqlite` and brings it to this build's version.
    ///
    /// - Throws: ``SluiceDatabaseError`` naming the folder or file when it cannot be used
    ///   (see ``SluiceDatabase/init(directory:schemas:)``).
    public convenience init(directory: String = SluiceDatabase.defaultDirectory) throws {
        try self.init(database: SluiceDatabase(directory: directory, schemas: [.catalog]))
    }

    /// Uses the catalog of an open state folder, for a process that also works with other schemas.
    ///
    /// - Throws: ``SluiceDatabaseError/invalidSchema(name:reason:)`` when `database` was opened without ``DatabaseSchema/catalog``.
    public init(database: SluiceDatabase) throws {
        guard database.schemas.contains(.catalog) else {
            throw SluiceDatabaseError.invalidSchema(name: DatabaseSchema.catalog.name,
                                                    reason: "the database at \(database.directory) was opened without it")
        }
        self.database = database
        location = database.path(of: .catalog)
    }

    public func load() async throws -> CatalogContents {
        let location = location
        return try await reading { db in
            try CatalogRowReader(db: db, location: location).contents()
        }
    }

    public func replace(with contents: CatalogContents) async throws {
        let location = location
        try await writing { db in
            let writer = CatalogRowWriter(db: db, location: location)
            try writer.deleteAll()
            for table in contents.tables { try writer.insert(table) }
            for column in contents.columns { try writer.insert(column) }
            for relationship in contents.relationships { try writer.insert(relationship) }
            for pattern in contents.kpiPatterns { try writer.insert(pattern) }
        }
    }

    /// Runs `work` in one read transaction (a consistent snapshot), reporting failures as ``SluiceCatalog/CatalogError``.
    private func reading<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        try await database.read(work, translatingErrors: translated)
    }

    /// Runs `work` in one write transaction, rolled back when it throws, reporting failures as ``SluiceCatalog/CatalogError``.
    private func writing<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        try await database.write(work, translatingErrors: translated)
    }

    /// Catalog errors pass through; SQLite's become ``SluiceCatalog/CatalogError/store(location:reason:)`` with this store's file.
    private func translated(_ error: any Error) -> CatalogError {
        switch error {
        case let error as CatalogError: error
        case let error as DatabaseError: .store(location: location, reason: error.message ?? "\(error)")
        default: .store(location: location, reason: "\(error)")
        }
    }
}
