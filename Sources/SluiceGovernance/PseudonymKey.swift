import Crypto
import Foundation

/// The deployment secret behind the `hash` masking function.
///
/// It comes from the environment (`SLUICE_PSEUDONYM_KEY`) or the settings file's
/// `governance.pseudonym_key`, the environment winning; it is never written to a database,
/// a mart, the audit or a log. Without one, a plan that needs `hash` is refused with a
/// message saying where to set it.
public struct PseudonymKey: Sendable, CustomStringConvertible {
    public static let environmentVariable = "SLUICE_PSEUDONYM_KEY"
    /// Fewer bytes than this is refused: a short key makes pseudonyms guessable.
    public static let minimumLength = 16

    /// Kept as bytes: `SymmetricKey` is not `Sendable`.
    private let secret: [UInt8]

    /// - Throws: ``GovernanceError/invalidPseudonymKey(reason:)`` when the text is shorter
    ///   than ``minimumLength`` bytes.
    public init(secret: String) throws {
        let bytes = Array(secret.utf8)
        guard bytes.count >= Self.minimumLength else {
            throw GovernanceError.invalidPseudonymKey(reason: "it has \(bytes.count) bytes; use at least \(Self.minimumLength)")
        }
        self.secret = bytes
    }

    /// The HMAC key.
    public var key: SymmetricKey { SymmetricKey(data: secret) }

    /// The secret as text, for a warehouse that computes pseudonyms inside the database
    /// (PostgreSQL's `governance.mask_hash`, which receives it for one transaction). Never
    /// print, log or store it.
    public var secretText: String { String(decoding: secret, as: UTF8.self) }

    /// Never the secret itself, so a key printed by mistake reveals nothing.
    public var description: String { "PseudonymKey(\(secret.count) bytes)" }

    /// The key from `environment` or else `configured`; `nil` when neither is set (an empty
    /// value counts as unset).
    ///
    /// - Throws: ``GovernanceError/invalidPseudonymKey(reason:)`` naming where the short key came from.
    public static func resolve(environment: [String: String], configured: String?) throws -> PseudonymKey? {
        if let value = environment[environmentVariable], !value.isEmpty {
            do { return try PseudonymKey(secret: value) } catch GovernanceError.invalidPseudonymKey(let reason) {
                throw GovernanceError.invalidPseudonymKey(reason: "\(environmentVariable): \(reason)")
            }
        }
        if let configured, !configured.isEmpty {
            do { return try PseudonymKey(secret: configured) } catch GovernanceError.invalidPseudonymKey(let reason) {
                throw GovernanceError.invalidPseudonymKey(reason: "governance.pseudonym_key: \(reason)")
            }
        }
        return nil
    }
}
