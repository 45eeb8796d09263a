/// Recognizers for the ways people are reached: e-mail addresses and phone numbers.
///
/// Both read the UTF-8 bytes in place. They check syntax only (no DNS, no
/// numbering-plan database), which is what a value in a sample can show.
enum ContactShapes {
    /// An e-mail address by the common subset of RFC 5322: one `@`, a local part of
    /// atom characters and single dots, and a domain of at least two labels whose last
    /// (the top-level domain) is two or more letters. Non-ASCII letters are accepted
    /// in both parts (internationalised addresses).
    static func isEmail(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count >= 6, bytes.count <= 254 else { return false }
        var localLength = 0
        var sawAt = false
        var previous: UInt8 = 0
        var labels = 0
        var labelLength = 0
        var labelAllLetters = true
        for byte in bytes {
            if !sawAt {
                if byte == UInt8(ascii: "@") {
                    guard localLength > 0, previous != UInt8(ascii: ".") else { return false }
                    sawAt = true
                    previous = byte
                    continue
                }
                guard isLocalCharacter(byte) else { return false }
                if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") || localLength == 0 { return false }
                localLength += 1
            } else {
                if byte == UInt8(ascii: ".") {
                    guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                    labels += 1
                    labelLength = 0
                    labelAllLetters = true
                } else {
                    guard isDomainCharacter(byte) else { return false }
                    if byte == UInt8(ascii: "-"), labelLength == 0 { return false }
                    if !isLetter(byte) { labelAllLetters = false }
                    labelLength += 1
                }
            }
            previous = byte
        }
        // The top-level domain is the label still open at the end.
        return sawAt && labels >= 1 && labelLength >= 2 && labelAllLetters
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80
    }

    @inline(__always)
    private static func isLocalCharacter(_ byte: UInt8) -> Bool {
        if isLetter(byte) || CheckDigitValidators.isDigit(byte) { return true }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "'"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    @inline(__always)
    private static func isDomainCharacter(_ byte: UInt8) -> Bool {
        isLetter(byte) || CheckDigitValidators.isDigit(byte) || byte == UInt8(ascii: "-")
    }

    /// How a value reads as a phone number.
    enum PhoneForm {
        /// `+` (or `00`) and a country code: E.164 with optional separators.
        case international
        /// A national form: trunk prefix `0`/`8`, parentheses or digit groups.
        case national
    }

    /// A phone number: E.164 (`+41791234567`, `+41 79 123 45 67`, `0041…`) or a
    /// national form with structure (`044 123 45 67`, `(0306) 999 0141`,
    /// `217-977-6317x066`, `070-4177-7631`, `8 (819) 738-6508`).
    ///
    /// Bare digit runs are accepted only with a trunk `0` (`0784555482`): without
    /// structure a number of 9 digits is as likely an amount or an id. ISO dates,
    /// decimals, ISBNs and values with letters other than an extension mark are refused.
    /// `allowBareDigits` (set when the column name says "phone") also accepts
    /// unstructured 8–15 digit runs, as a numeric column of phone numbers has.
    static func phoneForm(_ value: String, allowBareDigits: Bool = false) -> PhoneForm? {
        let bytes = value.utf8
        guard bytes.count >= 7, bytes.count <= 32, bytes.first != UInt8(ascii: "-") else { return nil }
        var digits = 0
        var firstDigits = 0 // the first three digits, to spot ISBN prefixes and trunk codes
        var leadingPlus = false
        var separators = 0
        var dots = 0
        var parentheses = 0
        var inExtension = false
        var extensionDigits = 0
        var index = 0
        var firstDigitValue = -1
        var secondDigitValue = -1
        for byte in bytes {
            defer { index += 1 }
            if inExtension {
                if CheckDigitValidators.isDigit(byte) { extensionDigits += 1; continue }
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") { continue }
                // the rest of `ext` spelt out
                if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "t") { continue }
                return nil
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                if digits == 0 { firstDigitValue = digit } else if digits == 1 { secondDigitValue = digit }
                if digits < 3 { firstDigits = firstDigits * 10 + digit }
                digits += 1
            case UInt8(ascii: "+"):
                guard index == 0 else { return nil }
                leadingPlus = true
            case UInt8(ascii: " "), UInt8(ascii: "-"):
                separators += 1
            case UInt8(ascii: "."):
                separators += 1; dots += 1
            case UInt8(ascii: "/"):
                separators += 1
            case UInt8(ascii: "("), UInt8(ascii: ")"):
                parentheses += 1
            case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "e"):
                // An extension: `x123`, `ext. 123`; only after the number itself.
                guard digits >= 7 else { return nil }
                inExtension = true
            default:
                return nil
            }
        }
        guard !inExtension || extensionDigits > 0 else { return nil }
        guard parentheses == 0 || parentheses == 2 else { return nil }
        if leadingPlus {
            return (8...15).contains(digits) && firstDigitValue != 0 ? .international : nil
        }
        if firstDigitValue == 0, secondDigitValue == 0 {
            return (10...17).contains(digits) ? .international : nil
        }
        guard (7...13).contains(digits) else { return nil }
        // A single dot with digits either side is a decimal number, not a phone.
        if dots == 1, separators == 1 { return nil }
        if (firstDigits == 978 || firstDigits == 979), digits == 13 { return nil }
        if looksLikeDate(bytes) { return nil }
        let structured = separators > 0 || parentheses == 2
        if structured {
            // Groups of digits: at least two separators, or a trunk prefix / area code in parentheses.
            return separators >= 2 || parentheses == 2 || firstDigitValue == 0 ? .national : nil
        }
        if firstDigitValue == 0, (9...12).contains(digits) { return .national }
        if allowBareDigits, (8...15).contains(digits) { return .national }
        return nil
    }

    /// `2024-03-01`, `01.03.2024`, `2024/03/01`: dates share digits and separators with phone numbers.
    private static func looksLikeDate(_ bytes: String.UTF8View) -> Bool {
        DateShapes.calendarDate(bytes) != nil
    }
}
