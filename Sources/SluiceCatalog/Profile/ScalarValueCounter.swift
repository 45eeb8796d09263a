/// Counts the values of a column stored in 64 bits (integers, a double's bit pattern):
/// exactly, in a ``ScalarValueTable``, until more than `exactLimit` distinct values have
/// been seen; from then on with a ``HyperLogLog`` for the distinct count and
/// ``SpaceSaving`` for the most frequent values, in fixed memory.
///
/// Key sketches hash each value's text (``ValueText``), which costs a formatting step; while
/// the table is exact that is done once per distinct value at the end, and only past the
/// switch once per value.
struct ScalarValueCounter {
    private let exactLimit: Int
    private let firstSeenCapacity: Int
    /// The ``KeySketch/hash(_:)`` of a value, for columns that get a key sketch.
    private let sketchHash: ((UInt64) -> UInt64)?
    private let sketchCapacity: Int

    private var table = ScalarValueTable()
    private var isExact = true
    // Set up at the switch to estimates.
    private var hyperLogLog: HyperLogLog?
    private var heavyHitters: SpaceSaving?
    private var sketch: KeySketchBuilder?
    private var firstSeen: [UInt64] = []
    private var firstSeenSet = Set<UInt64>()

    init(exactLimit: Int, firstSeenCapacity: Int, sketchCapacity: Int, sketchHash: ((UInt64) -> UInt64)?) {
        self.exactLimit = exactLimit
        self.firstSeenCapacity = firstSeenCapacity
        self.sketchCapacity = sketchCapacity
        self.sketchHash = sketchHash
    }

    @inline(__always)
    mutating func add(_ key: UInt64, occurrences: Int = 1) {
        if isExact {
            table.add(key, occurrences: occurrences)
            if table.count > exactLimit { switchToEstimates() }
            return
        }
        hyperLogLog!.insert(hash: ValueHash.scalar(key))
        heavyHitters!.offer(key, occurrences: occurrences)
        if firstSeen.count < firstSeenCapacity, firstSeenSet.insert(key).inserted { firstSeen.append(key) }
        if let sketchHash { sketch!.insert(sketchHash(key)) }
    }

    private mutating func switchToEstimates() {
        var estimator = HyperLogLog()
        for key in table.keys { estimator.insert(hash: ValueHash.scalar(key)) }
        // The counters start from the largest exact counts; a value left out had a count no
        // larger than the smallest kept one, which is what Space-Saving assumes of it.
        var heavy = SpaceSaving(capacity: FrequentValues.heavyHitterCounters)
        let byCount = table.counts.indices.sorted { table.counts[$0] > table.counts[$1] }
        for entry in byCount.prefix(FrequentValues.heavyHitterCounters) {
            heavy.offer(table.keys[entry], occurrences: table.counts[entry])
        }
        if let sketchHash {
            var builder = KeySketchBuilder(capacity: sketchCapacity)
            for key in table.keys { builder.insert(sketchHash(key)) }
            sketch = builder
        }
        firstSeen = Array(table.keys.prefix(firstSeenCapacity))
        firstSeenSet = Set(firstSeen)
        hyperLogLog = estimator
        heavyHitters = heavy
        table = ScalarValueTable()
        isExact = false
    }

    func summary() -> ValueCountSummary<UInt64> {
        if isExact {
            var keySketch: KeySketch?
            if let sketchHash {
                var builder = KeySketchBuilder(capacity: sketchCapacity)
                for key in table.keys { builder.insert(sketchHash(key)) }
                keySketch = builder.sketch
            }
            let candidates = FrequentValues.candidateIndices(counts: table.counts).map { (value: table.keys[$0], count: table.counts[$0]) }
            return ValueCountSummary(distinctCount: table.count, method: .exact, firstSeen: Array(table.keys.prefix(firstSeenCapacity)),
                                     frequentCandidates: candidates, keySketch: keySketch)
        }
        let heavy = heavyHitters!
        let candidates = FrequentValues.candidateIndices(counts: heavy.counts).map { (value: heavy.keys[$0], count: heavy.counts[$0]) }
        // More than `exactLimit` distinct values were seen for certain; the estimate is
        // never reported below that.
        return ValueCountSummary(distinctCount: max(hyperLogLog!.estimate, exactLimit + 1), method: .hyperLogLog,
                                 firstSeen: firstSeen, frequentCandidates: candidates, keySketch: sketch?.sketch)
    }
}
