/// How sure a semantic domain guess is.
public enum ConfidenceBand: String, Sendable, Codable, CaseIterable {
    case high, borderline, low

    /// Bands by score: high ≥ 0.8, borderline ≥ 0.5, else low.
    public init(score: Double) {
        self = score >= 0.8 ? .high : score >= 0.5 ? .borderline : .low
    }
}

/// What a column means, independent of its storage type: `person.name`,
/// `contact.email`, `finance.isin`, `money.amount`, `time.date`, `id.key`, …
public struct SemanticDomain: Sendable, Codable, Equatable {
    /// Dotted name, `area.kind`.
    public var name: String
    public var confidence: Double
    public var band: ConfidenceBand
    /// The cues that led there: "name ends in _id; unique and non-null".
    public var evidence: String

    public init(name: String, confidence: Double, evidence: String) {
        self.name = name
        self.confidence = confidence
        self.band = ConfidenceBand(score: confidence)
        self.evidence = evidence
    }

    public static let unknown = SemanticDomain(name: "unknown", confidence: 0, evidence: "no cue")
}
