import Foundation

/// Reads golden sets: a JSON array of ``GoldenQuery`` objects, from any path.
///
/// Everything is checked before any number is computed, and the first problem is
/// reported as a ``GoldenSetError`` naming the file, the query and the field. Beyond
/// what ``GoldenQuery`` checks per entry, ids must be unique across the file, since
/// per-query results and regressions are keyed by id.
public enum GoldenSet {
    /// Reads and validates the golden set at `path`.
    public static func load(path: String) throws -> [GoldenQuery] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GoldenSetError(source: path, query: nil, field: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, source: path)
    }

    /// Validates golden-set JSON; `source` names the data in errors (usually its path).
    public static func decode(_ data: Data, source: String) throws -> [GoldenQuery] {
        let queries: [GoldenQuery]
        do {
            queries = try JSONDecoder().decode(Entries.self, from: data).queries
        } catch let located as LocatedProblem {
            let problem = located.problem
            throw GoldenSetError(source: source, query: problem.queryID ?? "#\(located.index)", field: problem.field, reason: problem.reason)
        } catch let error as DecodingError {
            throw GoldenSetError(source: source, query: nil, field: nil, reason: fileLevelReason(error))
        }
        var firstIndex: [String: Int] = [:]
        for (index, query) in queries.enumerated() {
            if let earlier = firstIndex[query.id] {
                throw GoldenSetError(source: source, query: query.id, field: "id", reason: "repeats the id of entry #\(earlier) (entry #\(index))")
            }
            firstIndex[query.id] = index
        }
        return queries
    }

    /// The top-level array, decoded element by element so a failure knows its index.
    private struct Entries: Decodable {
        var queries: [GoldenQuery] = []

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            while !container.isAtEnd {
                let index = container.currentIndex
                do {
                    queries.append(try container.decode(GoldenQuery.self))
                } catch let problem as GoldenFieldProblem {
                    throw LocatedProblem(index: index, problem: problem)
                } catch let error as DecodingError {
                    // The entry is not even an object (a string, a number, null).
                    throw LocatedProblem(index: index, problem: GoldenFieldProblem(queryID: nil, field: "entry", reason: Self.entryReason(error)))
                }
            }
        }

        private static func entryReason(_ error: DecodingError) -> String {
            switch error {
            case .valueNotFound: "is null (expected a query object)"
            default: "is not a query object"
            }
        }
    }

    private struct LocatedProblem: Error {
        var index: Int
        var problem: GoldenFieldProblem
    }

    private static func fileLevelReason(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch: return "expected a JSON array of queries"
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError { return "is not valid JSON (\(underlying.localizedDescription))" }
            return "is not valid JSON (\(context.debugDescription))"
        default: return "\(error)"
        }
    }
}
