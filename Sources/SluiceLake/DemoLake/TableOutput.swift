import Parquet
import SluiceCore

/// Where one table of the demo lake goes, and how much of it has been written.
public struct DemoTableSummary: Sendable, Codable, Equatable {
    public var table: String
    public var rows: Int
    /// Keys of the files written, relative to the lake root.
    public var files: [String]
    public var bytes: Int
}

/// Progress of a generation run, reported after every batch.
public struct DemoLakeProgress: Sendable {
    public var table: String
    public var tableRows: Int
    /// The rows this table is expected to reach (an estimate for tables whose size is random).
    public var tableRowsPlanned: Int
    /// Rows written so far in all tables, and the planned total.
    public var totalRows: Int
    public var totalRowsPlanned: Int
}

/// Streams the rows of one table to Parquet files in an ``ObjectStore``.
///
/// A table whose planned size fits in one file is written to `<table>.parquet`;
/// a larger one to `<table>/part-00000.parquet`, `part-00001.parquet`, … of at
/// most `rowsPerFile` rows each. The layout is chosen from the planned row
/// count before the first row, because an object cannot be renamed once
/// written. Rows are buffered into batches of `batchRows`, so memory holds one
/// batch plus the Parquet writer's current row group, whatever the scale.
/// ``finish()`` removes files a previous run with another layout left behind.
final class TableOutput {
    let table: DemoTable
    private let store: any ObjectStore
    private let isSplit: Bool
    private let rowsPerFile: Int
    private let batchRows: Int
    private let options: ParquetWriteOptions
    private let tracker: ProgressTracker
    private var builder: RowBatchBuilder
    private var writer: ParquetBatchWriter?
    private var counter: CountingSink?
    private var rowsInFile = 0
    private var summary: DemoTableSummary

    init(table: DemoTable, store: any ObjectStore, plannedRows: Int, rowsPerFile: Int, batchRows: Int,
         options: ParquetWriteOptions, tracker: ProgressTracker) {
        self.table = table
        self.store = store
        self.isSplit = plannedRows > rowsPerFile
        self.rowsPerFile = rowsPerFile
        self.batchRows = batchRows
        var options = options
        options.keyValueMetadata.append(KeyValue(key: "sluice.classification", value: table.classification))
        self.options = options
        self.tracker = tracker
        self.builder = RowBatchBuilder(fields: table.fields)
        self.summary = DemoTableSummary(table: table.name, rows: 0, files: [], bytes: 0)
        tracker.plan(table: table.name, rows: plannedRows)
    }

    static func singleFileKey(_ table: String) -> String { "\(table).parquet" }

    static func partKey(_ table: String, _ part: Int) -> String {
        let digits = String(part)
        return "\(table)/part-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits).parquet"
    }

    func append(_ row: [DemoValue]) async throws {
        builder.append(row)
        if builder.rowCount >= batchRows || (isSplit && rowsInFile + builder.rowCount >= rowsPerFile) {
            try await flush()
        }
    }

    /// Writes the last rows, closes the last file and removes stale ones.
    func finish() async throws -> DemoTableSummary {
        try await flush()
        if writer == nil && summary.files.isEmpty { try await openFile() }
        try await closeFile()
        try await removeStaleFiles()
        return summary
    }

    /// Drops the file being written; what was published before stays.
    func abort() async {
        await writer?.abort()
        writer = nil
    }

    private func flush() async throws {
        guard builder.rowCount > 0 else { return }
        if writer == nil { try await openFile() }
        let batch = try builder.take()
        try await writer!.write(batch)
        rowsInFile += batch.rowCount
        summary.rows += batch.rowCount
        tracker.advance(table: table.name, by: batch.rowCount)
        if isSplit && rowsInFile >= rowsPerFile { try await closeFile() }
    }

    private func openFile() async throws {
        let key = isSplit ? Self.partKey(table.name, summary.files.count) : Self.singleFileKey(table.name)
        let sink = CountingSink(try await store.writer(for: key))
        writer = try await ParquetBatchWriter(fields: table.fields, sink: sink, options: options)
        counter = sink
        summary.files.append(key)
    }

    private func closeFile() async throws {
        guard let writer else { return }
        self.writer = nil
        rowsInFile = 0
        try await writer.close()
        summary.bytes += counter?.count ?? 0
    }

    /// Deletes this table's files from an earlier run that this run did not overwrite:
    /// the single file after a split run, or part files past the last one written.
    private func removeStaleFiles() async throws {
        let written = Set(summary.files)
        var stale: [String] = []
        if isSplit { stale.append(Self.singleFileKey(table.name)) }
        for try await object in store.list(prefix: "\(table.name)/part-") where !written.contains(object.key) {
            if object.key.hasSuffix(".parquet") { stale.append(object.key) }
        }
        for key in stale { try await store.delete(key) }
    }
}

/// Counts the bytes passing to another sink, for the run's summary.
final class CountingSink: ByteSink {
    private let base: any ByteSink
    private(set) var count = 0

    init(_ base: any ByteSink) { self.base = base }

    func write(_ bytes: [UInt8]) async throws {
        try await base.write(bytes)
        count += bytes.count
    }

    func close() async throws { try await base.close() }
    func abort() async { await base.abort() }
}

/// Adds up rows across tables and forwards progress to the caller's callback.
final class ProgressTracker {
    private let report: (@Sendable (DemoLakeProgress) -> Void)?
    private var planned: [String: Int] = [:]
    private var written: [String: Int] = [:]
    private var totalPlanned = 0
    private var totalWritten = 0

    init(totalPlanned: Int, report: (@Sendable (DemoLakeProgress) -> Void)?) {
        self.totalPlanned = totalPlanned
        self.report = report
    }

    func plan(table: String, rows: Int) { planned[table] = rows }

    func advance(table: String, by rows: Int) {
        written[table, default: 0] += rows
        totalWritten += rows
        report?(DemoLakeProgress(table: table, tableRows: written[table]!, tableRowsPlanned: planned[table] ?? 0,
                                 totalRows: totalWritten, totalRowsPlanned: max(totalPlanned, totalWritten)))
    }
}
