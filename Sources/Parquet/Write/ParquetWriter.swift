/// One column of a file to write: a top-level required or optional primitive.
///
/// The physical type says how values are stored; the optional logical type says
/// what they mean (a string, a date, a decimal, ...). The writer checks at
/// ``ParquetWriter/init(fields:sink:options:)`` that the two fit together, so a
/// file it writes never carries an annotation a reader would reject.
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

/// How a ``ParquetWriter`` lays out and encodes a file.
///
/// The defaults follow what Arrow and parquet-mr write, so files look familiar to
/// every engine: Snappy, v1 data pages of about 1 MiB, dictionaries up to 1 MiB
/// per column chunk, row groups of about 128 MiB (uncompressed).
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
    /// Store a CRC-32 of every page so readers can detect corruption.
    public var writePageChecksums = true
    public var keyValueMetadata: [KeyValue] = []
    public var createdBy = "sluice parquet"

    public init() {}

    /// Sizes are estimates of PLAIN-encoded bytes (see ``PageLayout``); they must
    /// be positive, and a page must stay far enough below 2 GiB that its encoded
    /// form still fits the format's 32-bit sizes.
    func validate() throws {
        guard CompressionCodec.writable.contains(compression) else {
            throw ParquetError.unsupported("writing \(compression) is not supported; use one of \(CompressionCodec.writable)")
        }
        guard dataPageSize > 0, dataPageSize <= PageLayout.maximumPageSize else {
            throw ParquetError.invalidArgument("dataPageSize must be in 1...\(PageLayout.maximumPageSize), got \(dataPageSize)")
        }
        guard rowGroupSize > 0 else {
            throw ParquetError.invalidArgument("rowGroupSize must be positive, got \(rowGroupSize)")
        }
        guard dictionaryPageSizeLimit >= 0 else {
            throw ParquetError.invalidArgument("dictionaryPageSizeLimit must not be negative, got \(dictionaryPageSizeLimit)")
        }
    }
}

/// Streams rows, column-wise, to a ``ByteSink`` as a Parquet file.
///
/// Batches given to ``write(_:)`` are copied into per-column buffers. When the
/// buffered rows reach ``ParquetWriteOptions/rowGroupSize`` (an estimate of their
/// PLAIN size), they become a row group: each column is encoded into pages
/// (see ``ColumnChunkWriter``) and handed to the sink, so memory holds at most one
/// row group, never the file. A batch may end one row group and start the next.
/// ``close()`` writes the last row group and the footer.
///
/// ```swift
/// let writer = try ParquetWriter(
///     fields: [ParquetField(name: "id", physicalType: .int64, isNullable: false),
///              ParquetField(name: "name", physicalType: .byteArray, logicalType: .string)],
///     sink: try FileByteSink(path: "people.parquet"))
/// try await writer.write([ColumnData(storage: .int64([1, 2])),
///                         ColumnData(storage: .byteArray(ByteArrayBuffer(["ada", ""].map(\.utf8))), validity: [true, false])])
/// try await writer.close()
/// ```
///
/// A writer that fails is finished: the error is thrown, the sink is aborted (a
/// ``FileByteSink`` removes its temporary file, leaving no half-written file
/// behind) and later calls throw. If `init` itself throws, nothing was written
/// and the sink is left to its owner.
public final class ParquetWriter {
    private enum State { case open, closed, failed }

    private let fields: [ParquetField]
    private let schema: [SchemaElement]
    private let sink: any ByteSink
    private let options: ParquetWriteOptions
    private var buffer: RowGroupBuffer
    private var rowGroups: [RowGroup] = []
    private var numRows: Int64 = 0
    /// Bytes handed to the sink so far: the file offset of the next byte.
    private var offset: Int64 = 0
    private var state = State.open

    static let magic: [UInt8] = Array("PAR1".utf8)

    public init(fields: [ParquetField], sink: any ByteSink, options: ParquetWriteOptions = .init()) throws {
        try options.validate()
        try ParquetField.validateSchema(fields)
        self.fields = fields
        self.schema = ParquetField.schemaElements(for: fields)
        self.sink = sink
        self.options = options
        self.buffer = RowGroupBuffer(fields: fields)
    }

    /// Appends rows: one ``ColumnData`` per field, all of the same length.
    ///
    /// The batch is checked against the fields first (types, widths, lengths, nulls
    /// in required fields, the range of INT(8) and INT(16)); an invalid batch fails
    /// the writer like any other error. Row groups the batch completes are encoded
    /// and handed to the sink before this returns.
    public func write(_ columns: [ColumnData]) async throws {
        try await abortingOnFailure {
            try checkOpen()
            try ParquetField.validateBatch(columns, for: fields)
            let rowCount = columns.first?.count ?? 0
            var start = 0
            while start < rowCount {
                let end = buffer.endOfRows(filling: options.rowGroupSize, from: columns, in: start..<rowCount)
                buffer.append(columns, rows: start..<end)
                start = end
                if buffer.estimatedSize >= options.rowGroupSize {
                    try await flushRowGroup()
                }
            }
        }
    }

    /// Flushes the last row group, writes the footer and closes the sink.
    @discardableResult
    public func close() async throws -> FileMetaData {
        try await abortingOnFailure {
            try checkOpen()
            try await flushRowGroup()
            if offset == 0 { try await emit(Self.magic) }
            let metadata = FileMetaData(
                version: 2, schema: schema, numRows: numRows, rowGroups: rowGroups,
                keyValueMetadata: options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata,
                createdBy: options.createdBy,
                // Readers trust min_value/max_value only when the column order says how they were compared.
                columnOrders: Array(repeating: .typeDefined, count: fields.count)
            )
            let footer = metadata.thriftEncoded()
            guard let footerLength = UInt32(exactly: footer.count) else {
                throw ParquetError.unsupported("footer of \(footer.count) bytes is larger than the format allows")
            }
            var tail = footer
            tail.reserveCapacity(footer.count + 8)
            withUnsafeBytes(of: footerLength.littleEndian) { tail.append(contentsOf: $0) }
            tail.append(contentsOf: Self.magic)
            try await emit(tail)
            try await sink.close()
            state = .closed
            return metadata
        }
    }

    private func checkOpen() throws {
        switch state {
        case .open: return
        case .closed: throw ParquetError.invalidArgument("the writer is closed")
        case .failed: throw ParquetError.invalidArgument("the writer failed earlier and was aborted")
        }
    }

    /// Runs `body`; if it throws while the writer is open, the writer is failed and the
    /// sink aborted before the error goes on, so no caller can end up with a truncated file.
    private func abortingOnFailure<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            if state == .open {
                state = .failed
                await sink.abort()
            }
            throw error
        }
    }

    private func emit(_ bytes: [UInt8]) async throws {
        try await sink.write(bytes)
        offset += Int64(bytes.count)
    }

    /// Encodes the buffered rows as one row group and streams it to the sink, one column chunk at a time.
    private func flushRowGroup() async throws {
        guard buffer.rowCount > 0 else { return }
        let ordinal = rowGroups.count
        let rowCount = buffer.rowCount
        let columns = buffer.take()
        if offset == 0 { try await emit(Self.magic) }
        let groupStart = offset
        var chunks: [ColumnChunk] = []
        chunks.reserveCapacity(fields.count)
        var uncompressed: Int64 = 0
        var compressed: Int64 = 0
        for (field, column) in zip(fields, columns) {
            let encoded = try inContext("row group \(ordinal)") {
                try inContext("column \"\(field.name)\"") {
                    try ColumnChunkWriter(field: field, options: options).write(column, at: offset)
                }
            }
            try await emit(encoded.bytes)
            uncompressed += encoded.metadata.totalUncompressedSize
            compressed += encoded.metadata.totalCompressedSize
            chunks.append(ColumnChunk(fileOffset: encoded.metadata.dictionaryPageOffset ?? encoded.metadata.dataPageOffset,
                                      metaData: encoded.metadata))
        }
        rowGroups.append(RowGroup(
            columns: chunks, totalByteSize: uncompressed, numRows: Int64(rowCount), fileOffset: groupStart,
            totalCompressedSize: compressed, ordinal: Int16(exactly: ordinal)
        ))
        numRows += Int64(rowCount)
    }
}
