import SluiceGovernance

/// What an annotations file says about one table.
///
/// Every part is optional: a file may only classify a table, only describe it, or
/// only review the PII verdicts of some of its columns.
public struct TableAnnotation: Sendable, Equatable {
    /// The level the table must have; overrides the rules' suggestion, never a manual classification.
    public var classification: Classification?
    /// The business description a person wrote: what a row is, the grain, what it is used for.
    public var detailBI: String?
    /// Column name → what the file says about that column.
    public var columns: [String: ColumnAnnotation]

    public init(classification: Classification? = nil, detailBI: String? = nil, columns: [String: ColumnAnnotation] = [:]) {
        self.classification = classification
        self.detailBI = detailBI
        self.columns = columns
    }
}

/// What an annotations file says about one column: a description and a review of its PII verdict.
public struct ColumnAnnotation: Sendable, Equatable {
    public var detailBI: String?
    /// ``ReviewStatus/confirmed`` or ``ReviewStatus/rejected``; `nil` leaves the detector's suggestion alone.
    public var pii: ReviewStatus?
    /// The kind of personal data, when the detector's guess is wrong or missing (confirmed columns only).
    public var piiKind: PIIKind?
    /// Overrides the kind's ``PIIKind/defaultMaskingRule`` (confirmed columns only).
    public var maskingRule: MaskingRule?

    public init(detailBI: String? = nil, pii: ReviewStatus? = nil, piiKind: PIIKind? = nil, maskingRule: MaskingRule? = nil) {
        self.detailBI = detailBI
        self.pii = pii
        self.piiKind = piiKind
        self.maskingRule = maskingRule
    }
}

/// A join that a person declares (``ReviewStatus/confirmed``) or rules out (``ReviewStatus/rejected``),
/// so that inference neither misses it nor suggests it again.
public struct RelationshipAnnotation: Sendable, Equatable {
    /// The foreign key (many side).
    public var from: ColumnReference
    /// The key it refers to.
    public var to: ColumnReference
    public var status: ReviewStatus
    public var detailBI: String?

    public init(from: ColumnReference, to: ColumnReference, status: ReviewStatus = .confirmed, detailBI: String? = nil) {
        self.from = from
        self.to = to
        self.status = status
        self.detailBI = detailBI
    }
}
