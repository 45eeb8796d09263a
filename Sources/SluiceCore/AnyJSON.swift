import Foundation

/// Any JSON value, decoded from text and encoded again: how a `--json` output embeds a
/// document that already is JSON (a mart spec as the audit keeps it, a search response in
/// the shape `sluice search --json` prints) as a value rather than as an escaped string, and
/// how a prompt carries a schema inside a larger document.
///
/// Numbers keep their kind: a whole number stays whole, so `"limit": 1000` does not come back
/// as `1000.0`.
public enum AnyJSON: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    /// Parses JSON text.
    public init(parsing text: String) throws {
        self = try JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
    }

    /// The JSON form of `value` as `encoder` writes it (its key strategy included).
    public init<T: Encodable>(encoding value: T, with encoder: JSONEncoder = JSONEncoder()) throws {
        self = try JSONDecoder().decode(AnyJSON.self, from: try encoder.encode(value))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool before the numbers: JSONDecoder never reads `true` as a number, nor `1` as a Bool.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AnyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AnyJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .integer(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// The member `key` of an object; `nil` for anything else.
    public subscript(key: String) -> AnyJSON? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    /// The text of a string; `nil` for anything else.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }
}
