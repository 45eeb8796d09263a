/// Makes the clients that `--scale` adds after the cast: plausible names
/// (accents included, as in any Swiss bank's books), E.164 phone numbers of
/// their domicile, and e-mail addresses in ASCII.
enum ClientFactory {
    private static let firstNames = [
        "Lukas", "Léa", "Noah", "Mia", "Élodie", "Matteo", "Sofía", "Jürg", "Björn", "Anaïs",
        "Luca", "Chiara", "Zoé", "Jonas", "Nina", "Rafael", "Inês", "Søren", "Marta", "Oskar",
    ]
    private static let lastNames = [
        "Meier", "Schneider", "Gerber", "Rochat", "Fontana", "Keller", "Baumann", "Müller", "Favre", "Rossi",
        "Brunner", "Weber", "Huber", "Steiner", "Moser", "Zimmermann", "Lüthi", "Bernasconi", "Gautier", "Perrin",
    ]
    private static let relationshipManagers = ["Marc Favre", "Nadia Steiner", "Olivier Rochat", "Barbara Huber"]

    /// Domiciles with their weight, international dialling code, and local mobile number shape.
    private static let domiciles: [(country: String, weight: Int, dial: String, mobilePrefixes: [String], digits: Int)] = [
        ("CH", 60, "41", ["76", "77", "78", "79"], 7),
        ("DE", 10, "49", ["151", "160", "170"], 8),
        ("FR", 8, "33", ["6", "7"], 8),
        ("IT", 7, "39", ["320", "347", "348"], 7),
        ("GB", 6, "44", ["7700", "7900"], 6),
        ("AT", 5, "43", ["664", "676"], 7),
        ("LU", 4, "352", ["621", "691"], 6),
    ]

    /// The cast's own mix (9 UHNWI, 5 institutional, 6 HNWI, 2 corporate, 2 affluent, 1 retail),
    /// so that scale N has about N times the accounts, orders and positions of scale 1.
    private static let segments: [(Segment, Int)] = [
        (.uhnwi, 9), (.institutional, 5), (.hnwi, 6), (.corporate, 2), (.affluent, 2), (.retail, 1),
    ]

    static func client(id: Int, random: inout SeededRandom) -> Client {
        let segment = random.pick(weighted: segments)
        let home = domiciles[random.pick(weighted: domiciles.indices.map { ($0, domiciles[$0].weight) })]
        let last = random.pick(lastNames)
        let legalName: String, shortName: String, email: String, birthDay: Int?
        switch segment {
        case .corporate:
            legalName = "\(last) \(random.pick(["Holding AG", "Immobilien AG", "Trading SA", "Industries GmbH"]))"
            shortName = legalName
            email = "treasury@\(asciiFold(last).lowercased())-\(id).com"
            birthDay = nil
        case .institutional:
            legalName = "\(random.pick(["Pensionskasse", "Fondation", "Stiftung", "Caisse de pension"])) \(last)"
            shortName = legalName
            email = "investments@\(asciiFold(last).lowercased())-\(id).org"
            birthDay = nil
        default:
            let first = random.pick(firstNames)
            legalName = "\(first) \(last)"
            shortName = "\(first.prefix(1)). \(last)"
            email = "\(asciiFold(first).lowercased()).\(asciiFold(last).lowercased()).\(id)@\(random.pick(["bluewin.ch", "gmx.net", "gmail.com", "proton.me"]))"
            birthDay = DemoCalendar.day(year: random.int(in: 1945...2000), month: random.int(in: 1...12), day: random.int(in: 1...28))
        }
        let phone = "+" + home.dial + random.pick(home.mobilePrefixes) + random.characters(home.digits, from: "0123456789")
        let risk = random.pick(weighted: [("low", 55), ("medium", 35), ("high", 10)])
        let onboarded = DemoCalendar.asOfDay - random.int(in: 60...(20 * 365))
        return Client(id: id, legalName: legalName, shortName: shortName, segment: segment, domicile: home.country,
                      nationality: random.chance(0.85) ? home.country : random.pick(domiciles).country,
                      birthDay: birthDay, email: email, phone: phone, riskRating: risk, isPEP: false,
                      kycStatus: random.pick(weighted: [("verified", 90), ("pending", 6), ("expired", 4)]),
                      relationshipManager: random.pick(relationshipManagers), onboardedDay: onboarded,
                      assetsCHF: Money.round(segment.typicalAssetsCHF * random.double(in: 0.5...1.6), 0))
    }

    /// Letters as they are spelt in e-mail addresses: `ü` → `ue`, `é` → `e`, `ø` → `o`.
    static func asciiFold(_ text: String) -> String {
        let replacements: [Character: String] = [
            "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
            "é": "e", "è": "e", "ê": "e", "ë": "e", "É": "E", "à": "a", "â": "a", "á": "a", "ï": "i", "î": "i",
            "í": "i", "ó": "o", "ô": "o", "ú": "u", "ç": "c", "ñ": "n", "ø": "o", "Ø": "O", "å": "a",
        ]
        return text.reduce(into: "") { result, character in
            if let replacement = replacements[character] {
                result += replacement
            } else if character.isASCII {
                result.append(character)
            }
        }
    }
}
