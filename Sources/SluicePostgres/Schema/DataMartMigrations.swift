extension PostgresSchema {
    /// `data_mart`: published marts, `dm_<name>`, each granted with `GRANT SELECT` to the
    /// roles its classification allows, and builds in progress under names no role is
    /// granted. Unlike the embedded backend, no bookkeeping table is needed: PostgreSQL's own
    /// privileges are what readers meet.
    public static let dataMart = PostgresSchema(name: "data_mart", migrations: [])
}
