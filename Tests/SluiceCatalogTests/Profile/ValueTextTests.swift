@testable import SluiceCatalog
import SluiceCore
import Testing

@Suite struct ValueTextTests {
    @Test func integersDecimalsAndBooleans() {
        #expect(ValueText.integer(-42, as: .int32) == "-42")
        #expect(ValueText.integer(Int64.min, as: .int64) == "-9223372036854775808")
        #expect(ValueText.integer(-1, as: .uint64) == "18446744073709551615")
        #expect(ValueText.integer(-5, as: .decimal(precision: 10, scale: 2)) == "-0.05")
        #expect(ValueText.integer(123_456, as: .decimal(precision: 10, scale: 2)) == "1234.56")
        #expect(ValueText.integer(7, as: .decimal(precision: 18, scale: 0)) == "7")
        #expect(ValueText.integer(1, as: .decimal(precision: 38, scale: 20)) == "0.00000000000000000001")
        #expect(ValueText.bytes([0xFF, 0xFB], as: .decimal(precision: 30, scale: 1)) == "-0.5")
        #expect(ValueText.boolean(true) == "true" && ValueText.boolean(false) == "false")
    }

    @Test func doublesUseTheShortestRoundTripForm() {
        #expect(ValueText.double(1, as: .float64) == "1.0")
        #expect(ValueText.double(0.1 + 0.2, as: .float64) == "0.30000000000000004")
        #expect(ValueText.double(Double(Float(0.1)), as: .float32) == "0.1")
        #expect(ValueText.double(1e-7, as: .float64) == "1e-07")
        #expect(ValueText.double(.nan, as: .float64) == "NaN")
        #expect(ValueText.double(-.infinity, as: .float64) == "-Infinity")
    }

    @Test func datesTimesAndTimestamps() {
        #expect(ValueText.integer(0, as: .date) == "1970-01-01")
        #expect(ValueText.integer(-1, as: .date) == "1969-12-31")
        #expect(ValueText.integer(19_783, as: .date) == "2024-03-01")
        #expect(ValueText.integer(-719_528, as: .date) == "0000-01-01")
        #expect(ValueText.integer(-719_529, as: .date) == "-0001-12-31")
        let instant: Int64 = 1_709_285_400_000_000 // 2024-03-01T09:30:00Z in microseconds
        #expect(ValueText.integer(instant, as: .timestamp(.micros, utc: true)) == "2024-03-01T09:30:00.000000Z")
        #expect(ValueText.integer(instant / 1000, as: .timestamp(.millis, utc: false)) == "2024-03-01T09:30:00.000")
        #expect(ValueText.integer(instant / 1_000_000, as: .timestamp(.seconds, utc: true)) == "2024-03-01T09:30:00Z")
        #expect(ValueText.integer(-1, as: .timestamp(.nanos, utc: true)) == "1969-12-31T23:59:59.999999999Z")
        #expect(ValueText.integer(34_200_123, as: .time(.millis)) == "09:30:00.123")
    }

    @Test func bytesByType() {
        #expect(ValueText.bytes(Array("Lefèvre".utf8), as: .string) == "Lefèvre")
        #expect(ValueText.bytes([0, 1, 2, 250], as: .binary) == "AAEC+g==")
        let uuid: [UInt8] = [0xF8, 0x1D, 0x4F, 0xAE, 0x7D, 0xEC, 0x11, 0xD0, 0xA7, 0x65, 0x00, 0xA0, 0xC9, 0x1E, 0x6B, 0xF6]
        #expect(ValueText.bytes(uuid, as: .uuid) == "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
        #expect(uuid.withUnsafeBytes { ValueText.withUTF8(uuid: $0) { String(decoding: $0, as: UTF8.self) } }
            == "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
    }

    /// Key sketches hash the text written without a String; it must be the same text.
    @Test func byteFormAgreesWithStringForm() {
        let types: [DataType] = [.int64, .uint64, .date, .decimal(precision: 12, scale: 3), .decimal(precision: 9, scale: 0)]
        let values: [Int64] = [0, 1, -1, 9, 10, 99, 1234, -98_765, 19_783, .max, .min, -719_529, 5_000_000]
        for type in types {
            for value in values {
                let text = ValueText.integer(value, as: type)
                #expect(ValueText.withUTF8(integer: value, as: type) { String(decoding: $0, as: UTF8.self) } == text)
                #expect(ValueText.withUTF8(integer: value, as: type) { ValueHash.text($0) } == KeySketch.hash(text))
            }
        }
    }
}
