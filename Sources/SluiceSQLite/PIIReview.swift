import SluiceCatalog
import SluiceGovernance

extension ColumnMetadata {
    /// The masking rule the column has once its PII verdict is reviewed as `status`,
    /// keeping the model's rule that a rule is set exactly while the column counts as PII.
    ///
    /// Confirming keeps a rule someone already chose, else takes the kind's default
    /// (``SluiceCatalog/PIIKind/defaultMaskingRule``), or a keyed pseudonym
    /// (``SluiceGovernance/MaskingRule/hash``) when the detector named no kind: it hides
    /// the value but still joins. Rejecting clears the rule. Returning to `suggested`
    /// follows the detector's own verdict again.
    func reviewedMaskingRule(for status: ReviewStatus) -> MaskingRule? {
        let countsAsPII = switch status {
        case .confirmed: true
        case .rejected: false
        case .suggested: pii.isPII
        }
        guard countsAsPII else { return nil }
        return maskingRule ?? pii.kind?.defaultMaskingRule ?? .hash
    }
}
