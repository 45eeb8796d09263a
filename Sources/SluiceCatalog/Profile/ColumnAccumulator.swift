import SluiceCore

/// What the values read of one column say, rendered as ``ValueText``; footer statistics
/// are merged in afterwards (``ColumnProfileAssembly``).
struct DataStatistics {
    var profiledRows = 0
    var nullCount = 0
    var distinctCount = 0
    var distinctMethod = DistinctCountMethod.exact
    var min: String?
    var max: String?
    /// Up to 5 distinct non-null values, first seen first.
    var samples: [String] = []
    /// Up to ``ProfileOptions/detectionSampleLimit`` distinct non-null values, first seen first.
    var detectionValues: [String] = []
    var topValues: [ValueFrequency] = []
    var averageLength: Double?
    var keySketch: KeySketch?
}

/// Gathers the statistics of one column batch by batch. One implementation per storage
/// kind, each looping over the column's buffer directly, without a value per row.
///
/// Accumulators are value types held in an array of existentials; `array[i].add(…)`
/// mutates each in place.
protocol ColumnAccumulator {
    /// Adds every row of `column`, whose values have this accumulator's storage kind.
    mutating func add(_ column: Column)
    func statistics() -> DataStatistics
}

enum ColumnAccumulators {
    /// How many sample values a profile shows (``ColumnProfile/samples``).
    static let sampleLimit = 5

    /// The accumulator for `type`'s storage kind.
    static func make(for type: DataType, options: ProfileOptions) -> any ColumnAccumulator {
        switch type.storage {
        case .boolean: BooleanColumnAccumulator(detectionSampleLimit: options.detectionSampleLimit)
        case .int: IntegerColumnAccumulator(type: type, options: options)
        case .double: DoubleColumnAccumulator(type: type, options: options)
        case .bytes: ByteColumnAccumulator(type: type, options: options)
        }
    }

    /// How many distinct values in first-seen order a counter keeps for samples and detectors.
    static func firstSeenCapacity(_ options: ProfileOptions) -> Int {
        Swift.max(sampleLimit, options.detectionSampleLimit)
    }

    /// The most frequent candidates, most frequent first and ties in value order, rendered.
    static func topValues<Value>(_ candidates: [(value: Value, count: Int)], isLess: (Value, Value) -> Bool,
                                 render: (Value) -> String) -> [ValueFrequency] {
        candidates
            .sorted { $0.count != $1.count ? $0.count > $1.count : isLess($0.value, $1.value) }
            .prefix(FrequentValues.limit)
            .map { ValueFrequency(value: render($0.value), count: $0.count) }
    }

    /// Fills the first-seen based fields of `statistics`.
    static func setSamples<Value>(_ statistics: inout DataStatistics, firstSeen: [Value], detectionLimit: Int,
                                  render: (Value) -> String) {
        statistics.samples = firstSeen.prefix(sampleLimit).map(render)
        statistics.detectionValues = firstSeen.prefix(detectionLimit).map(render)
    }
}
