/// Dates and instants of the demo lake, as days and microseconds since 1970-01-01 (UTC).
///
/// Everything hangs off a fixed as-of date rather than the clock, so the same seed
/// gives the same lake whenever it is generated. Trading and settlement skip
/// weekends only; exchange holidays are out of scope for demo data.
enum DemoCalendar {
    /// Friday 30 October 2026: the last trading day in the lake.
    static let asOfDay = day(year: 2026, month: 10, day: 30)

    static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday.
    static func weekday(_ day: Int) -> Int {
        ((day + 3) % 7 + 7) % 7
    }

    static func isBusinessDay(_ day: Int) -> Bool { weekday(day) < 5 }

    /// The `count` business days ending on `last` (inclusive), oldest first.
    static func businessDays(count: Int, endingOn last: Int = asOfDay) -> [Int] {
        var days: [Int] = []
        days.reserveCapacity(count)
        var day = last
        while days.count < count {
            if isBusinessDay(day) { days.append(day) }
            day -= 1
        }
        return days.reversed()
    }

    /// The business day `count` business days after `day` (T+2 settlement: `count` = 2).
    static func addingBusinessDays(_ count: Int, to day: Int) -> Int {
        var result = day
        var remaining = count
        while remaining > 0 {
            result += 1
            if isBusinessDay(result) { remaining -= 1 }
        }
        return result
    }

    /// The instant `seconds` after midnight UTC of `day`, in microseconds.
    static func micros(day: Int, seconds: Int) -> Int64 {
        Int64(day) * microsPerDay + Int64(seconds) * 1_000_000
    }

    /// The day of an instant in microseconds.
    static func day(ofMicros micros: Int64) -> Int {
        Int((micros - ((micros % microsPerDay) + microsPerDay) % microsPerDay) / microsPerDay)
    }
}
