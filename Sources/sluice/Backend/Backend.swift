import Foundation
import SluiceCatalog
import SluiceGovernance
import SluicePostgres
import SluiceProvision
import SluiceSQLite
import SluiceSearch

/// The stores of one deployment, open: the catalog side (catalog, embeddings, search
/// monitor, and for PostgreSQL the vector search in the database) and, when asked for, the
/// warehouse side. One place opens them for every command, and ``close()`` (or ``run(_:)``)
/// closes PostgreSQL connections on every path.
///
/// - Embedded: one ``SluiceSQLite/SluiceDatabase`` over the state folder with every schema
///   the command needs, so search and provisioning share one pool.
/// - PostgreSQL: one pool per database, migrated to this build's schemas on open (a
///   database without the extensions fails here with the administrator's remedy).
struct Backend {
    let location: BackendLocation
    let catalog: any CatalogStore
    let embeddings: any EmbeddingStore
    let monitor: any SearchMonitor & PlannerCallLog
    let vectorSearch: (any StoredVectorSearch)?
    private let folder: SluiceDatabase?
    private let catalogDatabase: PostgresDatabase?
    private let warehouseDatabase: PostgresDatabase?

    /// Opens the catalog side at `catalog` and, when `includeWarehouse`, the warehouse's
    /// schemas: in the `warehouse` database when given, else beside the catalog.
    ///   - vectorIndex: the index a PostgreSQL catalog keeps on new models' vectors.
    static func open(catalog: BackendLocation, warehouse: PostgresLocation?, includeWarehouse: Bool,
                     vectorIndex: PostgresVectorIndexKind = .hnsw) async throws -> Backend {
        var separateWarehouse: PostgresDatabase?
        if includeWarehouse, let warehouse {
            separateWarehouse = try await connect(warehouse, schemas: [.governance, .lake, .dataMart])
        }
        do {
            switch catalog {
            case let .folder(path):
                let schemas: [DatabaseSchema] = [.catalog, .ragMonitor] + (includeWarehouse && warehouse == nil ? DatabaseSchema.warehouseSchemas : [])
                let database = try SluiceDatabase(directory: path, schemas: schemas)
                return Backend(location: catalog, catalog: try SQLiteCatalogStore(database: database),
                               embeddings: try SQLiteEmbeddingStore(database: database), monitor: try SQLiteSearchMonitor(database: database),
                               vectorSearch: nil, folder: database, catalogDatabase: nil, warehouseDatabase: separateWarehouse)
            case let .postgres(location):
                let database = try await connect(location, schemas: includeWarehouse && warehouse == nil ? PostgresSchema.all : [.catalog, .ragMonitor])
                return Backend(location: catalog, catalog: PostgresCatalogStore(database: database),
                               embeddings: PostgresEmbeddingStore(database: database, index: vectorIndex),
                               monitor: PostgresSearchMonitor(database: database),
                               vectorSearch: PostgresVectorSearch(database: database), folder: nil, catalogDatabase: database,
                               warehouseDatabase: separateWarehouse ?? (includeWarehouse ? database : nil))
            }
        } catch {
            await separateWarehouse?.close()
            throw error
        }
    }

    private static func connect(_ location: PostgresLocation, schemas: [PostgresSchema]) async throws -> PostgresDatabase {
        let database = try await PostgresDatabase.connect(location)
        do {
            try await database.migrate(schemas)
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// The warehouse over the open schemas. Building marts needs the pseudonym key; reading
    /// marts, the registry or the audit does not (masking happened when the mart was built).
    func warehouse(pseudonymKey: PseudonymKey?) throws -> any Warehouse {
        if let warehouseDatabase { return PostgresWarehouse(database: warehouseDatabase, pseudonymKey: pseudonymKey) }
        guard let folder, folder.schemas.contains(.governance) else {
            throw CommandError("internal: the backend at \(location) was opened without its warehouse")
        }
        return try SQLiteWarehouse(database: folder, pseudonymKey: pseudonymKey)
    }

    /// Where the warehouse is, for messages.
    var warehouseDescription: String {
        warehouseDatabase?.location.description ?? location.description
    }

    /// Where the audit log is, for messages: the `governance.sqlite` file or the database.
    var auditLocation: String {
        if let warehouseDatabase { return "\(warehouseDatabase.location) (governance.provisioning_audit)" }
        return folder?.path(of: .governance) ?? location.description
    }

    /// Whether the warehouse is PostgreSQL (its grants are real roles).
    var warehouseIsPostgres: Bool { warehouseDatabase != nil }

    func close() async {
        if let warehouseDatabase, warehouseDatabase !== catalogDatabase { await warehouseDatabase.close() }
        await catalogDatabase?.close()
    }

    /// Runs `body`, then closes, also when `body` throws.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }
}
