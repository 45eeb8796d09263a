/// Text and JSON forms of values.
///
/// The JSON form is the contract of `sluice parquet cat --json`, and the tests
/// compare it with an independent rendering of pyarrow's values
/// (`Tests/tools/pyarrow_rows.py`), so both follow the same rules:
///
/// | value | JSON |
/// |---|---|
/// | null | `null` |
/// | boolean, integers | plain (unsigned columns as unsigned) |
/// | FLOAT, DOUBLE, FLOAT16 | shortest text that reads back as the same Double (a FLOAT is widened first); NaN and infinities as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` |
/// | STRING, ENUM, JSON | string |
/// | other binary | Base64 string |
/// | DATE | `"YYYY-MM-DD"` |
/// | TIME | `"HH:MM:SS.fff"` with 3, 6 or 9 fractional digits by unit |
/// | TIMESTAMP | `"YYYY-MM-DDTHH:MM:SS.fff"` likewise, plus `Z` when UTC-adjusted |
/// | INT96 | a nanosecond timestamp without `Z` |
/// | DECIMAL | string with exactly `scale` fractional digits |
/// | UUID | `"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"`, lowercase |
/// | LIST | array |
extension ParquetValue {
    /// The value as JSON text.
    public var json: String {
        switch self {
        case .null: return "null"
        case let .bool(value): return value ? "true" : "false"
        case let .int(value): return String(value)
        case let .uint(value): return String(value)
        case let .float(value): return Self.numberJSON(Double(value))
        case let .double(value), let .float16(value): return Self.numberJSON(value)
        case let .list(values): return "[" + values.map(\.json).joined(separator: ",") + "]"
        default: return Self.quoted(text)
        }
    }

    /// The value as plain text for people: strings unquoted, everything else as in ``json``.
    public var text: String {
        switch self {
        case .null, .bool, .int, .uint, .list: return json
        case let .float(value): return Self.numberText(Double(value))
        case let .double(value), let .float16(value): return Self.numberText(value)
        case let .string(value): return value
        case let .bytes(value): return Base64.encode(value)
        case let .date(days): return CivilTime.date(daysSinceEpoch: days)
        case let .time(value, unit): return CivilTime.time(value, unit: unit)
        case let .timestamp(value, unit, utc): return CivilTime.timestamp(value, unit: unit, isAdjustedToUTC: utc)
        case let .int96(value): return CivilTime.timestamp(value)
        case let .decimal(value): return value.text
        case let .uuid(bytes): return Self.uuidText(bytes)
        }
    }

    /// One JSON object for a row: `names[i]` maps to `values[i]`, in that order.
    public static func jsonObject(names: [String], values: [ParquetValue]) -> String {
        precondition(names.count == values.count, "one name per value")
        var text = "{"
        for (index, (name, value)) in zip(names, values).enumerated() {
            if index > 0 { text += "," }
            text += quoted(name) + ":" + value.json
        }
        return text + "}"
    }

    /// `name` as a JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ string: String) -> String {
        var output = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    // JSON has no NaN or infinities, so they become strings; finite values use
    // Swift's shortest round-trip form, which JSON parsers read back exactly.
    private static func numberJSON(_ value: Double) -> String {
        value.isFinite ? numberText(value) : quoted(numberText(value))
    }

    private static func numberText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    private static func uuidText(_ bytes: [UInt8]) -> String {
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }
}

extension Array where Element == ParquetColumn {
    /// Row `row` of columns read together (e.g. by ``ParquetFileReader/readRowGroup(_:columns:)``)
    /// as one JSON object keyed by each column's top-level field name.
    public func jsonRow(_ row: Int) -> String {
        ParquetValue.jsonObject(names: map(\.descriptor.fieldName), values: map { $0.value(at: row) })
    }
}
