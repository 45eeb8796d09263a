/// Whether a value reads as a postal address: a street word (`Reystrasse`, `rue`,
/// `Via`, `ul.`, `Trail`, `丁目`) or a house number with a postal code, and a digit
/// somewhere, in a value short enough not to be a sentence.
///
/// Postal codes alone (`8001`) and street names without a number are not addresses
/// here: neither locates a person.
enum PostalAddressShape {
    static func isAddress(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count >= 8, bytes.count <= 160 else { return false }
        guard bytes.contains(where: CheckDigitValidators.isDigit) else { return false }
        if isJapaneseAddress(value) { return true }
        var streetWord = false
        var numberTokens = 0
        var postcode = false
        var lowercaseWords = 0
        var words = 0
        var previous: Substring = ""
        var rest = value[...]
        while let token = nextToken(&rest) {
            words += 1
            if words > 20 { return false }
            defer { previous = token }
            let key = token.lowercased()
            if isStreetWord(key) {
                streetWord = true
                continue
            }
            if isHouseOrPostalNumber(token) {
                numberTokens += 1
                if isPostalCode(token) { postcode = true }
            }
            if isPostcodePair(previous, token) { postcode = true }
            if let first = token.unicodeScalars.first, first.properties.isLowercase, !NameLexicon.particles.contains(key) {
                lowercaseWords += 1
            }
        }
        guard lowercaseWords < 4 else { return false }
        return streetWord || (numberTokens >= 2 && postcode)
    }

    private static func nextToken(_ rest: inout Substring) -> Substring? {
        while let first = rest.first, first == " " || first == "," || first == "\n" { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        let end = rest.firstIndex { $0 == " " || $0 == "," || $0 == "\n" } ?? rest.endIndex
        defer { rest = rest[end...] }
        return rest[..<end]
    }

    /// Street types as words (`rue`, `Via`, `ul.`, `Trail`) or as the end of a compound (`Reystrasse`, `Valerieweg`).
    private static func isStreetWord(_ key: String) -> Bool {
        if streetWords.contains(key) { return true }
        guard key.count > 5 else { return false }
        return streetSuffixes.contains { key.hasSuffix($0) }
    }

    private static let streetWords: Set<String> = [
        // English
        "street", "st", "st.", "road", "rd", "rd.", "avenue", "ave", "ave.", "lane", "ln", "drive", "dr.", "court", "ct",
        "place", "pl", "way", "square", "crescent", "terrace", "close", "trail", "plains", "plain", "lodge", "oval", "fords",
        "ford", "mews", "grove", "gardens", "parkway", "boulevard", "blvd", "highway", "circle", "row", "walk", "view",
        "unit", "box", "apt", "apt.", "suite", "studio", "flat", "po", "psc", "apo", "fpo", "dpo", "usns", "usnv",
        "hill", "hills", "heights", "junction", "crossing", "ridge", "valley", "village", "ville", "vista", "meadow",
        "meadows", "harbor", "harbour", "landing", "loop", "park", "pike", "point", "port", "ranch", "river", "run",
        "shoal", "shore", "shores", "spring", "springs", "station", "stravenue", "stream", "summit", "track", "tunnel",
        "turnpike", "union", "wall", "well", "wells", "brook", "brooks", "burg", "bypass", "camp", "canyon", "cape",
        "causeway", "center", "centre", "cliff", "club", "common", "corner", "course", "courts", "cove", "creek", "crest",
        "curve", "dale", "dam", "divide", "estate", "estates", "expressway", "extension", "fall", "falls", "ferry", "field",
        "fields", "flats", "forge", "fork", "forks", "fort", "freeway", "gateway", "glen", "green", "haven", "hollow",
        "inlet", "island", "isle", "key", "knoll", "knolls", "lake", "lakes", "light", "lights", "loaf", "lock", "locks",
        "mall", "manor", "mill", "mills", "mission", "motorway", "mount", "mountain", "neck", "orchard", "pass", "path",
        "pine", "pines", "plaza", "prairie", "radial", "rapid", "rapids", "rest", "route", "skyway", "spur", "throughway",
        "trace", "trafficway", "underpass", "viaduct", "wharf", "gate", "rise", "parade", "chase", "end",
        // German, French, Italian, Spanish, Portuguese, Dutch
        "strasse", "straße", "str.", "gasse", "weg", "platz", "allee", "rue", "chemin", "ch.", "av.", "bd", "bd.",
        "impasse", "allée", "quai", "sentier", "passage", "faubourg", "cours", "via", "viale", "piazza", "piazzale",
        "corso", "largo", "vicolo", "borgo", "contrada", "rotonda", "strada", "stretto", "incrocio", "canale", "piano",
        "appartamento", "calle", "c.", "avenida", "avda", "avda.", "paseo", "camino", "pasaje", "acceso",
        "ronda", "rambla", "glorieta", "vía", "alameda", "bajada", "callejón", "cañada", "pasadizo", "urbanización",
        "carretera", "travesía", "piso", "puerta", "rua", "travessa", "laan", "straat", "plein", "gracht", "kade",
        // Polish, Russian
        "ul.", "ulica", "al.", "aleja", "pl.", "plac", "os.", "osiedle", "rondo", "skwer", "bulwar", "wybrzeże",
        "ул.", "улица", "пр.", "проспект", "пер.", "переулок", "наб.", "набережная", "ш.", "шоссе", "бул.", "бульвар",
        "пл.", "площадь", "д.", "стр.", "к.", "кв.",
    ]

    private static let streetSuffixes = [
        "strasse", "straße", "gasse", "weg", "platz", "allee", "ring", "laan", "straat", "plein", "gracht", "singel",
        "kade", "dijk", "steeg", "dreef", "boulevard", "markt", "plantsoen", "hof", "pad",
    ]

    /// A house number (`225`, `6/1`, `91x`, `2-7`) or a postal code (`8645`, `96-883`, `04307`).
    private static func isHouseOrPostalNumber(_ token: Substring) -> Bool {
        var digits = 0
        var others = 0
        for byte in token.utf8 {
            if CheckDigitValidators.isDigit(byte) { digits += 1 } else { others += 1 }
        }
        return digits >= 1 && digits <= 6 && others <= 2
    }

    /// 4–5 digits, or Poland's `NN-NNN`.
    private static func isPostalCode(_ token: Substring) -> Bool {
        let bytes = token.utf8
        if bytes.allSatisfy(CheckDigitValidators.isDigit) { return (4...5).contains(bytes.count) }
        return bytes.count == 6 && bytes.enumerated().allSatisfy { $0.offset == 2 ? $0.element == UInt8(ascii: "-") : CheckDigitValidators.isDigit($0.element) }
    }

    /// Postal codes written in two words: UK `B7E 9EP`, US state and ZIP `VA 04307`, Dutch `2534 BI`.
    private static func isPostcodePair(_ first: Substring, _ second: Substring) -> Bool {
        if isUKOutward(first), isUKInward(second) { return true }
        let a = first.utf8, b = second.utf8
        if a.count == 2, a.allSatisfy(CheckDigitValidators.isUpperLetter), b.count == 5, b.allSatisfy(CheckDigitValidators.isDigit) {
            return true
        }
        return a.count == 4 && a.allSatisfy(CheckDigitValidators.isDigit) && b.count == 2 && b.allSatisfy(CheckDigitValidators.isUpperLetter)
    }

    /// The outward half of a UK postcode: `B7`, `AL0V`, `E6`, `HP8P`, `SW1A`.
    private static func isUKOutward(_ token: Substring) -> Bool {
        let bytes = token.utf8
        guard (2...4).contains(bytes.count), let first = bytes.first, CheckDigitValidators.isUpperLetter(first) else { return false }
        return bytes.contains(where: CheckDigitValidators.isDigit)
            && bytes.allSatisfy { CheckDigitValidators.isDigit($0) || CheckDigitValidators.isUpperLetter($0) }
    }

    /// The inward half: a digit and two letters (`9EP`).
    private static func isUKInward(_ token: Substring) -> Bool {
        let bytes = token.utf8
        guard bytes.count == 3 else { return false }
        var index = 0
        for byte in bytes {
            guard index == 0 ? CheckDigitValidators.isDigit(byte) : CheckDigitValidators.isUpperLetter(byte) else { return false }
            index += 1
        }
        return true
    }

    /// `東京都千代田区…1丁目2番3号`: a prefecture (都道府県), a city or ward (市区町村) and a block number.
    private static func isJapaneseAddress(_ value: String) -> Bool {
        var prefecture = false
        var municipality = false
        for scalar in value.unicodeScalars {
            switch scalar {
            case "都", "道", "府", "県": prefecture = true
            case "市", "区", "町", "村": if prefecture { municipality = true }
            case "丁", "番", "号": if municipality { return true }
            default: continue
            }
        }
        return false
    }
}
