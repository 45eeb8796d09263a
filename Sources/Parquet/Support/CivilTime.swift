/// Text forms of Parquet's dates, times and timestamps, computed with integer
/// arithmetic only, so that any stored value (year 300,000 or −4713) formats
/// without trapping and without a calendar library.
enum CivilTime {
    static func unitsPerSecond(_ unit: TimeUnit) -> Int64 {
        switch unit {
        case .millis: 1_000
        case .micros: 1_000_000
        case .nanos: 1_000_000_000
        }
    }

    static func fractionDigits(_ unit: TimeUnit) -> Int {
        switch unit {
        case .millis: 3
        case .micros: 6
        case .nanos: 9
        }
    }

    /// `YYYY-MM-DD` in the proleptic Gregorian calendar. Years outside 0...9999 are
    /// written with as many digits as they need, negative years with a leading `-`.
    static func date(daysSinceEpoch days: Int64) -> String {
        let (year, month, day) = civil(fromDays: days)
        return yearText(year) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// `HH:MM:SS` plus the unit's fractional digits. Values outside one day are not
    /// wrapped: hours count on past 23 and a negative value gets a leading `-`.
    static func time(_ value: Int64, unit: TimeUnit) -> String {
        let perSecond = UInt64(unitsPerSecond(unit))
        let magnitude = value.magnitude
        let seconds = magnitude / perSecond
        let text = padded(Int64(seconds / 3600), 2) + ":" + padded(Int64(seconds / 60 % 60), 2) + ":"
            + padded(Int64(seconds % 60), 2) + "." + padded(Int64(magnitude % perSecond), fractionDigits(unit))
        return value < 0 ? "-" + text : text
    }

    /// `YYYY-MM-DDTHH:MM:SS.fff…` with the unit's fractional digits, plus `Z` for an instant.
    static func timestamp(_ value: Int64, unit: TimeUnit, isAdjustedToUTC: Bool) -> String {
        let perDay = unitsPerSecond(unit) * 86_400
        // Floor division: a timestamp just before the epoch belongs to 1969-12-31.
        var days = value / perDay
        var within = value % perDay
        if within < 0 {
            days -= 1
            within += perDay
        }
        return date(daysSinceEpoch: days) + "T" + time(within, unit: unit) + (isAdjustedToUTC ? "Z" : "")
    }

    /// INT96 as a nanosecond timestamp without time zone, the way Impala and Spark mean it.
    /// The nanoseconds of the day are taken as stored, even past one day, as other readers do.
    static func timestamp(_ value: Int96) -> String {
        let nanosPerDay: UInt64 = 86_400_000_000_000
        let days = Int64(value.julianDay) - julianDayOfEpoch + Int64(value.nanosOfDay / nanosPerDay)
        return date(daysSinceEpoch: days) + "T" + time(Int64(value.nanosOfDay % nanosPerDay), unit: .nanos)
    }

    /// The Julian day number of 1970-01-01.
    static let julianDayOfEpoch: Int64 = 2_440_588

    /// Howard Hinnant's `civil_from_days`, applied to the day within a 400-year cycle
    /// (146,097 days) so that no intermediate value can overflow, whatever `days` is.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        var cycles = days / 146_097
        var dayOfCycles = days - cycles * 146_097
        if dayOfCycles < 0 {
            cycles -= 1
            dayOfCycles += 146_097
        }
        // The formula counts eras from 0000-03-01, 719,468 days before the epoch.
        let z = dayOfCycles + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + (era + cycles) * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func yearText(_ year: Int64) -> String {
        year < 0 ? "-" + padded(-year, 4) : padded(year, 4)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
