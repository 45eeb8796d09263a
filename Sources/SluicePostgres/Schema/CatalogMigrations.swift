extension PostgresSchema {
    /// The `catalog` schema. (Contract: its migrations are written by the part that owns it.)
    public static let catalog = PostgresSchema(name: "catalog", migrations: [])
}
