/// How a column's distinct count was obtained.
public enum DistinctCountMethod: String, Sendable, Codable {
    /// Every distinct value of the profiled rows was counted.
    case exact
    /// Above the exact threshold: a HyperLogLog estimate (standard error about 0.8%).
    case hyperLogLog = "hyperloglog"
    /// Taken from Parquet footer statistics (`distinct_count`).
    case footer
}

/// Where a statistic came from: answers from footers cost no data reads.
public enum StatisticSource: String, Sendable, Codable {
    case footer
    case data
}

/// A value and how often it occurred in the profiled rows.
public struct ValueFrequency: Sendable, Codable, Equatable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// The statistics of one column. Values are rendered as text (dates `2024-01-31`,
/// timestamps ISO-8601 in UTC, numbers in their shortest exact form).
///
/// For a PII column every value here (``min``, ``max``, ``samples``,
/// ``topValues``) is stored masked, or left out when its rule keeps nothing.
public struct ColumnProfile: Sendable, Codable, Equatable {
    /// Rows of the dataset (from footers for Parquet).
    public var rowCount: Int
    /// Rows whose values were read to compute the data-based statistics (≤ `rowCount`).
    public var profiledRows: Int
    public var nullCount: Int
    /// `nullCount / rowCount` (0 for an empty dataset).
    public var nullFraction: Double
    public var distinctCount: Int
    public var distinctMethod: DistinctCountMethod
    public var min: String?
    public var max: String?
    public var minMaxSource: StatisticSource?
    /// Up to 5 distinct non-null values, in first-seen order.
    public var samples: [String]
    /// The most frequent values, most frequent first (ties by value), at most 10.
    public var topValues: [ValueFrequency]
    /// Mean length in characters of non-null string values; `nil` for other types.
    public var averageLength: Double?
    /// Whether the values read were all distinct and non-null: a candidate key.
    public var isUnique: Bool

    public init(rowCount: Int, profiledRows: Int, nullCount: Int, distinctCount: Int, distinctMethod: DistinctCountMethod,
                min: String? = nil, max: String? = nil, minMaxSource: StatisticSource? = nil, samples: [String] = [],
                topValues: [ValueFrequency] = [], averageLength: Double? = nil, isUnique: Bool = false) {
        self.rowCount = rowCount
        self.profiledRows = profiledRows
        self.nullCount = nullCount
        self.nullFraction = rowCount == 0 ? 0 : Double(nullCount) / Double(rowCount)
        self.distinctCount = distinctCount
        self.distinctMethod = distinctMethod
        self.min = min
        self.max = max
        self.minMaxSource = minMaxSource
        self.samples = samples
        self.topValues = topValues
        self.averageLength = averageLength
        self.isUnique = isUnique
    }
}
