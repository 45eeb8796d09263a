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
/// Scalars are typed by ``YAMLCoreSchema``, as mart spec files are (a date in a filter stays
/// the text it is compared with).
struct MartTemplateJSON {
    /// The pattern the template belongs to, named in every complaint.
    let patternID: String

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
                output += YAMLCoreSchema.quoted(entry.key) + ":"
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
        switch YAMLCoreSchema.json(of: scalar) {
        case let .success(json):
            output += json
        case .failure(.integerOverflow):
            throw element.invalid("\(scalar.string) in KPI pattern \(String(reflecting: patternID))'s mart template does not fit in a 64-bit integer; quote it to mean text")
        case .failure(.notFinite):
            throw element.invalid("\(scalar.string) in KPI pattern \(String(reflecting: patternID))'s mart template is not a finite number; quote it to mean text")
        }
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
