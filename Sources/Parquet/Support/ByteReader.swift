/// A bounds-checked cursor over bytes.
///
/// Parsing code reads through this type so that a length field pointing past the
/// end of the buffer becomes a ``ParquetError`` with kind `.truncated` instead of a
/// trap. Hot loops take ``withRemainingBytes(_:)`` and do their own checks.
public struct ByteReader {
    public let bytes: [UInt8]
    public private(set) var offset: Int
    public let end: Int

    public init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    public var remaining: Int { end - offset }
    public var isAtEnd: Bool { offset >= end }

    public mutating func readByte() throws -> UInt8 {
        guard offset < end else { throw ParquetError.truncated("unexpected end of data at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads `count` bytes; a negative or oversized count is an error, never a trap.
    public mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0 else { throw ParquetError.corrupt("negative length \(count) at byte \(offset)") }
        guard count <= remaining else {
            throw ParquetError.truncated("need \(count) bytes at byte \(offset), only \(remaining) left")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func skip(_ count: Int) throws {
        _ = try readBytes(count)
    }

    public mutating func readUInt32LE() throws -> UInt32 {
        let s = try readBytes(4)
        let b = s.startIndex
        return UInt32(s[b]) | UInt32(s[b + 1]) << 8 | UInt32(s[b + 2]) << 16 | UInt32(s[b + 3]) << 24
    }

    /// Unsigned LEB128 varint, at most 10 bytes.
    public mutating func readVarUInt64() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw ParquetError.corrupt("varint overflows 64 bits at byte \(offset - 1)") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw ParquetError.corrupt("varint longer than 10 bytes at byte \(offset - 1)") }
        }
    }

    public mutating func readZigZagInt64() throws -> Int64 {
        let raw = try readVarUInt64()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public func withRemainingBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
        }
    }
}
