import Foundation

/// Decides whether a column holds personal data, from its name and a sample of its values.
///
/// Value evidence carries most weight. Each recognizer pairs a shape with a
/// validator where one exists: e-mail syntax, E.164 and national phone shapes,
/// IBAN mod-97, card Luhn with issuer ranges, the AHV EAN-13 check digit, the
/// checksums of national ids (SSN, NINO, DNI, codice fiscale, PESEL, BSN, NIR, INN),
/// postal-address structure, birth-date ranges and the word shapes of person names.
/// A name cue (`email`, `date_of_birth`, `relationship_manager`) lowers the fraction of
/// values a recognizer must accept; a name cue alone, over an empty sample, still gives
/// a verdict, with a low score. Values that contradict a cue (`email_status` holding
/// `sent`, an `owner` column of team codes) win over the cue.
///
/// Known false-positive traps are recognised first and count against PII: ISINs,
/// LEIs and SEDOLs with valid check digits, Bloomberg tickers, UUIDs, ISO currency
/// and country codes, four-digit years, credit ratings and BICs. Organisation markers
/// (`AG`, `Ltd`, `Holdings`, `株式会社`) and place or product words count against a
/// person's name, so a `clients.legal_name` mixing individuals and corporates is PII
/// while `instruments.issuer` is not.
///
/// ```swift
/// let verdict = PIIDetector().assess(sample)
/// if verdict.isPII { column.maskingRule = verdict.kind?.defaultMaskingRule }
/// // verdict.reason: "25 of 25 sampled values are valid IBANs (mod-97); name cue 'account_number'"
/// ```
///
/// The verdict is always ``ReviewStatus/suggested`` and depends only on the sample and
/// the reference year (birth dates are judged by age), so a re-scan of unchanged data
/// gives the same verdict.
public struct PIIDetector: Sendable {
    /// The year ages are computed in for birth-date plausibility.
    public let referenceYear: Int

    /// A detector judging birth dates against the current year.
    public init() {
        self.init(referenceYear: Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).year!)
    }

    /// A detector judging birth dates against `referenceYear`, for reproducible results.
    public init(referenceYear: Int) {
        self.referenceYear = referenceYear
    }

    /// The verdict for `sample`: name cues plus value recognizers over `sample.values`.
    public func assess(_ sample: ColumnSample) -> PIIVerdict {
        let cues = ColumnNameCues(column: sample.column, table: sample.table)
        let evidence = ValueEvidence(values: sample.values, phoneCue: cues.pii?.kind == .phone)
        let cueNote = cues.pii.map { "; name cue '\($0.words)'" } ?? ""

        guard evidence.total > 0 else {
            if let cue = cues.pii, cue.isStrong {
                return PIIVerdict(isPII: true, kind: cue.kind, recognizer: "name_cue:\(cue.words)", score: 0.45, matchedFraction: 0,
                                  reason: "no values sampled; name cue '\(cue.words)' suggests \(cue.kind.singularPhrase)")
            }
            return PIIVerdict(isPII: false, score: 0, matchedFraction: 0,
                              reason: cues.pii.map { "no values sampled; only a weak name cue '\($0.words)'" } ?? "no values sampled and no name cue")
        }

        let candidates = PIIRecognizerRules(cues: cues, evidence: evidence, referenceYear: referenceYear).candidates()
        let trap = evidence.dominantReferenceCode
        if let best = candidates.max(by: { $0.score < $1.score }) {
            // Reference codes outnumbering the best recognizer's matches mean reference data.
            if let trap, trap.count > best.matched {
                return trapVerdict(trap, evidence: evidence, cueNote: cueNote)
            }
            return PIIVerdict(isPII: true, kind: best.kind, recognizer: best.recognizer, score: (best.score * 100).rounded() / 100,
                              matchedFraction: evidence.fraction(best.matched), reason: best.reason + cueNote)
        }
        if let trap, evidence.fraction(trap.count) >= 0.5 {
            return trapVerdict(trap, evidence: evidence, cueNote: cueNote)
        }
        if let cue = cues.pii {
            let matched = PIIRecognizerRules.matches(of: cue.kind, in: evidence)
            return PIIVerdict(isPII: false, kind: nil, recognizer: nil, score: 0.1, matchedFraction: evidence.fraction(matched),
                              reason: "name cue '\(cue.words)' not borne out: \(matched) of \(evidence.total) sampled values look like \(cue.kind.plural)")
        }
        return PIIVerdict(isPII: false, score: 0, matchedFraction: 0,
                          reason: "no recognizer matched enough of \(evidence.total) sampled values and no name cue")
    }

    private func trapVerdict(_ trap: (code: ReferenceCode, count: Int), evidence: ValueEvidence, cueNote: String) -> PIIVerdict {
        PIIVerdict(isPII: false, kind: nil, recognizer: "reference:\(trap.code.rawValue)", score: 0, matchedFraction: 0,
                   reason: "\(trap.count) of \(evidence.total) sampled values are \(trap.code.plural): reference data, not personal\(cueNote)")
    }
}

extension PIIKind {
    /// How reasons name the kind: "e-mail addresses".
    var plural: String {
        switch self {
        case .personName: "person names"
        case .email: "e-mail addresses"
        case .phone: "phone numbers"
        case .iban: "IBANs"
        case .cardNumber: "card numbers"
        case .ahvNumber: "AHV numbers"
        case .dateOfBirth: "birth dates"
        case .postalAddress: "postal addresses"
        case .nationalID: "national ids"
        }
    }

    /// How reasons name one value of the kind: "an e-mail address".
    var singularPhrase: String {
        switch self {
        case .personName: "a person's name"
        case .email: "an e-mail address"
        case .phone: "a phone number"
        case .iban: "an IBAN"
        case .cardNumber: "a card number"
        case .ahvNumber: "an AHV number"
        case .dateOfBirth: "a date of birth"
        case .postalAddress: "a postal address"
        case .nationalID: "a national id"
        }
    }
}
