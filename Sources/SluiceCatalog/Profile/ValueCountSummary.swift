/// What a value counter knows at the end of a column: how many distinct values, the
/// first ones seen, the most frequent candidates and, for key-like columns, a key sketch.
struct ValueCountSummary<Value> {
    var distinctCount: Int
    /// ``DistinctCountMethod/exact`` while every distinct value fitted the exact table,
    /// else ``DistinctCountMethod/hyperLogLog``.
    var method: DistinctCountMethod
    /// Distinct values in first-seen order, at most the counter's first-seen capacity.
    var firstSeen: [Value]
    /// Every value whose count reaches the `limit`-th largest count, so that the caller
    /// can break ties at the boundary by value; exact counts while ``method`` is exact,
    /// Space-Saving overestimates after.
    var frequentCandidates: [(value: Value, count: Int)]
    var keySketch: KeySketch?
}

enum FrequentValues {
    /// How many most frequent values a profile keeps (``ColumnProfile/topValues``).
    static let limit = 10
    /// Space-Saving counters kept once a column is too diverse to count exactly: several
    /// times ``limit``, so that the reported ten are well inside the guaranteed set.
    static let heavyHitterCounters = 64

    /// Indices of the counts that reach the `limit`-th largest one (all of them when
    /// there are fewer than `limit`).
    static func candidateIndices(counts: [Int], limit: Int = FrequentValues.limit) -> [Int] {
        guard counts.count > limit else { return Array(counts.indices) }
        // The `limit` largest counts in a small ascending array: one pass, no full sort.
        var largest: [Int] = []
        largest.reserveCapacity(limit + 1)
        for count in counts where largest.count < limit || count > largest[0] {
            let position = largest.firstIndex { $0 >= count } ?? largest.count
            largest.insert(count, at: position)
            if largest.count > limit { largest.removeFirst() }
        }
        let threshold = largest[0]
        return counts.indices.filter { counts[$0] >= threshold }
    }
}
