import Foundation
import Parquet
import SluiceCore

/// The one text form of a value that the catalog shows and stores: profile minima and
/// maxima, sample and top values, and the values PII detectors look at.
///
/// | type | text |
/// |---|---|
/// | integers | plain decimal (`uint64` unsigned) |
/// | `float32`, `float64` | Swift's shortest round-trip form: `1.5`, `1e-07`; an integral value keeps `.0` (`3.0`) so that a double never reads like an integer; `NaN`, `Infinity`, `-Infinity`. A `float32` is written as the single-precision number it is (`0.1`, not `0.10000000149011612`) |
/// | decimals | exact, with exactly `scale` fraction digits: `-0.05` |
/// | booleans | `true`, `false` |
/// | dates | `YYYY-MM-DD` (proleptic Gregorian; years outside 0…9999 get more digits or `-`) |
/// | times | `HH:MM:SS` plus the unit's fraction digits (`.fff`, `.ffffff`, `.fffffffff`) |
/// | timestamps | `YYYY-MM-DDTHH:MM:SS` plus the unit's fraction digits, and `Z` when UTC: `2024-03-01T09:30:00.000000Z` |
/// | strings, JSON | as is |
/// | UUIDs | lowercase `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` |
/// | binary | Base64 |
///
/// The integer, decimal and date forms are also produced as UTF-8 bytes without building
/// a `String` (``withUTF8(integer:as:_:)``), so that key sketches can hash the text of
/// millions of values without allocating; both paths share one formatter.
public enum ValueText {
    /// The text of row `row` of `column`, or `nil` when it is null.
    public static func text(of column: Column, row: Int) -> String? {
        if column.isNull(row) { return nil }
        switch column.values {
        case let .boolean(values): return boolean(values[row])
        case let .int(values): return integer(values[row], as: column.field.type)
        case let .double(values): return double(values[row], as: column.field.type)
        case let .bytes(values): return bytes(values[row], as: column.field.type)
        }
    }

    public static func boolean(_ value: Bool) -> String {
        value ? "true" : "false"
    }

    /// A value stored as an integer (``SluiceCore/ColumnValues/int(_:)``): integers,
    /// decimals up to precision 18, dates, times and timestamps.
    public static func integer(_ value: Int64, as type: DataType) -> String {
        switch type {
        case let .time(unit):
            return time(value, unit: unit)
        case let .timestamp(unit, utc):
            let perDay = unit.perSecond * 86_400
            let (days, within) = CivilDate.floorDivision(value, perDay)
            return integer(days, as: .date) + "T" + time(within, unit: unit) + (utc ? "Z" : "")
        default:
            return withUTF8(integer: value, as: type) { String(decoding: $0, as: UTF8.self) }
        }
    }

    public static func double(_ value: Double, as type: DataType) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if type == .float32 { return Float(value).description }
        return value.description
    }

    /// A value stored as bytes: strings and JSON as UTF-8 (invalid sequences become
    /// U+FFFD), wide decimals from their big-endian two's complement, UUIDs in hex,
    /// other binary in Base64.
    public static func bytes<C: Collection<UInt8>>(_ value: C, as type: DataType) -> String {
        switch type {
        case .string, .json:
            return String(decoding: value, as: UTF8.self)
        case let .decimal(_, scale):
            return ParquetDecimal(unscaled: .bigEndian(Array(value)), scale: scale).text
        case .uuid where value.count == 16:
            let hex = value.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }
            return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
        default:
            return Data(value).base64EncodedString()
        }
    }

    /// Calls `body` with the UTF-8 text of an integer-stored value of an integer, decimal
    /// or date type, written into stack memory. Times and timestamps are not supported
    /// here (they take ``integer(_:as:)``); they are written as plain integers.
    static func withUTF8<R>(integer value: Int64, as type: DataType, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        // The longest form is a date far from the epoch: a 17-digit year, sign, "-MM-DD".
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var writer = DigitWriter(buffer: buffer)
            switch type {
            case .uint64:
                writer.append(digitsOf: UInt64(bitPattern: value))
            case let .decimal(_, scale):
                writer.appendDecimal(unscaled: value, scale: scale)
            case .date:
                writer.appendDate(daysSinceEpoch: value)
            default:
                if value < 0 { writer.append(UInt8(ascii: "-")) }
                writer.append(digitsOf: value.magnitude)
            }
            return body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: writer.count))
        }
    }

    /// Calls `body` with the UTF-8 text of a 16-byte UUID (lowercase, dashed), written
    /// into stack memory; other widths get their Base64 form, as ``bytes(_:as:)`` writes them.
    static func withUTF8<R>(uuid value: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard value.count == 16 else {
            return Array(bytes(value, as: .uuid).utf8).withUnsafeBytes(body)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { buffer in
            let hexDigits: StaticString = "0123456789abcdef"
            var count = 0
            for (index, byte) in value.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[count] = UInt8(ascii: "-")
                    count += 1
                }
                buffer[count] = hexDigits.utf8Start[Int(byte >> 4)]
                buffer[count + 1] = hexDigits.utf8Start[Int(byte & 0x0F)]
                count += 2
            }
            return body(UnsafeRawBufferPointer(buffer))
        }
    }

    private static func time(_ value: Int64, unit: SluiceCore.TimeUnit) -> String {
        let magnitude = value.magnitude
        let perSecond = UInt64(unit.perSecond)
        let seconds = magnitude / perSecond
        var text = padded(seconds / 3600, 2) + ":" + padded(seconds / 60 % 60, 2) + ":" + padded(seconds % 60, 2)
        let digits = fractionDigits(unit)
        if digits > 0 { text += "." + padded(magnitude % perSecond, digits) }
        return value < 0 ? "-" + text : text
    }

    private static func fractionDigits(_ unit: SluiceCore.TimeUnit) -> Int {
        switch unit {
        case .seconds: 0
        case .millis: 3
        case .micros: 6
        case .nanos: 9
        }
    }

    private static func padded(_ value: UInt64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Writes ASCII digits into a fixed buffer, front to back.
private struct DigitWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// The decimal digits of `value`, left-padded with zeros to at least `width` digits.
    mutating func append(digitsOf value: UInt64, width: Int = 1) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let total = max(digits, width)
        var remaining = value
        for position in stride(from: count + total - 1, through: count, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        count += total
    }

    /// `unscaled × 10^-scale` with exactly `scale` fraction digits: `-5`, 2 → `-0.05`.
    mutating func appendDecimal(unscaled: Int64, scale: Int) {
        if unscaled < 0 { append(UInt8(ascii: "-")) }
        let magnitude = unscaled.magnitude
        guard scale > 0 else {
            append(digitsOf: magnitude)
            return
        }
        // 10^19 overflows UInt64, but no Int64 magnitude has more than 19 digits, so a
        // scale of 19 or more means an integer part of 0 and a zero-padded fraction.
        if scale >= 19 {
            append(UInt8(ascii: "0"))
            append(UInt8(ascii: "."))
            append(digitsOf: magnitude, width: scale)
            return
        }
        var power: UInt64 = 1
        for _ in 0..<scale { power *= 10 }
        append(digitsOf: magnitude / power)
        append(UInt8(ascii: "."))
        append(digitsOf: magnitude % power, width: scale)
    }

    /// `YYYY-MM-DD`, with a `-` before years before year 0.
    mutating func appendDate(daysSinceEpoch days: Int64) {
        let date = CivilDate(daysSinceEpoch: days)
        let (year, month, day) = (date.year, date.month, date.day)
        if year < 0 { append(UInt8(ascii: "-")) }
        append(digitsOf: year.magnitude, width: 4)
        append(UInt8(ascii: "-"))
        append(digitsOf: UInt64(month), width: 2)
        append(UInt8(ascii: "-"))
        append(digitsOf: UInt64(day), width: 2)
    }
}
