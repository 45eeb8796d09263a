import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One PostgreSQL database as Sluice uses it: a pool of connections (postgres-nio's
/// ``PostgresClient``) with the location's statement timeout, errors translated into
/// ``SluicePostgresError`` values that name the database, and the schemas brought to this
/// build's version by ``migrate(_:)``.
///
/// ```swift
/// let database = try await PostgresDatabase.connect(try PostgresLocation(parsing: url))
/// try await database.migrate(PostgresSchema.all)
/// let count = try await database.withConnection { connection in
///     try await connection.query("SELECT count(*) FROM catalog.table_metadata", logger: database.logger)
///         .collect().first?.decode(Int.self) ?? 0
/// }
/// await database.close()
/// ```
///
/// Connections come from the pool for one closure and go back after it, so session state
/// (`SET ROLE`, `search_path`) must never outlive the closure: use `SET LOCAL` inside
/// ``withTransaction(_:)``.
public final class PostgresDatabase: Sendable {
    public let location: PostgresLocation
    public let client: PostgresClient
    /// Quiet unless `SLUICE_POSTGRES_LOG` names a level (`debug`, `trace`).
    public let logger: Logger
    private let runner: Task<Void, Never>

    private init(location: PostgresLocation, logger: Logger) {
        self.location = location
        self.logger = logger
        var configuration = PostgresClient.Configuration(host: location.host, port: location.port, username: location.user,
                                                         password: location.password, database: location.database,
                                                         tls: Self.clientTLS(location.tls))
        configuration.options.maximumConnections = location.poolSize
        configuration.options.additionalStartupParameters = Self.startupParameters(location)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
    }

    /// Connects and checks the connection with one round trip, so a wrong password, a
    /// missing database or a server that is down is reported here, by name, rather than
    /// at the first query.
    public static func connect(_ location: PostgresLocation) async throws -> PostgresDatabase {
        var logger = Logger(label: "sluice.postgres")
        logger.logLevel = ProcessInfo.processInfo.environment["SLUICE_POSTGRES_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        // One direct connection first: a pool retries a failing connection in the background,
        // while this fails at once with the server's reason.
        do {
            let probe = try await PostgresConnection.connect(configuration: connectionConfiguration(location), id: 0, logger: logger)
            try? await probe.close()
        } catch {
            throw translate(error, location: location)
        }
        return PostgresDatabase(location: location, logger: logger)
    }

    /// Stops the pool; connections close after their current query.
    public func close() async {
        runner.cancel()
        _ = await runner.value
    }

    /// Runs `body` on one pooled connection, translating failures.
    @discardableResult
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw translate(error)
        }
    }

    /// Runs `body` in one transaction on one pooled connection: committed when it returns,
    /// rolled back when it throws (or the task is cancelled), failures translated.
    @discardableResult
    public func withTransaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw translate(error)
        }
    }

    /// `error` as a ``SluicePostgresError`` naming this database; other errors (Sluice's
    /// own, cancellation) pass through.
    public func translate(_ error: any Error) -> any Error {
        Self.translate(error, location: location)
    }

    static func translate(_ error: any Error, location: PostgresLocation) -> any Error {
        if error is SluicePostgresError || error is CancellationError { return error }
        guard let error = error as? PSQLError else { return error }
        let place = location.description
        if error.code == .server, let server = error.serverInfo {
            let state = server[.sqlState] ?? ""
            let message = server[.message] ?? "\(error)"
            switch state {
            case "28P01", "28000":
                return SluicePostgresError.authentication(location: place, user: location.user, reason: message)
            case "3D000":
                return SluicePostgresError.noSuchDatabase(location: place, database: location.database)
            case "42501":
                return SluicePostgresError.permissionDenied(location: place, reason: message)
            case "57014" where message.contains("statement timeout"):
                return SluicePostgresError.statementTimeout(location: place, milliseconds: location.statementTimeoutMs)
            default:
                let detail = server[.detail].map { " (\($0))" } ?? ""
                return SluicePostgresError.failed(location: place, reason: message + detail)
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .sslUnsupported:
            let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return SluicePostgresError.unreachable(location: place, reason: underlying)
        case .authMechanismRequiresPassword:
            return SluicePostgresError.authentication(location: place, user: location.user, reason: "the server asks for a password and none was given")
        default:
            return SluicePostgresError.failed(location: place, reason: "\(error.code)" + (error.underlying.map { ": \($0)" } ?? ""))
        }
    }

    // MARK: - Settings

    private static func startupParameters(_ location: PostgresLocation) -> [(String, String)] {
        [("statement_timeout", String(location.statementTimeoutMs)), ("application_name", "sluice")]
    }

    private static func clientTLS(_ mode: PostgresLocation.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    private static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: tls)
        configuration.options.additionalStartupParameters = startupParameters(location)
        return configuration
    }
}
