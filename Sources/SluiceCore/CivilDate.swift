/// A proleptic Gregorian calendar date, converted to and from days since 1970-01-01
/// with Howard Hinnant's algorithms (howardhinnant.github.io/date_algorithms.html):
/// eras of 400 years make the leap-year rule plain integer arithmetic, valid for any
/// day count an `Int64` holds, so a hostile value cannot trap.
public struct CivilDate: Sendable, Hashable {
    public var year: Int64
    /// 1…12.
    public var month: Int64
    /// 1…31.
    public var day: Int64

    public init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` after 1970-01-01 (before it when negative).
    public init(daysSinceEpoch days: Int64) {
        // Whole 400-year cycles first, so that the shift below cannot overflow.
        let (cycles, dayOfCycles) = Self.floorDivision(days, 146_097)
        let shifted = dayOfCycles + 719_468 // days from 0000-03-01
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        // (era + cycles) * 400 fits: |days| / 146_097 * 400 stays far below Int64.max.
        year = yearOfEra + (era + cycles) * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01; the inverse of ``init(daysSinceEpoch:)`` for valid dates.
    public var daysSinceEpoch: Int64 {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = Self.floorDivision(adjustedYear, 400).quotient
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whether `day` exists in `month` of `year` (February 29 only in leap years).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let length: Int64 = switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        return day <= length
    }

    /// Division rounding towards negative infinity, with a remainder in `0..<divisor`.
    public static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

extension CivilDate {
    private static let microsecondsPerDay: Int64 = 86_400_000_000

    /// A timestamp of `unit`s since 1970-01-01T00:00 UTC as days since then and the
    /// microsecond within the day; nanoseconds are floored to microseconds, as a truncating
    /// clock does. `nil` when the instant does not fit in microseconds.
    public static func dayAndMicrosecond(of value: Int64, unit: TimeUnit) -> (days: Int64, microsecondOfDay: Int64)? {
        let microseconds: Int64
        switch unit {
        case .nanos:
            microseconds = floorDivision(value, 1000).quotient
        case .seconds, .millis, .micros:
            let (product, overflow) = value.multipliedReportingOverflow(by: 1_000_000 / unit.perSecond)
            guard !overflow else { return nil }
            microseconds = product
        }
        let (days, microsecondOfDay) = floorDivision(microseconds, microsecondsPerDay)
        return (days, microsecondOfDay)
    }
}
