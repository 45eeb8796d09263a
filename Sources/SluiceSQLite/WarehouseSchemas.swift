extension DatabaseSchema {
    /// `lake`: staging tables, one per source table per request, dropped when the request
    /// ends. Only the provisioning path writes or reads it; ``SQLiteWarehouse/query(_:as:rowLimit:)``
    /// refuses it to every role.
    public static let lake = DatabaseSchema(name: "lake", migrations: [])
    /// `data_mart`: published marts, `dm_<name>`, and builds in progress under names no
    /// reader is granted.
    public static let dataMart = DatabaseSchema(name: "data_mart", migrations: [])

    /// Every schema the embedded warehouse needs, for ``SluiceDatabase/init(directory:schemas:)``.
    public static let warehouseSchemas: [DatabaseSchema] = [.governance, .lake, .dataMart]
}
