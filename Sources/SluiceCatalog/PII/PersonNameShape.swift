/// How one value reads as a person's name, from the shape of its words.
///
/// A name is one to five words, each capitalised (`Müller`, `Dubois-Fontaine`,
/// `O'Brien`, `Øster`, `Иванов`), an initial (`J.`, `H.-P.`), a particle (`von`, `de`,
/// `Al`), a title (`Dr.`, `Mme`, `pani`) or a suffix (`Jr.`), or CJK words of one to
/// four characters (`中村 加奈`). An all-capital surname is accepted beside a normal word
/// (`DUPONT Jean`). Digits, lower-case words and organisation markers (`AG`, `Ltd`,
/// `Bank`, `Holdings`, `and`) disqualify; a leading thing word (`North`, `Rustic`,
/// `Health`) makes the value a place or a thing.
struct PersonNameShape {
    /// Every word fits a name.
    var isShaped = false
    /// At least two name words or initials (a full name rather than one surname).
    var isMultiWord = false
    /// An organisation marker or legal form was found.
    var isOrganisation = false
    /// Reads as a place, product or unit (see ``NameLexicon/thingWords``).
    var isThing = false
    /// A known given name occurs.
    var hasGivenName = false
    /// A title or a particle occurs: strong signs of a person.
    var hasTitleOrParticle = false

    private enum Word {
        case name, upperName, initial, cjk, title, particle, suffix, organisation, other
    }

    init(_ value: String) {
        if value.utf8.count > 80 { return }
        if Self.containsCJKOrganisationMarker(value) {
            isOrganisation = true
            return
        }
        var nameWords = 0, upperWords = 0, initials = 0, words = 0, thingWords = 0
        var firstContentWordIsThing = false
        var sawContentWord = false
        var rest = value[...]
        while let token = Self.nextToken(&rest) {
            words += 1
            if words > 7 { return }
            let key = Self.lookupKey(token)
            let word = Self.classify(token, key: key)
            switch word {
            case .organisation:
                isOrganisation = true
                return
            case .other:
                return
            case .title, .particle:
                hasTitleOrParticle = true
            case .suffix:
                break
            case .name, .upperName, .initial, .cjk:
                if word == .name { nameWords += 1 }
                if word == .upperName { upperWords += 1 }
                if word == .initial { initials += 1 }
                if word == .cjk { nameWords += 1 }
                let isThing = NameLexicon.thingWords.contains(key)
                if isThing { thingWords += 1 }
                if !sawContentWord { firstContentWordIsThing = isThing }
                sawContentWord = true
                if NameLexicon.givenNames.contains(key) { hasGivenName = true }
            }
        }
        let nameish = nameWords + upperWords + initials
        // All-capital words alone are codes (`EQ-TRADING`, `NESN SW`), not names.
        guard nameish > 0, nameWords + initials > 0, nameish <= 5 else { return }
        guard initials == 0 || nameWords > 0 || upperWords > 0 else { return }
        isShaped = true
        isMultiWord = nameish >= 2
        isThing = firstContentWordIsThing || thingWords * 2 > nameish
    }

    /// The next space-separated word, with a trailing comma removed (`Lewis, Martyn`).
    private static func nextToken(_ rest: inout Substring) -> Substring? {
        while let first = rest.first, first == " " || first == "\t" || first == "\n" { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        let end = rest.firstIndex { $0 == " " || $0 == "\t" || $0 == "\n" } ?? rest.endIndex
        var token = rest[..<end]
        rest = rest[end...]
        if token.last == "," || token.last == ";" { token = token.dropLast() }
        return token
    }

    /// Lower-cased without a trailing period: the form the lexicon stores.
    private static func lookupKey(_ token: Substring) -> String {
        let trimmed = token.last == "." ? token.dropLast() : token
        return trimmed.lowercased()
    }

    private static func classify(_ token: Substring, key: String) -> Word {
        guard let first = token.unicodeScalars.first, !key.isEmpty else { return .other }
        if token.contains("&") || token.contains("«") || token.contains("»") || token.contains("%") { return .organisation }
        // A word in both lists (`y`, `e`) counts as a particle: `Pérez y Gómez` is a person.
        if NameLexicon.organisationMarkers.contains(key), !NameLexicon.particles.contains(key) { return .organisation }
        if NameLexicon.titles.contains(key) { return .title }
        if NameLexicon.particles.contains(key) { return .particle }
        if NameLexicon.suffixes.contains(key) { return .suffix }
        if isInitial(token) { return .initial }
        if isCJKWord(token) { return .cjk }
        guard first.properties.isUppercase else { return .other }
        var letters = 0
        var uppercase = 0
        var previousWasJoiner = false
        for scalar in token.unicodeScalars {
            if scalar == "-" || scalar == "'" || scalar == "’" {
                if previousWasJoiner { return .other }
                previousWasJoiner = true
                continue
            }
            guard scalar.properties.isAlphabetic else { return .other }
            letters += 1
            if scalar.properties.isUppercase { uppercase += 1 }
            previousWasJoiner = false
        }
        guard letters >= 2, !previousWasJoiner else { return letters == 1 ? .initial : .other }
        return uppercase == letters ? .upperName : .name
    }

    /// `J.`, `H.-P.`, `W.-L.`, or a bare capital `J`.
    private static func isInitial(_ token: Substring) -> Bool {
        var sawLetter = false
        var expectLetter = true
        for scalar in token.unicodeScalars {
            if expectLetter {
                guard scalar.properties.isUppercase else { return false }
                sawLetter = true
                expectLetter = false
            } else if scalar == "." {
                continue
            } else if scalar == "-" {
                expectLetter = true
            } else {
                return false
            }
        }
        return sawLetter && !expectLetter
    }

    /// One to four Han, Hiragana or Katakana characters: a Japanese or Chinese name part.
    private static func isCJKWord(_ token: Substring) -> Bool {
        var count = 0
        for scalar in token.unicodeScalars {
            guard isCJK(scalar) else { return false }
            count += 1
        }
        return (1...4).contains(count)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }

    private static let cjkOrganisationMarkers = ["株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "公司", "銀行", "集団"]

    private static func containsCJKOrganisationMarker(_ value: String) -> Bool {
        guard value.unicodeScalars.contains(where: isCJK) else { return false }
        return cjkOrganisationMarkers.contains { value.contains($0) }
    }
}
