import PostgresNIO

/// Small helpers for writing SQL text safely.
public enum PostgresSQL {
    /// `"name"` with embedded quotes doubled: an identifier PostgreSQL reads as written.
    public static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `"schema"."name"`.
    public static func qualified(_ schema: String, _ name: String) -> String {
        quote(schema) + "." + quote(name)
    }

    /// `'text'` with embedded quotes doubled, for the few places SQL takes no parameter
    /// (`CREATE ROLE … PASSWORD`, `COMMENT ON`).
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Bindings for `$1, $2, …` in order.
    public static func binds(_ values: (any PostgresNonThrowingEncodable)?...) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { bindings.append(value) } else { bindings.appendNull() }
        }
        return bindings
    }

    /// The quoted extension name in a server message (`extension "vector" is not available`).
    static func extensionName(in message: String) -> String? {
        guard let range = message.range(of: "extension \"") else { return nil }
        let rest = message[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
