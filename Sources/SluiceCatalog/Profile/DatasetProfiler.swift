import SluiceCore
import SluiceLake

/// Computes the statistics of a ``DiscoveredDataset``: row count, and per column null
/// counts, distinct counts, minimum and maximum, samples, top values, average string
/// length and a key sketch, plus the sample the PII detectors look at.
///
/// ```swift
/// let discovery = DatasetDiscovery.discover(try await listing(of: store))
/// let profiler = DatasetProfiler(store: store, options: .init(sampleRows: 100_000))
/// for dataset in discovery.datasets {
///     let profile = try await profiler.profile(dataset)
///     print(profile.dataset.name, profile.rowCount, profile.columns.map(\.profile.distinctCount))
/// }
/// ```
///
/// **Parquet** datasets start from their footers, one ranged read per file: the row
/// count, and where every row group states them, null counts and minima/maxima. Column
/// data is then read whole row group by row group, in key order, until
/// ``ProfileOptions/sampleRows`` is reached, for what footers cannot say: distinct
/// counts, samples, top values, average lengths (and null counts or bounds a footer
/// lacks). **CSV, TSV and JSON** files are read through ``SluiceLake/LakeFileReader``
/// batch by batch, with the types it infers; their row count is exact only when every
/// row was read (``DatasetProfile/isRowCountExact``).
///
/// Every part of a multi-file dataset must have the same columns (names and types, in
/// order); partition columns (type string) follow the file columns, with values taken
/// from the `key=value` folder names. A partition key that is also a file column is
/// left to the file column.
///
/// Values are accumulated per storage kind straight from the column buffers; each column
/// keeps at most ``ProfileOptions/exactDistinctLimit`` distinct values, then switches to a
/// 16 KiB HyperLogLog and a 64-counter Space-Saving summary, whose top-value counts are
/// then upper bounds rather than exact counts.
public struct DatasetProfiler: Sendable {
    public let store: any ObjectStore
    public let options: ProfileOptions

    public init(store: any ObjectStore, options: ProfileOptions = .init()) {
        self.store = store
        self.options = options
    }

    /// Profiles one dataset. Throws ``DatasetProfileError`` naming the dataset and file when
    /// a part cannot be read or differs from the first part.
    public func profile(_ dataset: DiscoveredDataset) async throws -> DatasetProfile {
        switch dataset.format {
        case .parquet: try await profileParquet(dataset)
        case .csv, .tsv, .json: try await profileText(dataset)
        }
    }

    /// Throws unless `fields` match the `expected` fields of the dataset's first part.
    func checkFields(_ fields: [Field], of file: String, against expected: [Field], firstFile: String,
                     dataset: DiscoveredDataset) throws {
        for (index, field) in fields.enumerated() {
            guard index < expected.count else {
                throw DatasetProfileError.schemaMismatch(dataset: dataset.name, file: file, column: field.name,
                                                         reason: "not in \(firstFile)")
            }
            let wanted = expected[index]
            if field.name != wanted.name {
                throw DatasetProfileError.schemaMismatch(dataset: dataset.name, file: file, column: field.name,
                                                         reason: "\(firstFile) has column \(String(reflecting: wanted.name)) at position \(index + 1)")
            }
            if field.type != wanted.type {
                throw DatasetProfileError.schemaMismatch(dataset: dataset.name, file: file, column: field.name,
                                                         reason: "type \(field.type), \(firstFile) has \(wanted.type)")
            }
        }
        if fields.count < expected.count {
            throw DatasetProfileError.schemaMismatch(dataset: dataset.name, file: file, column: expected[fields.count].name,
                                                     reason: "missing, \(firstFile) has it")
        }
    }

    /// The partition columns to add after `fileFields`: every partition key that is not
    /// already a file column.
    func partitionFields(of dataset: DiscoveredDataset, fileFields: [Field]) -> [(index: Int, field: Field)] {
        let fileNames = Set(fileFields.map(\.name))
        return dataset.partitionKeys.enumerated()
            .filter { !fileNames.contains($0.element) }
            .map { ($0.offset, Field($0.element, .string, nullable: true)) }
    }
}

/// The partition columns of a dataset while it is read: one accumulator each, fed whole
/// files at once, since every row of a file has the same partition values.
struct PartitionAccumulators {
    let fields: [(index: Int, field: Field)]
    private var accumulators: [ByteColumnAccumulator]

    init(fields: [(index: Int, field: Field)], options: ProfileOptions) {
        self.fields = fields
        self.accumulators = fields.map { ByteColumnAccumulator(type: $0.field.type, options: options) }
    }

    /// Counts `rows` rows of the object at `key`.
    mutating func add(rows: Int, of key: String, in dataset: DiscoveredDataset) {
        let values = dataset.partitionValues(of: key)
        for (position, entry) in fields.enumerated() {
            accumulators[position].add(repeated: values[entry.index].map { Array($0.utf8) }, occurrences: rows)
        }
    }

    func columns(table: String, rowCount: Int) -> [ProfiledColumn] {
        zip(fields, accumulators).map { entry, accumulator in
            ColumnProfileAssembly.column(field: entry.field, isPartitionKey: true, table: table, rowCount: rowCount,
                                         data: accumulator.statistics(), footer: nil)
        }
    }
}
