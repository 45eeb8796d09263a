/// The decimal digits of a Parquet `decimal` stored as a big-endian two's-complement integer.
public enum DecimalDigits {
    /// With a leading `-` when negative.
    public static func signed(bigEndianTwosComplement raw: ArraySlice<UInt8>) -> String {
        var magnitude = Array(raw)
        guard let first = magnitude.first else { return "0" }
        let negative = first & 0x80 != 0
        if negative {
            var carry = 1
            for index in magnitude.indices.reversed() {
                let sum = Int(~magnitude[index]) + carry
                magnitude[index] = UInt8(sum & 0xFF)
                carry = sum >> 8
            }
        }
        var digits: [UInt8] = []
        while magnitude.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in magnitude.indices {
                let current = remainder << 8 | Int(magnitude[index])
                magnitude[index] = UInt8(current / 10)
                remainder = current % 10
            }
            digits.append(UInt8(ascii: "0") + UInt8(remainder))
        }
        let text = digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
        return negative ? "-" + text : text
    }
}
