// OWNED BY: writer helper. Contract only; bodies to be replaced.

/// One column of a file to write: a top-level required or optional primitive.
public struct ParquetField: Sendable, Equatable {
    public var name: String
    public var physicalType: PhysicalType
    public var logicalType: LogicalType?
    public var isNullable: Bool
    /// Byte width for FIXED_LEN_BYTE_ARRAY.
    public var typeLength: Int?

    public init(name: String, physicalType: PhysicalType, logicalType: LogicalType? = nil, isNullable: Bool = true, typeLength: Int? = nil) {
        self.name = name
        self.physicalType = physicalType
        self.logicalType = logicalType
        self.isNullable = isNullable
        self.typeLength = typeLength
    }
}

public struct ParquetWriteOptions: Sendable {
    public enum DataPageVersion: Sendable { case v1, v2 }

    public var compression: CompressionCodec = .snappy
    public var dataPageVersion: DataPageVersion = .v1
    public var dictionaryEnabled = true
    /// Once a column chunk's dictionary passes this many bytes, the rest of the chunk is written PLAIN.
    public var dictionaryPageSizeLimit = 1 << 20
    /// Target uncompressed size of one data page.
    public var dataPageSize = 1 << 20
    /// A row group is cut when its buffered (uncompressed) size reaches this.
    public var rowGroupSize = 128 << 20
    public var writeStatistics = true
    public var keyValueMetadata: [KeyValue] = []
    public var createdBy = "sluice parquet"

    public init() {}
}

/// Streams rows, column-wise, to a ``ByteSink`` as a Parquet file.
public final class ParquetWriter {
    public init(fields: [ParquetField], sink: any ByteSink, options: ParquetWriteOptions = .init()) throws { fatalError("unmerged") }

    /// Appends rows: one ``ColumnData`` per field, all of the same length.
    public func write(_ columns: [ColumnData]) async throws { fatalError("unmerged") }

    /// Flushes the last row group, writes the footer and closes the sink.
    @discardableResult
    public func close() async throws -> FileMetaData { fatalError("unmerged") }
}
