/// One record of a CSV file: its fields, raw (quotes removed, doubled quotes undone),
/// and the physical line it starts on.
struct CSVRecord {
    var line: Int
    var fields: [[UInt8]]
}

/// Splits CSV text into records, as RFC 4180 describes, pulling bytes from a
/// ``ChunkedByteReader`` so records may straddle chunks.
///
/// - A field in double quotes may hold the delimiter, CR, LF and doubled quotes (`""`
///   is one quote). After the closing quote only a delimiter or a line end may follow.
/// - Outside quotes a record ends at LF, CRLF or a lone CR; the last line needs no end.
/// - Blank lines are skipped wherever they are (as pyarrow does): they carry no fields.
/// - A quote inside an unquoted field (`5" disk`) is kept as a character, since
///   spreadsheets write such fields and refusing them helps nobody.
///
/// Line numbers are physical lines, 1-based, counting every line end including those
/// inside quoted fields, so an error names the line an editor shows.
struct CSVRecordParser {
    private var source: ChunkedByteReader
    let delimiter: UInt8
    let file: TextFile
    /// The physical line of the next byte.
    private(set) var line = 1

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    init(source: ChunkedByteReader, delimiter: UInt8, file: TextFile) {
        self.source = source
        self.delimiter = delimiter
        self.file = file
    }

    private enum State {
        /// At the start of a field: a quote here opens a quoted field.
        case fieldStart
        case unquoted
        case quoted(openedOnLine: Int)
        /// Just after the closing quote of a quoted field.
        case afterQuote
    }

    /// The next record, or `nil` at the end of the text.
    mutating func next() async throws -> CSVRecord? {
        while let byte = try await source.peek(), byte == Self.lf || byte == Self.cr {
            _ = try await source.next()
            try await consumeLineEnd(byte)
        }
        guard try await source.peek() != nil else { return nil }
        // A local copy: the fast-path closure below must not capture `self` while `source` is mutated.
        let delimiter = delimiter
        var record = CSVRecord(line: line, fields: [])
        var field: [UInt8] = []
        var state = State.fieldStart
        while true {
            guard let byte = try await source.next() else {
                if case let .quoted(openedOnLine) = state {
                    throw file.malformed(line: openedOnLine, "quoted field \(record.fields.count + 1) is never closed")
                }
                record.fields.append(field)
                return record
            }
            switch state {
            case .fieldStart where byte == Self.quote:
                state = .quoted(openedOnLine: line)
            case .fieldStart, .unquoted, .afterQuote:
                if byte == delimiter {
                    record.fields.append(field)
                    field = []
                    state = .fieldStart
                } else if byte == Self.lf || byte == Self.cr {
                    try await consumeLineEnd(byte)
                    record.fields.append(field)
                    return record
                } else if case .afterQuote = state {
                    throw file.malformed(line: line, "field \(record.fields.count + 1) has \(Self.describe(byte)) after its closing quote; a quote inside a quoted field is written twice (\"\")")
                } else {
                    field.append(byte)
                    state = .unquoted
                    source.move(into: &field) { $0 != delimiter && $0 != Self.lf && $0 != Self.cr }
                }
            case .quoted:
                if byte == Self.quote {
                    if try await source.peek() == Self.quote {
                        _ = try await source.next()
                        field.append(Self.quote)
                    } else {
                        state = .afterQuote
                    }
                } else {
                    field.append(byte)
                    if byte == Self.lf || byte == Self.cr {
                        try await countLineEnd(byte)
                    }
                    source.move(into: &field) { $0 != Self.quote && $0 != Self.lf && $0 != Self.cr }
                }
            }
        }
    }

    /// After a CR or LF outside quotes: swallows the LF of a CRLF and counts one line.
    private mutating func consumeLineEnd(_ byte: UInt8) async throws {
        if byte == Self.cr, try await source.peek() == Self.lf {
            _ = try await source.next()
        }
        line += 1
    }

    /// After a CR or LF inside quotes, where the bytes are kept: a CRLF counts once, at its LF.
    private mutating func countLineEnd(_ byte: UInt8) async throws {
        if byte == Self.cr, try await source.peek() == Self.lf { return }
        line += 1
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
