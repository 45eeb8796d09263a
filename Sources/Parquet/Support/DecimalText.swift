/// Exact decimal text for integers wider than 64 bits.
///
/// Parquet stores wide decimals as big-endian two's complement bytes (DECIMAL(38)
/// needs 16 bytes, decimal256 32). Converting through Double would lose digits, so
/// the magnitude is divided by 10^9 repeatedly over 32-bit limbs: each pass yields
/// nine digits, and the cost is quadratic in the width, which is why callers cap
/// the width they pass in (see ``maximumWidth``).
enum DecimalText {
    /// Widest value converted; wider annotated values are shown as bytes instead.
    /// 64 bytes is 154 decimal digits, far beyond any writer's precision.
    static let maximumWidth = 64

    static func positional(twosComplementBigEndian bytes: [UInt8], scale: Int) -> String {
        guard let first = bytes.first else { return positional(negative: false, magnitudeDigits: "0", scale: scale) }
        let negative = first & 0x80 != 0
        let magnitude = negative ? negated(bytes) : bytes
        return positional(negative: negative, magnitudeDigits: digits(ofBigEndian: magnitude), scale: scale)
    }

    /// Places the decimal point `scale` digits from the right, padding with zeros as needed.
    static func positional(negative: Bool, magnitudeDigits: String, scale: Int) -> String {
        var digits = magnitudeDigits
        if scale <= 0 {
            if digits != "0" { digits += String(repeating: "0", count: -scale) }
        } else {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative && magnitudeDigits != "0" ? "-" + digits : digits
    }

    /// Two's complement negation (invert and add one), giving the magnitude of a negative value.
    /// The most negative value of a width maps to itself, which read as unsigned is its magnitude.
    private static func negated(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes.map { ~$0 }
        for index in result.indices.reversed() {
            let (sum, overflow) = result[index].addingReportingOverflow(1)
            result[index] = sum
            if !overflow { break }
        }
        return result
    }

    /// Decimal digits of an unsigned big-endian integer.
    private static func digits(ofBigEndian bytes: [UInt8]) -> String {
        // Most significant limb first; a leading partial limb takes the high bytes.
        var limbs: [UInt32] = []
        limbs.reserveCapacity(bytes.count / 4 + 1)
        let head = bytes.count % 4
        var limb: UInt32 = 0
        for (index, byte) in bytes.enumerated() {
            limb = limb << 8 | UInt32(byte)
            if (index + 1 - head) % 4 == 0 {
                limbs.append(limb)
                limb = 0
            }
        }
        var chunks: [UInt32] = [] // base-10^9 digits, least significant first
        var start = limbs.firstIndex { $0 != 0 } ?? limbs.count
        while start < limbs.count {
            var remainder: UInt64 = 0
            for index in start..<limbs.count {
                let current = remainder << 32 | UInt64(limbs[index])
                limbs[index] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while start < limbs.count && limbs[start] == 0 { start += 1 }
        }
        guard let last = chunks.last else { return "0" }
        var text = String(last)
        for chunk in chunks.dropLast().reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
