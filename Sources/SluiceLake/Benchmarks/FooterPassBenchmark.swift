import Foundation
import Parquet

/// Measures what it costs to read only the footers of many Parquet objects — what a
/// catalog scan does to learn every table's schema and statistics without its data.
///
/// It stores `objects` copies of one Parquet file as `footers-bench/part-0000.parquet`,
/// … in a store, then opens every copy with ``ObjectStore/byteSource(for:)`` and
/// ``ParquetFileReader/open(_:options:)`` through a ``RequestCountingStore``. The
/// reader's promise is one HEAD (the size) and one ranged GET of the tail per file,
/// plus a second GET only when the footer is larger than the first tail read.
///
/// ```swift
/// let store = try PrefixedObjectStore.open(LakeLocation.parse("s3://bank-lake/"))
/// let bench = try FooterPassBenchmark(store: store, objects: 1000, file: await FooterPassBenchmark.demoFile())
/// try await bench.prepare()
/// let report = try await bench.run()
/// print(report.getsPerObject, report.bytesReadPerObject)
/// ```
public struct FooterPassBenchmark: Sendable {
    /// The objects are kept under this prefix so repeated runs reuse them.
    public static let prefix = "footers-bench/"

    public let store: any ObjectStore
    public let objects: Int
    /// The Parquet file every object is a copy of.
    public let file: [UInt8]
    /// The length of `file`'s footer (Thrift metadata), from its trailer.
    public let footerLength: Int
    /// Footers opened at once; requests per file do not depend on it, elapsed time does.
    public var concurrency: Int

    /// - Throws: ``LakeError/Kind/malformedData`` when `file` does not end like a Parquet file.
    public init(store: any ObjectStore, objects: Int, file: [UInt8], concurrency: Int = 16) throws {
        guard file.count >= 12, Array(file.suffix(4)) == Array("PAR1".utf8) else {
            throw LakeError(.malformedData, location: store.location, message: "the benchmark's source file is not Parquet: it does not end in PAR1")
        }
        self.store = store
        self.objects = max(objects, 0)
        self.file = file
        // The 4 bytes before the closing magic are the footer length, little-endian.
        footerLength = file[(file.count - 8)..<(file.count - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        self.concurrency = max(concurrency, 1)
    }

    /// `footers-bench/part-0000.parquet` …, zero-padded so they list in numeric order.
    public var keys: [String] {
        let width = max(4, String(max(objects - 1, 0)).count)
        return (0..<objects).map { index in
            let digits = String(index)
            return Self.prefix + "part-" + String(repeating: "0", count: width - digits.count) + digits + ".parquet"
        }
    }

    /// Uploads the copies that are not there yet (or have another size) and returns how
    /// many it uploaded, so a second run measures reads without paying for writes again.
    @discardableResult
    public func prepare() async throws -> Int {
        let (store, file) = (self.store, self.file)
        var existing: [String: Int] = [:]
        for try await object in store.list(prefix: Self.prefix) { existing[object.key] = object.size }
        let missing = keys.filter { existing[$0] != file.count }
        try await Self.forEach(missing, width: concurrency) { try await store.put($0, bytes: file) }
        return missing.count
    }

    /// Opens every copy's footer and reports the requests and bytes that took.
    public func run() async throws -> FooterPassReport {
        let counting = RequestCountingStore(base: store)
        let clock = ContinuousClock()
        let start = clock.now
        try await Self.forEach(keys, width: concurrency) { key in
            let reader = try await ParquetFileReader.open(counting.byteSource(for: key))
            // A copy that is not the benchmark's file would make the per-file figures meaningless.
            guard reader.source.size == file.count else {
                throw LakeError(.malformedData, location: counting.location, key: key, message: "has \(reader.source.size) bytes, the benchmark's file \(file.count)")
            }
        }
        let elapsed = (clock.now - start).components
        return FooterPassReport(
            location: store.location, objects: objects, requests: counting.counts,
            objectBytes: file.count, footerBytes: footerLength,
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        )
    }

    /// A small but realistic Parquet file made in memory: 20,000 trades (int64 id,
    /// string ISIN, double price, timestamp) in four row groups with statistics, so its
    /// footer has what a real one has — several row groups times several columns.
    public static func demoFile() async throws -> [UInt8] {
        let fields = [
            ParquetField(name: "trade_id", physicalType: .int64, isNullable: false),
            ParquetField(name: "isin", physicalType: .byteArray, logicalType: .string),
            ParquetField(name: "price", physicalType: .double),
            ParquetField(name: "executed_at", physicalType: .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros)),
        ]
        var options = ParquetWriteOptions()
        // Small row groups give the footer several row groups' worth of column metadata.
        options.rowGroupSize = 128 * 1024
        let sink = InMemoryByteSink()
        let writer = try ParquetWriter(fields: fields, sink: sink, options: options)
        let rows = 20_000
        let isins = ["CH0012221716", "CH0038863350", "US0378331005", "DE0007164600", "NL0010273215"]
        try await writer.write([
            ColumnData(storage: .int64((0..<rows).map { Int64($0) })),
            ColumnData(storage: .byteArray(ByteArrayBuffer((0..<rows).map { Array(isins[$0 % isins.count].utf8) }))),
            ColumnData(storage: .double((0..<rows).map { 100 + Double($0 % 997) / 10 })),
            ColumnData(storage: .int64((0..<rows).map { 1_767_225_600_000_000 + Int64($0) * 1_000_000 })),
        ])
        try await writer.close()
        return sink.bytes
    }

    /// Runs `body` for every element, at most `width` at a time.
    private static func forEach(_ elements: [String], width: Int, _ body: @escaping @Sendable (String) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = elements.makeIterator()
            for _ in 0..<width {
                guard let element = pending.next() else { break }
                group.addTask { try await body(element) }
            }
            while try await group.next() != nil {
                if let element = pending.next() { group.addTask { try await body(element) } }
            }
        }
    }
}

/// What a ``FooterPassBenchmark`` run cost.
public struct FooterPassReport: Sendable, Codable, Equatable {
    public var location: String
    public var objects: Int
    public var requests: RequestCounts
    /// The size of each object (all are copies of one file).
    public var objectBytes: Int
    /// The size of each object's footer: its Thrift metadata, without the 8-byte trailer.
    public var footerBytes: Int
    public var seconds: Double

    private func perObject(_ value: Int) -> Double { objects == 0 ? 0 : Double(value) / Double(objects) }

    public var requestsPerObject: Double { perObject(requests.total) }
    public var headsPerObject: Double { perObject(requests.heads) }
    public var getsPerObject: Double { perObject(requests.gets) }
    public var bytesReadPerObject: Double { perObject(requests.bytesRead) }
}
