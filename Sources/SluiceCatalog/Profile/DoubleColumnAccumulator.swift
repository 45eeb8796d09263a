import SluiceCore

/// `float32` and `float64` columns. Values are counted by bit pattern after folding
/// `-0.0` into `0.0` and every NaN into one, so equal numbers count once, as in SQL and
/// pandas. NaN counts as a value (it is not null) but takes no part in minimum and maximum.
struct DoubleColumnAccumulator: ColumnAccumulator {
    let type: DataType
    private let detectionLimit: Int
    private var counter: ScalarValueCounter
    private var rows = 0
    private var nulls = 0
    private var hasOrderedValue = false
    private var minimum = 0.0
    private var maximum = 0.0

    init(type: DataType, options: ProfileOptions) {
        self.type = type
        self.detectionLimit = options.detectionSampleLimit
        self.counter = ScalarValueCounter(exactLimit: options.exactDistinctLimit,
                                          firstSeenCapacity: ColumnAccumulators.firstSeenCapacity(options),
                                          sketchCapacity: options.keySketchCapacity, sketchHash: nil)
    }

    mutating func add(_ column: Column) {
        guard case let .double(values) = column.values else {
            preconditionFailure("column \(column.field.name) is not stored as doubles")
        }
        rows += values.count
        values.withUnsafeBufferPointer { buffer in
            if let validity = column.validity {
                for row in buffer.indices {
                    if validity[row] { observe(buffer[row]) } else { nulls += 1 }
                }
            } else {
                for value in buffer { observe(value) }
            }
        }
    }

    @inline(__always)
    private mutating func observe(_ value: Double) {
        let canonical = value.isNaN ? Double.nan : (value == 0 ? 0 : value)
        counter.add(canonical.bitPattern)
        guard !value.isNaN else { return }
        if !hasOrderedValue {
            hasOrderedValue = true
            minimum = value
            maximum = value
        } else {
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
        }
    }

    func statistics() -> DataStatistics {
        let summary = counter.summary()
        let type = type
        let render = { (bits: UInt64) in ValueText.double(Double(bitPattern: bits), as: type) }
        // NaN sorts after every number, so ties list numbers first.
        let isLess = { (a: UInt64, b: UInt64) -> Bool in
            let x = Double(bitPattern: a), y = Double(bitPattern: b)
            return x.isNaN ? false : (y.isNaN ? true : x < y)
        }
        var statistics = DataStatistics(profiledRows: rows, nullCount: nulls, distinctCount: summary.distinctCount,
                                        distinctMethod: summary.method)
        if hasOrderedValue {
            statistics.min = ValueText.double(minimum, as: type)
            statistics.max = ValueText.double(maximum, as: type)
        }
        ColumnAccumulators.setSamples(&statistics, firstSeen: summary.firstSeen, detectionLimit: detectionLimit, render: render)
        statistics.topValues = ColumnAccumulators.topValues(summary.frequentCandidates, isLess: isLess, render: render)
        return statistics
    }
}
