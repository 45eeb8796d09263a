extension PostgresSchema {
    /// The `data_mart` schema. (Contract: its migrations are written by the part that owns it.)
    public static let dataMart = PostgresSchema(name: "data_mart", migrations: [])
}
