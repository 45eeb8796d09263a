import SluiceCatalog
import SluiceGovernance

/// Which masking function a column's values go through for one requester, and why.
///
/// A column is PII when the catalog gives it a masking rule or counts it as PII after review
/// (``SluiceCatalog/PIIVerdict/effectiveIsPII``). For a requester without the PII privilege
/// every PII column is masked: by its rule; by `null` when it has none; by `null` as well when
/// its rule masks text but the column is staged as a real number or binary, which the text
/// masks do not read (the warehouse functions refuse them rather than guess a text form).
struct ColumnMasking: Sendable {
    let seesPIIInClear: Bool

    struct Decision: Equatable {
        var rule: MaskingRule
        /// Why the rule differs from the catalog's, when it does.
        var adjustment: String?
    }

    /// `nil` when the column's values reach the requester as they are.
    func decision(for column: ColumnMetadata) -> Decision? {
        guard !seesPIIInClear, Self.isPII(column) else { return nil }
        guard let rule = column.maskingRule else {
            return Decision(rule: .null, adjustment: "\(column.qualifiedName) is PII with no masking rule in the catalog, so it is masked with null")
        }
        let staged = StagedColumnType(catalogType: column.dataType)
        if rule != .null, staged == .real || staged == .blob {
            return Decision(rule: .null, adjustment: "\(column.qualifiedName) is PII stored as \(staged.rawValue), which \(rule.rawValue) cannot mask (it masks text and integers), so it is masked with null")
        }
        return Decision(rule: rule, adjustment: nil)
    }

    static func isPII(_ column: ColumnMetadata) -> Bool {
        column.maskingRule != nil || column.pii.effectiveIsPII
    }

    /// The storage type a column's values have after masking: masked text is text, and `null`
    /// keeps the column's type (every value is null).
    func maskedType(of column: ColumnMetadata) -> StagedColumnType {
        let raw = StagedColumnType(catalogType: column.dataType)
        guard let decision = decision(for: column), decision.rule != .null else { return raw }
        return .text
    }
}
