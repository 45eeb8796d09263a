#if _endian(big)
#error("The Parquet encodings copy little-endian values straight between pages and arrays.")
#endif

/// Unsigned LEB128 and zigzag integers as the encodings embed them in headers.
///
/// Reading works on a raw buffer with an explicit cursor so that hot decoders keep
/// their position in a register; every overrun becomes a ``ParquetError`` that names
/// the encoding and the byte where the integer started.
enum VarInt {
    /// Reads an unsigned LEB128 integer of at most `maxBits` (7...64) bits at `position`, advancing it.
    @inline(__always)
    static func read(_ input: UnsafeRawBufferPointer, at position: inout Int, maxBits: Int = 64, in encoding: StaticString) throws -> UInt64 {
        // One-byte integers (small run headers, bit widths) are the common case.
        if position < input.count {
            let first = input[position]
            if first < 0x80 {
                position += 1
                return UInt64(first)
            }
        }
        return try readSlow(input, at: &position, maxBits: maxBits, in: encoding)
    }

    private static func readSlow(_ input: UnsafeRawBufferPointer, at position: inout Int, maxBits: Int, in encoding: StaticString) throws -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < input.count else {
                throw ParquetError.truncated("\(encoding): varint at byte \(start) runs past the end of the data (\(input.count) bytes)")
            }
            let byte = input[position]
            position += 1
            // The tenth byte may carry only the top bit of a 64-bit value.
            if shift == 63 && byte > 1 { throw tooWide(start, maxBits, encoding) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        if maxBits < 64 && result >> UInt64(maxBits) != 0 { throw tooWide(start, maxBits, encoding) }
        return result
    }

    private static func tooWide(_ start: Int, _ maxBits: Int, _ encoding: StaticString) -> ParquetError {
        ParquetError.corrupt("\(encoding): varint at byte \(start) does not fit in \(maxBits) bits")
    }

    static func readZigZag(_ input: UnsafeRawBufferPointer, at position: inout Int, in encoding: StaticString) throws -> Int64 {
        decodeZigZag(try read(input, at: &position, in: encoding))
    }

    @inline(__always)
    static func decodeZigZag(_ raw: UInt64) -> Int64 {
        Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    @inline(__always)
    static func encodeZigZag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    static func write(_ value: UInt64, into output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    static func writeZigZag(_ value: Int64, into output: inout [UInt8]) {
        write(encodeZigZag(value), into: &output)
    }
}

extension Array {
    /// Grows the array by `count` elements that `initialize` writes straight into the
    /// array's storage; `initialize` must write every one of them and receives a pointer
    /// to the first. It is not called when `count` is 0.
    ///
    /// Decoders use this instead of per-element `append`, and instead of zero-filling
    /// and then overwriting, so that a page of values costs one capacity check and one
    /// pass over memory.
    @inline(__always)
    mutating func appendInPlace(count: Int, _ initialize: (UnsafeMutablePointer<Element>) -> Void) {
        guard count > 0 else { return }
        withoutActuallyEscaping(initialize) { initialize in
            append(contentsOf: ElementsWrittenInPlace(count: count, initialize: initialize))
        }
    }
}

/// A sequence that has no elements to iterate but writes `count` elements directly
/// into the uninitialized capacity `Array.append(contentsOf:)` hands to
/// `_copyContents(initializing:)` after reserving `underestimatedCount` slots.
/// This is the standard library's own bulk-copy hook, used here to fill an array
/// in place without a zero-fill or a temporary buffer.
private struct ElementsWrittenInPlace<Element>: Sequence {
    let count: Int
    let initialize: (UnsafeMutablePointer<Element>) -> Void

    var underestimatedCount: Int { count }

    func makeIterator() -> EmptyCollection<Element>.Iterator { EmptyCollection.Iterator() }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Element>) -> (EmptyCollection<Element>.Iterator, Int) {
        precondition(buffer.count >= count, "Array.append(contentsOf:) reserved less than underestimatedCount")
        initialize(buffer.baseAddress!)
        return (EmptyCollection.Iterator(), count)
    }
}

/// Copies `count` bytes from `source` to `target`, which must not overlap.
///
/// Most byte-array values are short, and a `memmove` call per value dominates their
/// decoding; when the caller knows 16 bytes are readable at `source` and writable at
/// `target` (`hasSlack`), values of up to 16 bytes move as two 8-byte words instead.
/// The bytes written past `count` are garbage the caller overwrites or trims.
@inline(__always)
func copyBytes(to target: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int, hasSlack: Bool) {
    if hasSlack && count <= 16 {
        let low = source.loadUnaligned(as: UInt64.self)
        let high = source.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        target.storeBytes(of: low, as: UInt64.self)
        target.storeBytes(of: high, toByteOffset: 8, as: UInt64.self)
    } else if count > 0 {
        target.copyMemory(from: source, byteCount: count)
    }
}
