/// The catalog names closest to one that is not there, for "did you mean …?".
///
/// A name matches a candidate when it is a small typo away (transpositions count as one
/// edit) from the whole candidate or from one of its `_`-separated words, so `nmae` finds
/// `legal_name` and `short_name`, and `market` finds `market_value`.
enum ClosestNames {
    /// Up to `limit` candidates, closest first (ties: nearer as a whole, then by name).
    static func to(_ name: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let wanted = Array(name.lowercased())
        let tolerance = max(1, wanted.count / 3)
        var scored: [(name: String, score: Int, whole: Int)] = []
        for candidate in candidates {
            let lowered = candidate.lowercased()
            let whole = distance(wanted, Array(lowered))
            let words = lowered.split(separator: "_").map { distance(wanted, Array($0)) }
            let score = min(whole, words.min() ?? whole)
            if score <= tolerance { scored.append((candidate, score, whole)) }
        }
        scored.sort { ($0.score, $0.whole, $0.name) < ($1.score, $1.whole, $1.name) }
        return scored.prefix(limit).map(\.name)
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours, each one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow: [Int] = []
        var row = Array(0...b.count)
        for i in 1...a.count {
            let beforeRow = previousRow
            previousRow = row
            row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], beforeRow[j - 2] + 1)
                }
            }
        }
        return row[b.count]
    }

    /// "did you mean a, b?" when some are close, else every candidate: "its columns are a, b, c".
    static func hint(for name: String, among candidates: [String], listing: String) -> String {
        let close = to(name, among: candidates)
        if !close.isEmpty { return "did you mean \(close.joined(separator: ", "))?" }
        return candidates.isEmpty ? "\(listing) none" : "\(listing) \(candidates.joined(separator: ", "))"
    }
}
