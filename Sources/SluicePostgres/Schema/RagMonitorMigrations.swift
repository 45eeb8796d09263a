extension PostgresSchema {
    /// The `rag_monitor` schema. (Contract: its migrations are written by the part that owns it.)
    public static let ragMonitor = PostgresSchema(name: "rag_monitor", migrations: [])
}
