/// The classification matrix and the PII privilege: which role may read which level, and
/// which roles see PII columns in clear.
///
/// ```swift
/// let policy = AccessPolicy.standard
/// policy.mayRead(.confidential, as: .biAnalyst)        // false
/// policy.readers(of: .confidential)                    // [risk_manager, compliance_officer]
/// policy.seesPIIInClear(.complianceOfficer)            // true
/// ```
///
/// ``standard`` is the matrix of `../shared/spec/governance.md`. A derived object is
/// classified at the highest level of its sources (``classification(ofDerivedFrom:)``), so
/// whether a role may read a mart follows from the tables it reads.
public struct AccessPolicy: Sendable, Equatable {
    /// Level → the roles that may read it.
    public var readersByLevel: [Classification: Set<Role>]
    /// Roles that hold the PII privilege: they see PII columns unmasked.
    public var piiPrivileged: Set<Role>

    public init(readersByLevel: [Classification: Set<Role>], piiPrivileged: Set<Role>) {
        self.readersByLevel = readersByLevel
        self.piiPrivileged = piiPrivileged
    }

    /// The spec's matrix: public and internal to all three reader roles, confidential to
    /// risk managers and compliance officers, restricted to compliance officers; the PII
    /// privilege to compliance officers only.
    public static let standard = AccessPolicy(
        readersByLevel: [
            .public: [.biAnalyst, .riskManager, .complianceOfficer],
            .internal: [.biAnalyst, .riskManager, .complianceOfficer],
            .confidential: [.riskManager, .complianceOfficer],
            .restricted: [.complianceOfficer],
        ],
        piiPrivileged: [.complianceOfficer]
    )

    /// Whether `role` may read data classified `level`.
    public func mayRead(_ level: Classification, as role: Role) -> Bool {
        readersByLevel[level]?.contains(role) ?? false
    }

    /// The roles that may read `level`, in ``Role`` order.
    public func readers(of level: Classification) -> [Role] {
        (readersByLevel[level] ?? []).sorted()
    }

    /// Whether `role` sees PII columns in clear rather than masked.
    public func seesPIIInClear(_ role: Role) -> Bool {
        piiPrivileged.contains(role)
    }

    /// The level of an object derived from sources at `levels`: the highest of them;
    /// `nil` when there are no sources.
    public func classification(ofDerivedFrom levels: some Sequence<Classification>) -> Classification? {
        levels.max()
    }
}
