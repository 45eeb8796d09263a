/// Why a mart spec cannot be used. Every problem names where it is, as a path into the
/// JSON (`dimensions[2].column`, `joins[0].on[1].right`), and what is wrong, naming the
/// table, column or function at fault and what would be accepted instead.
public struct MartSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// `dimensions[2].column`; empty for the spec as a whole.
        public var path: String
        public var message: String

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }

        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    /// The file or origin (`portfolio.yaml`, `planner`), when known.
    public var origin: String?
    /// All problems found, in document order (validation does not stop at the first).
    public var problems: [Problem]

    public init(origin: String? = nil, problems: [Problem]) {
        self.origin = origin
        self.problems = problems
    }

    public init(origin: String? = nil, path: String, _ message: String) {
        self.init(origin: origin, problems: [Problem(path: path, message: message)])
    }

    public var description: String {
        let head = origin.map { "invalid mart spec \($0)" } ?? "invalid mart spec"
        if problems.count == 1 { return "\(head): \(problems[0])" }
        return "\(head):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
