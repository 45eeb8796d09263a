/// Identifiers and codes of reference data: the known false-positive traps of PII
/// detection. Each is recognised by its own validator, so a column of them is
/// evidence *against* personal data (an ISIN is 12 characters with a check digit,
/// like an account number; a LEI passes the same mod-97 test as an IBAN).
enum ReferenceCode: String, CaseIterable {
    case isin
    case sedol
    case lei
    case bloombergTicker = "bloomberg_ticker"
    case uuid
    case currency
    case country
    case year
    case creditRating = "credit_rating"
    case bic

    /// The domain a column of these codes has.
    var domainName: String {
        switch self {
        case .isin: "finance.isin"
        case .sedol: "finance.sedol"
        case .lei: "finance.lei"
        case .bloombergTicker: "finance.ticker"
        case .uuid: "id.uuid"
        case .currency: "money.currency"
        case .country: "geo.country"
        case .year: "time.year"
        case .creditRating: "finance.rating"
        case .bic: "finance.bic"
        }
    }

    /// What reviewers read in a reason: "valid ISINs".
    var plural: String {
        switch self {
        case .isin: "valid ISINs (Luhn check digit)"
        case .sedol: "valid SEDOLs (weighted check digit)"
        case .lei: "valid LEIs (mod-97)"
        case .bloombergTicker: "Bloomberg tickers"
        case .uuid: "UUIDs"
        case .currency: "ISO 4217 currency codes"
        case .country: "ISO 3166 country codes"
        case .year: "four-digit years"
        case .creditRating: "credit ratings"
        case .bic: "BIC/SWIFT codes"
        }
    }

    /// The code `value` is, checking the most specific validators first.
    static func recognize(_ value: String) -> ReferenceCode? {
        let count = value.utf8.count
        switch count {
        case 12 where CheckDigitValidators.isISIN(value): return .isin
        case 20 where CheckDigitValidators.isLEI(value): return .lei
        case 36 where isUUID(value): return .uuid
        case 7 where CheckDigitValidators.isSEDOL(value): return .sedol
        case 4 where DateShapes.isYear(value): return .year
        default: break
        }
        if count <= 4 {
            if ISOCodeLists.currencies.contains(value) { return .currency }
            if ISOCodeLists.countries2.contains(value) || ISOCodeLists.countries3.contains(value) { return .country }
            if ISOCodeLists.creditRatings.contains(value) { return .creditRating }
        }
        if count == 8 || count == 11, isBIC(value) { return .bic }
        if isBloombergTicker(value) { return .bloombergTicker }
        return nil
    }

    /// `3d2069fa-21e8-4f67-89de-373d9986c4e4`: 8-4-4-4-12 hexadecimal digits.
    static func isUUID(_ value: String) -> Bool {
        var position = 0
        for byte in value.utf8 {
            switch position {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
            default: guard isHex(byte) else { return false }
            }
            position += 1
        }
        return position == 36
    }

    @inline(__always)
    private static func isHex(_ byte: UInt8) -> Bool {
        CheckDigitValidators.isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    /// A BIC (ISO 9362): 4 letters (bank), an ISO country code, 2 alphanumerics (location),
    /// optionally 3 more (branch).
    static func isBIC(_ value: String) -> Bool {
        var position = 0
        var country = (UInt8(0), UInt8(0))
        for byte in value.utf8 {
            switch position {
            case 0...3: guard CheckDigitValidators.isUpperLetter(byte) else { return false }
            case 4: guard CheckDigitValidators.isUpperLetter(byte) else { return false }; country.0 = byte
            case 5: guard CheckDigitValidators.isUpperLetter(byte) else { return false }; country.1 = byte
            default: guard CheckDigitValidators.isUpperLetter(byte) || CheckDigitValidators.isDigit(byte) else { return false }
            }
            position += 1
        }
        guard position == 8 || position == 11 else { return false }
        return ISOCodeLists.countries2.contains(String(decoding: [country.0, country.1], as: UTF8.self))
    }

    /// Bloomberg's security key: `NESN SW Equity`, `DBR 2.6 08/15/34 Govt`: the last
    /// word is a market sector (yellow key).
    static func isBloombergTicker(_ value: String) -> Bool {
        guard let space = value.utf8.lastIndex(of: UInt8(ascii: " ")) else { return false }
        let sector = value.utf8[value.utf8.index(after: space)...]
        for key in yellowKeys where sector.elementsEqual(key.utf8) { return true }
        return false
    }

    private static let yellowKeys = ["Equity", "Corp", "Govt", "Index", "Comdty", "Curncy", "Mtge", "Muni", "Pfd", "M-Mkt"]
}
