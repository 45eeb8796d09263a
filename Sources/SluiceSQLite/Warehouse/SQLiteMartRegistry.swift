import Foundation
import GRDB
import SluiceGovernance

/// `governance.data_mart_registry` and its lineage tables (``DatabaseSchema/governance``
/// migration 2): one row per published mart version with its requester, classification,
/// grants, spec, SQL, masking and row count; `governance.mart_lineage_sources` (lake objects
/// with ETag / content hash) and `governance.mart_lineage_columns` (output column → source
/// columns, transformation, mask).
///
/// ``SQLiteWarehouse/publish(buildName:registration:)`` writes it in the transaction that
/// publishes the mart, so every version listed here was visible to readers once, and the
/// current one is what they see now.
///
/// ```swift
/// let registry = try SQLiteMartRegistry(database: database)
/// try await registry.nextVersion(of: "dm_portfolio_exposure")      // 1 before the first build
/// try await registry.currentMarts().map(\.name)                     // ["dm_portfolio_exposure", …]
/// ```
///
/// A registration reads back equal to the one published, except that `createdAt` and
/// `droppedAt` keep milliseconds (the stored form, see the schema notes).
public final class SQLiteMartRegistry: MartRegistry {
    public let database: SluiceDatabase
    /// The path of `governance.sqlite`, which errors name.
    public let location: String

    /// - Throws: ``SluiceDatabaseError/invalidSchema(name:reason:)`` when `database` was opened
    ///   without ``DatabaseSchema/governance``.
    public init(database: SluiceDatabase) throws {
        guard database.schemas.contains(.governance) else {
            throw SluiceDatabaseError.invalidSchema(name: DatabaseSchema.governance.name,
                                                    reason: "the database at \(database.directory) was opened without it")
        }
        self.database = database
        location = database.path(of: .governance)
    }

    /// The current version of every mart that is not dropped, by name.
    public func currentMarts() async throws -> [MartRegistration] {
        let location = location
        return try await database.read({ db in
            try RegistryRows.read(db, where: "is_current = 1", arguments: [], location: location)
        }, translatingErrors: translated)
    }

    /// Every version of `name` (`dm_portfolio_exposure`), oldest first; empty when it never existed.
    public func versions(of name: String) async throws -> [MartRegistration] {
        let location = location
        return try await database.read({ db in
            try RegistryRows.read(db, where: "name = ?", arguments: [name], location: location)
        }, translatingErrors: translated)
    }

    /// 1 + the highest version `name` ever had, dropped versions included, so a version
    /// number is never reused.
    public func nextVersion(of name: String) async throws -> Int {
        try await database.read({ db in
            try RegistryRows.nextVersion(of: name, in: db)
        }, translatingErrors: translated)
    }

    /// SQLite's errors become ``SluiceDatabaseError/sqlite(file:reason:)`` naming this file.
    private func translated(_ error: any Error) -> any Error {
        switch error {
        case let error as DatabaseError: SluiceDatabaseError.sqlite(file: location, reason: error.message ?? "\(error)")
        default: error
        }
    }
}
