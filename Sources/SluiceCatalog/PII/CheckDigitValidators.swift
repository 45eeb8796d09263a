/// The check-digit schemes that separate a real identifier from a string of the
/// right shape: Luhn (card numbers, inside ISIN), ISO 7064 MOD 97-10 (IBAN, LEI),
/// EAN-13 (Swiss AHV numbers) and the SEDOL weights.
///
/// Every function reads the UTF-8 bytes of its input in place and allocates
/// nothing, because the detector calls them for every sampled value of every column.
/// Separators (space, `-`, `.`) are skipped where the identifier is commonly
/// written with them, so `CH93 0076 2011 6238 5295 7` checks like `CH9300762011623852957`.
enum CheckDigitValidators {
    /// The value of an ASCII digit or upper-case letter in the check-digit alphabets (`0`…`9`, `A` = 10 … `Z` = 35).
    @inline(__always)
    static func alphanumericValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a")) + 10
        default: nil
        }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    @inline(__always)
    static func isUpperLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// Luhn over the digits of `text`, separators skipped: card numbers end in a digit
    /// that makes the doubled-alternate sum a multiple of 10. Anything but digits and
    /// separators fails. `digitCount` receives how many digits were seen.
    static func luhn(_ text: String, digitCount: inout Int) -> Bool {
        var sum = 0
        var count = 0
        // Walk from the right: the check digit is not doubled, the next one is.
        for byte in text.utf8.reversed() {
            if isSeparator(byte) { continue }
            guard isDigit(byte) else { return false }
            var digit = Int(byte - UInt8(ascii: "0"))
            if count % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            count += 1
        }
        digitCount = count
        return count > 0 && sum % 10 == 0
    }

    /// ISO 7064 MOD 97-10 of the alphanumeric characters of `text` taken in order,
    /// letters expanded to two digits: the remainder an IBAN (rearranged) or an LEI
    /// must leave is 1.
    static func mod97<S: Sequence<UInt8>>(_ bytes: S) -> Int? {
        var remainder = 0
        for byte in bytes {
            if byte == UInt8(ascii: " ") { continue }
            guard let value = alphanumericValue(byte) else { return nil }
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97
        }
        return remainder
    }

    /// An IBAN: two letters, two digits, 11–30 alphanumerics (spaces allowed between
    /// groups); valid when the number with its first four characters moved to the end
    /// is ≡ 1 mod 97 (ISO 13616).
    static func isIBAN(_ value: String) -> Bool {
        let bytes = value.utf8
        var compact = 0
        var position = 0
        for byte in bytes {
            if byte == UInt8(ascii: " ") { continue }
            switch position {
            case 0, 1: guard isUpperLetter(byte) else { return false }
            case 2, 3: guard isDigit(byte) else { return false }
            default: guard isDigit(byte) || isUpperLetter(byte) else { return false }
            }
            position += 1
            compact += 1
        }
        guard (15...34).contains(compact) else { return false }
        // Rearranged: skip the first four non-space characters, then append them.
        var skipped = 0
        var remainder = 0
        for byte in bytes where byte != UInt8(ascii: " ") {
            if skipped < 4 { skipped += 1; continue }
            remainder = step(remainder, byte)
        }
        skipped = 0
        for byte in bytes where byte != UInt8(ascii: " ") {
            guard skipped < 4 else { break }
            remainder = step(remainder, byte)
            skipped += 1
        }
        return remainder == 1
    }

    @inline(__always)
    private static func step(_ remainder: Int, _ byte: UInt8) -> Int {
        let value = alphanumericValue(byte) ?? 0
        return value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97
    }

    /// An LEI (ISO 17442): 18 alphanumerics and two check digits, the whole ≡ 1 mod 97.
    static func isLEI(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count == 20 else { return false }
        var index = 0
        for byte in bytes {
            if index >= 18 { guard isDigit(byte) else { return false } } else { guard isDigit(byte) || isUpperLetter(byte) else { return false } }
            index += 1
        }
        return mod97(bytes) == 1
    }

    /// An ISIN (ISO 6166): two letters, nine alphanumerics, one check digit; Luhn over
    /// the string with letters expanded to two digits.
    static func isISIN(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count == 12 else { return false }
        var index = 0
        for byte in bytes {
            switch index {
            case 0, 1: guard isUpperLetter(byte) else { return false }
            case 11: guard isDigit(byte) else { return false }
            default: guard isDigit(byte) || isUpperLetter(byte) else { return false }
            }
            index += 1
        }
        // Expand right to left so the parity of each produced digit is known as it is made.
        var sum = 0
        var position = 0
        for byte in bytes.reversed() {
            let value = alphanumericValue(byte)!
            if value < 10 {
                sum += luhnTerm(value, doubled: position % 2 == 1)
                position += 1
            } else {
                sum += luhnTerm(value % 10, doubled: position % 2 == 1)
                sum += luhnTerm(value / 10, doubled: (position + 1) % 2 == 1)
                position += 2
            }
        }
        return sum % 10 == 0
    }

    @inline(__always)
    private static func luhnTerm(_ digit: Int, doubled: Bool) -> Int {
        guard doubled else { return digit }
        let twice = digit * 2
        return twice > 9 ? twice - 9 : twice
    }

    /// A SEDOL: six characters from digits and consonants (no vowels), then a check digit
    /// with weights 1, 3, 1, 7, 3, 9.
    static func isSEDOL(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count == 7 else { return false }
        let weights = [1, 3, 1, 7, 3, 9]
        var sum = 0
        var index = 0
        var letters = 0
        for byte in bytes {
            if index == 6 {
                guard isDigit(byte) else { return false }
                return (10 - sum % 10) % 10 == Int(byte - UInt8(ascii: "0")) && letters < 6
            }
            guard isDigit(byte) || isUpperLetter(byte), !"AEIOU".utf8.contains(byte) else { return false }
            if isUpperLetter(byte) { letters += 1 }
            sum += alphanumericValue(byte)! * weights[index]
            index += 1
        }
        return false
    }

    /// A Swiss AHV/AVS number: 13 digits starting with 756 (the Swiss EAN country prefix),
    /// written `756.1234.5678.97` or without dots; the last digit is the EAN-13 check digit.
    static func isAHV(_ value: String) -> Bool {
        var digits = 0
        var sum = 0
        var last = -1
        var prefix = 0
        for byte in value.utf8 {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") { continue }
            guard isDigit(byte) else { return false }
            let digit = Int(byte - UInt8(ascii: "0"))
            if digits < 3 { prefix = prefix * 10 + digit }
            if digits < 12 { sum += digits % 2 == 0 ? digit : digit * 3 }
            last = digit
            digits += 1
        }
        return digits == 13 && prefix == 756 && (10 - sum % 10) % 10 == last
    }
}
