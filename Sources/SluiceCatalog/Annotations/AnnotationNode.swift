import Foundation
import Yams

/// A YAML node together with the dotted path that leads to it (`tables.orders.columns.side.pii`)
/// and the file it came from, so that every complaint names the field and, from Yams's marks,
/// the line a person has to fix.
///
/// The accessors are strict on purpose: an annotations file decides classifications and
/// masking, so a typo must stop the load rather than be read as "not annotated".
struct AnnotationNode {
    let node: Node
    let path: String
    let file: String

    /// The error for this node: the field path and, when Yams knows it, the line.
    func invalid(_ reason: String) -> CatalogError {
        let line = node.mark.map { " (line \($0.line))" } ?? ""
        return .invalidAnnotations(file: file, field: path.isEmpty ? nil : path, reason: reason + line)
    }

    /// The node reached by `key` (a mapping key) from this one.
    func child(_ node: Node, key: String) -> AnnotationNode {
        AnnotationNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The entries of a mapping in file order; keys must be text.
    ///
    /// With `allowedKeys`, any other key is an error that lists the allowed ones, which is how
    /// a misspelt `detail_bl` is caught instead of silently ignored.
    func entries(allowedKeys: [String]? = nil) throws -> [(key: String, value: AnnotationNode)] {
        guard case let .mapping(mapping) = node else {
            throw invalid("expected a mapping (`key: value` lines), found \(foundDescription)")
        }
        return try mapping.map { pair in
            guard case let .scalar(scalar) = pair.key, Self.tagName(pair.key) == .str || Self.tagName(pair.key) == .int else {
                throw AnnotationNode(node: pair.key, path: path, file: file).invalid("keys must be plain names")
            }
            let key = scalar.string
            if let allowedKeys, !allowedKeys.contains(key) {
                throw child(pair.key, key: key).invalid("unknown key \(String(reflecting: key)); expected one of \(allowedKeys.joined(separator: ", "))")
            }
            return (key, child(pair.value, key: key))
        }
    }

    /// The elements of a list, with paths `field[0]`, `field[1]`, … (0-based).
    func elements() throws -> [AnnotationNode] {
        guard case let .sequence(sequence) = node else {
            throw invalid("expected a list, found \(foundDescription)")
        }
        return sequence.enumerated().map { index, element in
            AnnotationNode(node: element, path: "\(path)[\(index)]", file: file)
        }
    }

    /// Text; numbers, booleans and empty values are refused so that `name: 2024` or `detail_bi:`
    /// with nothing after it does not turn into a surprising string.
    func text() throws -> String {
        guard case let .scalar(scalar) = node, Self.tagName(node) == .str else {
            throw invalid("expected text, found \(foundDescription) (put quotes around text that looks like a number or a boolean)")
        }
        // Block scalars (`|`, `>`) end in a newline that is no part of the text.
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw invalid("must not be empty") }
        return value
    }

    func textList() throws -> [String] {
        try elements().map { try $0.text() }
    }

    /// A value of a closed vocabulary (`public`, `mask_name`, `person_name`, …).
    func choice<Value>(_ name: String, _ parse: (String) -> Value?, allowed: [String]) throws -> Value {
        let raw = try text()
        guard let value = parse(raw) else {
            throw invalid("unknown \(name) \(String(reflecting: raw)); expected one of \(allowed.joined(separator: ", "))")
        }
        return value
    }

    /// A `table.column` reference.
    func columnReference() throws -> ColumnReference {
        let raw = try text()
        guard let reference = try? ColumnReference(parsing: raw), !reference.column.contains(".") else {
            throw invalid("\(String(reflecting: raw)) is not in `table.column` form")
        }
        return reference
    }

    /// The resolved tag (`str`, `int`, `bool`, `null`, …): plain `yes` or `12` are not text.
    private static func tagName(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.description)
    }

    private var foundDescription: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias (anchors and aliases are not supported)"
        case let .scalar(scalar):
            switch Self.tagName(node) {
            case .null: return "nothing"
            case .bool: return "the boolean \(scalar.string)"
            case .int, .float: return "the number \(scalar.string)"
            default: return "\(String(reflecting: scalar.string))"
            }
        }
    }
}
