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
    ///
    /// A refused decision grants nothing (``AccessDecision/grants`` is empty); its refusal
    /// names who may read instead.
    public func decide(requester: Requester, sources: [String: Classification]) -> AccessDecision {
        let role = requester.role
        let level = classification(ofDerivedFrom: sources.values)
        func refused(_ reason: String) -> AccessDecision {
            AccessDecision(classification: level, sourceClassifications: sources, allowed: false, refusal: reason, grants: [],
                           seesPIIInClear: seesPIIInClear(role))
        }
        guard let level else {
            return refused("a mart reads at least one source table, and this request names none")
        }
        guard Role.readers.contains(role) else {
            return refused(notAReader(role))
        }
        guard mayRead(level, as: role) else {
            return refused(tooHigh(role: role, level: level, sources: sources))
        }
        return AccessDecision(classification: level, sourceClassifications: sources, allowed: true, refusal: nil,
                              grants: readers(of: level), seesPIIInClear: seesPIIInClear(role))
    }

    private func notAReader(_ role: Role) -> String {
        let readers = Role.readers.map(\.rawValue).joined(separator: ", ")
        switch role {
        case .pipelineAgent:
            return "pipeline_agent provisions marts but is never granted one; request it as a reader role (\(readers))"
        case .sluiceAdmin:
            return "sluice_admin manages policies and reads no data; request the mart as a reader role (\(readers))"
        default:
            return "\(role) is not a reader role; request the mart as one of \(readers)"
        }
    }

    /// "bi_analyst may not read restricted data: aml_alerts is restricted (readers:
    /// compliance_officer)", with every source the role may not read, grouped by level,
    /// highest first, each group with the roles that may read it.
    private func tooHigh(role: Role, level: Classification, sources: [String: Classification]) -> String {
        let unreadable = Dictionary(grouping: sources.filter { !mayRead($0.value, as: role) }, by: \.value)
        let groups = unreadable.keys.sorted(by: >).map { groupLevel in
            let tables = unreadable[groupLevel, default: []].map(\.key).sorted()
            let readers = readers(of: groupLevel).map(\.rawValue)
            return "\(tables.joined(separator: ", ")) \(tables.count == 1 ? "is" : "are") \(groupLevel) (readers: \(readers.isEmpty ? "none" : readers.joined(separator: ", ")))"
        }
        return "\(role) may not read \(level) data: \(groups.joined(separator: "; "))"
    }
}
