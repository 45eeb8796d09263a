extension PostgresSchema {
    /// `lake`: staging tables, one per source table per request (UNLOGGED: they hold copies
    /// of lake data for minutes and need no crash safety), dropped when the request ends.
    /// No reader role has any privilege on it (``PostgresRoles``).
    public static let lake = PostgresSchema(name: "lake", migrations: [])
}
