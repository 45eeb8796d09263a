extension PostgresSchema {
    /// The `lake` schema. (Contract: its migrations are written by the part that owns it.)
    public static let lake = PostgresSchema(name: "lake", migrations: [])
}
