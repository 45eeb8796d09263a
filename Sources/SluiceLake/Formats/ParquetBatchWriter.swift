import Parquet
import SluiceCore

/// Writes ``RecordBatch``es as one Parquet file to any ``ByteSink``: a local file,
/// or an object in a lake through ``ObjectStore/writer(for:)``.
///
/// Every batch must have the fields given at creation, in order. The file only
/// appears when ``close()`` succeeds; if anything fails — a batch that does not
/// match, a value that does not fit, the sink itself — the sink is aborted, so
/// a reader never sees half a file, and the writer refuses further calls.
///
/// ```swift
/// let writer = try await ParquetBatchWriter(fields: batch.fields, sink: store.writer(for: "clients.parquet"))
/// try await writer.write(batch)
/// try await writer.close()
/// ```
///
/// How each ``DataType`` is stored is described by ``parquetFields``; seconds
/// (time and timestamp) are widened to milliseconds, Parquet's smallest unit.
public final class ParquetBatchWriter {
    public let fields: [Field]
    /// The Parquet schema written, one column per field.
    public let parquetFields: [ParquetField]
    private let sink: any ByteSink
    private let writer: ParquetWriter
    private var finished = false

    /// Creates the writer; if this throws, the sink has been aborted.
    public init(fields: [Field], sink: any ByteSink, options: ParquetWriteOptions = .init()) async throws {
        self.fields = fields
        self.parquetFields = fields.map(ParquetTypeMapping.parquetField(for:))
        self.sink = sink
        do {
            writer = try ParquetWriter(fields: parquetFields, sink: sink, options: options)
        } catch {
            // ParquetWriter leaves the sink to its owner when it cannot start; we own it here.
            await sink.abort()
            throw error
        }
    }

    /// Appends the rows of `batch`.
    public func write(_ batch: RecordBatch) async throws {
        try checkOpen()
        let columns: [ColumnData]
        do {
            guard batch.fields == fields else {
                throw SluiceError.invalidColumn(batch.fields.first { !fields.contains($0) }?.name ?? "<batch>",
                                                reason: "batch fields [\(describe(batch.fields))] differ from the file's [\(describe(fields))]")
            }
            columns = try zip(batch.columns, parquetFields).map { try ParquetValueConversion.columnData($0, as: $1) }
        } catch {
            await fail()
            throw error
        }
        do {
            try await writer.write(columns)
        } catch {
            // ParquetWriter has aborted the sink itself.
            finished = true
            throw error
        }
    }

    /// Writes the footer and closes the sink, which makes the file visible.
    @discardableResult
    public func close() async throws -> FileMetaData {
        try checkOpen()
        finished = true
        return try await writer.close()
    }

    /// Gives up: the sink is aborted and nothing is published.
    public func abort() async {
        guard !finished else { return }
        await fail()
    }

    private func fail() async {
        finished = true
        await sink.abort()
    }

    private func checkOpen() throws {
        guard !finished else { throw ParquetError.invalidArgument("the writer is already closed or aborted") }
    }

    private func describe(_ fields: [Field]) -> String {
        fields.map { "\($0.name) \($0.type)\($0.isNullable ? "" : " not null")" }.joined(separator: ", ")
    }
}
