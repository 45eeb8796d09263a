/// Where the catalog lives: SQLite files for the embedded backend, PostgreSQL for the
/// server backend. Both hold the `catalog` schema of the design (`table_metadata`,
/// `column_metadata`, `relationship_metadata`, `kpi_patterns`).
///
/// A scan reads the whole catalog with ``load()``, computes the next one and writes it
/// with ``replace(with:)`` in one transaction. Reviews do the same through
/// ``CatalogCuration``: a review changes more than its row (masked statistics, descriptions),
/// and catalogs are small enough that a whole rewrite costs milliseconds.
public protocol CatalogStore: Sendable {
    /// A description for messages: the file path or the database URL without password.
    var location: String { get }

    func load() async throws -> CatalogContents

    /// Makes `contents` the whole catalog, atomically: on any error the previous catalog stays.
    func replace(with contents: CatalogContents) async throws
}

/// `table.column`, parsed from the form commands and annotations use.
public struct ColumnReference: Sendable, Hashable, CustomStringConvertible {
    public var table: String
    public var column: String

    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }

    /// Parses `TABLE.COLUMN`; the column is everything after the first dot.
    public init(parsing text: String) throws {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw CatalogError.invalidReference(text)
        }
        table = String(text[..<dot])
        column = String(text[text.index(after: dot)...])
    }

    public var description: String { "\(table).\(column)" }
}

/// Errors of the catalog layer; each names the table, column, file or field at fault.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTable(String)
    case unknownColumn(ColumnReference)
    case invalidReference(String)
    /// An annotations file that cannot be used: file, dotted field path (`tables.orders.classification`), reason.
    case invalidAnnotations(file: String, field: String?, reason: String)
    /// The store cannot be opened or written: its location and the reason.
    case store(location: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownTable(name):
            "no table \(String(reflecting: name)) in the catalog (run `sluice catalog tables` to list them)"
        case let .unknownColumn(reference):
            "no column \(String(reflecting: reference.column)) in table \(String(reflecting: reference.table))"
        case let .invalidReference(text):
            "\(String(reflecting: text)) is not TABLE.COLUMN"
        case let .invalidAnnotations(file, field?, reason):
            "annotations file \(file): \(field): \(reason)"
        case let .invalidAnnotations(file, nil, reason):
            "annotations file \(file): \(reason)"
        case let .store(location, reason):
            "catalog \(location): \(reason)"
        }
    }
}
