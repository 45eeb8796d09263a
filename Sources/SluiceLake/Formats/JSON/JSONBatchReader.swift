import SluiceCore

/// Reads a JSON file of records from any ``ObjectStore`` as ``RecordBatch``es,
/// streaming it through ranged reads of ``JSONReadOptions/chunkSize`` bytes.
///
/// ```swift
/// let reader = try await JSONBatchReader.open("events.ndjson", in: store)
/// while let batch = try await reader.next() { … }
/// ```
///
/// **Layout.** Detected from the first byte that is not whitespace (after an optional
/// UTF-8 byte order mark): `[` is one top-level array of objects, `{` is one object per
/// line (NDJSON / JSON Lines). An empty file, or one whose records have no keys, has no
/// columns and yields no batches.
///
/// **Columns.** The keys of the first ``JSONReadOptions/sampleRows`` records, in the
/// order they first appear, with nested objects flattened to dotted names (see
/// ``JSONRecordFlattening``). A key missing from a record is null there.
///
/// **Types.** Per column, over the sample's non-null values: all booleans → boolean;
/// all integers within `Int64` → int64; numbers, integers or not → float64; strings that
/// all spell dates (`YYYY-MM-DD`) or timestamps (see ``TextScalar``) → date or timestamp
/// (microseconds; UTC when they carry a zone); other strings → string; arrays → json
/// (the array's JSON text). Values of incompatible kinds (a number here, a string there)
/// → string, holding a string's text as it is and any other value's JSON text. A column
/// with only nulls in the sample is string.
///
/// **Errors.** All are ``LakeError/Kind/malformedData`` naming the file and a line:
/// invalid JSON (the line of the offending byte), a record that is not an object, a
/// key first seen after the sample, and a value after the sample that does not fit its
/// column's type (raise ``JSONReadOptions/sampleRows``).
public final class JSONBatchReader: RecordBatchReader {
    public let fields: [Field]
    public let layout: Layout
    private let options: JSONReadOptions
    private let file: TextFile
    private var splitter: JSONRecordSplitter
    private let columnIndex: [String: Int]
    private var sample: ArraySlice<FlatRecord>

    /// How the records are laid out in the file.
    public enum Layout: Sendable, Equatable {
        /// One top-level array of objects.
        case array
        /// One object per line (NDJSON, JSON Lines).
        case lines
    }

    /// One record, flattened, and the line it starts on.
    private struct FlatRecord {
        var line: Int
        var columns: [(name: String, value: JSONValue)]
    }

    private init(fields: [Field], layout: Layout, options: JSONReadOptions, file: TextFile,
                 splitter: JSONRecordSplitter, sample: [FlatRecord]) {
        self.fields = fields
        self.layout = layout
        self.options = options
        self.file = file
        self.splitter = splitter
        self.sample = sample[...]
        self.columnIndex = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
    }

    /// Detects the layout, reads the sample of `key` and infers the columns and their types.
    public static func open(_ key: String, in store: any ObjectStore, options: JSONReadOptions = .init()) async throws -> JSONBatchReader {
        let file = TextFile(store: store, key: key)
        let prefix = try await TextPrefix.read(key, in: store, length: options.chunkSize)
        var source = prefix.reader(store: store, key: key, chunkSize: options.chunkSize)
        let (layout, line) = try await detectLayout(&source, file: file)
        var splitter = JSONRecordSplitter(source: source, layout: layout, file: file, line: line)
        var names: [String] = []
        var inference: [String: ColumnTypeInference] = [:]
        var sample: [FlatRecord] = []
        while sample.count < options.sampleRows, let record = try await nextRecord(&splitter, file: file) {
            for (name, value) in record.columns {
                if inference[name] == nil {
                    names.append(name)
                    inference[name] = ColumnTypeInference()
                }
                if let candidates = candidates(of: value) { inference[name]!.observe(candidates) }
            }
            sample.append(record)
        }
        let fields = names.map { Field($0, inference[$0]!.type()) }
        return JSONBatchReader(fields: fields, layout: layout, options: options, file: file, splitter: splitter, sample: sample)
    }

    public func next() async throws -> RecordBatch? {
        guard !fields.isEmpty else { return nil }
        var builders = fields.map(ColumnBuilder.init)
        var rows = 0
        while rows < options.batchRows, let record = try await nextRecord() {
            for (name, value) in record.columns {
                guard let index = columnIndex[name] else {
                    throw file.malformed(line: record.line, """
                        key \(String(reflecting: name)) is not in the first \(options.sampleRows) records, \
                        which set the columns; raise JSONReadOptions.sampleRows to include it
                        """)
                }
                guard Self.append(value, to: &builders[index]) else {
                    throw file.malformed(line: record.line, """
                        key \(String(reflecting: name)) value \(value.jsonText) is not \(fields[index].type), \
                        the type inferred from the first \(options.sampleRows) records; raise JSONReadOptions.sampleRows to infer from more records
                        """)
                }
            }
            rows += 1
            // Keys this record lacks are null.
            for index in builders.indices where builders[index].count < rows { builders[index].appendNull() }
        }
        guard rows > 0 else { return nil }
        return try RecordBatch(columns: builders.indices.map { try builders[$0].finish() })
    }

    private func nextRecord() async throws -> FlatRecord? {
        if let record = sample.popFirst() { return record }
        return try await Self.nextRecord(&splitter, file: file)
    }

    /// Skips leading whitespace; returns the layout and the line of the first record's byte.
    private static func detectLayout(_ source: inout ChunkedByteReader, file: TextFile) async throws -> (Layout, line: Int) {
        var line = 1
        while let byte = try await source.peek(), JSONParser.isWhitespace(byte) {
            if byte == UInt8(ascii: "\n") { line += 1 }
            _ = try await source.next()
        }
        switch try await source.peek() {
        case UInt8(ascii: "[")?: return (.array, line)
        case UInt8(ascii: "{")?, nil: return (.lines, line)
        default: throw file.malformed(line: line, "a JSON file of records starts with '[' (an array of objects) or '{' (one object per line)")
        }
    }

    /// The next record, parsed and flattened; errors name the line of the offending byte.
    private static func nextRecord(_ splitter: inout JSONRecordSplitter, file: TextFile) async throws -> FlatRecord? {
        guard let text = try await splitter.next() else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text.bytes)
        } catch {
            let line = text.line + text.bytes[..<error.offset].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            throw file.malformed(line: line, "invalid JSON: \(error.message)")
        }
        guard case let .object(members) = value else {
            throw file.malformed(line: text.line, "expected a JSON object as a record, found \(value.kindName)")
        }
        return FlatRecord(line: text.line, columns: JSONRecordFlattening.flatten(members))
    }

    /// The types a value allows; `nil` for null, which allows any.
    private static func candidates(of value: JSONValue) -> TypeCandidates? {
        switch value {
        case .null: nil
        case .bool: .boolean
        case let .number(text): TextScalar.int64(text) != nil ? TypeCandidates([.int64, .float64]) : .float64
        case let .string(text): TypeCandidates.temporal(text.utf8)
        case .array, .object: .json
        }
    }

    /// Appends `value` read as the builder's type; `false` when it does not fit.
    private static func append(_ value: JSONValue, to builder: inout ColumnBuilder) -> Bool {
        switch (builder.field.type, value) {
        case (_, .null):
            builder.appendNull()
        case let (.boolean, .bool(flag)):
            builder.append(flag)
        case let (.int64, .number(text)), let (.float64, .number(text)):
            return builder.append(text: text)
        case let (.date, .string(text)), let (.timestamp, .string(text)), let (.string, .string(text)):
            return builder.append(text: text.utf8)
        case (.string, _), (.json, _):
            builder.append(bytes: value.jsonText.utf8)
        default:
            return false
        }
        return true
    }
}
