/// BYTE_STREAM_SPLIT: byte `k` of every value goes to stream `k`, and the streams are
/// stored one after another. It compresses better than PLAIN for floats; decoding is
/// a transpose, done for widths 2, 4 and 8 (INT32, INT64, FLOAT, DOUBLE, FLOAT16) a block
/// of 8 values at a time in registers.
enum ByteStreamSplit {
    /// `count` values of `width` bytes each, re-interleaved to little-endian value order.
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, width: Int, appendingTo output: inout [UInt8]) throws -> Int {
        guard count >= 0, width >= 0 else {
            throw ParquetError.invalidArgument("BYTE_STREAM_SPLIT: negative count \(count) or width \(width)")
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, byteCount <= input.count else {
            throw ParquetError.truncated("BYTE_STREAM_SPLIT: \(count) values of \(width) bytes need more than the \(input.count) bytes left")
        }
        output.appendInPlace(count: byteCount) { target in
            let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
            switch width {
            case 2: transposeBlocks(source, into: target, count: count, width: 2)
            case 4: transposeBlocks(source, into: target, count: count, width: 4)
            case 8: transposeBlocks(source, into: target, count: count, width: 8)
            default: transpose(source, into: target, count: count, width: width)
            }
        }
        return byteCount
    }

    static func encode(_ values: UnsafeRawBufferPointer, width: Int, into output: inout [UInt8]) {
        precondition(width > 0 && values.count % width == 0, "BYTE_STREAM_SPLIT: \(values.count) bytes are not whole values of width \(width)")
        let count = values.count / width
        output.appendInPlace(count: values.count) { target in
            let source = values.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for index in 0..<count {
                for stream in 0..<width { target[stream * count + index] = source[index * width + stream] }
            }
        }
    }

    /// Transposes blocks of 8 values at once: 8 bytes from each stream form the rows
    /// of an 8x8 byte matrix (rows past `width` are zero), three rounds of masked swaps
    /// transpose it in registers, and row `j` is then value `j`. The tail goes byte by byte.
    @inline(__always)
    private static func transposeBlocks(_ source: UnsafePointer<UInt8>, into target: UnsafeMutablePointer<UInt8>, count: Int, width: Int) {
        let raw = UnsafeRawPointer(source)
        let out = UnsafeMutableRawPointer(target)
        func row(_ stream: Int, _ index: Int) -> UInt64 {
            stream < width ? UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: stream * count + index, as: UInt64.self)) : 0
        }
        func swap(_ a: inout UInt64, _ b: inout UInt64, shift: UInt64, mask: UInt64) {
            let t = ((a >> shift) ^ b) & mask
            b ^= t
            a ^= t << shift
        }
        let blocks = count / 8
        for block in 0..<blocks {
            let index = block * 8
            var x0 = row(0, index), x1 = row(1, index), x2 = row(2, index), x3 = row(3, index)
            var x4 = row(4, index), x5 = row(5, index), x6 = row(6, index), x7 = row(7, index)
            let bytes: UInt64 = 0x00FF_00FF_00FF_00FF, pairs: UInt64 = 0x0000_FFFF_0000_FFFF, quads: UInt64 = 0x0000_0000_FFFF_FFFF
            swap(&x0, &x1, shift: 8, mask: bytes); swap(&x2, &x3, shift: 8, mask: bytes)
            swap(&x4, &x5, shift: 8, mask: bytes); swap(&x6, &x7, shift: 8, mask: bytes)
            swap(&x0, &x2, shift: 16, mask: pairs); swap(&x1, &x3, shift: 16, mask: pairs)
            swap(&x4, &x6, shift: 16, mask: pairs); swap(&x5, &x7, shift: 16, mask: pairs)
            swap(&x0, &x4, shift: 32, mask: quads); swap(&x1, &x5, shift: 32, mask: quads)
            swap(&x2, &x6, shift: 32, mask: quads); swap(&x3, &x7, shift: 32, mask: quads)
            let first = out + index * width
            store(x0, at: first, width: width); store(x1, at: first + width, width: width)
            store(x2, at: first + 2 * width, width: width); store(x3, at: first + 3 * width, width: width)
            store(x4, at: first + 4 * width, width: width); store(x5, at: first + 5 * width, width: width)
            store(x6, at: first + 6 * width, width: width); store(x7, at: first + 7 * width, width: width)
        }
        for index in (blocks * 8)..<count {
            for stream in 0..<width { target[index * width + stream] = source[stream * count + index] }
        }
    }

    @inline(__always)
    private static func store(_ value: UInt64, at target: UnsafeMutableRawPointer, width: Int) {
        switch width {
        case 2: target.storeBytes(of: UInt16(truncatingIfNeeded: value).littleEndian, as: UInt16.self)
        case 4: target.storeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian, as: UInt32.self)
        default: target.storeBytes(of: value.littleEndian, as: UInt64.self)
        }
    }

    @inline(__always)
    private static func transpose(_ source: UnsafePointer<UInt8>, into target: UnsafeMutablePointer<UInt8>, count: Int, width: Int) {
        for index in 0..<count {
            for stream in 0..<width { target[index * width + stream] = source[stream * count + index] }
        }
    }
}
