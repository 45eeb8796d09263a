import Yams

/// YAML 1.2's core schema, for YAML that Sluice turns into JSON (annotations' `mart:`
/// templates here, mart spec files in `SluiceProvision`): `10` is a number, `"10"` text,
/// `true` a boolean, `null` or `~` null; `yes`, `on` and `2024-01-31` stay text and `0123` is
/// decimal — not Yams's default YAML 1.1 rules, which read `yes` as a boolean and
/// `2024-01-31` as a timestamp.
public enum YAMLCoreSchema {
    /// Compose with it: `try Yams.compose(yaml: text, YAMLCoreSchema.resolver)`.
    public static let resolver: Resolver = {
        // Fixed patterns that are known to compile; a typo here fails every YAML test.
        try! Resolver.basic
            .appending(.null, "^(?:~|null|Null|NULL|)$")
            .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
            .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
            .appending(.float, "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
    }()

    /// Why a scalar has no JSON form; the caller words it with its own path.
    public enum ScalarProblem: Error, Equatable {
        /// An integer beyond 64 bits.
        case integerOverflow
        /// `.inf` or `.nan`.
        case notFinite
    }

    /// The JSON text of `scalar` as the core schema types it.
    public static func json(of scalar: Node.Scalar) -> Result<String, ScalarProblem> {
        let text = scalar.string
        switch resolver.resolveTag(of: .scalar(scalar)) {
        case .null:
            return .success("null")
        case .bool:
            return .success(text.lowercased() == "true" ? "true" : "false")
        case .int:
            return integer(text).map { .success(String($0)) } ?? .failure(.integerOverflow)
        case .float:
            guard let value = Double(text), value.isFinite else { return .failure(.notFinite) }
            return .success("\(value)")
        default:
            return .success(quoted(text))
        }
    }

    /// A core-schema integer: decimal (leading zeros allowed), `0o` octal or `0x` hexadecimal.
    private static func integer(_ text: String) -> Int64? {
        if text.hasPrefix("0x") { return Int64(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int64(text.dropFirst(2), radix: 8) }
        return Int64(text)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
