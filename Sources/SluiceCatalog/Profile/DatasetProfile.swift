import SluiceCore
import SluiceLake

/// How much work ``DatasetProfiler`` may do per dataset.
public struct ProfileOptions: Sendable {
    /// `nil` reads every row. Otherwise reading stops once at least this many rows have
    /// been read: whole Parquet row groups, whole CSV/JSON batches, so a little more may
    /// be read. `0` reads no column data at all: Parquet profiles then come from footers
    /// alone (row, null counts, minima and maxima).
    public var sampleRows: Int?
    /// A column's distinct values are counted exactly up to this many; past it the count
    /// is a HyperLogLog estimate and the top values come from a Space-Saving summary.
    public var exactDistinctLimit: Int
    /// Distinct values per column handed to the PII detectors in ``ColumnSample/values``.
    public var detectionSampleLimit: Int
    /// Hashes kept in each ``KeySketch``.
    public var keySketchCapacity: Int
    /// How CSV, TSV and JSON files are read (delimiter, type-inference sample, …).
    public var textReadOptions: LakeFileReadOptions

    public init(sampleRows: Int? = nil, exactDistinctLimit: Int = 100_000, detectionSampleLimit: Int = 1000,
                keySketchCapacity: Int = KeySketch.defaultCapacity, textReadOptions: LakeFileReadOptions = .init()) {
        precondition(sampleRows.map { $0 >= 0 } ?? true, "sampleRows cannot be negative")
        precondition(exactDistinctLimit >= 1 && detectionSampleLimit >= 0 && keySketchCapacity >= 1,
                     "profile limits must be positive")
        self.sampleRows = sampleRows
        self.exactDistinctLimit = exactDistinctLimit
        self.detectionSampleLimit = detectionSampleLimit
        self.keySketchCapacity = keySketchCapacity
        self.textReadOptions = textReadOptions
    }
}

/// One column of a profiled dataset.
public struct ProfiledColumn: Sendable {
    public var field: Field
    /// A column made from `key=value` folder names (type string), not stored in the files.
    public var isPartitionKey: Bool
    /// The statistics, with RAW values: the scan pipeline masks PII columns before storing.
    public var profile: ColumnProfile
    /// What the PII detectors look at.
    public var sample: ColumnSample
    /// For join-key candidates: integer, scale-0 decimal, string, date and UUID columns;
    /// `nil` for doubles, booleans, times, timestamps, binary and JSON.
    public var keySketch: KeySketch?

    public init(field: Field, isPartitionKey: Bool, profile: ColumnProfile, sample: ColumnSample, keySketch: KeySketch?) {
        self.field = field
        self.isPartitionKey = isPartitionKey
        self.profile = profile
        self.sample = sample
        self.keySketch = keySketch
    }
}

/// The profile of one dataset: its row count and every column's statistics.
///
/// With ``ProfileOptions/sampleRows`` set, data-based statistics (distinct counts,
/// samples, top values, average lengths, and whatever footers lack) describe the rows
/// read, ``rowsRead`` of them; each ``ColumnProfile/profiledRows`` says so per column.
/// A sampled distinct count is the count among those rows, not an extrapolation.
public struct DatasetProfile: Sendable {
    public var dataset: DiscoveredDataset
    /// Parquet: exact, from the footers. CSV/JSON: the rows read (see ``isRowCountExact``).
    public var rowCount: Int
    /// File columns in file order, then partition columns, outermost first.
    public var columns: [ProfiledColumn]
    /// Rows whose column data was read.
    public var rowsRead: Int
    /// False when ``rowCount`` counts only the rows read: a CSV or JSON dataset whose
    /// reading stopped at ``ProfileOptions/sampleRows`` before the end of its data. Then
    /// parts after the stopping point were not opened, so their schemas were not checked.
    public var isRowCountExact: Bool
    /// Parquet columns left out because they have no ``SluiceCore/DataType`` (nested or
    /// list columns, unsupported annotations), each with the reason.
    public var unsupportedColumns: [String]

    public init(dataset: DiscoveredDataset, rowCount: Int, columns: [ProfiledColumn], rowsRead: Int,
                isRowCountExact: Bool = true, unsupportedColumns: [String] = []) {
        self.dataset = dataset
        self.rowCount = rowCount
        self.columns = columns
        self.rowsRead = rowsRead
        self.isRowCountExact = isRowCountExact
        self.unsupportedColumns = unsupportedColumns
    }
}

/// Why a dataset could not be profiled; each case names the dataset and the file at fault.
public enum DatasetProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A part file whose columns differ from the dataset's first part.
    case schemaMismatch(dataset: String, file: String, column: String, reason: String)
    /// A file that could not be read, with the reader's message.
    case unreadable(dataset: String, file: String, reason: String)

    public var description: String {
        switch self {
        case let .schemaMismatch(dataset, file, column, reason):
            "dataset \(dataset): file \(file), column \(String(reflecting: column)): \(reason)"
        case let .unreadable(dataset, file, reason):
            "dataset \(dataset): file \(file): \(reason)"
        }
    }
}
