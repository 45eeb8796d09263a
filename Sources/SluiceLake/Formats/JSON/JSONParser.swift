/// A JSON syntax error at a byte offset of the text being parsed.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
}

/// Parses one complete JSON text (RFC 8259) held in memory — one NDJSON line or one
/// element of a top-level array — reporting errors by byte offset so the caller can
/// turn them into a line of the file.
struct JSONParser {
    /// Deeper nesting than this is refused rather than risking the stack.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The single value in `bytes`, which may be surrounded by whitespace.
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected \(parser.describeCurrent()) after the value") }
        return value
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("the text ends where a value should be") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected \(describeCurrent()) where a value should be")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        var members: [JSONMember] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a quoted key, found \(describeCurrent())")
            }
            let key = try string()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw error("expected ':' after key \(String(reflecting: key)), found \(describeCurrent())") }
            skipWhitespace()
            members.append(JSONMember(key: key, value: try value()))
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { depth -= 1; return .object(members) }
            guard consume(UInt8(ascii: ",")) else { throw error("expected ',' or '}' in an object, found \(describeCurrent())") }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { depth -= 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value())
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { depth -= 1; return .array(elements) }
            guard consume(UInt8(ascii: ",")) else { throw error("expected ',' or ']' in an array, found \(describeCurrent())") }
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        var utf8: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                try escape(into: &utf8)
            case 0..<0x20:
                throw error("control character 0x\(String(byte, radix: 16)) inside a string; write it as an escape such as \\n")
            default:
                utf8.append(byte)
                position += 1
            }
        }
        throw error("a string is never closed")
    }

    /// After a backslash: appends the escaped character's UTF-8.
    private mutating func escape(into utf8: inout [UInt8]) throws(JSONSyntaxError) {
        guard position < bytes.count else { throw error("a string is never closed") }
        let byte = bytes[position]
        position += 1
        let simple: UInt8? = switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple { utf8.append(simple); return }
        guard byte == UInt8(ascii: "u") else {
            position -= 1
            throw error("invalid escape \\\(describeCurrent())")
        }
        var scalar = try hexQuad()
        if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
           bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
            position += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw error("a high surrogate is not followed by a low one") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        // A lone surrogate has no UTF-8 form; it becomes U+FFFD, as decoders do.
        utf8.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
        else { throw error("\\u must be followed by four hexadecimal digits") }
        position += 4
        return value
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func number() throws(JSONSyntaxError) -> [UInt8] {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            if digits() > 0 { throw error("a number may not have leading zeros") }
        } else if digits() == 0 {
            throw error("expected a digit, found \(describeCurrent())")
        }
        if consume(UInt8(ascii: ".")), digits() == 0 { throw error("expected a digit after the decimal point") }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            if digits() == 0 { throw error("expected a digit in the exponent") }
        }
        return Array(bytes[start..<position])
    }

    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, TextScalar.isDigit(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        guard bytes[position...].starts(with: word.utf8) else {
            throw error("unexpected \(describeCurrent()) where a value should be")
        }
        position += word.utf8.count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, JSONParser.isWhitespace(bytes[position]) { position += 1 }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "the end of the text" }
        let byte = bytes[position]
        return (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message)
    }
}
