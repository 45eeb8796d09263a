import Yams

/// Turns the `mart:` mapping of a KPI pattern into the JSON text that
/// ``KPIPattern/martTemplate`` keeps: the same tree, object keys sorted (by UTF-8 bytes), no
/// whitespace, so the same template is always the same text in the catalog and in diffs.
///
/// The catalog cannot check the template against the mart spec format (that format lives in
/// `SluiceProvision`, a layer above); it only refuses what no JSON could carry and what the
/// pattern decides itself. The planner reads the text back as a spec and reports any problem
/// with the pattern's id.
///
/// Scalars are typed by YAML 1.2's core schema, as mart spec files are: `80` is a number,
/// `"80"` text, `true` a boolean, `null` or `~` null; `yes`, `on` and `2024-01-31` stay text
/// (a date in a filter is compared as the text it is stored as).
struct MartTemplateJSON {
    /// The pattern the template belongs to, named in every complaint.
    let patternID: String

    /// YAML 1.2's core schema, not Yams's default YAML 1.1 rules, which read `yes` as a
    /// boolean and `2024-01-31` as a timestamp.
    private static let coreSchema: Resolver = {
        // Fixed patterns that are known to compile; a typo here fails every annotations test.
        try! Resolver.basic
            .appending(.null, "^(?:~|null|Null|NULL|)$")
            .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
            .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
            .appending(.float, "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
    }()

    /// The JSON text of `template`, which must be a mapping without `name`.
    func json(of template: AnnotationNode) throws -> String {
        guard case let .mapping(mapping) = template.node else {
            throw template.invalid("the mart template of KPI pattern \(String(reflecting: patternID)) must be a mapping of mart spec fields "
                + "(sources, joins, dimensions, measures, filter, order, limit), found \(Self.kind(of: template.node))")
        }
        if let name = mapping.first(where: { $0.key.scalar?.string == "name" }) {
            throw template.child(name.key, key: "name").invalid(
                "the mart of KPI pattern \(String(reflecting: patternID)) is named after the pattern; remove `name`")
        }
        var output = ""
        try write(template, to: &output)
        return output
    }

    private func write(_ element: AnnotationNode, to output: inout String) throws {
        switch element.node {
        case let .scalar(scalar):
            try write(scalar, at: element, to: &output)
        case let .sequence(sequence):
            output += "["
            for (index, item) in sequence.enumerated() {
                if index > 0 { output += "," }
                try write(AnnotationNode(node: item, path: "\(element.path)[\(index)]", file: element.file), to: &output)
            }
            output += "]"
        case let .mapping(mapping):
            var entries: [(key: String, value: AnnotationNode)] = []
            for pair in mapping {
                guard case let .scalar(key) = pair.key else {
                    throw element.invalid("keys of KPI pattern \(String(reflecting: patternID))'s mart template are names, not lists or mappings")
                }
                entries.append((key.string, element.child(pair.value, key: key.string)))
            }
            output += "{"
            for (index, entry) in entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if index > 0 { output += "," }
                output += Self.quoted(entry.key) + ":"
                try write(entry.value, to: &output)
            }
            output += "}"
        case .alias:
            // Yams replaces an alias by its anchor's value while composing, so a parsed file
            // never gets here; the case is for nodes built some other way.
            throw element.invalid("KPI pattern \(String(reflecting: patternID))'s mart template holds an unresolved YAML alias; write the value out")
        }
    }

    private func write(_ scalar: Node.Scalar, at element: AnnotationNode, to output: inout String) throws {
        let text = scalar.string
        switch Self.coreSchema.resolveTag(of: .scalar(scalar)) {
        case .null:
            output += "null"
        case .bool:
            output += text.lowercased() == "true" ? "true" : "false"
        case .int:
            guard let value = Self.integer(text) else {
                throw element.invalid("\(text) in KPI pattern \(String(reflecting: patternID))'s mart template does not fit in a 64-bit integer; quote it to mean text")
            }
            output += String(value)
        case .float:
            guard let value = Double(text), value.isFinite else {
                throw element.invalid("\(text) in KPI pattern \(String(reflecting: patternID))'s mart template is not a finite number; quote it to mean text")
            }
            output += "\(value)"
        default:
            output += Self.quoted(text)
        }
    }

    /// A core-schema integer: decimal, `0o` octal or `0x` hexadecimal.
    private static func integer(_ text: String) -> Int64? {
        if text.hasPrefix("0x") { return Int64(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int64(text.dropFirst(2), radix: 8) }
        return Int64(text)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
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

    private static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case let .scalar(scalar): String(reflecting: scalar.string)
        }
    }
}
