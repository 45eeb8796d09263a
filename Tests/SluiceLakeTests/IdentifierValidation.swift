/// Validators written independently of the generator's `CheckDigits`, the way
/// each standard describes checking a complete identifier.
enum IdentifierValidation {
    /// ISIN: letters → two digits (A = 10), then the Luhn check over the whole digit string.
    static func isValidISIN(_ isin: String) -> Bool {
        guard isin.count == 12, isin.prefix(2).allSatisfy(\.isUppercase), isin.last!.isNumber else { return false }
        var digits: [Int] = []
        for character in isin {
            guard let value = Int(String(character), radix: 36) else { return false }
            digits += String(value).map { Int(String($0))! }
        }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            let doubled = offset % 2 == 1 ? digit * 2 : digit
            sum += doubled > 9 ? doubled - 9 : doubled
        }
        return sum % 10 == 0
    }

    /// ISO 7064 MOD 97-10 on a decimal string, by long division on its digits in chunks of nine.
    private static func remainder97(_ digits: String) -> Int {
        var remainder = 0
        var rest = Substring(digits)
        while !rest.isEmpty {
            let chunk = rest.prefix(9)
            remainder = Int(String(remainder) + chunk)! % 97
            rest = rest.dropFirst(chunk.count)
        }
        return remainder
    }

    private static func lettersAsNumbers(_ text: String) -> String? {
        var result = ""
        for character in text {
            guard let value = Int(String(character), radix: 36) else { return nil }
            result += String(value)
        }
        return result
    }

    /// IBAN: move the first four characters to the end, letters → numbers; valid when ≡ 1 (mod 97).
    static func isValidIBAN(_ iban: String) -> Bool {
        let lengths = ["CH": 21, "DE": 22, "LU": 20, "GB": 22, "FR": 27, "AT": 20]
        guard let length = lengths[String(iban.prefix(2))], iban.count == length,
              let number = lettersAsNumbers(String(iban.dropFirst(4) + iban.prefix(4))) else { return false }
        return remainder97(number) == 1
    }

    /// LEI (ISO 17442): 20 alphanumerics, the last two digits; valid when ≡ 1 (mod 97).
    static func isValidLEI(_ lei: String) -> Bool {
        guard lei.count == 20, lei.suffix(2).allSatisfy(\.isNumber), let number = lettersAsNumbers(lei) else { return false }
        return remainder97(number) == 1
    }

    /// SEDOL: weights 1 3 1 7 3 9 1 over all seven characters; the sum is a multiple of 10. No vowels.
    static func isValidSEDOL(_ sedol: String) -> Bool {
        guard sedol.count == 7, !sedol.contains(where: { "AEIOU".contains($0) }) else { return false }
        let weights = [1, 3, 1, 7, 3, 9, 1]
        var sum = 0
        for (character, weight) in zip(sedol, weights) {
            guard let value = Int(String(character), radix: 36) else { return false }
            sum += value * weight
        }
        return sum % 10 == 0
    }
}
