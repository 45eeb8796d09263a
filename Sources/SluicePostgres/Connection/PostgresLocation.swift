import Foundation

/// Where a PostgreSQL database is and how to connect to it, parsed from the URL form every
/// command and settings file uses:
///
/// ```
/// postgres://pipeline_agent:secret@127.0.0.1:15432/sluice?sslmode=disable&statement_timeout=30s&pool=8
/// ```
///
/// `postgresql://` is accepted too. The user defaults to `postgres`, the port to 5432 and the
/// database to the user's name, as libpq does. Query parameters:
///
/// - `sslmode`: `disable` (the default for 127.0.0.1, `localhost` and `::1`), `prefer` (the
///   default elsewhere) or `require`.
/// - `statement_timeout`: how long one statement may run before the server cancels it, as
///   `500ms`, `30s`, `5min` or plain milliseconds; `0` for no limit. Default 5 minutes, so a
///   runaway query never holds a connection forever.
/// - `pool`: the most connections the pool opens (1…100, default 8).
///
/// The password may also come from `PGPASSWORD` when the URL has none (see
/// ``withPassword(fromEnvironment:)``). ``description`` never shows it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// Milliseconds; 0 means no limit.
    public var statementTimeoutMs: Int
    public var poolSize: Int

    public static let defaultStatementTimeoutMs = 300_000
    public static let defaultPoolSize = 8

    public init(host: String = "127.0.0.1", port: Int = 5432, user: String, password: String?, database: String,
                tls: TLSMode? = nil, statementTimeoutMs: Int = defaultStatementTimeoutMs, poolSize: Int = defaultPoolSize) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls ?? (Self.isLoopback(host) ? .disable : .prefer)
        self.statementTimeoutMs = statementTimeoutMs
        self.poolSize = poolSize
    }

    /// Whether `text` names a PostgreSQL database rather than a state folder.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` URL.
    ///
    /// - Throws: ``SluicePostgresError/invalidLocation(_:reason:)`` naming the part at fault.
    public init(parsing text: String) throws {
        let redacted = Self.redact(text)
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw SluicePostgresError.invalidLocation(redacted, reason: "expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else {
            throw SluicePostgresError.invalidLocation(redacted, reason: "no host")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        var database = String(components.path.drop(while: { $0 == "/" }))
        database = database.removingPercentEncoding ?? database
        guard !database.contains("/") else {
            throw SluicePostgresError.invalidLocation(redacted, reason: "the path names a database: one name, no '/'")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw SluicePostgresError.invalidLocation(redacted, reason: "port \(port) is out of range")
        }
        var tls: TLSMode?
        var timeout = Self.defaultStatementTimeoutMs
        var pool = Self.defaultPoolSize
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw SluicePostgresError.invalidLocation(
                        redacted, reason: "sslmode \(String(reflecting: value)) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "statement_timeout":
                guard let milliseconds = Self.milliseconds(value) else {
                    throw SluicePostgresError.invalidLocation(
                        redacted, reason: "statement_timeout \(String(reflecting: value)) is not a duration (500ms, 30s, 5min or milliseconds)")
                }
                timeout = milliseconds
            case "pool":
                guard let size = Int(value), (1...100).contains(size) else {
                    throw SluicePostgresError.invalidLocation(redacted, reason: "pool \(String(reflecting: value)) is not a number from 1 to 100")
                }
                pool = size
            default:
                throw SluicePostgresError.invalidLocation(
                    redacted, reason: "unknown parameter \(String(reflecting: item.name)) (known: sslmode, statement_timeout, pool)")
            }
        }
        self.init(host: host, port: port, user: user, password: password, database: database.isEmpty ? user : database,
                  tls: tls, statementTimeoutMs: timeout, poolSize: pool)
    }

    /// This location with `PGPASSWORD` as the password when the URL gave none.
    public func withPassword(fromEnvironment environment: [String: String]) -> PostgresLocation {
        guard password == nil, let fromEnvironment = environment["PGPASSWORD"], !fromEnvironment.isEmpty else { return self }
        var copy = self
        copy.password = fromEnvironment
        return copy
    }

    /// The same server and settings, another database (the tests' own, `sluice pg init`'s target).
    public func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }

    /// The same server and database as another user.
    public func user(_ name: String, password: String?) -> PostgresLocation {
        var copy = self
        copy.user = name
        copy.password = password
        return copy
    }

    /// The URL without the password: what messages and logs show.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(hostPart):\(port)/\(database)"
    }

    /// The URL with the password, for a client that needs it (`psql`); never print it.
    public var urlWithPassword: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let encode: (String) -> String = { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0 }
        let credentials = encode(user) + (password.map { ":" + encode($0) } ?? "")
        return "postgres://\(credentials)@\(hostPart):\(port)/\(encode(database))?sslmode=\(tls == .disable ? "disable" : tls.rawValue)"
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1"
    }

    /// `text` with any password replaced by `***`, for error messages about a URL that did not parse.
    static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }

    static func milliseconds(_ text: String) -> Int? {
        let units: [(String, Int)] = [("ms", 1), ("min", 60_000), ("s", 1000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let number = Int(text.dropLast(suffix.count)), number >= 0 else { return nil }
            return number * factor
        }
        guard let number = Int(text), number >= 0 else { return nil }
        return number
    }
}
