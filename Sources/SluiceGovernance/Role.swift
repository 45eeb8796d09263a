import Foundation

/// Who is asking: the roles of `../shared/spec/governance.md`.
///
/// Reader roles (`bi_analyst`, `risk_manager`, `compliance_officer`) may be granted marts;
/// `pipeline_agent` is the service identity that provisions them and reads the lake but is
/// never granted a mart; `sluice_admin` manages policies and reads no data.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case biAnalyst = "bi_analyst"
    case riskManager = "risk_manager"
    case complianceOfficer = "compliance_officer"
    case pipelineAgent = "pipeline_agent"
    case sluiceAdmin = "sluice_admin"

    /// Parses a role name as users type it (`bi_analyst`, `BI_ANALYST`, `bi-analyst`).
    ///
    /// - Throws: ``GovernanceError/unknownRole(_:)`` listing the roles there are.
    public init(parsing text: String) throws {
        let normalized = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let role = Role(rawValue: normalized) else { throw GovernanceError.unknownRole(text) }
        self = role
    }

    /// The roles that read data (may be granted a mart), in the spec's order.
    public static let readers: [Role] = [.biAnalyst, .riskManager, .complianceOfficer]

    public var description: String { rawValue }

    /// Declaration order, so lists of roles print in the spec's order.
    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
