/// Why the embedded state folder or one of its schema files cannot be used.
/// Every case names the path or schema at fault, and none leaves a file changed.
public enum SluiceDatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The state folder cannot be created or is not a folder.
    case directory(path: String, reason: String)
    /// A schema declaration this build got wrong (a programming error, found before any file is touched).
    case invalidSchema(name: String, reason: String)
    /// The file exists but SQLite cannot read it as a database, or it holds tables Sluice did not create.
    case notASluiceDatabase(file: String, reason: String)
    /// The file was written by a newer Sluice: this build knows versions up to `knownVersion` only.
    case newerVersion(file: String, schema: String, fileVersion: Int, knownVersion: Int)
    /// The file records a migration under a version whose name differs from this build's:
    /// it comes from another schema or an incompatible build.
    case migrationMismatch(file: String, version: Int, recordedName: String, expectedName: String)
    /// A migration failed; its transaction was rolled back, so the file keeps the previous version.
    case migrationFailed(file: String, version: Int, name: String, reason: String)
    /// Any other SQLite failure while opening: the file and SQLite's message.
    case sqlite(file: String, reason: String)

    public var description: String {
        switch self {
        case let .directory(path, reason):
            "state folder \(path): \(reason)"
        case let .invalidSchema(name, reason):
            "schema \(String(reflecting: name)): \(reason)"
        case let .notASluiceDatabase(file, reason):
            "\(file) is not a Sluice database (\(reason)); it was left unchanged"
        case let .newerVersion(file, schema, fileVersion, knownVersion):
            "\(file) has \(schema) schema version \(fileVersion), but this build of Sluice knows versions up to \(knownVersion): use a newer sluice"
        case let .migrationMismatch(file, version, recordedName, expectedName):
            "\(file) records migration \(version) as \(String(reflecting: recordedName)), but this build's migration \(version) is \(String(reflecting: expectedName)): the file belongs to another schema or build"
        case let .migrationFailed(file, version, name, reason):
            "\(file): migration \(version) \(String(reflecting: name)) failed and was rolled back: \(reason)"
        case let .sqlite(file, reason):
            "\(file): \(reason)"
        }
    }
}
