import SluiceGovernance

/// `sluice pg init`: what an administrator runs once per database.
public enum PostgresRoles {
    /// The login roles Sluice creates: the three reader roles and `pipeline_agent`.
    public static let names = ["bi_analyst", "risk_manager", "compliance_officer", "pipeline_agent"]

    /// What ``initialize(database:passwords:)`` did, line by line, for the command to print.
    public struct Report: Sendable, Equatable {
        public var lines: [String]
        public init(lines: [String]) { self.lines = lines }
    }

    /// As an administrator: installs the extensions, migrates every schema, creates (or
    /// updates the password of) each login role in `passwords` (role name → password; a role
    /// missing from it is created without LOGIN), and sets the schema privileges.
    public static func initialize(database: PostgresDatabase, passwords: [String: String]) async throws -> Report { fatalError("contract") }
}
