/// How a warehouse stores a lake column's values: the few storage classes the compiler and
/// the staging loader must agree on.
///
/// In SQLite: integers (and booleans as 0/1) are `INTEGER`, floats and decimals `REAL`,
/// strings and UUIDs `TEXT`, dates `TEXT` as `YYYY-MM-DD`, timestamps `TEXT` as
/// `YYYY-MM-DD HH:MM:SS.ffffff` in UTC (both sort and compare as text, and SQLite's date
/// functions read them), binary `BLOB`. PostgreSQL uses its native types.
public enum StagedColumnType: String, Sendable, Codable, Equatable, CaseIterable {
    case integer
    case real
    case text
    case boolean
    case date
    case timestamp
    case blob

    /// The storage class for a catalog column type (``SluiceCore/DataType``'s description:
    /// `int32`, `decimal(18,2)`, `timestamp(micros, UTC)`, …). Unknown types are staged as text.
    public init(catalogType: String) {
        let type = catalogType.lowercased()
        if type == "boolean" {
            self = .boolean
        } else if type.hasPrefix("int") || type.hasPrefix("uint") {
            self = .integer
        } else if type.hasPrefix("float") || type.hasPrefix("decimal") {
            self = .real
        } else if type == "date" {
            self = .date
        } else if type.hasPrefix("timestamp") {
            self = .timestamp
        } else if type == "binary" || type.hasPrefix("fixed_binary") {
            self = .blob
        } else {
            self = .text
        }
    }

    /// Whether `sum`, `avg`, `bucket` and `round` accept it.
    public var isNumeric: Bool { self == .integer || self == .real }
    /// Whether `date_trunc` and `extract` accept it.
    public var isTemporal: Bool { self == .date || self == .timestamp }
}
