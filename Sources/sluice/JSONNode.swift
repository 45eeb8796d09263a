import Parquet

/// A JSON document built in order, for machine-readable command output.
/// Objects keep their keys in the order given, which Foundation's serializer does not.
indirect enum JSONNode {
    case object([(String, JSONNode)])
    case array([JSONNode])
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null
    /// Already-rendered JSON, e.g. ``ParquetValue/json``.
    case raw(String)

    static func optional<T>(_ value: T?, _ transform: (T) -> JSONNode) -> JSONNode {
        value.map(transform) ?? .null
    }

    /// Two-space indented text.
    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case let .object(members):
            if members.isEmpty { return "{}" }
            let lines = members.map { inner + ParquetValue.quoted($0.0) + ": " + $0.1.rendered(indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case let .array(elements):
            if elements.isEmpty { return "[]" }
            return "[\n" + elements.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case let .string(text): return ParquetValue.quoted(text)
        case let .integer(value): return String(value)
        case let .bool(value): return value ? "true" : "false"
        case .null: return "null"
        case let .raw(json): return json
        }
    }
}
