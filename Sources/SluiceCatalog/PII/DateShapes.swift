/// Calendar dates and timestamps as text, in the forms samples carry them: the
/// catalog's own rendering (`2024-03-01`, `2024-03-01T09:30:00.000000Z`) and the
/// common written forms of string columns (`01.03.2024`, `01/03/2024`, `2024/03/01`).
enum DateShapes {
    struct CalendarDate: Equatable {
        var year: Int
        var month: Int
        var day: Int
    }

    /// The date a value spells, or `nil`. Day-first and month-first slash forms are
    /// both accepted; only the year matters to the detectors, and it is never ambiguous.
    static func calendarDate(_ bytes: String.UTF8View) -> CalendarDate? {
        guard bytes.count >= 8, bytes.count <= 10 else { return nil }
        var fields = (0, 0, 0)
        var widths = (0, 0, 0)
        var field = 0
        var separator: UInt8 = 0
        for byte in bytes {
            if CheckDigitValidators.isDigit(byte) {
                let digit = Int(byte - UInt8(ascii: "0"))
                switch field {
                case 0: fields.0 = fields.0 * 10 + digit; widths.0 += 1
                case 1: fields.1 = fields.1 * 10 + digit; widths.1 += 1
                default: fields.2 = fields.2 * 10 + digit; widths.2 += 1
                }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") {
                guard field < 2, separator == 0 || separator == byte else { return nil }
                separator = byte
                field += 1
            } else {
                return nil
            }
        }
        guard field == 2 else { return nil }
        let date: CalendarDate
        if widths.0 == 4, widths.1 <= 2, widths.2 <= 2, widths.1 > 0, widths.2 > 0 {
            date = CalendarDate(year: fields.0, month: fields.1, day: fields.2)
        } else if widths.2 == 4, widths.0 <= 2, widths.1 <= 2, widths.0 > 0, widths.1 > 0 {
            // 03/14/1985 is month-first; 14.03.1985 day-first. Swap when the first field cannot be a month.
            date = fields.1 > 12 ? CalendarDate(year: fields.2, month: fields.0, day: fields.1)
                : CalendarDate(year: fields.2, month: fields.1, day: fields.0)
        } else {
            return nil
        }
        guard (1...12).contains(date.month), (1...31).contains(date.day), (1000...2999).contains(date.year) else { return nil }
        return date
    }

    /// An ISO-8601 timestamp: a `YYYY-MM-DD` date, `T` or a space, and `HH:MM`.
    static func isTimestamp(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count >= 16, bytes.count <= 40 else { return false }
        var index = bytes.startIndex
        var position = 0
        while index != bytes.endIndex, position < 16 {
            let byte = bytes[index]
            switch position {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return false }
            case 10: guard byte == UInt8(ascii: "T") || byte == UInt8(ascii: " ") else { return false }
            case 13: guard byte == UInt8(ascii: ":") else { return false }
            default: guard CheckDigitValidators.isDigit(byte) else { return false }
            }
            position += 1
            index = bytes.index(after: index)
        }
        return position == 16
    }

    /// A four-digit year 1900–2100 on its own (`2024`): a year code, never a birth date.
    static func isYear(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count == 4 else { return false }
        var year = 0
        for byte in bytes {
            guard CheckDigitValidators.isDigit(byte) else { return false }
            year = year * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return (1900...2100).contains(year)
    }
}
