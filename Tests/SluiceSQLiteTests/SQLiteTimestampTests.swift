import Foundation
@testable import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite("SQLiteTimestamp")
struct SQLiteTimestampTests {
    /// Milliseconds since 1970 at the edges the calendar arithmetic must get right:
    /// the extreme years, leap days, century years, instants before 1970, and a spread of others.
    private static let instants: [Int64] = {
        var values: [Int64] = [
            0, -1, 1, 999, -86_400_000, 951_782_400_000, 951_868_799_999, 4_107_542_400_000,
            -62_135_596_800_000, 253_402_300_799_999, 1_709_164_800_123, -2_203_891_200_001,
        ]
        var state: UInt64 = 7
        for _ in 0..<300 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(state % 315_537_897_600_000) - 62_135_596_800_000)
        }
        return values
    }()

    @Test("formatting agrees with Python's datetime for every instant")
    func formatMatchesPython() throws {
        let script = """
            import datetime, json, sys
            epoch = datetime.datetime(1970, 1, 1)
            for ms in json.load(sys.stdin):
                print((epoch + datetime.timedelta(milliseconds=ms)).isoformat(timespec="milliseconds") + "Z")
            """
        let input = try JSONEncoder().encode(Self.instants)
        let lines = String(decoding: try Python.run(script, stdin: input), as: UTF8.self).split(separator: "\n").map(String.init)
        let ours = Self.instants.map { SQLiteTimestamp.text(for: Date(timeIntervalSince1970: Double($0) / 1000)) }
        #expect(ours == lines)
    }

    @Test("parsing returns the instant that was formatted")
    func parseRoundTrip() throws {
        for milliseconds in Self.instants {
            let text = try #require(SQLiteTimestamp.text(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000)))
            let date = try #require(SQLiteTimestamp.date(from: text))
            #expect(Int64((date.timeIntervalSince1970 * 1000).rounded()) == milliseconds, "\(text)")
        }
    }

    @Test("storing rounds to the nearest millisecond")
    func rounding() {
        #expect(SQLiteTimestamp.text(for: Date(timeIntervalSince1970: 1.0004)) == "1970-01-01T00:00:01.000Z")
        #expect(SQLiteTimestamp.text(for: Date(timeIntervalSince1970: 1.0006)) == "1970-01-01T00:00:01.001Z")
        #expect(SQLiteTimestamp.text(for: Date(timeIntervalSince1970: 86_399.9996)) == "1970-01-02T00:00:00.000Z")
    }

    @Test("instants outside the years 0001–9999 have no stored form")
    func outOfRange() {
        #expect(SQLiteTimestamp.text(for: Date(timeIntervalSince1970: 253_402_300_800)) == nil)
        #expect(SQLiteTimestamp.text(for: Date(timeIntervalSince1970: -62_135_596_801)) == nil)
        #expect(SQLiteTimestamp.text(for: Date(timeIntervalSince1970: .infinity)) == nil)
    }

    @Test("text in any other form is refused", arguments: [
        "2023-02-29T00:00:00.000Z", "2024-01-31 08:15:02.125Z", "2024-01-31T08:15:02Z", "2024-01-31T24:00:00.000Z",
        "2024-13-01T00:00:00.000Z", "2024-01-31T08:15:02.125+00:00", "0000-01-01T00:00:00.000Z", "2024-01-3lT08:15:02.125Z", "",
    ])
    func malformed(text: String) {
        #expect(SQLiteTimestamp.date(from: text) == nil)
    }
}
