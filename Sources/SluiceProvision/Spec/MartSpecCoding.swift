// The pieces the spec types' `Codable` implementations (in `MartSpec.swift`) share: keys of
// any name, so that a key the format does not know is an error rather than ignored, and
// paths in the JSON's own notation (`measures[1].numerator.column`) for every error.

/// A key of any name: the spec's objects are read with these and every key is checked
/// against the ones the object allows.
struct SpecKey: CodingKey, Hashable {
    let stringValue: String
    let intValue: Int?

    init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    init(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

enum SpecPath {
    /// `measures[1].numerator.column` for a decoder's coding path (array positions have an
    /// integer value, object keys only a string).
    static func string(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }

    static func string(_ codingPath: [any CodingKey], _ key: String) -> String {
        string(codingPath + [SpecKey(key)])
    }

    /// `a, b or c`, for messages that list what is accepted.
    static func alternatives(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}

extension KeyedDecodingContainer where Key == SpecKey {
    func contains(_ name: String) -> Bool { contains(SpecKey(name)) }

    /// The keys present, in the order the container reports them.
    var names: [String] { allKeys.map(\.stringValue) }

    /// Throws for the first key that is not among `allowed`, naming it and the keys `what` has.
    func rejectUnknownKeys(_ allowed: [String], in what: String) throws {
        for key in allKeys where !allowed.contains(key.stringValue) {
            throw MartSpecError(path: SpecPath.string(codingPath, key.stringValue),
                                "unknown key \(String(reflecting: key.stringValue)) in \(what); its keys are \(allowed.joined(separator: ", "))")
        }
    }

    func required<T: Decodable>(_ name: String) throws -> T {
        try decode(T.self, forKey: SpecKey(name))
    }

    /// The value, or `nil` when the key is missing or null (an explicit null means "not given").
    func optional<T: Decodable>(_ name: String) throws -> T? {
        try decodeIfPresent(T.self, forKey: SpecKey(name))
    }

    /// An integer field. Foundation's JSON decoder fails a number with a fraction with an
    /// internal error that surfaces as "not valid JSON" for the whole document; caught here,
    /// it is named as what it is, at its path.
    func optionalWholeNumber(_ name: String) throws -> Int? {
        do {
            return try decodeIfPresent(Int.self, forKey: SpecKey(name))
        } catch let decodingError as DecodingError {
            throw decodingError
        } catch {
            throw self.error(at: name, "must be a whole number")
        }
    }

    func error(at name: String, _ message: String) -> MartSpecError {
        MartSpecError(path: SpecPath.string(codingPath, name), message)
    }

    func error(_ message: String) -> MartSpecError {
        MartSpecError(path: SpecPath.string(codingPath), message)
    }
}

extension KeyedEncodingContainer where Key == SpecKey {
    mutating func encode<T: Encodable>(_ value: T, _ name: String) throws {
        try encode(value, forKey: SpecKey(name))
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, _ name: String) throws {
        try encodeIfPresent(value, forKey: SpecKey(name))
    }

    /// Lists are left out when empty: the canonical form says only what the spec says.
    mutating func encodeUnlessEmpty<T: Encodable>(_ values: [T], _ name: String) throws {
        if !values.isEmpty { try encode(values, forKey: SpecKey(name)) }
    }
}

/// The closed lists of names a spec may use (transforms, functions, units, …), read as
/// strings so that a name outside the list is reported with the ones that are allowed.
protocol SpecName: RawRepresentable, CaseIterable where RawValue == String {
    /// What the name is called in messages: `transform`, `date unit`.
    static var kind: String { get }
}

extension SpecName {
    static var allowedNames: [String] { allCases.map(\.rawValue) }

    static func unknown(_ text: String, at path: String, allowed: [String] = allowedNames) -> MartSpecError {
        MartSpecError(path: path, "unknown \(kind) \(String(reflecting: text)): use one of \(allowed.joined(separator: ", "))")
    }

    static func decodeName(from decoder: any Decoder) throws -> Self {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else { throw unknown(text, at: SpecPath.string(decoder.codingPath)) }
        return value
    }

    func encodeName(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension MartExpression {
    /// The column when the expression is a plain column reference.
    var columnReference: SourceColumn? {
        if case let .column(column) = self { return column }
        return nil
    }
}
