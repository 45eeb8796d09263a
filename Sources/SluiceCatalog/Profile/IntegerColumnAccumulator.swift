import SluiceCore

/// Columns stored as `Int64`: integers, decimals up to precision 18, dates, times and
/// timestamps. Values are counted by their 64-bit pattern; `uint64` compares unsigned.
struct IntegerColumnAccumulator: ColumnAccumulator {
    let type: DataType
    private let isUnsigned: Bool
    private let detectionLimit: Int
    private var counter: ScalarValueCounter
    private var rows = 0
    private var nulls = 0
    private var hasValue = false
    private var minimum: Int64 = 0
    private var maximum: Int64 = 0

    init(type: DataType, options: ProfileOptions) {
        self.type = type
        self.isUnsigned = type == .uint64
        self.detectionLimit = options.detectionSampleLimit
        self.counter = ScalarValueCounter(exactLimit: options.exactDistinctLimit,
                                          firstSeenCapacity: ColumnAccumulators.firstSeenCapacity(options),
                                          sketchCapacity: options.keySketchCapacity, sketchHash: Self.sketchHash(for: type))
    }

    /// Integer-like columns (integers, scale-0 decimals) and dates may be join keys; the
    /// sketch hashes their text, as ``KeySketch`` requires.
    private static func sketchHash(for type: DataType) -> ((UInt64) -> UInt64)? {
        switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .date, .decimal(_, 0):
            return { bits in ValueText.withUTF8(integer: Int64(bitPattern: bits), as: type) { ValueHash.text($0) } }
        default:
            return nil
        }
    }

    mutating func add(_ column: Column) {
        guard case let .int(values) = column.values else {
            preconditionFailure("column \(column.field.name) is not stored as integers")
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
    private mutating func observe(_ value: Int64) {
        counter.add(UInt64(bitPattern: value))
        if !hasValue {
            hasValue = true
            minimum = value
            maximum = value
        } else if isUnsigned {
            if UInt64(bitPattern: value) < UInt64(bitPattern: minimum) { minimum = value }
            if UInt64(bitPattern: value) > UInt64(bitPattern: maximum) { maximum = value }
        } else {
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
        }
    }

    func statistics() -> DataStatistics {
        let summary = counter.summary()
        let type = type
        let render = { (bits: UInt64) in ValueText.integer(Int64(bitPattern: bits), as: type) }
        let isLess: (UInt64, UInt64) -> Bool = isUnsigned ? { $0 < $1 } : { Int64(bitPattern: $0) < Int64(bitPattern: $1) }
        var statistics = DataStatistics(profiledRows: rows, nullCount: nulls, distinctCount: summary.distinctCount,
                                        distinctMethod: summary.method, keySketch: summary.keySketch)
        if hasValue {
            statistics.min = ValueText.integer(minimum, as: type)
            statistics.max = ValueText.integer(maximum, as: type)
        }
        ColumnAccumulators.setSamples(&statistics, firstSeen: summary.firstSeen, detectionLimit: detectionLimit, render: render)
        statistics.topValues = ColumnAccumulators.topValues(summary.frequentCandidates, isLess: isLess, render: render)
        return statistics
    }
}
