/// The text of one record of a JSON file and the line it starts on.
struct JSONRecordText {
    var line: Int
    var bytes: [UInt8]
}

/// Cuts a JSON file into the texts of its records without parsing them, pulling bytes
/// from a ``ChunkedByteReader``, so a large top-level array is read one element at a time.
///
/// - ``Layout/lines`` (NDJSON, JSON Lines): one record per line; blank lines are skipped
///   and a CR before the LF is dropped.
/// - ``Layout/array``: the elements of one top-level array. An element ends at a `,` or
///   `]` outside strings and brackets; only whitespace may follow the closing `]`.
///
/// Line numbers are 1-based physical lines of the file.
struct JSONRecordSplitter {
    typealias Layout = JSONBatchReader.Layout

    let layout: Layout
    let file: TextFile
    private var source: ChunkedByteReader
    private var line: Int
    private var arrayState = ArrayState.beforeOpening
    /// The line of the top-level `[`, named when the array is never closed.
    private var openingLine = 1

    private enum ArrayState {
        case beforeOpening
        /// After `[`: an element or `]` follows.
        case afterOpening
        /// After `,`: an element must follow.
        case afterComma
        case closed
    }

    private static let lf = UInt8(ascii: "\n")

    /// `line` is the line of the next byte `source` returns.
    init(source: ChunkedByteReader, layout: Layout, file: TextFile, line: Int) {
        self.source = source
        self.line = line
        self.layout = layout
        self.file = file
    }

    /// The next record's text, or `nil` at the end of the file.
    mutating func next() async throws -> JSONRecordText? {
        switch layout {
        case .lines: try await nextLine()
        case .array: try await nextElement()
        }
    }

    private mutating func nextLine() async throws -> JSONRecordText? {
        while true {
            guard try await source.peek() != nil else { return nil }
            var bytes: [UInt8] = []
            let start = line
            while let byte = try await source.next() {
                if byte == Self.lf { line += 1; break }
                bytes.append(byte)
                source.move(into: &bytes) { $0 != Self.lf }
            }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if !bytes.allSatisfy(JSONParser.isWhitespace) { return JSONRecordText(line: start, bytes: bytes) }
        }
    }

    private mutating func nextElement() async throws -> JSONRecordText? {
        if case .beforeOpening = arrayState {
            guard try await skipWhitespace() == UInt8(ascii: "[") else {
                throw file.malformed(line: line, "expected '[' to open the top-level array")
            }
            _ = try await source.next()
            openingLine = line
            arrayState = .afterOpening
        }
        if case .closed = arrayState {
            if try await skipWhitespace() != nil {
                throw file.malformed(line: line, "unexpected text after the closing ']' of the top-level array")
            }
            return nil
        }
        let first = try await skipWhitespace()
        if case .afterOpening = arrayState, first == UInt8(ascii: "]") {
            _ = try await source.next()
            arrayState = .closed
            return try await nextElement()
        }
        guard let first, first != UInt8(ascii: ","), first != UInt8(ascii: "]") else {
            let found = first.map { "'\(Character(Unicode.Scalar($0)))'" } ?? "the end of the file"
            throw file.malformed(line: line, "expected an array element, found \(found)")
        }
        let element = JSONRecordText(line: line, bytes: try await elementBytes())
        switch try await source.next() {
        case UInt8(ascii: ",")?: arrayState = .afterComma
        case UInt8(ascii: "]")?: arrayState = .closed
        default:
            throw file.malformed(line: openingLine, "the top-level array opened here is never closed")
        }
        return element
    }

    /// The bytes of one element, up to (not including) the `,` or `]` that ends it.
    private mutating func elementBytes() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        while let byte = try await source.peek() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 && byte == UInt8(ascii: "]") { return bytes }
                    depth = max(depth - 1, 0)
                case UInt8(ascii: ","):
                    if depth == 0 { return bytes }
                default: break
                }
            }
            bytes.append(byte)
            _ = try await source.next()
            if byte == Self.lf { line += 1 }
        }
        return bytes
    }

    /// Skips whitespace, counting lines; returns the next byte without consuming it.
    private mutating func skipWhitespace() async throws -> UInt8? {
        while let byte = try await source.peek(), JSONParser.isWhitespace(byte) {
            _ = try await source.next()
            if byte == Self.lf { line += 1 }
        }
        return try await source.peek()
    }
}
