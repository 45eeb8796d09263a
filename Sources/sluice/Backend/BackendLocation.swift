import Foundation
import SluiceCore
import SluicePostgres

/// Where a command's state lives: the embedded state folder (SQLite files) or a PostgreSQL
/// database.
///
/// `--catalog` names either; without it the settings' `catalog.url`, else `.sluice`.
/// `--warehouse` (or the settings' `warehouse.url`) puts the warehouse side — marts, audit,
/// registry — in a PostgreSQL database of its own; without it the warehouse is where the
/// catalog is.
enum BackendLocation: Equatable, CustomStringConvertible {
    case folder(String)
    case postgres(PostgresLocation)

    static let defaultFolder = ".sluice"

    /// A folder path or a `postgres://` URL, with the password from `PGPASSWORD` when the URL has none.
    static func parse(_ text: String) throws -> BackendLocation {
        guard PostgresLocation.isURL(text) else { return .folder(text) }
        return .postgres(try PostgresLocation(parsing: text).withPassword(fromEnvironment: ProcessInfo.processInfo.environment))
    }

    var description: String {
        switch self {
        case let .folder(path): path
        case let .postgres(location): location.description
        }
    }

    var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }
}
