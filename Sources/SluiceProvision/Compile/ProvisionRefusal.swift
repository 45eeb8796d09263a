import SluiceGovernance

/// Why the policy refuses a request. Raised by the compiler before any data moves; the
/// executor audits it with status `refused`.
public struct ProvisionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Codable, Equatable {
        /// The role may not read the mart's classification (or is not a reader role).
        case classification
        /// A PII column would reach the requester in a way masking cannot cover (a join on a
        /// PII column whose mask does not preserve equality).
        case piiExposure = "pii_exposure"
        /// The plan needs the `hash` pseudonym and no key is configured.
        case missingPseudonymKey = "missing_pseudonym_key"
    }

    public var reason: Reason
    /// For people and the audit: names the role, level, tables or columns at fault and what
    /// would be allowed.
    public var message: String
    /// The decision as far as it was taken (classification and sources are known by then).
    public var decision: AccessDecision?

    public init(reason: Reason, message: String, decision: AccessDecision?) {
        self.reason = reason
        self.message = message
        self.decision = decision
    }

    public var description: String { "refused: \(message)" }
}
