import SluiceGovernance

/// The kinds of personal data the detector recognises.
public enum PIIKind: String, Sendable, Codable, CaseIterable {
    case personName = "person_name"
    case email
    case phone
    case iban
    case cardNumber = "card_number"
    case ahvNumber = "ahv_number"
    case dateOfBirth = "date_of_birth"
    case postalAddress = "postal_address"
    case nationalID = "national_id"

    /// The masking rule a column of this kind gets unless a policy says otherwise.
    ///
    /// Names, e-mail addresses and account numbers keep a shape analysts can read
    /// (``MaskingRule/maskName``, ``MaskingRule/maskEmail``, ``MaskingRule/maskAccount``);
    /// identifiers that are only useful to join become keyed pseudonyms (``MaskingRule/hash``);
    /// birth dates and addresses are dropped (``MaskingRule/null``).
    public var defaultMaskingRule: MaskingRule {
        switch self {
        case .personName: .maskName
        case .email: .maskEmail
        case .iban, .cardNumber: .maskAccount
        case .phone, .ahvNumber, .nationalID: .hash
        case .dateOfBirth, .postalAddress: .null
        }
    }
}

/// Whether a person has looked at a PII verdict.
public enum ReviewStatus: String, Sendable, Codable, CaseIterable {
    /// Computed by the scanner; replaced on every scan that profiles the column.
    case suggested
    /// Confirmed by a person or an annotation file; kept across scans.
    case confirmed
    /// Rejected by a person or an annotation file; kept across scans.
    case rejected
}

/// What the detector concluded about one column, with the evidence behind it.
///
/// `isPII` is the detector's suggestion; ``PIIVerdict/effectiveIsPII`` applies
/// the review: a confirmed verdict is PII, a rejected one is not.
public struct PIIVerdict: Sendable, Codable, Equatable {
    public var isPII: Bool
    public var kind: PIIKind?
    /// The recognizer that decided: `email`, `iban_mod97`, `name_cue:first_name`, … (`nil` when none fired).
    public var recognizer: String?
    /// 0…1: how sure the recognizer is.
    public var score: Double
    /// The fraction of non-null sampled values the recognizer (and its validator) accepted.
    public var matchedFraction: Double
    /// One line a reviewer can check: "96% of 25 sampled values are valid IBANs (mod-97)".
    public var reason: String
    public var status: ReviewStatus

    public init(isPII: Bool, kind: PIIKind? = nil, recognizer: String? = nil, score: Double, matchedFraction: Double, reason: String, status: ReviewStatus = .suggested) {
        self.isPII = isPII
        self.kind = kind
        self.recognizer = recognizer
        self.score = score
        self.matchedFraction = matchedFraction
        self.reason = reason
        self.status = status
    }

    /// The verdict after review: what masking and governance act on.
    public var effectiveIsPII: Bool {
        switch status {
        case .suggested: isPII
        case .confirmed: true
        case .rejected: false
        }
    }

    public static let notPII = PIIVerdict(isPII: false, score: 0, matchedFraction: 0, reason: "no recognizer matched")
}
