/// One member of a JSON object.
struct JSONMember: Equatable {
    var key: String
    var value: JSONValue
}

/// One parsed JSON value. Numbers keep their text, so an integer too large for
/// `Int64` or a decimal with many digits is not rounded before its column type is known.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    /// The number as written; valid JSON number syntax.
    case number([UInt8])
    case string(String)
    case array([JSONValue])
    /// Members in document order; a repeated key appears twice.
    case object([JSONMember])

    /// Compact JSON text of the value (numbers as written, strings minimally escaped).
    var jsonText: String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .null: text += "null"
        case let .bool(value): text += value ? "true" : "false"
        case let .number(digits): text += String(decoding: digits, as: UTF8.self)
        case let .string(value): Self.writeString(value, to: &text)
        case let .array(elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                element.write(to: &text)
            }
            text += "]"
        case let .object(members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                Self.writeString(member.key, to: &text)
                text += ":"
                member.value.write(to: &text)
            }
            text += "}"
        }
    }

    private static func writeString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// What the value is, for error messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
