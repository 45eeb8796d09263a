/// BYTE_STREAM_SPLIT: byte `k` of every value goes to stream `k`, and the streams are
/// stored one after another. It compresses better than PLAIN for floats; decoding is
/// a transpose, specialized for the common widths so the inner loop is unrolled.
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
            case 2: transpose(source, into: target, count: count, width: 2)
            case 4: transpose(source, into: target, count: count, width: 4)
            case 8: transpose(source, into: target, count: count, width: 8)
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

    @inline(__always)
    private static func transpose(_ source: UnsafePointer<UInt8>, into target: UnsafeMutablePointer<UInt8>, count: Int, width: Int) {
        for index in 0..<count {
            for stream in 0..<width { target[index * width + stream] = source[stream * count + index] }
        }
    }
}
