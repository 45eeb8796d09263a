import Foundation
import SluiceCore

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
        let (days, timeOfDay) = CivilDate.floorDivision(milliseconds, millisecondsPerDay)
        let date = CivilDate(daysSinceEpoch: days)
        guard (1...9999).contains(date.year) else { return nil }
        return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
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
              year >= 1, CivilDate(year: year, month: month, day: day).isValid,
              hour < 24, minute < 60, second < 60 else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let milliseconds = days * millisecondsPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
