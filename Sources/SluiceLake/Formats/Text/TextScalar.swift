/// Parses the scalar spellings that CSV cells and JSON strings share: booleans,
/// integers, floating point, ISO-8601 dates and timestamps.
///
/// Every parser is strict — it accepts the whole input or nothing — because type
/// inference asks "does every value of this column read as X?", and a lenient parser
/// would let `12abc` pass as 12.
enum TextScalar {
    /// `true` or `false`, in any letter case.
    static func boolean<C: Collection<UInt8>>(_ text: C) -> Bool? {
        guard text.count == 4 || text.count == 5 else { return nil }
        let lower = text.map { $0 | 0x20 }
        if lower.elementsEqual("true".utf8) { return true }
        if lower.elementsEqual("false".utf8) { return false }
        return nil
    }

    /// An optional sign and decimal digits, within `Int64`.
    ///
    /// A leading zero followed by more digits (`007`) is refused: such values are
    /// codes — postal codes, account numbers — and reading them as numbers would drop
    /// the zeros.
    static func int64<C: Collection<UInt8>>(_ text: C) -> Int64? {
        var digits = text[...]
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard let first = digits.first, digits.allSatisfy(isDigit) else { return nil }
        if first == UInt8(ascii: "0") && digits.count > 1 { return nil }
        var value: Int64 = 0
        for digit in digits {
            // Accumulate negatively so Int64.min, whose magnitude exceeds Int64.max, fits.
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// Decimal notation with an optional sign, fraction and exponent (`-1.5e-3`, `.5`,
    /// `2.`), or `NaN`, `Inf`, `Infinity` in any letter case with an optional sign.
    /// Hexadecimal floats and leading-zero integers (`007`) are refused.
    static func float64<C: Collection<UInt8>>(_ text: C) -> Double? {
        var rest = text[...]
        if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { rest = rest.dropFirst() }
        let word = String(decoding: rest.map { $0 | 0x20 }, as: UTF8.self)
        if word == "nan" || word == "inf" || word == "infinity" {
            return Double(String(decoding: text, as: UTF8.self).lowercased())
        }
        let integerDigits = rest.prefix(while: isDigit)
        rest = rest.dropFirst(integerDigits.count)
        var fractionDigits = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fractionDigits)
        }
        guard integerDigits.count + fractionDigits > 0 else { return nil }
        if integerDigits.count > 1 && integerDigits.first == UInt8(ascii: "0") { return nil }
        if let e = rest.first, e | 0x20 == UInt8(ascii: "e") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { rest = rest.dropFirst() }
            let exponentDigits = rest.prefix(while: isDigit).count
            guard exponentDigits > 0 else { return nil }
            rest = rest.dropFirst(exponentDigits)
        }
        guard rest.isEmpty else { return nil }
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// `YYYY-MM-DD`, as days since 1970-01-01 (proleptic Gregorian).
    static func date<C: Collection<UInt8>>(_ text: C) -> Int64? {
        let bytes = Array(text)
        guard bytes.count == 10 else { return nil }
        return dateDays(bytes)
    }

    /// A timestamp and whether it carried a zone.
    struct Timestamp: Equatable {
        /// Microseconds since 1970-01-01T00:00:00, in UTC when ``zoned``.
        var micros: Int64
        var zoned: Bool
    }

    /// `YYYY-MM-DD[T ]HH:MM:SS[.f…][Z|±HH:MM]` with 1 to 6 fractional digits.
    ///
    /// A zone makes the value an instant, normalised to UTC; without one it is a
    /// wall-clock time kept as written. More than six fractional digits are refused
    /// rather than silently truncated to microseconds.
    static func timestamp<C: Collection<UInt8>>(_ text: C) -> Timestamp? {
        let bytes = Array(text)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t"),
              let days = dateDays(Array(bytes[0..<10])),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes[11..<13]), hour < 24,
              let minute = number(bytes[14..<16]), minute < 60,
              let second = number(bytes[17..<19]), second < 60
        else { return nil }
        var position = 19
        var micros: Int64 = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            let digits = bytes[(position + 1)...].prefix(while: isDigit)
            guard (1...6).contains(digits.count), let fraction = number(digits) else { return nil }
            micros = fraction * pow10(6 - digits.count)
            position += 1 + digits.count
        }
        var offsetSeconds: Int64 = 0
        var zoned = false
        if position < bytes.count {
            zoned = true
            let zone = bytes[position...]
            if zone.count == 1, zone.first! | 0x20 == UInt8(ascii: "z") {
                offsetSeconds = 0
            } else if zone.count == 6, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
                      bytes[position + 3] == UInt8(ascii: ":"),
                      let zoneHours = number(bytes[(position + 1)..<(position + 3)]), zoneHours < 24,
                      let zoneMinutes = number(bytes[(position + 4)..<(position + 6)]), zoneMinutes < 60 {
                offsetSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (zone.first == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Timestamp(micros: seconds * 1_000_000 + micros, zoned: zoned)
    }

    private static func dateDays(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's `days_from_civil`: exact for every proleptic Gregorian date.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Unsigned decimal digits only (no sign), at most 18 of them.
    private static func number<C: Collection<UInt8>>(_ digits: C) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
