import Foundation
import SluiceCatalog
import Yams

/// Turns a YAML spec into the equivalent JSON text, so that YAML is read by the very decoder
/// JSON is (one set of rules, one set of error paths).
///
/// Scalars are typed by ``SluiceCatalog/YAMLCoreSchema`` (the rules annotation files use):
/// dates stay text (`2024-01-31` is the string the SQL compares with), since the spec has no
/// date type of its own.
enum SpecYAML {
    /// - Throws: ``MartSpecError`` with the line and column of a YAML syntax error.
    static func json(from yaml: String) throws -> String {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, YAMLCoreSchema.resolver)
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
                output += YAMLCoreSchema.quoted(key.string) + ":"
                try write(pair.value, path: path.isEmpty ? key.string : "\(path).\(key.string)", to: &output)
            }
            output += "}"
        case .alias:
            throw MartSpecError(path: path, "YAML aliases are not part of the spec format; write the value out")
        }
    }

    private static func write(_ scalar: Node.Scalar, path: String, to output: inout String) throws {
        switch YAMLCoreSchema.json(of: scalar) {
        case let .success(json):
            output += json
        case .failure(.integerOverflow):
            throw MartSpecError(path: path, "\(scalar.string) does not fit in a 64-bit integer; quote it to mean text")
        case .failure(.notFinite):
            throw MartSpecError(path: path, "\(scalar.string) is not a finite number; numbers in a spec are finite (quote it to mean text)")
        }
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
