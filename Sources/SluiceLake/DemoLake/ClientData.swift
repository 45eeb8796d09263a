/// Clients and their accounts.
///
/// The first 25 clients are the demo's cast, written out by hand so the story
/// holds at every scale: two PEPs (James Whitfield, UK; Dmitri Volkov, Russia,
/// always client 19, whose orders hit sanctions screening), and five high-risk
/// clients the AML alerts fall on (Volkov, Al Rashid, Whitfield, Oliveira,
/// Lefèvre). `--scale N` adds 25·(N−1) generated clients after them.
///
/// How many accounts a client holds follows its segment: UHNWI and institutional
/// 3, HNWI, corporate and affluent 2 (affluent clients typically keep a custody
/// and a cash account), retail 1.

enum Segment: String {
    case retail, affluent, hnwi, uhnwi, corporate, institutional

    var clientType: String {
        switch self {
        case .corporate: "corporate"
        case .institutional: "institutional"
        default: "individual"
        }
    }

    var accountTypes: [String] {
        switch self {
        case .uhnwi: ["custody", "cash", "margin"]
        case .institutional: ["custody", "cash", "pension"]
        case .hnwi, .corporate, .affluent: ["custody", "cash"]
        case .retail: ["custody"]
        }
    }

    /// Typical assets under management in CHF.
    var typicalAssetsCHF: Double {
        switch self {
        case .retail: 90_000
        case .affluent: 650_000
        case .hnwi: 4_000_000
        case .uhnwi: 45_000_000
        case .corporate: 20_000_000
        case .institutional: 180_000_000
        }
    }

    /// How often this segment trades, relative to the others.
    var tradingWeight: Int {
        switch self {
        case .retail: 1
        case .affluent, .corporate: 2
        case .hnwi: 3
        case .uhnwi: 5
        case .institutional: 6
        }
    }
}

struct Client {
    let id: Int
    let legalName: String
    let shortName: String
    let segment: Segment
    let domicile: String
    let nationality: String
    let birthDay: Int?
    let email: String
    let phone: String
    let riskRating: String
    let isPEP: Bool
    let kycStatus: String
    let relationshipManager: String
    let onboardedDay: Int
    let assetsCHF: Double

    /// Client 19: matches a sanctions list, so his orders are flagged or blocked.
    var isSanctioned: Bool { id == ClientData.volkovID }
    var isHighRisk: Bool { riskRating == "high" || riskRating == "critical" }

    var homeCurrency: String {
        switch domicile {
        case "CH": "CHF"
        case "GB": "GBP"
        case "DE", "FR", "IT", "ES", "AT", "LU", "CY", "NL", "BE", "PT", "IE": "EUR"
        case "SE": "SEK"
        case "NO": "NOK"
        case "DK": "DKK"
        case "SG": "SGD"
        default: "USD"
        }
    }
}

struct Account {
    let id: Int
    let clientID: Int
    let iban: String
    let type: String
    let currency: String
    let custodianID: Int
    let openedDay: Int
    let status: String

    /// Cash accounts hold no securities; closed accounts neither hold nor trade.
    var holdsSecurities: Bool { type != "cash" && status != "closed" }
    var trades: Bool { holdsSecurities && status == "active" }
}

enum ClientData {
    /// The story's clients, by the ids the demo and its golden sets use.
    static let volkovID = 19, alRashidID = 11, whitfieldID = 5, oliveiraID = 8, lefevreID = 14

    private static let favre = "Marc Favre", steiner = "Nadia Steiner", rochat = "Olivier Rochat", huber = "Barbara Huber"

    private static func client(
        _ id: Int, _ legal: String, _ short: String, _ segment: Segment, _ domicile: String, _ nationality: String,
        born: (Int, Int, Int)?, _ email: String, _ phone: String, risk: String, pep: Bool = false, kyc: String = "verified",
        rm: String, onboarded: (Int, Int, Int), assets: Double
    ) -> Client {
        Client(id: id, legalName: legal, shortName: short, segment: segment, domicile: domicile, nationality: nationality,
               birthDay: born.map { DemoCalendar.day(year: $0.0, month: $0.1, day: $0.2) }, email: email, phone: phone,
               riskRating: risk, isPEP: pep, kycStatus: kyc, relationshipManager: rm,
               onboardedDay: DemoCalendar.day(year: onboarded.0, month: onboarded.1, day: onboarded.2), assetsCHF: assets)
    }

    /// The demo's 25 clients: 9 UHNWI, 5 institutional, 6 HNWI, 2 corporate, 2 affluent, 1 retail.
    static let cast: [Client] = [
        client(1, "Hans-Peter Müller", "H.-P. Müller", .uhnwi, "CH", "CH", born: (1958, 3, 14), "hans-peter.mueller@bluewin.ch", "+41794412387", risk: "medium", rm: favre, onboarded: (2009, 5, 12), assets: 62_000_000),
        client(2, "Claire Dubois-Fontaine", "C. Dubois-Fontaine", .hnwi, "CH", "FR", born: (1971, 11, 2), "claire.dubois-fontaine@orange.fr", "+41786523190", risk: "low", rm: steiner, onboarded: (2014, 9, 1), assets: 5_400_000),
        client(3, "Pensionskasse Alpina", "PK Alpina", .institutional, "CH", "CH", born: nil, "investments@pk-alpina.ch", "+41442108800", risk: "low", rm: rochat, onboarded: (2011, 1, 17), assets: 420_000_000),
        client(4, "Sarah Meier", "S. Meier", .affluent, "CH", "CH", born: (1985, 7, 23), "sarah.meier@gmx.ch", "+41791234567", risk: "low", rm: huber, onboarded: (2019, 3, 4), assets: 720_000),
        client(5, "James Whitfield", "J. Whitfield", .uhnwi, "GB", "GB", born: (1962, 4, 9), "j.whitfield@whitfield-holdings.co.uk", "+447700900418", risk: "high", pep: true, rm: favre, onboarded: (2016, 6, 20), assets: 38_000_000),
        client(6, "Thomas Brunner", "T. Brunner", .hnwi, "CH", "CH", born: (1968, 1, 30), "thomas.brunner@sunrise.ch", "+41763349021", risk: "low", rm: steiner, onboarded: (2012, 10, 8), assets: 3_100_000),
        client(7, "Zürcher Maschinenbau AG", "ZMB AG", .corporate, "CH", "CH", born: nil, "treasury@zuercher-maschinenbau.ch", "+41523041500", risk: "medium", rm: rochat, onboarded: (2010, 2, 15), assets: 27_000_000),
        client(8, "Isabella Oliveira", "I. Oliveira", .uhnwi, "BR", "BR", born: (1976, 8, 19), "isabella.oliveira@oliveira-agro.com.br", "+5511987654321", risk: "high", kyc: "pending", rm: favre, onboarded: (2018, 11, 5), assets: 31_000_000),
        client(9, "Léman Family Office SA", "Léman FO", .institutional, "CH", "CH", born: nil, "operations@leman-fo.ch", "+41227181900", risk: "medium", rm: huber, onboarded: (2015, 4, 27), assets: 150_000_000),
        client(10, "Zoë Andersson", "Z. Andersson", .hnwi, "SE", "SE", born: (1980, 12, 5), "zoe.andersson@telia.se", "+46701234567", risk: "low", rm: steiner, onboarded: (2017, 8, 14), assets: 2_600_000),
        client(11, "Khalid Al Rashid", "K. Al Rashid", .uhnwi, "AE", "AE", born: (1965, 2, 27), "k.alrashid@alrashid-investments.ae", "+971501234567", risk: "high", rm: favre, onboarded: (2017, 1, 9), assets: 84_000_000),
        client(12, "Lukas Frei", "L. Frei", .affluent, "CH", "CH", born: (1990, 5, 16), "lukas.frei@bluewin.ch", "+41789012345", risk: "low", rm: huber, onboarded: (2021, 2, 22), assets: 480_000),
        client(13, "Fondation Lémanique", "Fond. Lémanique", .institutional, "CH", "CH", born: nil, "finance@fondation-lemanique.ch", "+41213120400", risk: "low", rm: rochat, onboarded: (2013, 6, 3), assets: 95_000_000),
        client(14, "Amélie Lefèvre", "A. Lefèvre", .uhnwi, "FR", "FR", born: (1973, 9, 11), "amelie.lefevre@lefevre-patrimoine.fr", "+33612345678", risk: "high", kyc: "expired", rm: steiner, onboarded: (2015, 12, 1), assets: 29_000_000),
        client(15, "Javier Núñez", "J. Núñez", .hnwi, "ES", "ES", born: (1979, 6, 25), "javier.nunez@telefonica.es", "+34612345678", risk: "medium", rm: steiner, onboarded: (2018, 4, 16), assets: 6_800_000),
        client(16, "Helvetic Logistics GmbH", "Helvetic Logistics", .corporate, "CH", "CH", born: nil, "finance@helvetic-logistics.ch", "+41612705000", risk: "low", rm: rochat, onboarded: (2016, 9, 12), assets: 14_000_000),
        client(17, "Nordic Endowment Trust", "Nordic Endowment", .institutional, "NO", "NO", born: nil, "treasury@nordic-endowment.no", "+4722123450", risk: "low", rm: rochat, onboarded: (2019, 10, 1), assets: 260_000_000),
        client(18, "Kateřina Dvořáková", "K. Dvořáková", .hnwi, "CZ", "CZ", born: (1983, 3, 8), "katerina.dvorakova@seznam.cz", "+420602123456", risk: "medium", kyc: "pending", rm: huber, onboarded: (2020, 7, 13), assets: 3_900_000),
        client(19, "Dmitri Volkov", "D. Volkov", .uhnwi, "CY", "RU", born: (1961, 10, 3), "d.volkov@volkov-capital.com", "+79161234567", risk: "critical", pep: true, kyc: "pending", rm: favre, onboarded: (2012, 3, 19), assets: 120_000_000),
        client(20, "Anna Schmid", "A. Schmid", .retail, "CH", "CH", born: (1995, 10, 21), "anna.schmid@gmail.com", "+41795551234", risk: "low", rm: huber, onboarded: (2022, 5, 30), assets: 85_000),
        client(21, "Lorenzo Bianchi", "L. Bianchi", .uhnwi, "IT", "IT", born: (1960, 7, 4), "lorenzo.bianchi@bianchi-group.it", "+393471234567", risk: "medium", rm: steiner, onboarded: (2010, 11, 22), assets: 52_000_000),
        client(22, "François Mercier", "F. Mercier", .hnwi, "CH", "FR", born: (1969, 2, 14), "francois.mercier@bluewin.ch", "+41786654321", risk: "low", rm: steiner, onboarded: (2013, 3, 18), assets: 4_700_000),
        client(23, "Ingrid Søndergaard", "I. Søndergaard", .uhnwi, "DK", "DK", born: (1966, 12, 12), "ingrid.sondergaard@sondergaard.dk", "+4520123456", risk: "medium", rm: favre, onboarded: (2014, 2, 3), assets: 36_000_000),
        client(24, "Caisse de Prévoyance Romande", "CP Romande", .institutional, "CH", "CH", born: nil, "placements@cp-romande.ch", "+41223270000", risk: "low", rm: rochat, onboarded: (2012, 8, 27), assets: 310_000_000),
        client(25, "Chen Wei-Ling", "W.-L. Chen", .uhnwi, "SG", "SG", born: (1975, 5, 28), "weiling.chen@chen-capital.sg", "+6591234567", risk: "medium", rm: favre, onboarded: (2020, 1, 15), assets: 47_000_000),
    ]

    /// The cast's accounts that are not active, by client: the client's last account.
    private static let castLastAccountStatus: [Int: String] = [6: "dormant", 21: "closed", 24: "dormant"]

    /// All clients at `scale`: the cast, then generated ones.
    static func clients(scale: Int, seed: UInt64) -> [Client] {
        var random = SeededRandom(seed: seed, stream: "clients")
        var result = cast
        result.reserveCapacity(cast.count * scale)
        for id in (cast.count + 1)..<(cast.count * scale + 1) {
            result.append(ClientFactory.client(id: id, random: &random))
        }
        return result
    }

    /// Each client's accounts, in client order, numbered from 10001.
    static func accounts(for clients: [Client], seed: UInt64) -> [Account] {
        var random = SeededRandom(seed: seed, stream: "accounts")
        var result: [Account] = []
        for client in clients {
            for (index, type) in client.segment.accountTypes.enumerated() {
                let id = 10_001 + result.count
                // A foreign client's cash account is often kept in francs, the bank's home currency.
                let currency = type == "cash" && random.chance(0.3) ? "CHF" : client.homeCurrency
                let openedDay = min(client.onboardedDay + index * random.int(in: 0...400), DemoCalendar.asOfDay - 30)
                let status: String
                if client.id <= cast.count {
                    // The cast's accounts are active (Volkov's must trade to be flagged), except
                    // a few last accounts that show the other states at every scale.
                    status = index == client.segment.accountTypes.count - 1 ? castLastAccountStatus[client.id] ?? "active" : "active"
                } else {
                    status = random.pick(weighted: [("active", 90), ("dormant", 7), ("closed", 3)])
                }
                result.append(Account(id: id, clientID: client.id, iban: iban(accountID: id, currency: currency, random: &random),
                                      type: type, currency: currency,
                                      custodianID: currency == "CHF" ? ReferenceData.swissCustodianID : ReferenceData.internationalCustodianID,
                                      openedDay: openedDay, status: status))
            }
        }
        return result
    }

    /// Swiss IBANs for most accounts (the bank's clearing number 08799); euro accounts
    /// booked at the Luxembourg or German branch get an LU or DE IBAN.
    private static func iban(accountID: Int, currency: String, random: inout SeededRandom) -> String {
        let digits = "0123456789"
        if currency == "EUR" {
            return accountID % 2 == 0
                ? CheckDigits.iban(country: "LU", bban: "087" + random.characters(13, from: digits))
                : CheckDigits.iban(country: "DE", bban: "50070024" + random.characters(10, from: digits))
        }
        // A Swiss BBAN is the 5-digit clearing number and a 12-character account number.
        let number = String(accountID)
        return CheckDigits.iban(country: "CH", bban: "08799" + String(repeating: "0", count: max(0, 8 - number.count)) + number
                                    + random.characters(4, from: digits))
    }

    static func clientRows(_ clients: [Client]) -> [[DemoValue]] {
        clients.map { c in
            [.integer(c.id), .string(c.legalName), .string(c.shortName), .string(c.segment.clientType), .string(c.segment.rawValue),
             .string(c.domicile), .string(c.nationality), .optional(day: c.birthDay), .string(c.email), .string(c.phone),
             .string(c.riskRating), .bool(c.isPEP), .string(c.kycStatus), .string(c.relationshipManager), .integer(c.onboardedDay)]
        }
    }

    static func accountRows(_ accounts: [Account]) -> [[DemoValue]] {
        accounts.map { a in
            [.integer(a.id), .integer(a.clientID), .string(a.iban), .string(a.type), .string(a.currency),
             .integer(a.custodianID), .integer(a.openedDay), .string(a.status)]
        }
    }
}
