/// PLAIN, the encoding every physical type supports: values back to back in
/// little-endian order, booleans bit-packed LSB-first, INT96 as 12 bytes, BYTE_ARRAY
/// as a u32 length before each value, FIXED_LEN_BYTE_ARRAY as raw bytes.
///
/// Every decoder appends exactly `count` values to `output` and returns the number of
/// input bytes consumed; every encoder appends its bytes to `output`. Fixed-width
/// decoders check the whole page length once and then copy in bulk, so a hostile
/// `count` is rejected before anything is allocated for it.
enum PlainEncoding {
    static func decodeBooleans(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Bool]) throws -> Int {
        let byteCount = try requireBytes(input, count: count, bytesEach: 1, bitsOnly: true, type: "BOOLEAN")
        output.appendInPlace(count: count) { target in
            let source = input.baseAddress!
            let whole = count / 8
            for byteIndex in 0..<whole {
                let byte = source.load(fromByteOffset: byteIndex, as: UInt8.self)
                for bit in 0..<8 { target[byteIndex * 8 + bit] = (byte >> UInt8(bit)) & 1 != 0 }
            }
            if whole < byteCount {
                let byte = source.load(fromByteOffset: whole, as: UInt8.self)
                for bit in 0..<(count - whole * 8) { target[whole * 8 + bit] = (byte >> UInt8(bit)) & 1 != 0 }
            }
        }
        return byteCount
    }

    static func decodeInt32(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]) throws -> Int {
        try copyLittleEndian(input, count: count, type: "INT32", into: &output)
    }

    static func decodeInt64(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int {
        try copyLittleEndian(input, count: count, type: "INT64", into: &output)
    }

    static func decodeFloat(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Float]) throws -> Int {
        try copyLittleEndian(input, count: count, type: "FLOAT", into: &output)
    }

    static func decodeDouble(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]) throws -> Int {
        try copyLittleEndian(input, count: count, type: "DOUBLE", into: &output)
    }

    static func decodeInt96(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int96]) throws -> Int {
        let byteCount = try requireBytes(input, count: count, bytesEach: 12, type: "INT96")
        output.appendInPlace(count: count) { target in
            let source = input.baseAddress!
            for index in 0..<count {
                target[index] = Int96(
                    nanosOfDay: UInt64(littleEndian: source.loadUnaligned(fromByteOffset: index * 12, as: UInt64.self)),
                    julianDay: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index * 12 + 8, as: UInt32.self)))
            }
        }
        return byteCount
    }

    static func decodeFixed(_ input: UnsafeRawBufferPointer, count: Int, width: Int, appendingTo output: inout [UInt8]) throws -> Int {
        guard width >= 0 else { throw ParquetError.invalidArgument("PLAIN: FIXED_LEN_BYTE_ARRAY width \(width) is negative") }
        let byteCount = try requireBytes(input, count: count, bytesEach: width, type: "FIXED_LEN_BYTE_ARRAY")
        output.appendInPlace(count: byteCount) { target in
            target.update(from: input.baseAddress!.assumingMemoryBound(to: UInt8.self), count: byteCount)
        }
        return byteCount
    }

    /// One pass: each length is checked against the bytes left as it is read, and the
    /// value bytes go straight into `output.bytes`, which is grown once to the most the
    /// page could hold (everything but the length prefixes) and trimmed afterwards.
    static func decodeByteArrays(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrayBuffer) throws -> Int {
        _ = try requireBytes(input, count: count, bytesEach: 4, type: "BYTE_ARRAY")
        guard count > 0 else { return 0 }
        let firstByte = output.bytes.count
        let capacity = input.count - 4 * count
        var result = ByteArraySplit(consumed: 0, written: 0, failure: nil)
        output.offsets.appendInPlace(count: count) { offsets in
            guard capacity > 0 else {
                // Only empty values fit; the split rejects any other length before copying.
                result = splitByteArrays(input, count: count, firstByte: firstByte, offsets: offsets, bytes: nil, capacity: 0)
                return
            }
            output.bytes.appendInPlace(count: capacity) { bytes in
                result = splitByteArrays(input, count: count, firstByte: firstByte, offsets: offsets, bytes: bytes, capacity: capacity)
                (bytes + result.written).initialize(repeating: 0, count: capacity - result.written)
            }
        }
        if let failure = result.failure {
            output.bytes.removeSubrange(firstByte...)
            output.offsets.removeLast(count)
            throw failure
        }
        output.bytes.removeLast(capacity - result.written)
        return result.consumed
    }

    private struct ByteArraySplit {
        var consumed: Int
        var written: Int
        var failure: ParquetError?
    }

    /// Writes every offset (on failure the rest repeat the last good one) and the value
    /// bytes, of which `bytes` has room for `capacity` (nil when there is room for none).
    @inline(__always)
    private static func splitByteArrays(_ input: UnsafeRawBufferPointer, count: Int, firstByte: Int, offsets: UnsafeMutablePointer<Int>, bytes: UnsafeMutablePointer<UInt8>?, capacity: Int) -> ByteArraySplit {
        let source = input.baseAddress!
        var position = 0
        var written = 0
        for index in 0..<count {
            // In bounds: at least 4 bytes remain for each value not yet read (checked by the caller, kept below).
            let length = Int(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            guard length <= input.count - position - 4 - 4 * (count - index - 1) else {
                (offsets + index).initialize(repeating: firstByte + written, count: count - index)
                let failure = ParquetError.truncated("PLAIN: BYTE_ARRAY value \(index) of \(length) bytes at byte \(position) runs past the end of the data (\(input.count) bytes)")
                return ByteArraySplit(consumed: position, written: written, failure: failure)
            }
            if let bytes {
                let hasSlack = written + 16 <= capacity && position + 20 <= input.count
                copyBytes(to: bytes + written, from: source + position + 4, count: length, hasSlack: hasSlack)
            }
            position += 4 + length
            written += length
            offsets[index] = firstByte + written
        }
        return ByteArraySplit(consumed: position, written: written, failure: nil)
    }

    static func encode(_ values: ArraySlice<Bool>, into output: inout [UInt8]) {
        values.withUnsafeBufferPointer { values in
            output.appendInPlace(count: (values.count + 7) / 8) { target in
                for byteIndex in 0..<((values.count + 7) / 8) {
                    var byte: UInt8 = 0
                    for bit in 0..<min(8, values.count - byteIndex * 8) where values[byteIndex * 8 + bit] {
                        byte |= 1 << UInt8(bit)
                    }
                    target[byteIndex] = byte
                }
            }
        }
    }

    static func encode(_ values: ArraySlice<Int32>, into output: inout [UInt8]) { appendBytes(of: values, to: &output) }
    static func encode(_ values: ArraySlice<Int64>, into output: inout [UInt8]) { appendBytes(of: values, to: &output) }
    static func encode(_ values: ArraySlice<Float>, into output: inout [UInt8]) { appendBytes(of: values, to: &output) }
    static func encode(_ values: ArraySlice<Double>, into output: inout [UInt8]) { appendBytes(of: values, to: &output) }

    static func encode(_ values: ArraySlice<Int96>, into output: inout [UInt8]) {
        output.appendInPlace(count: values.count * 12) { target in
            let raw = UnsafeMutableRawPointer(target)
            for (offset, value) in values.enumerated() {
                raw.storeBytes(of: value.nanosOfDay.littleEndian, toByteOffset: offset * 12, as: UInt64.self)
                raw.storeBytes(of: value.julianDay.littleEndian, toByteOffset: offset * 12 + 8, as: UInt32.self)
            }
        }
    }

    /// Values `range` of `values`, each as u32 length + bytes.
    static func encode(_ values: ByteArrayBuffer, range: Range<Int>, into output: inout [UInt8]) {
        let dataBytes = values.offsets[range.upperBound] - values.offsets[range.lowerBound]
        output.appendInPlace(count: dataBytes + 4 * range.count) { target in
            values.bytes.withUnsafeBufferPointer { bytes in
                values.offsets.withUnsafeBufferPointer { offsets in
                    var cursor = UnsafeMutableRawPointer(target)
                    for index in range {
                        let start = offsets[index], length = offsets[index + 1] - start
                        cursor.storeBytes(of: UInt32(length).littleEndian, as: UInt32.self)
                        if length > 0 { (cursor + 4).copyMemory(from: bytes.baseAddress! + start, byteCount: length) }
                        cursor += 4 + length
                    }
                }
            }
        }
    }

    // MARK: - Shared checks and copies

    /// Checks that `count` values of `bytesEach` bytes (or bits, for booleans) fit in the
    /// input and returns their byte length, without ever overflowing on a hostile count.
    private static func requireBytes(_ input: UnsafeRawBufferPointer, count: Int, bytesEach: Int, bitsOnly: Bool = false, type: StaticString) throws -> Int {
        guard count >= 0 else { throw ParquetError.invalidArgument("PLAIN: negative \(type) value count \(count)") }
        let (product, overflow) = count.multipliedReportingOverflow(by: bytesEach)
        let byteCount = bitsOnly ? count / 8 + (count % 8 == 0 ? 0 : 1) : product
        guard !overflow, byteCount <= input.count else {
            let needed = overflow ? "more than \(Int.max)" : "\(byteCount)"
            throw ParquetError.truncated("PLAIN: \(count) \(type) values need \(needed) bytes, only \(input.count) left")
        }
        return byteCount
    }

    private static func copyLittleEndian<T: BitwiseCopyable>(_ input: UnsafeRawBufferPointer, count: Int, type: StaticString, into output: inout [T]) throws -> Int {
        let byteCount = try requireBytes(input, count: count, bytesEach: MemoryLayout<T>.stride, type: type)
        output.appendInPlace(count: count) { target in
            UnsafeMutableRawPointer(target).copyMemory(from: input.baseAddress!, byteCount: byteCount)
        }
        return byteCount
    }

    private static func appendBytes<T: BitwiseCopyable>(of values: ArraySlice<T>, to output: inout [UInt8]) {
        values.withUnsafeBytes { output.append(contentsOf: $0) }
    }
}
