/// A validated SQL identifier (schema, table or column name) and its quoted form.
///
/// Names in Sluice come from lake files and user specs, so they are hostile input:
/// they are never spliced into SQL raw. ``init(_:)`` rejects what no warehouse
/// accepts (empty, NUL, over-long); ``quoted`` doubles embedded quotes, which makes
/// any remaining string a single identifier in SQLite and PostgreSQL alike.
public struct SQLIdentifier: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// PostgreSQL truncates identifiers beyond 63 bytes; refusing them avoids two names colliding.
    public static let maximumByteLength = 63

    public init(_ name: String) throws {
        guard !name.isEmpty else { throw SluiceError.invalidIdentifier(name, reason: "it is empty") }
        guard !name.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw SluiceError.invalidIdentifier(name, reason: "it contains a NUL character")
        }
        guard name.utf8.count <= Self.maximumByteLength else {
            throw SluiceError.invalidIdentifier(name, reason: "it is longer than \(Self.maximumByteLength) bytes")
        }
        self.name = name
    }

    /// `"name"` with every `"` doubled.
    public var quoted: String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public var description: String { quoted }
}

/// `schema.table`, each part quoted.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    public let schema: SQLIdentifier
    public let name: SQLIdentifier

    public init(schema: String, name: String) throws {
        self.schema = try SQLIdentifier(schema)
        self.name = try SQLIdentifier(name)
    }

    public var quoted: String { schema.quoted + "." + name.quoted }
    public var description: String { quoted }
}
