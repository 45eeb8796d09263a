/// A recognizer that fired, with the score it earned.
struct PIICandidate {
    var kind: PIIKind
    var recognizer: String
    var score: Double
    /// Sampled values the recognizer accepted.
    var matched: Int
    var reason: String
}

/// How much value evidence each kind needs, with and without a name cue, and the
/// score it earns.
///
/// The thresholds follow how often a recognizer fires by chance. Validators with a
/// check digit (IBAN, card, AHV, lettered national ids) almost never accept a random
/// value, so 60% of the sample suffices alone and 30% beside a cue (dirty columns
/// keep their PII). Shape recognizers (phone, address) ask for 70% and 60% alone.
/// Person names, the weakest shape, ask for 80% of well-formed multi-word names with
/// given names or titles among them when no cue speaks for them, and refuse
/// outright when the name says organisation, place or thing.
struct PIIRecognizerRules {
    let cues: ColumnNameCues
    let evidence: ValueEvidence
    let referenceYear: Int

    /// Every recognizer whose evidence meets its threshold.
    func candidates() -> [PIICandidate] {
        var found: [PIICandidate] = []
        func cue(_ kind: PIIKind) -> Bool { cues.pii?.kind == kind }
        let n = evidence.total

        func validated(_ kind: PIIKind, _ recognizer: String, _ count: Int, _ what: String) {
            let f = evidence.fraction(count)
            guard f >= (cue(kind) ? 0.3 : 0.6) else { return }
            found.append(PIICandidate(kind: kind, recognizer: recognizer, score: min(0.99, 0.55 + 0.4 * f + (cue(kind) ? 0.05 : 0)),
                                      matched: count, reason: "\(count) of \(n) sampled values are \(what)"))
        }
        validated(.email, "email", evidence.emails, "syntactically valid e-mail addresses")
        validated(.iban, "iban_mod97", evidence.ibans, "valid IBANs (mod-97)")
        validated(.cardNumber, "card_luhn", evidence.cards, "card numbers (Luhn, issuer range)")
        validated(.ahvNumber, "ahv_ean13", evidence.ahvNumbers, "Swiss AHV numbers (756, EAN-13 check digit)")

        if let scheme = evidence.dominantNationalIDScheme {
            let count = evidence.nationalIDs
            let f = evidence.fraction(count)
            // Bare-digit schemes pass their checksum by chance one time in ten: ask for a cue or near-certainty.
            let needed = cue(.nationalID) ? (scheme.isDigitsOnly ? 0.5 : 0.3) : (scheme.isDigitsOnly ? 0.9 : 0.6)
            if f >= needed, !scheme.isDigitsOnly || cue(.nationalID) || n >= 10 {
                found.append(PIICandidate(kind: .nationalID, recognizer: "national_id:\(scheme.rawValue)",
                                          score: min(0.97, 0.5 + 0.4 * f + (cue(.nationalID) ? 0.07 : 0)), matched: count,
                                          reason: "\(count) of \(n) sampled values are \(scheme.label)"))
            }
        }

        let phones = evidence.phones
        if evidence.fraction(phones) >= (cue(.phone) ? 0.4 : 0.7) {
            let e164 = evidence.internationalPhones * 2 >= phones
            found.append(PIICandidate(kind: .phone, recognizer: e164 ? "phone_e164" : "phone_national",
                                      score: min(0.95, 0.5 + 0.4 * evidence.fraction(phones) + (cue(.phone) ? 0.05 : 0)), matched: phones,
                                      reason: "\(phones) of \(n) sampled values are phone numbers (\(evidence.internationalPhones) international E.164, \(evidence.nationalPhones) national)"))
        }

        if evidence.fraction(evidence.addresses) >= (cue(.postalAddress) ? 0.4 : 0.6) {
            let f = evidence.fraction(evidence.addresses)
            found.append(PIICandidate(kind: .postalAddress, recognizer: "postal_address", score: min(0.95, 0.5 + 0.35 * f + (cue(.postalAddress) ? 0.1 : 0)),
                                      matched: evidence.addresses,
                                      reason: "\(evidence.addresses) of \(n) sampled values are postal addresses (street word or house number with postal code)"))
        }

        if let birth = birthDateCandidate() { found.append(birth) }
        if let person = personNameCandidate() { found.append(person) }
        return found
    }

    /// Dates of birth: with a cue, dates whose years make living people of 14–110;
    /// without one, a spread of such dates centred on adults, in a column whose name
    /// does not call them business dates.
    private func birthDateCandidate() -> PIICandidate? {
        let n = evidence.total
        guard evidence.dates > 0, evidence.fraction(evidence.dates) >= 0.8 else { return nil }
        let years = evidence.dateYears
        let plausible = years.reduce(0) { $0 + ($1 >= referenceYear - 110 && $1 <= referenceYear - 14 ? 1 : 0) }
        let sorted = years.sorted()
        let median = sorted[sorted.count / 2]
        let range = "\(sorted.first!)–\(sorted.last!)"
        if cues.pii?.kind == .dateOfBirth {
            guard Double(plausible) >= 0.9 * Double(years.count) else { return nil }
            let f = evidence.fraction(plausible)
            return PIICandidate(kind: .dateOfBirth, recognizer: "birth_date", score: min(0.97, 0.6 + 0.35 * f), matched: plausible,
                                reason: "\(plausible) of \(n) sampled values are dates in a birth-date range (\(range))")
        }
        guard cues.businessDateWord == nil, cues.nonPersonWord == nil, n >= 10 else { return nil }
        let span = sorted.last! - sorted.first!
        guard Double(plausible) >= 0.95 * Double(n), median <= referenceYear - 25, span >= 20 else { return nil }
        return PIICandidate(kind: .dateOfBirth, recognizer: "birth_date_range", score: 0.6, matched: plausible,
                            reason: "\(plausible) of \(n) sampled values are dates spread like birth dates (\(range), median year \(median)), no name cue")
    }

    /// Person names: how many values read as names, against how strongly the column
    /// name speaks for a person (see ``ColumnNameCues``).
    private func personNameCandidate() -> PIICandidate? {
        guard cues.nonPersonWord == nil || cues.pii?.kind == .personName else { return nil }
        let n = evidence.total
        let shaped = evidence.personShaped
        let f = evidence.fraction(shaped)
        let organisations = evidence.fraction(evidence.organisations)
        let describe = "\(shaped) of \(n) sampled values read as person names"
            + (evidence.organisations > 0 ? " (\(evidence.organisations) organisations)" : "")
        if let cue = cues.pii, cue.kind == .personName {
            if cue.isStrong {
                guard f >= 0.4, organisations <= 0.6 else { return nil }
                return PIICandidate(kind: .personName, recognizer: "name_cue:\(cue.words)", score: min(0.95, 0.6 + 0.35 * f),
                                    matched: shaped, reason: describe)
            }
            let multi = evidence.fraction(evidence.personMultiWord)
            guard f >= 0.6, multi >= 0.4, organisations <= 0.4, evidence.fraction(evidence.things) <= 0.2 else { return nil }
            return PIICandidate(kind: .personName, recognizer: "person_name+weak_cue", score: min(0.9, 0.5 + 0.35 * f),
                                matched: shaped, reason: describe)
        }
        guard cues.nonPersonWord == nil, n >= 5 else { return nil }
        let multi = evidence.fraction(evidence.personMultiWord)
        let lexicon = evidence.fraction(evidence.givenNameOrTitle)
        guard f >= 0.8, multi >= 0.7, organisations <= 0.1, evidence.fraction(evidence.things) <= 0.1, lexicon >= 0.1 else { return nil }
        return PIICandidate(kind: .personName, recognizer: "person_name_shape", score: min(0.85, 0.45 + 0.3 * f + 0.1 * lexicon),
                            matched: shaped,
                            reason: describe + ", \(evidence.givenNameOrTitle) with a known given name, title or particle; no name cue")
    }

    /// How many values fit `kind`, for the reason of a cue the values do not bear out.
    static func matches(of kind: PIIKind, in evidence: ValueEvidence) -> Int {
        switch kind {
        case .personName: evidence.personShaped
        case .email: evidence.emails
        case .phone: evidence.phones
        case .iban: evidence.ibans
        case .cardNumber: evidence.cards
        case .ahvNumber: evidence.ahvNumbers
        case .dateOfBirth: evidence.dates
        case .postalAddress: evidence.addresses
        case .nationalID: evidence.nationalIDs
        }
    }
}
