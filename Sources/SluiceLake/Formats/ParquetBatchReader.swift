import Parquet
import SluiceCore

/// Reads a Parquet file as ``RecordBatch``es, one per row group, from any
/// ``RandomAccessByteSource`` — a local file or an ``ObjectByteSource``, where
/// opening costs a ranged read of the footer and each row group one read per column.
///
/// Flat columns map back to ``DataType``s (see ``fields``); INT96 timestamps
/// become `timestamp(.nanos)` without a time zone, as in pyarrow. Columns with
/// no batch form (structs, maps, lists, unknown annotations) make ``open(_:options:)``
/// throw an error naming them, unless ``Options/skipUnsupportedColumns`` is set,
/// in which case they are left out and listed in ``skippedColumns``.
public final class ParquetBatchReader: Sendable {
    public struct Options: Sendable {
        /// Leave out columns that have no ``DataType`` instead of failing.
        public var skipUnsupportedColumns: Bool
        public var parquet: ParquetReadOptions

        public init(skipUnsupportedColumns: Bool = false, parquet: ParquetReadOptions = .init()) {
            self.skipUnsupportedColumns = skipUnsupportedColumns
            self.parquet = parquet
        }
    }

    public let file: ParquetFileReader
    /// The fields of every batch, in file order.
    public let fields: [Field]
    /// Columns left out because they have no batch form; empty unless skipping was asked for.
    public let skippedColumns: [UnsupportedColumn]
    /// The leaf index in the file of each of ``fields``.
    private let leafIndices: [Int]

    public var rowGroupCount: Int { file.rowGroupCount }
    public var rowCount: Int { Int(file.numRows) }

    private init(file: ParquetFileReader, options: Options) throws {
        var fields: [Field] = []
        var leaves: [Int] = []
        var skipped: [UnsupportedColumn] = []
        for column in file.schema.columns {
            switch ParquetTypeMapping.dataType(of: column) {
            case let .success(type):
                fields.append(Field(column.name, type, nullable: column.isNullable))
                leaves.append(column.index)
            case let .failure(unsupported):
                guard options.skipUnsupportedColumns else {
                    throw ParquetError.unsupported("\(unsupported) (open with skipUnsupportedColumns to leave it out)").within(file.source.name)
                }
                skipped.append(unsupported)
            }
        }
        self.file = file
        self.fields = fields
        self.leafIndices = leaves
        self.skippedColumns = skipped
    }

    public static func open(_ source: any RandomAccessByteSource, options: Options = .init()) async throws -> ParquetBatchReader {
        try ParquetBatchReader(file: try await ParquetFileReader.open(source, options: options.parquet), options: options)
    }

    public static func open(path: String, options: Options = .init()) async throws -> ParquetBatchReader {
        try await open(FileByteSource(path: path), options: options)
    }

    /// The rows of row group `index`.
    public func readRowGroup(_ index: Int) async throws -> RecordBatch {
        let parquetColumns = try await file.readRowGroup(index, columns: leafIndices)
        let columns = try zip(fields, parquetColumns).map { field, column in
            try Column(field: field,
                       values: ParquetValueConversion.columnValues(column.data, as: field.type, name: field.name),
                       validity: column.data.validity)
        }
        return try RecordBatch(columns: columns)
    }

    /// Every row group in order, read only when the consumer asks for it, so memory holds one row group.
    public var batches: Batches { Batches(reader: self) }

    public struct Batches: AsyncSequence, Sendable {
        public typealias Element = RecordBatch
        let reader: ParquetBatchReader

        public struct AsyncIterator: AsyncIteratorProtocol {
            let reader: ParquetBatchReader
            var position = 0

            public mutating func next() async throws -> RecordBatch? {
                guard position < reader.rowGroupCount else { return nil }
                defer { position += 1 }
                return try await reader.readRowGroup(position)
            }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }
    }
}
