/// National identity and tax numbers of individuals, each with the validator its
/// issuing state defines.
///
/// Schemes written with letters or separators (SSN `123-45-6789`, NINO, DNI,
/// codice fiscale) have a shape no other column has. Schemes of bare digits (PESEL,
/// BSN, NIR, INN) pass their checksum by chance for about one random number in ten,
/// so ``isDigitsOnly`` tells the detector to ask for a name cue or a near-perfect match.
enum NationalIDScheme: String, CaseIterable {
    case usSSN = "us_ssn"
    case ukNINO = "uk_nino"
    case esDNI = "es_dni"
    case itCodiceFiscale = "it_codice_fiscale"
    case plPESEL = "pl_pesel"
    case nlBSN = "nl_bsn"
    case frNIR = "fr_nir"
    case ruINN = "ru_inn"

    var isDigitsOnly: Bool {
        switch self {
        case .plPESEL, .nlBSN, .frNIR, .ruINN: true
        case .usSSN, .ukNINO, .esDNI, .itCodiceFiscale: false
        }
    }

    /// What the reason line calls a match.
    var label: String {
        switch self {
        case .usSSN: "US social security numbers"
        case .ukNINO: "UK national insurance numbers"
        case .esDNI: "Spanish DNI/NIE (mod-23 letter)"
        case .itCodiceFiscale: "Italian codici fiscali (check letter)"
        case .plPESEL: "Polish PESEL numbers (checksum)"
        case .nlBSN: "Dutch BSN numbers (11-test)"
        case .frNIR: "French NIR numbers (mod-97 key)"
        case .ruINN: "Russian personal INN numbers (two check digits)"
        }
    }

    /// The scheme `value` validates under, or `nil`.
    static func recognize(_ value: String) -> NationalIDScheme? {
        // Gather up to 16 significant characters once; separators are dropped.
        var buffer = SmallBuffer()
        var digits = 0
        var letters = 0
        var dashes = 0
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: " "): continue
            case UInt8(ascii: "-"): dashes += 1; continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letters += 1
            default: return nil
            }
            guard buffer.append(byte & (byte >= UInt8(ascii: "a") ? 0xDF : 0xFF)) else { return nil }
        }
        switch (buffer.count, letters) {
        case (9, 0) where dashes == 2 && isSSN(buffer): return .usSSN
        case (9, 3) where isNINO(buffer): return .ukNINO
        case (9, 1...2) where isDNI(buffer): return .esDNI
        case (16, _) where letters >= 9 && isCodiceFiscale(buffer): return .itCodiceFiscale
        case (11, 0) where isPESEL(buffer): return .plPESEL
        case (9, 0) where dashes == 0 && isBSN(buffer): return .nlBSN
        case (15, 0...1) where isNIR(buffer): return .frNIR
        case (12, 0) where isINN(buffer): return .ruINN
        default: return nil
        }
    }

    /// `AAA-GG-SSSS`: area not 000, 666 or 9xx; group and serial not zero.
    private static func isSSN(_ b: SmallBuffer) -> Bool {
        let area = b.number(0, 3), group = b.number(3, 2), serial = b.number(5, 4)
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    /// Two prefix letters (not D, F, I, Q, U, V; second not O), six digits, a suffix letter.
    private static func isNINO(_ b: SmallBuffer) -> Bool {
        let forbidden = "DFIQUV".utf8
        guard CheckDigitValidators.isUpperLetter(b[0]), CheckDigitValidators.isUpperLetter(b[1]),
              !forbidden.contains(b[0]), !forbidden.contains(b[1]), b[1] != UInt8(ascii: "O"),
              CheckDigitValidators.isUpperLetter(b[8]) else { return false }
        for i in 2..<8 where !CheckDigitValidators.isDigit(b[i]) { return false }
        return true
    }

    /// DNI: 8 digits and the letter `TRWAGMYFPDXBNJZSQVHLCKE`[n mod 23]; NIE: X/Y/Z (0/1/2), 7 digits, the same letter rule.
    private static func isDNI(_ b: SmallBuffer) -> Bool {
        var number = 0
        for i in 0..<8 {
            let byte = b[i]
            if i == 0, let lead = "XYZ".utf8.firstIndex(of: byte) {
                number = "XYZ".utf8.distance(from: "XYZ".utf8.startIndex, to: lead)
                continue
            }
            guard CheckDigitValidators.isDigit(byte) else { return false }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)
        return b[8] == letters[number % 23]
    }

    /// 16 characters: surname and name letters, birth date and place (digits, which
    /// "omocodia" may replace by letters), and a check letter from the odd/even tables.
    private static func isCodiceFiscale(_ b: SmallBuffer) -> Bool {
        let letterPositions = [0, 1, 2, 3, 4, 5, 8, 11, 15]
        for i in letterPositions where !CheckDigitValidators.isUpperLetter(b[i]) { return false }
        let oddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
        var sum = 0
        for i in 0..<15 {
            let byte = b[i]
            let index: Int
            if CheckDigitValidators.isDigit(byte) {
                index = Int(byte - UInt8(ascii: "0"))
            } else if CheckDigitValidators.isUpperLetter(byte) {
                index = Int(byte - UInt8(ascii: "A"))
            } else {
                return false
            }
            // Positions are counted from 1: odd positions (index 0, 2, …) use the odd table.
            sum += i % 2 == 0 ? oddValues[index] : index
        }
        return Int(b[15] - UInt8(ascii: "A")) == sum % 26
    }

    /// 11 digits: YYMMDD (month offset by 20/40/60/80 per century), serial, and the
    /// check digit with weights 1, 3, 7, 9 repeated.
    private static func isPESEL(_ b: SmallBuffer) -> Bool {
        let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        var sum = 0
        for i in 0..<10 { sum += b.digit(i) * weights[i] }
        let month = b.number(2, 2) % 20, day = b.number(4, 2)
        return (10 - sum % 10) % 10 == b.digit(10) && (1...12).contains(month) && (1...31).contains(day)
    }

    /// 9 digits passing the "11-test": 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
    private static func isBSN(_ b: SmallBuffer) -> Bool {
        var sum = 0
        for i in 0..<8 { sum += b.digit(i) * (9 - i) }
        sum -= b.digit(8)
        return sum % 11 == 0 && b.number(0, 9) != 0
    }

    /// 15 digits: sex (1/2, or 7/8 for provisional numbers), year, month, department,
    /// commune, serial, and a key of 97 − (first 13 mod 97). Corsica's departments `2A`
    /// and `2B` count as 19 and 18 in the key.
    private static func isNIR(_ b: SmallBuffer) -> Bool {
        guard [1, 2, 7, 8].contains(b.digit(0)) else { return false }
        var corsica: Int?
        for i in 0..<15 where !CheckDigitValidators.isDigit(b[i]) {
            // The only letter allowed is the A or B of 2A/2B at position 7.
            guard i == 6, b[5] == UInt8(ascii: "2"), b[i] == UInt8(ascii: "A") || b[i] == UInt8(ascii: "B") else { return false }
            corsica = b[i] == UInt8(ascii: "A") ? 19 : 18
        }
        var remainder = 0
        for i in 0..<13 {
            switch (i, corsica) {
            case (5, let department?): remainder = (remainder * 100 + department) % 97
            case (6, .some): continue
            default: remainder = (remainder * 10 + b.digit(i)) % 97
            }
        }
        return 97 - remainder == b.number(13, 2)
    }

    /// 12 digits, the last two check digits with the Federal Tax Service's weights.
    private static func isINN(_ b: SmallBuffer) -> Bool {
        let w11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
        let w12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
        var s11 = 0, s12 = 0
        for i in 0..<10 { s11 += b.digit(i) * w11[i] }
        for i in 0..<11 { s12 += b.digit(i) * w12[i] }
        return s11 % 11 % 10 == b.digit(10) && s12 % 11 % 10 == b.digit(11)
    }
}

/// Up to 16 bytes on the stack: the significant characters of an identifier.
struct SmallBuffer {
    private var storage: (UInt64, UInt64) = (0, 0)
    private(set) var count = 0

    /// Appends `byte`; false when the buffer is full.
    mutating func append(_ byte: UInt8) -> Bool {
        guard count < 16 else { return false }
        if count < 8 {
            storage.0 |= UInt64(byte) << (8 * UInt64(count))
        } else {
            storage.1 |= UInt64(byte) << (8 * UInt64(count - 8))
        }
        count += 1
        return true
    }

    subscript(index: Int) -> UInt8 {
        index < 8 ? UInt8(truncatingIfNeeded: storage.0 >> (8 * UInt64(index)))
            : UInt8(truncatingIfNeeded: storage.1 >> (8 * UInt64(index - 8)))
    }

    /// The digit at `index` (0 for a non-digit).
    func digit(_ index: Int) -> Int {
        let byte = self[index]
        return CheckDigitValidators.isDigit(byte) ? Int(byte - UInt8(ascii: "0")) : 0
    }

    /// The decimal number spelt by `length` digits from `start`.
    func number(_ start: Int, _ length: Int) -> Int {
        var value = 0
        for i in start..<(start + length) { value = value * 10 + digit(i) }
        return value
    }
}
