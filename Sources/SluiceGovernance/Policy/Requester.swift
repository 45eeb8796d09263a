/// Who asks for a mart: a user name (as the audit records it) and the role they act in.
public struct Requester: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    public var user: String
    public var role: Role

    public init(user: String, role: Role) {
        self.user = user
        self.role = role
    }

    /// `maria.chen (bi_analyst)`.
    public var description: String { "\(user) (\(role.rawValue))" }
}
