extension PostgresSchema {
    /// The `governance` schema. (Contract: its migrations are written by the part that owns it.)
    public static let governance = PostgresSchema(name: "governance", migrations: [])
}
