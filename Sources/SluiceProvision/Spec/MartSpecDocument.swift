import Foundation

/// Reading and writing mart specs as files.
extension MartSpec {
    /// The text forms a spec is read from.
    enum TextFormat {
        case json, yaml
        /// JSON when the text starts with `{`, else YAML (which also reads most JSON).
        case detect
    }

    /// The file extensions ``load(path:)`` reads, and as what.
    static let fileFormats: [String: TextFormat] = ["json": .json, "yaml": .yaml, "yml": .yaml]

    /// Reads a spec from JSON or YAML text (YAML is a superset; the format is detected).
    ///
    /// - Throws: ``MartSpecError`` naming `origin` and the path of the first field that does
    ///   not fit the format (unknown key, wrong type, unknown transform or function).
    public static func decode(_ text: String, origin: String? = nil) throws -> MartSpec {
        try decode(text, format: .detect, origin: origin)
    }

    static func decode(_ text: String, format: TextFormat, origin: String?) throws -> MartSpec {
        do {
            let json: String
            switch format {
            case .json:
                json = text
            case .yaml:
                json = try SpecYAML.json(from: text)
            case .detect:
                json = text.first(where: { !$0.isWhitespace }) == "{" ? text : try SpecYAML.json(from: text)
            }
            guard json.contains(where: { !$0.isWhitespace }) else { throw MartSpecError(path: "", "the spec is empty") }
            return try JSONDecoder().decode(MartSpec.self, from: Data(json.utf8))
        } catch var error as MartSpecError {
            error.origin = origin
            throw error
        } catch let error as DecodingError {
            throw MartSpecError(origin: origin, problems: [Self.problem(describing: error)])
        }
    }

    /// Reads the spec file at `path` (`.json`, `.yaml` or `.yml`).
    public static func load(path: String) throws -> MartSpec {
        let fileExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = fileFormats[fileExtension] else {
            throw MartSpecError(origin: path, path: "", "a spec file ends in .json, .yaml or .yml, so that its format is known")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MartSpecError(origin: path, path: "", "cannot read the file (it must exist and be UTF-8 text): \(error.localizedDescription)")
        }
        return try decode(text, format: format, origin: path)
    }

    /// The spec as JSON with sorted keys, in the documented shape (what the audit and the
    /// registry keep; ``decode(_:origin:)`` reads it back to an equal spec).
    public func canonicalJSON(pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        // A spec built in code may hold a non-finite number, which JSON cannot spell; written
        // as text it still reads back (and `resolve` refuses it), where throwing would lose the audit.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            preconditionFailure("a mart spec always encodes (only strings, finite-or-spelled numbers and lists): \(error)")
        }
    }

    /// The JSON schema of the format (draft 2020-12), as shipped in the package.
    public static var jsonSchema: String {
        guard let url = Bundle.module.url(forResource: "mart-spec.schema", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("mart-spec.schema.json is missing from the SluiceProvision resource bundle at \(Bundle.module.bundlePath)")
        }
        return text
    }

    /// A decoding error in the spec's own terms: the JSON path and what would be accepted.
    static func problem(describing error: DecodingError) -> MartSpecError.Problem {
        switch error {
        case let .keyNotFound(key, context):
            return .init(path: SpecPath.string(context.codingPath + [key]), message: "required")
        case let .valueNotFound(type, context):
            return .init(path: SpecPath.string(context.codingPath), message: "must be \(describe(type)), not null")
        case let .typeMismatch(type, context):
            let path = SpecPath.string(context.codingPath)
            return .init(path: path, message: path.isEmpty ? "a mart spec is an object of named fields" : "must be \(describe(type))")
        case let .dataCorrupted(context):
            let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let reason = [context.debugDescription, detail].compactMap { $0 }.joined(separator: ": ")
            return .init(path: SpecPath.string(context.codingPath), message: context.codingPath.isEmpty ? "not valid JSON: \(reason)" : reason)
        @unknown default:
            return .init(path: "", message: String(describing: error))
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
