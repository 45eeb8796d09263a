/// Reads a Zstandard *backward* bitstream: the format used by Huffman literal
/// streams, FSE-compressed Huffman weights and the sequences section.
///
/// An encoder writes such a stream forwards, little-endian, then appends a single
/// `1` bit and pads to a byte. A decoder therefore starts at the last byte, skips
/// the padding and the marker, and reads bits from the most significant end of
/// the remaining data towards the first byte.
///
/// The reader keeps a 64-bit window (`container`) loaded from `position` and
/// counts how many of its high bits are already used (`bitsConsumed`). Callers
/// read several fields and then call ``reload()`` once, which slides the window
/// down by whole bytes; this keeps the hot loops free of per-bit bounds checks.
///
/// Reading past the start of the stream is not trapped: the missing bits read as
/// zeros and `bitsConsumed` grows beyond 64, which ``isOverflowed`` and
/// ``isFinished`` report. Hostile input can thus only produce wrong values, and
/// every consumer bounds those values before using them as indices.
struct ZstdBackwardBitReader {
    private let start: UnsafePointer<UInt8>
    private var position: UnsafePointer<UInt8>
    private var container: UInt64
    private(set) var bitsConsumed: Int

    init(_ bytes: UnsafePointer<UInt8>, count: Int) throws {
        guard count > 0 else { throw ParquetError.corrupt("zstd: empty bitstream") }
        let last = bytes[count - 1]
        guard last != 0 else { throw ParquetError.corrupt("zstd: bitstream lacks its end marker") }
        start = bytes
        let padding = last.leadingZeroBitCount + 1
        if count >= 8 {
            position = bytes + (count - 8)
            container = Self.load(position)
            bitsConsumed = padding
        } else {
            // Short streams live entirely in the container, right-aligned, so the
            // unused high bytes count as already consumed.
            position = bytes
            var value: UInt64 = 0
            for index in 0..<count { value |= UInt64(bytes[index]) << (8 * index) }
            container = value
            bitsConsumed = padding + (8 - count) * 8
        }
    }

    @inline(__always)
    private static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The next `count` bits (0...56) without consuming them.
    @inline(__always)
    func peek(_ count: Int) -> UInt64 {
        // Two shifts so that `count == 0` yields 0 instead of an undefined 64-bit shift.
        ((container &<< UInt64(truncatingIfNeeded: bitsConsumed)) &>> 1) &>> UInt64(truncatingIfNeeded: 63 &- count)
    }

    @inline(__always)
    mutating func skip(_ count: Int) {
        bitsConsumed &+= count
    }

    @inline(__always)
    mutating func read(_ count: Int) -> Int {
        let value = peek(count)
        bitsConsumed &+= count
        return Int(truncatingIfNeeded: value)
    }

    /// Refills the window so that at least 56 bits are available, unless the
    /// stream start is near (then everything left is in the window).
    @inline(__always)
    mutating func reload() {
        guard bitsConsumed <= 64 else { return }
        let distance = position - start
        if distance >= 8 {
            position -= bitsConsumed >> 3
            bitsConsumed &= 7
        } else if distance == 0 {
            return
        } else {
            let bytes = Swift.min(bitsConsumed >> 3, distance)
            position -= bytes
            bitsConsumed -= bytes * 8
        }
        container = Self.load(position)
    }

    /// More bits were read than the stream holds.
    var isOverflowed: Bool { bitsConsumed > 64 }

    /// Every bit was read, no more and no fewer.
    var isFinished: Bool { position == start && bitsConsumed == 64 }
}
