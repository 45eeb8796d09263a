import Foundation

/// How Sluice stores instants in SQLite: UTC text with milliseconds, `2024-01-31T08:15:02.125Z`.
///
/// Text rather than a number so that a person at the `sqlite3` prompt reads dates, SQLite's
/// own date functions accept them, and text order is time order. The PostgreSQL port uses
/// `timestamptz`, whose microseconds hold every value stored here. Storing rounds to the
/// nearest millisecond, so a loaded `Date` equals the saved one to that precision.
///
/// The conversion is done by hand (days from the civil calendar, proleptic Gregorian)
/// rather than with a formatter so that it is exact, locale-free and safe from any thread.
enum SQLiteTimestamp {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// The stored form of `date`; `nil` outside the years 0001–9999, which the fixed
    /// four-digit form cannot hold.
    static func text(for date: Date) -> String? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 300_000_000_000 else { return nil }
        let milliseconds = Int64((seconds * 1000).rounded())
        let days = floorDivide(milliseconds, millisecondsPerDay)
        let timeOfDay = milliseconds - days * millisecondsPerDay
        let (year, month, day) = civilDate(fromDaysSinceEpoch: days)
        guard (1...9999).contains(year) else { return nil }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
            + "T" + pad(timeOfDay / 3_600_000, 2) + ":" + pad(timeOfDay / 60_000 % 60, 2) + ":" + pad(timeOfDay / 1000 % 60, 2)
            + "." + pad(timeOfDay % 1000, 3) + "Z"
    }

    /// Parses exactly the form ``text(for:)`` writes; `nil` for anything else.
    static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
              bytes[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let millisecond = number(20..<23),
              year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let milliseconds = days * millisecondsPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    // Howard Hinnant's algorithms (http://howardhinnant.github.io/date_algorithms.html):
    // eras of 400 years make the leap-year rule a plain integer formula.

    private static func civilDate(fromDaysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(adjustedYear, 400)
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
