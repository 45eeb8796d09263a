import Foundation

/// A golden set that cannot be used, with enough detail to fix the file by hand:
/// the file, the query (its id, or `#index` in the array when the id itself is the
/// problem) and the field.
public struct GoldenSetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file path (or whatever name the caller gave the data).
    public let source: String
    /// The query's id, or `#N` (0-based array index) when it has no usable id; `nil`
    /// when the problem concerns the whole file.
    public let query: String?
    /// The field, dotted into grade maps (`tables.positions`); `nil` for whole-query problems.
    public let field: String?
    /// What is wrong, in words.
    public let reason: String

    public init(source: String, query: String?, field: String?, reason: String) {
        self.source = source
        self.query = query
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var parts = [source]
        if let query { parts.append("query \(query)") }
        if let field { parts.append(field) }
        return parts.joined(separator: ": ") + ": " + reason
    }
}

/// A problem found while decoding one query, before the file and array index are known.
struct GoldenFieldProblem: Error {
    var queryID: String?
    var field: String
    var reason: String

    init(queryID: String?, field: String, reason: String) {
        self.queryID = queryID
        self.field = field
        self.reason = reason
    }

    /// Reads the field path and a readable reason out of Foundation's decoding error.
    init(queryID: String?, decodingError: DecodingError, fallbackField: String) {
        let context: DecodingError.Context?
        var reason: String
        switch decodingError {
        case .typeMismatch(let type, let c):
            context = c
            reason = "expected \(Self.jsonName(type))"
        case .valueNotFound(let type, let c):
            context = c
            reason = "is null (expected \(Self.jsonName(type)))"
        case .keyNotFound(let key, let c):
            context = c
            self.init(queryID: queryID, field: Self.path(c.codingPath + [key], fallback: fallbackField), reason: "is missing")
            return
        case .dataCorrupted(let c):
            context = c
            reason = c.debugDescription
        @unknown default:
            context = nil
            reason = "\(decodingError)"
        }
        self.init(queryID: queryID, field: Self.path(context?.codingPath ?? [], fallback: fallbackField), reason: reason)
    }

    /// The coding path below the query itself (the array index is reported separately).
    private static func path(_ codingPath: [any CodingKey], fallback: String) -> String {
        let names = codingPath.filter { $0.intValue == nil }.map(\.stringValue)
        return names.isEmpty ? fallback : names.joined(separator: ".")
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type: "an integer grade"
        case is [String: Double].Type: "an object of grades"
        default: "\(type)"
        }
    }
}
