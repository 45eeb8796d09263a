extension DatabaseSchema {
    /// `lake`: staging tables, one per source table per request, dropped when the request
    /// ends. Only the provisioning path writes or reads it; ``SQLiteWarehouse/query(_:as:rowLimit:)``
    /// refuses it to every role.
    public static let lake = DatabaseSchema(name: "lake", migrations: [])

    /// `data_mart`: published marts, `dm_<name>`, and builds in progress under names no
    /// reader is granted.
    ///
    /// **`sluice_grants`**, primary key (`mart`, `role`): the roles each published mart is
    /// granted to, what ``SQLiteWarehouse/query(_:as:rowLimit:)`` enforces. The registry in
    /// `governance` records the same grants with their history; this copy lives in the marts'
    /// own file because SQLite commits each attached file of a write-ahead-logged database
    /// separately: a reader could otherwise see a new mart with the previous version's grants.
    /// Within one file, a mart and its grants change in the same commit.
    public static let dataMart = DatabaseSchema(name: "data_mart", migrations: [
        SchemaMigration(version: 1, name: "create mart grants", sql: """
            CREATE TABLE sluice_grants (
                mart TEXT NOT NULL,
                role TEXT NOT NULL,
                PRIMARY KEY (mart, role)
            ) STRICT, WITHOUT ROWID;
            """),
    ])

    /// Every schema the embedded warehouse needs, for ``SluiceDatabase/init(directory:schemas:)``.
    public static let warehouseSchemas: [DatabaseSchema] = [.governance, .lake, .dataMart]
}
