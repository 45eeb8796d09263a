import SluiceCore

/// What the detectors see of a column: its name, type, counts and a sample of its
/// distinct non-null values as text. It holds raw values, so it lives only in memory
/// during a scan; the catalog stores the masked ``ColumnProfile`` instead.
public struct ColumnSample: Sendable, Equatable {
    public var table: String
    public var column: String
    public var dataType: DataType
    /// Distinct non-null values in first-seen order, rendered as in ``ColumnProfile``.
    public var values: [String]
    public var rowCount: Int
    public var nullCount: Int
    public var distinctCount: Int
    /// Whether the profiled values were all distinct and non-null.
    public var isUnique: Bool

    public init(table: String, column: String, dataType: DataType, values: [String], rowCount: Int, nullCount: Int = 0,
                distinctCount: Int? = nil, isUnique: Bool = false) {
        self.table = table
        self.column = column
        self.dataType = dataType
        self.values = values
        self.rowCount = rowCount
        self.nullCount = nullCount
        self.distinctCount = distinctCount ?? values.count
        self.isUnique = isUnique
    }
}
