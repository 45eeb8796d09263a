import SluiceGovernance
import SluiceSQLite

/// The embedded state folder as the provisioning commands open it.
///
/// Every command that touches the warehouse, the audit or the registry opens the folder
/// with the same schemas, `catalog` and `rag_monitor` beside the warehouse's `governance`,
/// `lake` and `data_mart`: one pool then serves search and provisioning, and every schema
/// file is brought to this build's version before any of them is read.
enum StateFolder {
    static let schemas: [DatabaseSchema] = [.catalog, .ragMonitor] + DatabaseSchema.warehouseSchemas

    /// Opens (creating when missing) the folder `--catalog` names.
    static func open(_ options: CatalogOptions) throws -> SluiceDatabase {
        try SluiceDatabase(directory: options.catalog, schemas: schemas)
    }

    /// The warehouse over an open folder. Reading marts, the registry or the audit needs no
    /// pseudonym key (masking happened when the mart was built), so none is loaded here.
    static func warehouse(_ database: SluiceDatabase, pseudonymKey: PseudonymKey? = nil) throws -> SQLiteWarehouse {
        try SQLiteWarehouse(database: database, pseudonymKey: pseudonymKey)
    }
}
