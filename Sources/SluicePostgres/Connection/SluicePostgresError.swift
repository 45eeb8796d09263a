/// What goes wrong talking to PostgreSQL, each case naming the database (never with its
/// password) and what to do about it.
public enum SluicePostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `postgres://` URL that cannot be used.
    case invalidLocation(String, reason: String)
    /// Nothing answers at the host and port.
    case unreachable(location: String, reason: String)
    /// The server refused the user or password.
    case authentication(location: String, user: String, reason: String)
    /// The database does not exist on the server.
    case noSuchDatabase(location: String, database: String)
    /// An extension the schema needs is not installed and this user may not install it.
    case missingExtension(location: String, name: String, reason: String)
    /// The user lacks a privilege (`permission denied for schema lake`).
    case permissionDenied(location: String, reason: String)
    /// The statement ran past the location's `statement_timeout`.
    case statementTimeout(location: String, milliseconds: Int)
    /// The database's recorded migrations disagree with this build's.
    case schemaMismatch(location: String, schema: String, reason: String)
    /// Anything else the server or the connection reported.
    case failed(location: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidLocation(url, reason):
            "invalid PostgreSQL location \(url): \(reason)"
        case let .unreachable(location, reason):
            "cannot reach PostgreSQL at \(location): \(reason) (is the server running? `scripts/services.sh up postgres` starts the test server)"
        case let .authentication(location, user, reason):
            "PostgreSQL at \(location) refused user \(String(reflecting: user)): \(reason) (check the password in the URL, PGPASSWORD or the settings file)"
        case let .noSuchDatabase(location, database):
            "PostgreSQL at \(location) has no database \(String(reflecting: database)) (create it, or run `sluice pg init` as an administrator)"
        case let .missingExtension(location, name, reason):
            "PostgreSQL at \(location) lacks the extension \(String(reflecting: name)): \(reason) (install pgvector and pgvectorscale on the server and run `sluice pg init` as an administrator, which runs CREATE EXTENSION)"
        case let .permissionDenied(location, reason):
            "PostgreSQL at \(location): \(reason)"
        case let .statementTimeout(location, milliseconds):
            "PostgreSQL at \(location) cancelled a statement that ran past statement_timeout (\(milliseconds) ms); raise it with ?statement_timeout= in the URL"
        case let .schemaMismatch(location, schema, reason):
            "PostgreSQL at \(location), schema \(schema): \(reason)"
        case let .failed(location, reason):
            "PostgreSQL at \(location): \(reason)"
        }
    }
}
