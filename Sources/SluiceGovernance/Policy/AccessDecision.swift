/// The policy's answer to "may this requester have a mart over these sources?", as plain
/// data: what was decided, why, and what follows (grants, PII handling).
///
/// ```swift
/// let decision = AccessPolicy.standard.decide(
///     requester: Requester(user: "maria.chen", role: .biAnalyst),
///     sources: ["positions": .internal, "clients": .internal])
/// decision.allowed            // true
/// decision.classification     // .internal
/// decision.grants             // [bi_analyst, risk_manager, compliance_officer]
/// decision.seesPIIInClear     // false: PII columns are masked
/// ```
public struct AccessDecision: Sendable, Codable, Equatable {
    /// The mart's level: the highest of its sources (`nil` only when there are none).
    public var classification: Classification?
    /// Source table → its level, as the decision saw it.
    public var sourceClassifications: [String: Classification]
    public var allowed: Bool
    /// Why it was refused, for people and the audit; `nil` when allowed. Names the role, the
    /// level, the tables that raise it and the roles that may read it:
    /// "bi_analyst may not read restricted data: aml_alerts is restricted (readers: compliance_officer)".
    public var refusal: String?
    /// The reader roles the mart is granted to: every role that may read its level.
    public var grants: [Role]
    /// Whether the requester sees PII columns in clear (the PII privilege).
    public var seesPIIInClear: Bool

    public init(classification: Classification?, sourceClassifications: [String: Classification], allowed: Bool,
                refusal: String?, grants: [Role], seesPIIInClear: Bool) {
        self.classification = classification
        self.sourceClassifications = sourceClassifications
        self.allowed = allowed
        self.refusal = refusal
        self.grants = grants
        self.seesPIIInClear = seesPIIInClear
    }
}

extension AccessPolicy {
    /// Decides a request by `requester` for a mart over `sources` (table → level).
    ///
    /// Refused when the requester's role may not read the derived level, when the role is
    /// not a reader role at all (`pipeline_agent` provisions but is never granted a mart,
    /// `sluice_admin` reads no data), or when there are no sources.
    public func decide(requester: Requester, sources: [String: Classification]) -> AccessDecision {
        fatalError("contract")
    }
}
