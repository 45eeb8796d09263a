/// A schema of the design (`catalog`, `governance`, `rag_monitor`, …): the name it is
/// attached under and the migrations that build its tables.
///
/// In the embedded backend each schema is one file, `<name>.sqlite`, in the state folder,
/// attached to every connection of a ``SluiceDatabase`` so that queries name tables as
/// `catalog.table_metadata` exactly as on PostgreSQL. A later issue adds its schema by
/// declaring one more value and listing it when it opens the database:
///
/// ```swift
/// extension DatabaseSchema {
///     public static let governance = DatabaseSchema(name: "governance", migrations: [
///         SchemaMigration(version: 1, name: "create audit log", sql: "CREATE TABLE audit_log (…)"),
///     ])
/// }
/// let database = try SluiceDatabase(directory: ".sluice", schemas: [.catalog, .governance])
/// ```
public struct DatabaseSchema: Sendable, Equatable {
    /// Lowercase letters, digits and `_`, starting with a letter: it is both the SQL schema
    /// name and the file name, so it must be safe as either.
    public let name: String
    /// In version order: 1, 2, 3, …
    public let migrations: [SchemaMigration]

    public init(name: String, migrations: [SchemaMigration]) {
        self.name = name
        self.migrations = migrations
    }

    /// The file that holds the schema inside the state folder: `catalog.sqlite`.
    public var fileName: String { "\(name).sqlite" }

    /// The version a file has once every migration of this build ran (0 when there are none).
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Names SQLite reserves for its own schemas.
    static let reservedNames: Set<String> = ["main", "temp"]

    /// Throws ``SluiceDatabaseError/invalidSchema(name:reason:)`` unless the name is usable and
    /// the versions run 1, 2, 3, … without gaps or repeats.
    func validate() throws {
        let scalars = Array(name.unicodeScalars)
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        guard let first = scalars.first, isLetter(first),
              scalars.allSatisfy({ isLetter($0) || isDigit($0) || $0 == "_" }) else {
            throw SluiceDatabaseError.invalidSchema(name: name, reason: "a schema name needs a lowercase letter first, then lowercase letters, digits or _")
        }
        guard !Self.reservedNames.contains(name) else {
            throw SluiceDatabaseError.invalidSchema(name: name, reason: "SQLite reserves the name \(name)")
        }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw SluiceDatabaseError.invalidSchema(
                name: name,
                reason: "migration \(String(reflecting: migration.name)) has version \(migration.version) where \(index + 1) was expected (versions run 1, 2, 3, … in order)")
        }
    }

    /// `"catalog"`: the name as an SQL identifier. ``validate()`` allows no quote character,
    /// so the quoting is only a guard against SQL keywords.
    var quotedName: String { "\"\(name)\"" }
}
