import Foundation

/// Reading and writing mart specs as files.
extension MartSpec {
    /// Reads a spec from JSON or YAML text (YAML is a superset; the format is detected).
    ///
    /// - Throws: ``MartSpecError`` naming `origin` and the path of the first field that does
    ///   not fit the format (unknown key, wrong type, unknown transform or function).
    public static func decode(_ text: String, origin: String? = nil) throws -> MartSpec {
        fatalError("contract")
    }

    /// Reads the spec file at `path` (`.json`, `.yaml` or `.yml`).
    public static func load(path: String) throws -> MartSpec {
        fatalError("contract")
    }

    /// The spec as JSON with sorted keys, in the documented shape (what the audit and the
    /// registry keep; ``decode(_:origin:)`` reads it back to an equal spec).
    public func canonicalJSON(pretty: Bool = false) -> String {
        fatalError("contract")
    }

    /// The JSON schema of the format (draft 2020-12), as shipped in the package.
    public static var jsonSchema: String {
        fatalError("contract")
    }
}
