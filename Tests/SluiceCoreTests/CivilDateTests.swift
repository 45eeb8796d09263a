import Foundation
import SluiceCore
import Testing

@Suite struct CivilDateTests {
    /// Foundation's Gregorian calendar is the independent reference. It turns Julian before
    /// October 1582, so the comparison covers 1583 to about 4900 (proleptic dates agree there).
    @Test func agreesWithFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var days: [Int64] = [0, -1, 59, 60, 365, 2_932_896, 11_016, -25_567, -141_000]
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            days.append(Int64(state >> 33) % 1_100_000 - 140_000)
        }
        for day in days {
            let date = CivilDate(daysSinceEpoch: day)
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            #expect([date.year, date.month, date.day] == [Int64(parts.year!), Int64(parts.month!), Int64(parts.day!)], "day \(day)")
            #expect(date.daysSinceEpoch == day)
            #expect(date.isValid)
        }
    }

    @Test func extremeDayCountsDoNotTrap() {
        for day in [Int64.max, Int64.min, Int64.max / 2, Int64.min / 2] {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(date.isValid)
        }
    }

    @Test func validity() {
        #expect(CivilDate(year: 2024, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2023, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 1900, month: 2, day: 29).isValid)
        #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2024, month: 13, day: 1).isValid)
        #expect(!CivilDate(year: 2024, month: 4, day: 31).isValid)
        #expect(CivilDate.floorDivision(-1, 86_400) == (-1, 86_399))
    }
}
