import Foundation
import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

private func sample(_ column: String, table: String = "t", type: DataType = .string, _ values: [String]) -> ColumnSample {
    ColumnSample(table: table, column: column, dataType: type, values: values, rowCount: values.count)
}

private let detector = PIIDetector(referenceYear: 2026)

/// The validators against identifiers made by other implementations: Faker's
/// generators and published examples. Each valid value is also mutated in its
/// check digit, which must then fail.
@Suite struct PIIValidatorTests {
    struct Generated: Decodable {
        var iban: [String], card: [String], ahv: [String], ssn: [String], nino: [String], dni: [String], nie: [String]
        var codiceFiscale: [String], pesel: [String], bsn: [String], nir: [String], inn: [String]
    }

    static func generated() throws -> Generated {
        let script = """
        import json
        from faker import Faker
        def make(locale, method, n=60, **kw):
            f = Faker(locale); f.seed_instance(7)
            return sorted({str(getattr(f, method)(**kw)) for _ in range(n)})
        print(json.dumps({
            "iban": make("de_CH", "iban") + make("fr_FR", "iban") + make("nl_NL", "iban") + make("en_GB", "iban"),
            "card": make("en_US", "credit_card_number"),
            "ahv": make("de_CH", "ssn"),
            "ssn": make("en_US", "ssn"),
            "nino": make("en_GB", "ssn"),
            "dni": make("es_ES", "nif"),
            "nie": make("es_ES", "nie"),
            "codiceFiscale": make("it_IT", "ssn"),
            "pesel": make("pl_PL", "pesel"),
            "bsn": make("nl_NL", "ssn"),
            "nir": make("fr_FR", "ssn"),
            "inn": make("ru_RU", "individuals_inn"),
        }))
        """
        return try JSONDecoder().decode(Generated.self, from: Python.run(script))
    }

    /// A column of `values` under an unhelpful name must come out as `kind`.
    private func expectDetected(_ values: [String], as kind: PIIKind, column: String = "col_1") {
        let verdict = detector.assess(sample(column, values))
        #expect(verdict.isPII && verdict.kind == kind, "\(kind): \(verdict) for \(values.prefix(3))")
        let missed = values.filter { detector.assess(sample(column, [$0])).kind != kind }
        #expect(verdict.matchedFraction == 1, "\(kind): \(verdict); not recognised alone: \(missed)")
    }

    @Test func fakerIdentifiersValidate() throws {
        let g = try Self.generated()
        expectDetected(g.iban, as: .iban)
        expectDetected(g.card, as: .cardNumber)
        expectDetected(g.ahv, as: .ahvNumber)
        expectDetected(g.ssn, as: .nationalID)
        expectDetected(g.nino, as: .nationalID)
        expectDetected(g.dni + g.nie, as: .nationalID)
        expectDetected(g.codiceFiscale, as: .nationalID)
        expectDetected(g.pesel, as: .nationalID, column: "pesel")
        expectDetected(g.bsn, as: .nationalID, column: "bsn")
        expectDetected(g.nir, as: .nationalID, column: "nir")
        expectDetected(g.inn, as: .nationalID, column: "inn")
    }

    @Test func brokenCheckDigitsFail() throws {
        let g = try Self.generated()
        // Changing the last digit breaks every check-digit scheme here.
        func broken(_ value: String) -> String {
            guard let last = value.last, let digit = last.wholeNumberValue else { return value }
            return String(value.dropLast()) + String((digit + 1) % 10)
        }
        for (values, kind) in [(g.iban, PIIKind.iban), (g.card, .cardNumber), (g.ahv, .ahvNumber)] {
            let verdict = detector.assess(sample("col_1", values.map(broken)))
            #expect(!verdict.isPII || verdict.kind != kind, "\(kind) with broken check digits: \(verdict)")
        }
        for (values, column) in [(g.pesel, "pesel"), (g.bsn, "bsn"), (g.nir, "nir")] {
            let verdict = detector.assess(sample(column, values.map(broken)))
            #expect(verdict.matchedFraction < 0.5, "\(column) with broken check digits: \(verdict)")
        }
    }

    @Test func publishedExamples() {
        #expect(detector.assess(sample("x", ["GB82 WEST 1234 5698 7654 32", "CH93 0076 2011 6238 5295 7", "DE89 3704 0044 0532 0130 00"])).kind == .iban)
        #expect(detector.assess(sample("x", ["4111 1111 1111 1111", "5555555555554444", "378282246310005"])).kind == .cardNumber)
        #expect(detector.assess(sample("x", ["756.9217.0769.85"])).kind == .ahvNumber)
        #expect(detector.assess(sample("x", ["12345678Z", "RSSMRA85T10A562S"])).kind == .nationalID)
        let traps = detector.assess(sample("account_number", ["US0378331005", "CH0012032048", "DE0007164600", "GB0009895292"]))
        #expect(!traps.isPII && traps.recognizer == "reference:isin", "\(traps)")
        #expect(!detector.assess(sample("lei", ["5493001KJTIIGC8Y1R12", "529900HEKOENBZ1DTW40"])).isPII)
    }
}

/// How name cues and value evidence combine.
@Suite struct PIIDetectorBehaviourTests {
    @Test func aNameCueAloneGivesALowScoreVerdict() {
        let verdict = detector.assess(sample("email", []))
        #expect(verdict.isPII && verdict.kind == .email && verdict.score < 0.5 && verdict.matchedFraction == 0)
        #expect(verdict.recognizer == "name_cue:email")
        let weak = detector.assess(sample("owner", table: "projects", []))
        #expect(!weak.isPII)
    }

    @Test func valuesOutweighACue() {
        #expect(!detector.assess(sample("email_status", ["sent", "bounced", "opened"])).isPII)
        let teams = detector.assess(sample("owner", table: "desks", ["EQ-TRADING", "FX-DESK", "RISK-OPS"]))
        #expect(!teams.isPII && teams.reason.contains("name cue"), "\(teams)")
        let withCue = detector.assess(sample("email", ["anna@example.ch", "n/a", "ben@example.com", "unknown"]))
        #expect(withCue.isPII && withCue.matchedFraction == 0.5 && withCue.score > 0.45, "\(withCue)")
    }

    @Test func reasonsNameTheEvidence() {
        let verdict = detector.assess(sample("account_number", ["CH9300762011623852957", "GB82WEST12345698765432"]))
        #expect(verdict.reason == "2 of 2 sampled values are valid IBANs (mod-97); name cue 'account_number'", "\(verdict.reason)")
        #expect(verdict.recognizer == "iban_mod97")
    }

    @Test func peopleMixedWithCompaniesArePIIButCompaniesAloneAreNot() {
        let mixed = ["Hans-Peter Müller", "Claire Dubois-Fontaine", "Zürcher Maschinenbau AG", "Amélie Lefèvre",
                     "Helvetic Logistics GmbH", "Ingrid Søndergaard", "Kateřina Dvořáková", "Dr. Elena Brunner"]
        let clients = detector.assess(sample("legal_name", table: "clients", mixed))
        #expect(clients.isPII && clients.kind == .personName, "\(clients)")
        let issuers = detector.assess(sample("issuer", ["Nestlé SA", "Novartis AG", "Apple Inc.", "UBS Group AG", "Swiss Confederation"]))
        #expect(!issuers.isPII, "\(issuers)")
        let unnamed = detector.assess(sample("col_7", ["Hans Müller", "Anna Schmid", "Lorenzo Bianchi", "Marie de Vries", "Zoë Andersson", "Jan van der Berg"]))
        #expect(unnamed.isPII && unnamed.kind == .personName, "\(unnamed)")
        let places = detector.assess(sample("col_8", ["New York", "Hong Kong", "North Catherine", "Lake Michelle", "Port Jennifer", "West William"]))
        #expect(!places.isPII, "\(places)")
    }

    @Test func birthDatesNeedACueOrABirthLikeSpread() {
        let dates = (0..<40).map { "19\(50 + $0)-0\(1 + $0 % 9)-1\($0 % 9)" }
        #expect(detector.assess(sample("date_of_birth", type: .date, dates)).kind == .dateOfBirth)
        #expect(detector.assess(sample("d1", type: .date, dates)).kind == .dateOfBirth)
        #expect(!detector.assess(sample("founded_on", type: .date, dates)).isPII)
        let trades = (0..<40).map { "202\($0 % 6)-0\(1 + $0 % 9)-1\($0 % 9)" }
        #expect(!detector.assess(sample("d2", type: .date, trades)).isPII)
        #expect(!detector.assess(sample("date_of_birth", type: .date, trades)).isPII)
    }

    @Test func phonesInNationalAndInternationalForms() {
        let phones = ["+41 79 123 45 67", "044 668 18 00", "+41791234567", "(0306) 999 0141", "217-977-6317x066", "070-4177-7631", "8 (819) 738-6508"]
        let verdict = detector.assess(sample("col_9", phones))
        #expect(verdict.isPII && verdict.kind == .phone && verdict.matchedFraction == 1, "\(verdict)")
        #expect(!detector.assess(sample("amount", ["1234.56", "2024-03-01", "978-0-311-50644-6", "12345678"])).isPII)
    }
}
