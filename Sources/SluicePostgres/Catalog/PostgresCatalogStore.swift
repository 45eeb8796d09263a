import SluiceCatalog

/// The catalog of the server backend: the `catalog` schema in PostgreSQL.
public final class PostgresCatalogStore: CatalogStore {
    public let database: PostgresDatabase
    public var location: String { database.location.description }

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func load() async throws -> CatalogContents { fatalError("contract") }
    public func replace(with contents: CatalogContents) async throws { fatalError("contract") }
}
