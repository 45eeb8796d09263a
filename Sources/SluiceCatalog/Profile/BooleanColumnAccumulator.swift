import SluiceCore

/// Boolean columns: two counters say everything.
struct BooleanColumnAccumulator: ColumnAccumulator {
    private let detectionLimit: Int
    private var rows = 0
    private var nulls = 0
    private var falseCount = 0
    private var trueCount = 0
    /// The values in the order first seen (at most two).
    private var firstSeen: [Bool] = []

    init(detectionSampleLimit: Int) {
        self.detectionLimit = detectionSampleLimit
    }

    mutating func add(_ column: Column) {
        guard case let .boolean(values) = column.values else {
            preconditionFailure("column \(column.field.name) is not stored as booleans")
        }
        rows += values.count
        let validity = column.validity
        values.withUnsafeBufferPointer { buffer in
            for row in buffer.indices {
                if let validity, !validity[row] {
                    nulls += 1
                    continue
                }
                let value = buffer[row]
                if value { trueCount += 1 } else { falseCount += 1 }
                if firstSeen.count < 2 && !firstSeen.contains(value) { firstSeen.append(value) }
            }
        }
    }

    func statistics() -> DataStatistics {
        var statistics = DataStatistics(profiledRows: rows, nullCount: nulls,
                                        distinctCount: (falseCount > 0 ? 1 : 0) + (trueCount > 0 ? 1 : 0))
        if falseCount + trueCount > 0 {
            statistics.min = ValueText.boolean(falseCount == 0)
            statistics.max = ValueText.boolean(trueCount > 0)
        }
        ColumnAccumulators.setSamples(&statistics, firstSeen: firstSeen, detectionLimit: detectionLimit, render: ValueText.boolean)
        let candidates = [(value: false, count: falseCount), (value: true, count: trueCount)].filter { $0.count > 0 }
        statistics.topValues = ColumnAccumulators.topValues(candidates, isLess: { !$0 && $1 }, render: ValueText.boolean)
        return statistics
    }
}
