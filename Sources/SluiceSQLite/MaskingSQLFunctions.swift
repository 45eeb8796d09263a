import Crypto
import Foundation
import GRDB
import SluiceGovernance

/// The masking functions of `../shared/spec/governance.md` as SQL functions of the embedded
/// warehouse: `mask_name(x)`, `mask_account(x)`, `mask_isin(x)`, `mask_email(x)`,
/// `mask_hash(x)` and `mask_null(x)`, with exactly ``SluiceGovernance/MaskingRule``'s outputs
/// (they call it), so a mart masks a value the way the catalog and every other backend do.
///
/// ```swift
/// try MaskingSQLFunctions.register(in: db, pseudonymKey: key)
/// try String.fetchOne(db, sql: "SELECT mask_name(?)", arguments: ["Dr. Elena Brunner"])   // "D** E**** B******"
/// ```
///
/// Null gives null. Text is masked as Unicode characters; an integer as its decimal digits
/// (`CAST(x AS TEXT)`), so a numeric client key hashes the same in every backend; a real or
/// a blob is an error, since their text forms differ between databases.
/// `mask_hash` needs the deployment's pseudonym key: without one it fails the statement
/// rather than return nulls that would silently break every join on the hashed key. The key
/// lives only in the registered function's memory, never in a table or the SQL text.
public enum MaskingSQLFunctions {
    /// The SQL name of each rule's function.
    public static func sqlName(of rule: MaskingRule) -> String {
        rule == .hash || rule == .null ? "mask_\(rule.rawValue)" : rule.rawValue
    }

    /// Registers the six functions on `db` (one connection; a pool registers them in its
    /// `prepareDatabase` so that every connection has them).
    public static func register(in db: Database, pseudonymKey: SymmetricKey?) {
        // The key's bytes, which (unlike SymmetricKey) may be captured by a Sendable closure.
        let keyBytes = pseudonymKey?.withUnsafeBytes { Data($0) }
        for rule in MaskingRule.allCases {
            let name = sqlName(of: rule)
            db.add(function: DatabaseFunction(name, argumentCount: 1, pure: true) { arguments in
                guard let text = try maskableText(arguments[0], function: name) else { return nil }
                if rule == .hash && keyBytes == nil {
                    throw DatabaseError(message: "\(name) needs the pseudonym key (a deployment secret from the settings or the environment), and none was configured")
                }
                return rule.apply(text, key: keyBytes.map { SymmetricKey(data: $0) })
            })
        }
    }

    /// The text a value is masked as; `nil` for SQL NULL.
    private static func maskableText(_ value: DatabaseValue, function: String) throws -> String? {
        switch value.storage {
        case .null: nil
        case let .string(text): text
        case let .int64(number): String(number)
        case .double: throw DatabaseError(message: "\(function) masks text or integers, not a real number")
        case .blob: throw DatabaseError(message: "\(function) masks text or integers, not a blob")
        }
    }
}
