/// One step in the history of a schema: SQL that moves its file from `version - 1` to `version`.
///
/// Migrations are never edited once released: a file records the versions and names it
/// has applied, and ``SluiceDatabase`` refuses a file whose record disagrees with the
/// build. A change to the tables is a new migration appended to the schema's list.
///
/// The SQL runs on a connection whose main database is the schema's own file, so it
/// names tables unqualified (`CREATE TABLE table_metadata …`): the same text works
/// whatever name the schema is attached under, and foreign keys and indexes stay inside
/// the file, as SQLite requires.
public struct SchemaMigration: Sendable, Equatable {
    /// 1 for the first migration, then consecutive.
    public let version: Int
    /// A short label recorded with the version: `create catalog tables`.
    public let name: String
    /// One or more SQL statements, applied in one transaction with the version's record.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
