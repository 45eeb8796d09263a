/// LSB-first bit packing, the layout shared by the RLE hybrid's literal runs,
/// PLAIN booleans and DELTA_BINARY_PACKED miniblocks.
///
/// Values are packed in groups of 8, so a group of width `w` is exactly `w` bytes
/// and every group starts on a byte boundary. Unpacking reads each value with one
/// unaligned 64-bit load, shift and mask; that needs up to 8 readable bytes past
/// the value's first byte, so groups near the end of the input are first copied
/// into a zero-padded scratch buffer. Callers guarantee that `groups * w` bytes exist.
enum BitUnpacking {
    /// Unpacks `groups * 8` values of `bitWidth` (0...32) bits from `input`, which has
    /// `available` readable bytes (at least `groups * bitWidth`), into `output`.
    static func unpack32(_ input: UnsafeRawPointer, available: Int, bitWidth: Int, groups: Int, into output: UnsafeMutablePointer<UInt32>) {
        assert(0...32 ~= bitWidth && available >= groups * bitWidth)
        guard bitWidth > 0 else {
            output.initialize(repeating: 0, count: groups * 8)
            return
        }
        // Groups whose last load (at most `bitWidth - 1 + 8` bytes in) stays inside the input.
        let direct = available >= bitWidth + 8 ? min(groups, (available - 8) / bitWidth) : 0
        unpack32Direct(input, bitWidth: bitWidth, groups: direct, into: output)
        for group in direct..<groups {
            withPaddedGroup(input + group * bitWidth, byteCount: bitWidth) { padded in
                unpack32Direct(padded, bitWidth: bitWidth, groups: 1, into: output + group * 8)
            }
        }
    }

    /// Unpacks `groups * 8` values of `bitWidth` (0...64) bits; the 64-bit counterpart of ``unpack32(_:available:bitWidth:groups:into:)``.
    static func unpack64(_ input: UnsafeRawPointer, available: Int, bitWidth: Int, groups: Int, into output: UnsafeMutablePointer<UInt64>) {
        assert(0...64 ~= bitWidth && available >= groups * bitWidth)
        guard bitWidth > 0 else {
            output.initialize(repeating: 0, count: groups * 8)
            return
        }
        // A value may straddle two 64-bit loads, so the last load can end `bitWidth + 16` bytes in.
        let direct = available >= bitWidth + 16 ? min(groups, (available - 16) / bitWidth) : 0
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        for group in 0..<groups {
            if group < direct {
                unpack64Group(input + group * bitWidth, bitWidth: bitWidth, mask: mask, into: output + group * 8)
            } else {
                withPaddedGroup(input + group * bitWidth, byteCount: bitWidth) { padded in
                    unpack64Group(padded, bitWidth: bitWidth, mask: mask, into: output + group * 8)
                }
            }
        }
    }

    /// Copies one group's bytes into zeroed scratch with room for the over-reading loads.
    @inline(__always)
    private static func withPaddedGroup(_ group: UnsafeRawPointer, byteCount: Int, _ body: (UnsafeRawPointer) -> Void) {
        withUnsafeTemporaryAllocation(byteCount: 96, alignment: 8) { scratch in
            scratch.initializeMemory(as: UInt8.self, repeating: 0)
            scratch.baseAddress!.copyMemory(from: group, byteCount: byteCount)
            body(UnsafeRawPointer(scratch.baseAddress!))
        }
    }

    @inline(__always)
    private static func load64(_ pointer: UnsafeRawPointer, _ byteOffset: Int) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: byteOffset, as: UInt64.self))
    }

    /// Dispatches to a copy of the group loop per width: with the width a constant,
    /// the compiler unrolls the 8 values into fixed loads, shifts and masks.
    private static func unpack32Direct(_ input: UnsafeRawPointer, bitWidth: Int, groups: Int, into output: UnsafeMutablePointer<UInt32>) {
        switch bitWidth {
        case 1: unpack32Groups(input, 1, groups, output)
        case 2: unpack32Groups(input, 2, groups, output)
        case 3: unpack32Groups(input, 3, groups, output)
        case 4: unpack32Groups(input, 4, groups, output)
        case 5: unpack32Groups(input, 5, groups, output)
        case 6: unpack32Groups(input, 6, groups, output)
        case 7: unpack32Groups(input, 7, groups, output)
        case 8: unpack32Groups(input, 8, groups, output)
        case 9: unpack32Groups(input, 9, groups, output)
        case 10: unpack32Groups(input, 10, groups, output)
        case 11: unpack32Groups(input, 11, groups, output)
        case 12: unpack32Groups(input, 12, groups, output)
        case 13: unpack32Groups(input, 13, groups, output)
        case 14: unpack32Groups(input, 14, groups, output)
        case 15: unpack32Groups(input, 15, groups, output)
        case 16: unpack32Groups(input, 16, groups, output)
        case 17: unpack32Groups(input, 17, groups, output)
        case 18: unpack32Groups(input, 18, groups, output)
        case 19: unpack32Groups(input, 19, groups, output)
        case 20: unpack32Groups(input, 20, groups, output)
        case 21: unpack32Groups(input, 21, groups, output)
        case 22: unpack32Groups(input, 22, groups, output)
        case 23: unpack32Groups(input, 23, groups, output)
        case 24: unpack32Groups(input, 24, groups, output)
        case 25: unpack32Groups(input, 25, groups, output)
        case 26: unpack32Groups(input, 26, groups, output)
        case 27: unpack32Groups(input, 27, groups, output)
        case 28: unpack32Groups(input, 28, groups, output)
        case 29: unpack32Groups(input, 29, groups, output)
        case 30: unpack32Groups(input, 30, groups, output)
        case 31: unpack32Groups(input, 31, groups, output)
        case 32: UnsafeMutableRawPointer(output).copyMemory(from: input, byteCount: groups * 32)
        default: preconditionFailure("bit width \(bitWidth) outside 1...32")
        }
    }

    @inline(__always)
    private static func unpack32Groups(_ input: UnsafeRawPointer, _ bitWidth: Int, _ groups: Int, _ output: UnsafeMutablePointer<UInt32>) {
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        var source = input
        var target = output
        for _ in 0..<groups {
            for i in 0..<8 {
                let bit = i * bitWidth
                target[i] = UInt32(truncatingIfNeeded: (load64(source, bit >> 3) >> UInt64(bit & 7)) & mask)
            }
            source += bitWidth
            target += 8
        }
    }

    @inline(__always)
    private static func unpack64Group(_ input: UnsafeRawPointer, bitWidth: Int, mask: UInt64, into output: UnsafeMutablePointer<UInt64>) {
        for i in 0..<8 {
            let bit = i * bitWidth
            let shift = bit & 7
            var value = load64(input, bit >> 3) >> UInt64(shift)
            if shift + bitWidth > 64 {
                value |= load64(input, (bit >> 3) + 8) << UInt64(64 - shift)
            }
            output[i] = value & mask
        }
    }
}

/// The writing side of ``BitUnpacking``.
enum BitPacking {
    /// Appends `slots * bitWidth / 8` bytes (rounded up): `values[0..<count]` packed LSB-first
    /// at `bitWidth` (0...64) bits each, then zero values up to `slots`. Values must fit the width.
    static func pack<T: FixedWidthInteger & UnsignedInteger>(_ values: UnsafePointer<T>, count: Int, slots: Int, bitWidth: Int, into output: inout [UInt8]) {
        let byteCount = (slots * bitWidth + 7) / 8
        guard byteCount > 0 else { return }
        output.appendInPlace(count: byteCount) { target in
            var cursor = UnsafeMutableRawPointer(target)
            var word: UInt64 = 0
            var filled = 0
            for index in 0..<count {
                let value = UInt64(truncatingIfNeeded: values[index])
                word |= value &<< UInt64(filled)
                filled += bitWidth
                if filled >= 64 {
                    cursor.storeBytes(of: word.littleEndian, as: UInt64.self)
                    cursor += 8
                    filled -= 64
                    // The bits of `value` that did not fit in the stored word start the next one.
                    word = filled == 0 ? 0 : value &>> UInt64(bitWidth - filled)
                }
            }
            // The partial word, then zero bytes for padding slots no value reached.
            var remaining = (filled + 7) / 8
            while remaining > 0 {
                cursor.storeBytes(of: UInt8(truncatingIfNeeded: word), as: UInt8.self)
                cursor += 1
                word >>= 8
                remaining -= 1
            }
            let end = UnsafeMutableRawPointer(target + byteCount)
            cursor.initializeMemory(as: UInt8.self, repeating: 0, count: end - cursor)
        }
    }
}
