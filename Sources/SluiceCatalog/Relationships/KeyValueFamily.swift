/// The types whose values can be compared across tables for a join: a foreign key and its
/// key must be in the same family. `int32` joins `int64` (the same numbers, stored wider),
/// strings join strings, dates join dates; other key types join only their exact type.
///
/// Floating-point, boolean, time and timestamp columns are never keys: equality of
/// measured values is accidental, and two flags always "contain" each other.
enum KeyValueFamily: Hashable, Sendable {
    case integer
    case string
    case date
    /// Any other type that can hold a key (`decimal(10,0)`, `uuid`, `fixed_binary(16)`), by description.
    case exact(String)

    /// The family of a ``SluiceCore/DataType`` description, or `nil` for types that hold no keys.
    init?(dataType: String) {
        switch dataType {
        case "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64":
            self = .integer
        case "string":
            self = .string
        case "date":
            self = .date
        case "boolean", "float32", "float64", "json", "binary":
            return nil
        default:
            if dataType.hasPrefix("time") { return nil }
            self = .exact(dataType)
        }
    }
}
