/// One step in the history of a schema: statements that move it from `version - 1` to
/// `version`, applied in one transaction with the version's record.
///
/// Migrations are never edited once released; a change is a new migration appended to the
/// schema's list. Statements are separate strings because the extended query protocol runs
/// one statement at a time (and a function body has semicolons of its own).
public struct PostgresMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

/// A schema of the design (`catalog`, `governance`, `rag_monitor`, `lake`, `data_mart`)
/// with its migrations. The same names as the embedded backend's attached files, so the
/// same SQL names work in both.
public struct PostgresSchema: Sendable, Hashable {
    public let name: String
    public let migrations: [PostgresMigration]

    public init(name: String, migrations: [PostgresMigration]) {
        self.name = name
        self.migrations = migrations
    }

    public static func == (lhs: PostgresSchema, rhs: PostgresSchema) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Every schema, in the order they are created (later ones may refer to earlier ones).
    public static var all: [PostgresSchema] { [.catalog, .ragMonitor, .governance, .lake, .dataMart] }
}
