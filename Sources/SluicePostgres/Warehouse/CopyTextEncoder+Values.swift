import NIOCore
import SluiceCore

extension CopyTextEncoder {
    /// `value` in decimal ASCII, written in place.
    static func writeDecimal(_ value: Int64, into buffer: inout ByteBuffer) {
        if value == Int64.min {
            buffer.writeStaticString("-9223372036854775808")
            return
        }
        var magnitude = value.magnitude
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { raw in
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &digits) { scratch in
                var position = scratch.count
                repeat {
                    position -= 1
                    scratch[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                var written = 0
                if value < 0 {
                    raw[0] = UInt8(ascii: "-")
                    written = 1
                }
                for index in position..<scratch.count {
                    raw[written] = scratch[index]
                    written += 1
                }
                return written
            }
        }
    }

    /// `value` zero-padded to `width` digits (non-negative values only).
    static func writePadded(_ value: Int64, width: Int, into buffer: inout ByteBuffer) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: width) { raw in
            for index in 0..<width {
                raw[index] = UInt8(ascii: "0") + UInt8(rest / divisor % 10)
                rest %= divisor
                divisor /= 10
            }
            return width
        }
    }

    /// The double nearest to `digits` × 10^-scale, through the correctly rounded text parser
    /// (dividing a converted integer would round twice).
    static func writeDecimal(digits: String, scale: Int, into buffer: inout ByteBuffer) throws {
        guard let value = Double(scale == 0 ? digits : digits + "e-\(scale)"), value.isFinite else {
            throw ValueProblem(message: "decimal \(digits)e-\(scale) is beyond a double's range")
        }
        buffer.writeString(value.description)
    }

    /// UTF-8 text with COPY's escapes; a NUL byte, which PostgreSQL's text cannot hold, is refused.
    static func writeText(_ bytes: ArraySlice<UInt8>, into buffer: inout ByteBuffer) throws {
        var start = bytes.startIndex
        for index in bytes.indices {
            let escape: StaticString
            switch bytes[index] {
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\t"): escape = "\\t"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case 0: throw ValueProblem(message: "text with a NUL byte, which PostgreSQL text cannot hold")
            default: continue
            }
            buffer.writeBytes(bytes[start..<index])
            buffer.writeStaticString(escape)
            start = index + 1
        }
        buffer.writeBytes(bytes[start...])
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// bytea's hex form, `\x0a1b…`, its backslash escaped for COPY.
    static func writeHex(_ bytes: ArraySlice<UInt8>, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("\\\\x")
        for byte in bytes {
            buffer.writeInteger(hexDigits[Int(byte >> 4)])
            buffer.writeInteger(hexDigits[Int(byte & 0x0F)])
        }
    }

    static func writeUUID(_ raw: ArraySlice<UInt8>, into buffer: inout ByteBuffer) {
        for (offset, byte) in raw.enumerated() {
            if offset == 4 || offset == 6 || offset == 8 || offset == 10 { buffer.writeInteger(UInt8(ascii: "-")) }
            buffer.writeInteger(hexDigits[Int(byte >> 4)])
            buffer.writeInteger(hexDigits[Int(byte & 0x0F)])
        }
    }

    static func writeDate(days: Int64, into buffer: inout ByteBuffer) throws {
        let date = CivilDate(daysSinceEpoch: days)
        guard (1...9999).contains(date.year) else {
            throw ValueProblem(message: "date \(days) days from 1970-01-01 is outside the years 0001–9999 staged dates hold")
        }
        writePadded(date.year, width: 4, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        writePadded(date.month, width: 2, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        writePadded(date.day, width: 2, into: &buffer)
    }

    static func writeTimestamp(_ value: Int64, unit: TimeUnit, into buffer: inout ByteBuffer) throws {
        guard let (days, timeOfDay) = CivilDate.dayAndMicrosecond(of: value, unit: unit) else {
            throw ValueProblem(message: "timestamp \(value) \(unit.rawValue) is outside the years 0001–9999")
        }
        try writeDate(days: days, into: &buffer)
        buffer.writeInteger(UInt8(ascii: " "))
        writeClock(timeOfDay / 1_000_000, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "."))
        writePadded(timeOfDay % 1_000_000, width: 6, into: &buffer)
    }

    static func writeTime(_ value: Int64, unit: TimeUnit, into buffer: inout ByteBuffer) throws {
        guard (0..<86_400 * unit.perSecond).contains(value) else {
            throw ValueProblem(message: "time \(value) \(unit.rawValue) is not within one day")
        }
        let digits = [TimeUnit.seconds: 0, .millis: 3, .micros: 6, .nanos: 9][unit]!
        writeClock(value / unit.perSecond, into: &buffer)
        if digits > 0 {
            buffer.writeInteger(UInt8(ascii: "."))
            writePadded(value % unit.perSecond, width: digits, into: &buffer)
        }
    }

    /// `HH:MM:SS` for seconds since midnight.
    private static func writeClock(_ seconds: Int64, into buffer: inout ByteBuffer) {
        writePadded(seconds / 3600, width: 2, into: &buffer)
        buffer.writeInteger(UInt8(ascii: ":"))
        writePadded(seconds / 60 % 60, width: 2, into: &buffer)
        buffer.writeInteger(UInt8(ascii: ":"))
        writePadded(seconds % 60, width: 2, into: &buffer)
    }
}
