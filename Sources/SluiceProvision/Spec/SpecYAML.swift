import Foundation
import Yams

/// Turns a YAML spec into the equivalent JSON text, so that YAML is read by the very decoder
/// JSON is (one set of rules, one set of error paths).
///
/// Scalars are typed by YAML's core schema as written: `10` is a number, `"10"` a string,
/// `true` a boolean, `null` or `~` null. Dates are left as text (`2024-01-31` stays the
/// string the SQL compares with), since the spec has no date type of its own.
enum SpecYAML {
    /// YAML 1.2's core schema: `yes`, `on` and `0123` are text and a decimal number, not
    /// YAML 1.1's boolean and octal, and there are no timestamps, merge keys or `=`.
    private static let resolver: Resolver = {
        // Fixed patterns that are known to compile; a failure here is a typo caught by every test.
        try! Resolver.basic
            .appending(.null, "^(?:~|null|Null|NULL|)$")
            .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
            .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
            .appending(.float, "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
    }()

    /// - Throws: ``MartSpecError`` with the line and column of a YAML syntax error.
    static func json(from yaml: String) throws -> String {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, resolver)
        } catch let error as YamlError {
            throw MartSpecError(path: "", "not valid YAML: \(describe(error))")
        }
        guard let node else { throw MartSpecError(path: "", "the spec is empty") }
        var output = ""
        try write(node, path: "", to: &output)
        return output
    }

    private static func write(_ node: Node, path: String, to output: inout String) throws {
        switch node {
        case let .scalar(scalar):
            try write(scalar, path: path, to: &output)
        case let .sequence(sequence):
            output += "["
            for (index, element) in sequence.enumerated() {
                if index > 0 { output += "," }
                try write(element, path: "\(path)[\(index)]", to: &output)
            }
            output += "]"
        case let .mapping(mapping):
            output += "{"
            for (index, pair) in mapping.enumerated() {
                guard case let .scalar(key) = pair.key else {
                    throw MartSpecError(path: path, "keys are names, not lists or objects")
                }
                if index > 0 { output += "," }
                output += quoted(key.string) + ":"
                try write(pair.value, path: path.isEmpty ? key.string : "\(path).\(key.string)", to: &output)
            }
            output += "}"
        case .alias:
            throw MartSpecError(path: path, "YAML aliases are not part of the spec format; write the value out")
        }
    }

    private static func write(_ scalar: Node.Scalar, path: String, to output: inout String) throws {
        let text = scalar.string
        switch resolver.resolveTag(of: .scalar(scalar)) {
        case .null:
            output += "null"
        case .bool:
            output += text.lowercased() == "true" ? "true" : "false"
        case .int:
            guard let value = integer(text) else {
                throw MartSpecError(path: path, "\(text) does not fit in a 64-bit integer; quote it to mean text")
            }
            output += String(value)
        case .float:
            guard let value = Double(text), value.isFinite else {
                throw MartSpecError(path: path, "\(text) is not a finite number; numbers in a spec are finite (quote it to mean text)")
            }
            output += "\(value)"
        default:
            output += quoted(text)
        }
    }

    /// A core-schema integer: decimal (leading zeros allowed), `0o` octal or `0x` hexadecimal.
    private static func integer(_ text: String) -> Int64? {
        if text.hasPrefix("0x") { return Int64(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int64(text.dropFirst(2), radix: 8) }
        return Int64(text)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += String(format: "\\u%04x", scalar.value)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let context = context.map { "\($0.text) " } ?? ""
            return "\(context)\(problem) at line \(mark.line), column \(mark.column)"
        case let .duplicatedKeysInMapping(duplicates, context):
            return "duplicate key \(duplicates.joined(separator: ", ")) at line \(context.mark.line), column \(context.mark.column)"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable YAML"
        }
    }
}
