import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceProvision
import SluiceCore
import SluicePostgres
import SluiceSQLite

/// `--catalog DIR|URL` and `--warehouse URL`: where the catalog and the warehouse live,
/// shared by every command that reads or writes them.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The embedded state folder (SQLite files; created when missing), or a postgres://USER@HOST:PORT/DB URL (password from the URL or PGPASSWORD). Default: the settings' catalog.url, else .sluice.",
            valueName: "dir|url"
        )
    )
    var catalog: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A postgres:// URL for the warehouse (marts, audit, registry) when it is not where the catalog is. Default: the settings' warehouse.url, else the catalog's place.",
            valueName: "url"
        )
    )
    var warehouse: String?

    /// The catalog's place: the flag, else the settings (`settings` or the default settings file), else `.sluice`.
    func catalogLocation(settings: SluiceConfig? = nil) throws -> BackendLocation {
        if let catalog { return try BackendLocation.parse(catalog) }
        let settings = try settings ?? SluiceConfig.load()
        if let url = settings.catalog.url { return try BackendLocation.parse(url) }
        return .folder(BackendLocation.defaultFolder)
    }

    /// The warehouse's place when it is not the catalog's: the flag, else the settings.
    func warehouseLocation(settings: SluiceConfig? = nil) throws -> PostgresLocation? {
        let text = try warehouse ?? (settings ?? SluiceConfig.load()).warehouse.url
        guard let text else { return nil }
        guard case let .postgres(location) = try BackendLocation.parse(text) else {
            throw CommandError("--warehouse takes a postgres:// URL; the embedded warehouse is always in the --catalog folder (got \(text))")
        }
        return location
    }

    /// The index a PostgreSQL catalog keeps on each model's vectors (the settings' `catalog.vector_index`).
    func vectorIndex(settings: SluiceConfig? = nil) throws -> PostgresVectorIndexKind {
        let config = try settings ?? SluiceConfig.load()
        return config.catalog.vectorIndex == .diskann ? .diskann : .hnsw
    }

    /// Runs `body` with the catalog store, closing a PostgreSQL connection after it.
    func withCatalogStore<T>(settings: SluiceConfig? = nil, _ body: (any CatalogStore) async throws -> T) async throws -> T {
        let backend = try await Backend.open(catalog: catalogLocation(settings: settings), warehouse: nil, includeWarehouse: false)
        return try await backend.run { try await body(backend.catalog) }
    }

    /// Runs `body` with the warehouse (marts, audit, registry), closing connections after it.
    func withWarehouse<T>(settings: SluiceConfig? = nil, _ body: (any Warehouse) async throws -> T) async throws -> T {
        let backend = try await Backend.open(catalog: catalogLocation(settings: settings), warehouse: warehouseLocation(settings: settings),
                                             includeWarehouse: true)
        return try await backend.run { try await body(try backend.warehouse(pseudonymKey: nil)) }
    }
}
