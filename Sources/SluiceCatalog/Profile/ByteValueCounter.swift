/// Counts the values of a column stored as bytes (strings, binary, UUIDs, wide decimals):
/// exactly, in a ``ByteValueTable``, until more than `exactLimit` distinct values have
/// been seen; from then on with a ``HyperLogLog`` and ``SpaceSaving`` in fixed memory.
///
/// Every value is hashed once with ``ValueHash/text(_:)``; for a string column that hash
/// is also its ``KeySketch/hash(_:)``, so the key sketch costs nothing more.
struct ByteValueCounter {
    /// How a column's key sketch hashes a value.
    enum SketchHashing {
        /// No key sketch for this column.
        case none
        /// The value's bytes are its text (strings): reuse the value hash.
        case valueBytes
        /// The text differs from the bytes (UUIDs): hash it with this function.
        case text((UnsafeRawBufferPointer) -> UInt64)
    }

    private let exactLimit: Int
    private let firstSeenCapacity: Int
    private let sketchHashing: SketchHashing
    private let sketchCapacity: Int

    private var table = ByteValueTable()
    private var isExact = true
    // Set up at the switch to estimates.
    private var hyperLogLog: HyperLogLog?
    private var heavyHitters: SpaceSaving?
    /// The value each Space-Saving counter stands for, by counter; the buffers are reused
    /// when a counter changes hands.
    private var heavyHitterValues: [[UInt8]] = []
    private var sketch: KeySketchBuilder?
    private var firstSeen: [[UInt8]] = []
    private var firstSeenHashes = Set<UInt64>()

    init(exactLimit: Int, firstSeenCapacity: Int, sketchCapacity: Int, sketchHashing: SketchHashing) {
        self.exactLimit = exactLimit
        self.firstSeenCapacity = firstSeenCapacity
        self.sketchCapacity = sketchCapacity
        self.sketchHashing = sketchHashing
    }

    @inline(__always)
    mutating func add(_ value: UnsafeRawBufferPointer, occurrences: Int = 1) {
        let hash = ValueHash.text(value)
        if isExact {
            table.add(value, hash: hash, occurrences: occurrences)
            if table.count > exactLimit { switchToEstimates() }
            return
        }
        hyperLogLog!.insert(hash: hash)
        let (counter, isNewKey) = heavyHitters!.offer(hash, occurrences: occurrences)
        if isNewKey {
            if counter == heavyHitterValues.count {
                heavyHitterValues.append(Array(value))
            } else {
                heavyHitterValues[counter].removeAll(keepingCapacity: true)
                heavyHitterValues[counter].append(contentsOf: value)
            }
        }
        if firstSeen.count < firstSeenCapacity, firstSeenHashes.insert(hash).inserted { firstSeen.append(Array(value)) }
        switch sketchHashing {
        case .none: break
        case .valueBytes: sketch!.insert(hash)
        case let .text(hashing): sketch!.insert(hashing(value))
        }
    }

    private mutating func switchToEstimates() {
        var estimator = HyperLogLog()
        for hash in table.hashes { estimator.insert(hash: hash) }
        // The counters start from the largest exact counts; a value left out had a count no
        // larger than the smallest kept one, which is what Space-Saving assumes of it.
        var heavy = SpaceSaving(capacity: FrequentValues.heavyHitterCounters)
        var values: [[UInt8]] = []
        let byCount = table.counts.indices.sorted { table.counts[$0] > table.counts[$1] }
        for entry in byCount.prefix(FrequentValues.heavyHitterCounters) {
            let (counter, isNewKey) = heavy.offer(table.hashes[entry], occurrences: table.counts[entry])
            // Two distinct values with one 64-bit hash would share a counter; keep the first.
            if isNewKey && counter == values.count { values.append(Array(table.value(at: entry))) }
        }
        sketch = tableSketch()
        firstSeen = (0..<min(firstSeenCapacity, table.count)).map { Array(table.value(at: $0)) }
        firstSeenHashes = Set(table.hashes.prefix(firstSeenCapacity))
        hyperLogLog = estimator
        heavyHitters = heavy
        heavyHitterValues = values
        table = ByteValueTable()
        isExact = false
    }

    /// The key sketch of the exact table's values.
    private func tableSketch() -> KeySketchBuilder? {
        var builder = KeySketchBuilder(capacity: sketchCapacity)
        switch sketchHashing {
        case .none:
            return nil
        case .valueBytes:
            for hash in table.hashes { builder.insert(hash) }
        case let .text(hashing):
            for entry in 0..<table.count {
                table.value(at: entry).withUnsafeBytes { builder.insert(hashing($0)) }
            }
        }
        return builder
    }

    func summary() -> ValueCountSummary<[UInt8]> {
        if isExact {
            let candidates = FrequentValues.candidateIndices(counts: table.counts).map { (value: Array(table.value(at: $0)), count: table.counts[$0]) }
            return ValueCountSummary(distinctCount: table.count, method: .exact,
                                     firstSeen: (0..<min(firstSeenCapacity, table.count)).map { Array(table.value(at: $0)) },
                                     frequentCandidates: candidates, keySketch: tableSketch()?.sketch)
        }
        let heavy = heavyHitters!
        let candidates = FrequentValues.candidateIndices(counts: heavy.counts).map { (value: heavyHitterValues[$0], count: heavy.counts[$0]) }
        // More than `exactLimit` distinct values were seen for certain; the estimate is
        // never reported below that.
        return ValueCountSummary(distinctCount: max(hyperLogLog!.estimate, exactLimit + 1), method: .hyperLogLog,
                                 firstSeen: firstSeen, frequentCandidates: candidates, keySketch: sketch?.sketch)
    }
}
