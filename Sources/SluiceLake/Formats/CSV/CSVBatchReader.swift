import SluiceCore

/// Reads a CSV file from any ``ObjectStore`` as ``RecordBatch``es, streaming it through
/// ranged reads of ``CSVReadOptions/chunkSize`` bytes.
///
/// ```swift
/// let reader = try await CSVBatchReader.open("trades.csv", in: store)
/// print(reader.fields)                 // names from the header, inferred types
/// while let batch = try await reader.next() { … }
/// ```
///
/// **Layout.** The first record is the header and is required. A UTF-8 byte order mark
/// is skipped. Quoting follows RFC 4180 (see ``CSVRecordParser``); LF, CRLF and lone CR
/// line ends are accepted and blank lines skipped. The delimiter is detected unless
/// given (see ``CSVDelimiterDetection``).
///
/// **Column names.** Header fields are taken as written. An empty one is named
/// `column_N`, N being its 1-based position; a name that occurs twice (after that
/// renaming) is an error naming it, since silently renaming would make a query on
/// that name read the wrong column.
///
/// **Types.** Inferred from the first ``CSVReadOptions/sampleRows`` data rows: each
/// column gets the first of boolean, int64, float64, date, timestamp (no zone),
/// timestamp (UTC) that every non-empty sampled value reads as, else string (see
/// ``TextScalar`` for the spellings and ``TypeCandidates`` for how they mix). An empty
/// field, quoted or not, is null; a column with no value in the sample is string.
/// Timestamps are kept in microseconds.
///
/// **Errors.** All are ``LakeError/Kind/malformedData`` naming the file and the physical
/// line where the record starts: a record with a different number of fields than the
/// header, a quoted field never closed (the line of its opening quote), text after a
/// closing quote, and a value after the sample that does not read as its column's type
/// (naming the column and value; raise ``CSVReadOptions/sampleRows`` to widen the type).
public final class CSVBatchReader: RecordBatchReader {
    public let fields: [Field]
    /// The delimiter in use, detected or given.
    public let delimiter: UInt8
    private let options: CSVReadOptions
    private let file: TextFile
    private var parser: CSVRecordParser
    /// Sampled records not yet handed out, in file order.
    private var sample: ArraySlice<CSVRecord>

    private init(fields: [Field], delimiter: UInt8, options: CSVReadOptions, file: TextFile,
                 parser: CSVRecordParser, sample: [CSVRecord]) {
        self.fields = fields
        self.delimiter = delimiter
        self.options = options
        self.file = file
        self.parser = parser
        self.sample = sample[...]
    }

    /// Reads the header and the sample of `key` and infers the column types.
    public static func open(_ key: String, in store: any ObjectStore, options: CSVReadOptions = .init()) async throws -> CSVBatchReader {
        let file = TextFile(store: store, key: key)
        let prefix = try await TextPrefix.read(key, in: store, length: max(options.detectionBytes, options.chunkSize))
        let delimiter: UInt8
        if let given = options.delimiter {
            delimiter = given
        } else {
            delimiter = await CSVDelimiterDetection.detect(in: prefix, file: file)
        }
        var parser = CSVRecordParser(source: prefix.reader(store: store, key: key, chunkSize: options.chunkSize),
                                     delimiter: delimiter, file: file)
        guard let header = try await parser.next() else {
            throw file.malformed("no header row: a CSV file must start with a row of column names")
        }
        let names = try columnNames(header, file: file)
        var inference = Array(repeating: ColumnTypeInference(), count: names.count)
        var sample: [CSVRecord] = []
        while sample.count < options.sampleRows, let record = try await parser.next() {
            try checkWidth(record, expected: names.count, file: file)
            for (index, field) in record.fields.enumerated() where !field.isEmpty {
                inference[index].observe(TypeCandidates.of(text: field))
            }
            sample.append(record)
        }
        let fields = zip(names, inference).map { Field($0, $1.type()) }
        return CSVBatchReader(fields: fields, delimiter: delimiter, options: options, file: file, parser: parser, sample: sample)
    }

    public func next() async throws -> RecordBatch? {
        var builders = fields.map(ColumnBuilder.init)
        var rows = 0
        while rows < options.batchRows, let record = try await nextRecord() {
            try Self.checkWidth(record, expected: fields.count, file: file)
            for (index, text) in record.fields.enumerated() {
                if text.isEmpty {
                    builders[index].appendNull()
                } else if !builders[index].append(text: text) {
                    throw file.malformed(line: record.line, """
                        column \(String(reflecting: fields[index].name)) value \(String(reflecting: String(decoding: text, as: UTF8.self))) \
                        is not \(fields[index].type), the type inferred from the first \(options.sampleRows) rows; \
                        raise CSVReadOptions.sampleRows to infer from more rows
                        """)
                }
            }
            rows += 1
        }
        guard rows > 0 else { return nil }
        return try RecordBatch(columns: builders.indices.map { try builders[$0].finish() })
    }

    private func nextRecord() async throws -> CSVRecord? {
        if let record = sample.popFirst() { return record }
        return try await parser.next()
    }

    private static func checkWidth(_ record: CSVRecord, expected: Int, file: TextFile) throws {
        guard record.fields.count != expected else { return }
        throw file.malformed(line: record.line, "record has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(expected)")
    }

    private static func columnNames(_ header: CSVRecord, file: TextFile) throws -> [String] {
        var seen: [String: Int] = [:]
        return try header.fields.enumerated().map { index, raw in
            let name = raw.isEmpty ? "column_\(index + 1)" : String(decoding: raw, as: UTF8.self)
            if let earlier = seen.updateValue(index + 1, forKey: name) {
                throw file.malformed(line: header.line, "header names column \(String(reflecting: name)) twice (fields \(earlier) and \(index + 1))")
            }
            return name
        }
    }
}
