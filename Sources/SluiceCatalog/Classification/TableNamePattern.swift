/// A table-name pattern of a configured classification list: an exact name (`clients`) or a
/// glob where `*` matches any run of characters and `?` exactly one (`aml_*`, `risk_??`).
///
/// Matching ignores letter case, as SQL does for unquoted names, so `AML_*` lists `aml_alerts`.
public struct TableNamePattern: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let characters: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        characters = Array(pattern.lowercased())
    }

    public var description: String { pattern }

    /// Whether `name` matches the whole pattern.
    public func matches(_ name: String) -> Bool {
        let text = Array(name.lowercased())
        // Greedy matching with one backtrack point: the last `*` seen and where its run ended.
        // Linear for patterns with one star, and never exponential.
        var p = 0
        var t = 0
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < characters.count, characters[p] == "?" || characters[p] == text[t] {
                p += 1
                t += 1
            } else if p < characters.count, characters[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}
