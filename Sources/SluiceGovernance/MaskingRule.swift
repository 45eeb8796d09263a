import Crypto
import Foundation

/// A masking function of the governance rules, by the name policies and the catalog use.
///
/// Every function maps `nil` to `nil` and works on Unicode characters, so
/// `Lefèvre` masks to `L******` (7 characters in, 7 out).
public enum MaskingRule: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// `Dr. Elena Brunner` → `D** E**** B******`: the first character of each word stays.
    case maskName = "mask_name"
    /// `CH9300010001` → `CH93********`: the first 4 characters stay.
    case maskAccount = "mask_account"
    /// `CH0012032048` → `CH00*****048`: the first 4 and the last 3 characters stay.
    case maskISIN = "mask_isin"
    /// `elena.brunner@example.ch` → `e***********@example.ch`: the first character of the
    /// local part and the whole domain stay; the rest of the local part becomes one `*` fewer
    /// than it has characters (the width the governance rules' own example fixes).
    case maskEmail = "mask_email"
    /// A keyed HMAC-SHA256 pseudonym, 16 hex characters: equal inputs still join.
    case hash
    /// Always null.
    case null

    public var description: String { rawValue }

    public init(parsing text: String) throws {
        guard let rule = MaskingRule(rawValue: text.lowercased()) else {
            throw GovernanceError.unknownMaskingRule(text)
        }
        self = rule
    }

    /// Whether the output can be computed without the deployment's hashing key.
    public var needsKey: Bool { self == .hash }

    /// The masked form of `value`. ``hash`` needs `key`; without one it returns `nil`,
    /// so a caller that has no key (the catalog) stores nothing rather than a guessable digest.
    public func apply(_ value: String?, key: SymmetricKey? = nil) -> String? {
        guard let value else { return nil }
        switch self {
        case .maskName:
            return String(value.split(separator: " ", omittingEmptySubsequences: false).map(Self.keepFirst(1)).joined(separator: " "))
        case .maskAccount:
            return Self.mask(value, keepingFirst: 4, last: 0)
        case .maskISIN:
            return Self.mask(value, keepingFirst: 4, last: 3)
        case .maskEmail:
            guard let at = value.lastIndex(of: "@") else { return Self.mask(value, keepingFirst: 1, last: 0) }
            let local = value[..<at]
            guard let first = local.first else { return value }
            return String(first) + String(repeating: "*", count: max(0, local.count - 2)) + value[at...]
        case .hash:
            guard let key else { return nil }
            let digest = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
            return digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        case .null:
            return nil
        }
    }

    private static func keepFirst(_ count: Int) -> (Substring) -> String {
        { word in mask(String(word), keepingFirst: count, last: 0) }
    }

    /// Replaces every character but the first `first` and the last `last` with `*`,
    /// spaces included: the rules say "the rest", and only ``maskName`` keeps word breaks.
    private static func mask(_ text: String, keepingFirst first: Int, last: Int) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            if index < first || index >= characters.count - last {
                result.append(character)
            } else {
                result.append("*")
            }
        }
        return result
    }
}
