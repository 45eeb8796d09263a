import Foundation

/// Number and list formatting for generated descriptions.
///
/// The output is embedded and indexed, so it must be the same on every machine and run:
/// nothing here depends on the locale, and floating-point values are rounded to what a
/// reader needs (`1234567.891` → `1,234,568`, `12.3456` → `12.35`, `0.012345` → `0.01235`).
enum ReadableText {
    /// `1020` → `1,020`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `1 row`, `2 rows`, `1,020 rows`.
    static func counted(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count(value)) \(value == 1 ? singular : plural ?? singular + "s")"
    }

    /// A fraction as a whole percentage; never says `0%` or `100%` of something that is not.
    static func percent(_ fraction: Double) -> String {
        let percent = fraction * 100
        if percent > 0, percent < 1 { return "<1%" }
        if percent > 99, percent < 100 { return ">99%" }
        return "\(Int(percent.rounded()))%"
    }

    /// A floating-point value rounded for reading; text that is not a number comes back unchanged.
    static func rounded(_ text: String) -> String {
        guard let value = Double(text), value.isFinite else { return text }
        let magnitude = abs(value)
        let result: String
        if magnitude >= 1_000, magnitude < 1e15 {
            result = count(Int(value.rounded()))
        } else if magnitude >= 1 || magnitude == 0 {
            result = trimmingZeros(String(format: "%.2f", value))
        } else {
            result = String(format: "%.4g", value)
        }
        return result == "-0" ? "0" : result
    }

    /// A value of a column of type `dataType` as a description shows it.
    static func value(_ text: String, dataType: String) -> String {
        ColumnTypeClass(dataType) == .fractional ? rounded(text) : clipped(text)
    }

    /// Long text (a narrative, a JSON document) cut to what a description needs.
    static func clipped(_ text: String, limit: Int = 40) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return String(trimmed)
    }
}

/// The groups of ``SluiceCore/DataType`` descriptions that descriptions treat alike.
enum ColumnTypeClass: Equatable {
    /// Strings and booleans: few distinct values are worth listing.
    case categorical
    case integer
    /// Floats and decimals: rounded for reading.
    case fractional
    /// Dates, times and timestamps: a range is meaningful.
    case temporal
    case other

    init(_ dataType: String) {
        if dataType == "string" || dataType == "boolean" {
            self = .categorical
        } else if dataType.hasPrefix("int") || dataType.hasPrefix("uint") {
            self = .integer
        } else if dataType.hasPrefix("float") || dataType.hasPrefix("decimal") {
            self = .fractional
        } else if dataType == "date" || dataType.hasPrefix("time") {
            self = .temporal
        } else {
            self = .other
        }
    }

    /// Whether "range MIN to MAX" says something (not so for text ordered by code points).
    var hasMeaningfulRange: Bool { self == .integer || self == .fractional || self == .temporal }
}
