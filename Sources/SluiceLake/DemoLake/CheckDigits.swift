/// Check digits of the identifiers the demo lake carries, so that validators
/// (and the PII scanner) treat them as real: ISIN (ISO 6166), IBAN (ISO 13616),
/// LEI (ISO 17442) and SEDOL.
enum CheckDigits {
    /// The ISIN check digit for a 2-letter country code plus 9-character NSIN.
    ///
    /// Letters are expanded to two digits (A = 10 … Z = 35), then the Luhn
    /// algorithm runs over the digit string with the check digit still to come,
    /// so the rightmost digit is the first one doubled.
    static func isinCheckDigit(_ body: String) -> Character {
        precondition(body.count == 11, "an ISIN body is 11 characters")
        let digits = body.flatMap(expandedDigits)
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            let value = position % 2 == 0 ? digit * 2 : digit
            sum += value / 10 + value % 10
        }
        return Character(String((10 - sum % 10) % 10))
    }

    static func isin(_ body: String) -> String { body + String(isinCheckDigit(body)) }

    /// An IBAN: country code, two check digits, BBAN. The check digits make the
    /// rearranged number (BBAN + country + digits, letters expanded) ≡ 1 mod 97.
    static func iban(country: String, bban: String) -> String {
        let check = 98 - mod97(bban + country + "00")
        return country + twoDigits(check) + bban
    }

    /// An LEI: 18 characters plus two check digits, by the same mod-97 rule as IBAN (ISO 7064 MOD 97-10).
    static func lei(_ body: String) -> String {
        precondition(body.count == 18, "an LEI body is 18 characters")
        return body + twoDigits(98 - mod97(body + "00"))
    }

    /// A 7-character SEDOL from 6: weights 1, 3, 1, 7, 3, 9; letters count 10 … 35.
    static func sedol(_ body: String) -> String {
        precondition(body.count == 6, "a SEDOL body is 6 characters")
        let weights = [1, 3, 1, 7, 3, 9]
        let sum = zip(body, weights).reduce(0) { $0 + characterValue($1.0) * $1.1 }
        return body + String((10 - sum % 10) % 10)
    }

    /// The remainder mod 97 of the number spelt by `text` with letters expanded,
    /// computed digit by digit because the number has dozens of digits.
    static func mod97(_ text: String) -> Int {
        text.flatMap(expandedDigits).reduce(0) { ($0 * 10 + $1) % 97 }
    }

    private static func characterValue(_ character: Character) -> Int {
        if let digit = character.wholeNumberValue { return digit }
        let ascii = Int(character.asciiValue ?? 0)
        precondition((65...90).contains(ascii), "identifiers use digits and upper-case letters, got \(character)")
        return ascii - 55
    }

    private static func expandedDigits(_ character: Character) -> [Int] {
        let value = characterValue(character)
        return value < 10 ? [value] : [value / 10, value % 10]
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
