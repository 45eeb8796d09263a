/// Payment card numbers (PAN): 12–19 digits, optionally in groups, that pass Luhn
/// and start with an issuer range of a card scheme.
///
/// Luhn alone accepts one random number in ten, so the issuer prefix is what keeps a
/// column of 16-digit trade references from reading as cards.
enum PaymentCardShape {
    static func isCardNumber(_ value: String) -> Bool {
        var digitCount = 0
        guard CheckDigitValidators.luhn(value, digitCount: &digitCount), (12...19).contains(digitCount) else { return false }
        var prefix = 0
        var seen = 0
        for byte in value.utf8 where CheckDigitValidators.isDigit(byte) {
            prefix = prefix * 10 + Int(byte - UInt8(ascii: "0"))
            seen += 1
            if seen == 6 { break }
        }
        return issuerRange(prefix6: prefix, length: digitCount)
    }

    /// Visa 4; Mastercard 51–55 and 2221–2720; Amex 34/37 (15 digits); Discover 6011,
    /// 644–649, 65; JCB 35 (3528–3589 assigned, the rest of 35 reserved for it) and 2131/1800 (15 digits); Diners 300–305, 36, 38–39;
    /// UnionPay 62; Maestro 50, 56–58, 0604, 6304, 6390, 6759, 6761–6763 (12–19 digits).
    private static func issuerRange(prefix6: Int, length: Int) -> Bool {
        let p1 = prefix6 / 100_000, p2 = prefix6 / 10_000, p3 = prefix6 / 1_000, p4 = prefix6 / 100
        switch true {
        case p1 == 4: return length == 13 || length == 16 || length == 19
        case (51...55).contains(p2), (2221...2720).contains(p4): return length == 16
        case p2 == 34 || p2 == 37: return length == 15
        case p4 == 6011, (644...649).contains(p3), p2 == 65: return length >= 16
        case p2 == 35: return length >= 16
        case p4 == 2131 || p4 == 1800: return length == 15
        case (300...305).contains(p3), p2 == 36, p2 == 38, p2 == 39: return length >= 14
        case p2 == 62: return length >= 16
        case p2 == 50, (56...58).contains(p2), p4 == 604, p4 == 6304, p4 == 6390, p4 == 6759, (6761...6763).contains(p4):
            return true
        default: return false
        }
    }
}
