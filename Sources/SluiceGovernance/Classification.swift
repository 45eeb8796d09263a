/// How sensitive a table or a derived object is, lowest to highest.
///
/// The order is the one of the governance rules: a derived object is classified
/// at the highest level of every source it reads (``Classification/max(_:_:)``
/// through `Comparable`).
public enum Classification: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case `public`
    case `internal`
    case confidential
    case restricted

    /// Position in the order public < internal < confidential < restricted.
    public var rank: Int {
        switch self {
        case .public: 0
        case .internal: 1
        case .confidential: 2
        case .restricted: 3
        }
    }

    public static func < (lhs: Classification, rhs: Classification) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }

    /// Parses a level name in any letter case, naming the valid ones when it fails.
    public init(parsing text: String) throws {
        guard let level = Classification(rawValue: text.lowercased()) else {
            throw GovernanceError.unknownClassification(text)
        }
        self = level
    }
}

/// Errors of the governance layer; each names the value at fault.
public enum GovernanceError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownClassification(String)
    case unknownMaskingRule(String)
    case unknownRole(String)
    /// The pseudonym key is unusable; the text says why and where it came from (never the key).
    case invalidPseudonymKey(reason: String)

    public var description: String {
        switch self {
        case let .unknownClassification(text):
            "unknown classification \(String(reflecting: text)): use one of \(Classification.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .unknownMaskingRule(text):
            "unknown masking rule \(String(reflecting: text)): use one of \(MaskingRule.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .unknownRole(text):
            "unknown role \(String(reflecting: text)): use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .invalidPseudonymKey(reason):
            "invalid pseudonym key: \(reason)"
        }
    }
}
