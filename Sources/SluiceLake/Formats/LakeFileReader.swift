import SluiceCore

/// The file formats Sluice reads from a lake, told apart by the key's extension.
public enum LakeFileFormat: String, Sendable, CaseIterable {
    case parquet
    /// Comma-, semicolon-, tab- or pipe-separated text; the delimiter is detected.
    case csv
    /// Tab-separated text: CSV with a tab delimiter unless the options name another.
    case tsv
    /// An array of objects or one object per line; the layout is detected from the content.
    case json

    /// Extensions, lowercase, and the format each means.
    public static let extensions: [String: LakeFileFormat] = [
        "parquet": .parquet,
        "csv": .csv,
        "tsv": .tsv,
        "json": .json,
        "jsonl": .json,
        "ndjson": .json,
    ]

    /// The format of `key` from its extension, in any letter case (`Trades.CSV`).
    public init(key: String, location: String) throws {
        let name = key.split(separator: "/").last.map(String.init) ?? key
        guard let dot = name.lastIndex(of: "."), let format = Self.extensions[name[name.index(after: dot)...].lowercased()] else {
            let known = Self.extensions.keys.sorted().map { "." + $0 }.joined(separator: ", ")
            throw LakeError(.malformedData, location: location, key: key, message: "unknown file format: Sluice reads \(known)")
        }
        self = format
    }
}

/// Options for every format ``LakeFileReader`` reads; each reader uses its own part.
public struct LakeFileReadOptions: Sendable {
    public var parquet: ParquetBatchReader.Options
    public var csv: CSVReadOptions
    public var json: JSONReadOptions

    public init(parquet: ParquetBatchReader.Options = .init(), csv: CSVReadOptions = .init(), json: JSONReadOptions = .init()) {
        self.parquet = parquet
        self.csv = csv
        self.json = json
    }
}

/// Reads any lake file — Parquet, CSV, TSV, JSON, NDJSON — as ``RecordBatch``es,
/// choosing the reader by the key's extension (see ``LakeFileFormat``).
///
/// ```swift
/// let reader = try await LakeFileReader.open("raw/trades.csv", in: store)
/// for try await batch in reader.remainingBatches { … }
/// ```
///
/// Parquet is read through ranged GETs of its footer and row groups (one batch per row
/// group); CSV and JSON stream in chunks (see ``CSVBatchReader`` and ``JSONBatchReader``).
public final class LakeFileReader: RecordBatchReader {
    public let format: LakeFileFormat
    public let fields: [Field]
    private let source: Source
    /// The row group a Parquet file's next batch comes from.
    private var nextRowGroup = 0

    private enum Source {
        case parquet(ParquetBatchReader)
        case text(any RecordBatchReader)
    }

    private init(format: LakeFileFormat, fields: [Field], source: Source) {
        self.format = format
        self.fields = fields
        self.source = source
    }

    public static func open(_ key: String, in store: any ObjectStore, options: LakeFileReadOptions = .init()) async throws -> LakeFileReader {
        let format = try LakeFileFormat(key: key, location: store.location)
        switch format {
        case .parquet:
            let reader = try await ParquetBatchReader.open(try await store.byteSource(for: key), options: options.parquet)
            return LakeFileReader(format: format, fields: reader.fields, source: .parquet(reader))
        case .csv, .tsv:
            var csv = options.csv
            if format == .tsv && csv.delimiter == nil { csv.delimiter = UInt8(ascii: "\t") }
            let reader = try await CSVBatchReader.open(key, in: store, options: csv)
            return LakeFileReader(format: format, fields: reader.fields, source: .text(reader))
        case .json:
            let reader = try await JSONBatchReader.open(key, in: store, options: options.json)
            return LakeFileReader(format: format, fields: reader.fields, source: .text(reader))
        }
    }

    public func next() async throws -> RecordBatch? {
        switch source {
        case let .parquet(reader):
            guard nextRowGroup < reader.rowGroupCount else { return nil }
            defer { nextRowGroup += 1 }
            return try await reader.readRowGroup(nextRowGroup)
        case let .text(reader):
            return try await reader.next()
        }
    }
}
