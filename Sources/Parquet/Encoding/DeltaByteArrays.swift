/// DELTA_LENGTH_BYTE_ARRAY: all lengths as one DELTA_BINARY_PACKED INT32 stream,
/// then all value bytes back to back, so decoding is one bulk copy plus offsets.
enum DeltaLengthByteArray {
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrayBuffer) throws -> Int {
        let lengths = try decodeLengths(input, count: count, appendingTo: &output.offsets, encoding: "DELTA_LENGTH_BYTE_ARRAY")
        let firstByte = output.bytes.count
        output.offsets.withUnsafeMutableBufferPointer { offsets in
            var end = firstByte
            for index in lengths.range {
                end += offsets[index]
                offsets[index] = end
            }
        }
        output.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[lengths.dataStart..<(lengths.dataStart + lengths.dataBytes)]))
        return lengths.dataStart + lengths.dataBytes
    }

    static func encode(_ values: ByteArrayBuffer, range: Range<Int>, into output: inout [UInt8]) {
        let lengths = range.map { Int32(values.offsets[$0 + 1] - values.offsets[$0]) }
        DeltaBinaryPacked.encode(lengths[...], into: &output)
        output.append(contentsOf: values.bytes[values.offsets[range.lowerBound]..<values.offsets[range.upperBound]])
    }

    /// Where `count` lengths were appended and where the value bytes they describe lie.
    struct Lengths {
        var range: Range<Int>
        var dataStart: Int
        var dataBytes: Int
    }

    /// Appends the lengths of `count` values to `lengths` (the caller turns them into
    /// offsets in place, saving a temporary array), checked to be non-negative and to fit
    /// the data that follows them; on error nothing is appended.
    static func decodeLengths(_ input: UnsafeRawBufferPointer, count: Int, appendingTo lengths: inout [Int], encoding: StaticString) throws -> Lengths {
        let first = lengths.count
        let dataStart = try DeltaBinaryPacked.decode(input, count: count, as: Int32.self, appendingTo: &lengths)
        let available = input.count - dataStart
        var failure: ParquetError?
        var total = 0
        lengths.withUnsafeBufferPointer { lengths in
            for index in 0..<count {
                let length = lengths[first + index]
                total += length
                if length < 0 {
                    failure = ParquetError.corrupt("\(encoding): value \(index) has negative length \(length)")
                    return
                }
                if total > available {
                    failure = ParquetError.truncated("\(encoding): values 0...\(index) need \(total) bytes at byte \(dataStart), \(available) left")
                    return
                }
            }
        }
        if let failure {
            lengths.removeLast(count)
            throw failure
        }
        return Lengths(range: first..<(first + count), dataStart: dataStart, dataBytes: total)
    }
}

/// DELTA_BYTE_ARRAY (front coding): each value is a prefix of the previous value plus
/// a suffix; prefix lengths come as DELTA_BINARY_PACKED, suffixes as DELTA_LENGTH_BYTE_ARRAY.
/// The first value of every page has an empty predecessor.
enum DeltaByteArray {
    /// Decoded values may not exceed this many bytes in one page, Arrow's limit for one binary array;
    /// without it a few bytes of hostile prefix lengths could demand terabytes.
    static let maxDecodedBytes = Int(Int32.max)

    static func decode(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrayBuffer) throws -> Int {
        var prefixes: [Int32] = []
        let prefixBytes = try DeltaBinaryPacked.decode(input, count: count, as: Int32.self, appendingTo: &prefixes)
        // Suffix lengths go where the offsets will be; the pass below turns them into offsets.
        let suffixes = try DeltaLengthByteArray.decodeLengths(UnsafeRawBufferPointer(rebasing: input[prefixBytes...]), count: count, appendingTo: &output.offsets, encoding: "DELTA_BYTE_ARRAY")
        let dataStart = prefixBytes + suffixes.dataStart
        let firstByte = output.bytes.count
        var total = 0
        var failure: ParquetError?
        output.offsets.withUnsafeMutableBufferPointer { offsets in
            var previous = 0
            for index in 0..<count {
                let prefix = Int(prefixes[index])
                guard prefix >= 0, prefix <= previous else {
                    failure = ParquetError.corrupt("DELTA_BYTE_ARRAY: value \(index) has prefix length \(prefix) but the previous value has \(previous) bytes")
                    return
                }
                previous = prefix + offsets[suffixes.range.lowerBound + index]
                total += previous
                guard total <= maxDecodedBytes else {
                    failure = ParquetError.corrupt("DELTA_BYTE_ARRAY: values 0...\(index) expand to more than \(maxDecodedBytes) bytes")
                    return
                }
                offsets[suffixes.range.lowerBound + index] = firstByte + total
            }
        }
        if let failure {
            output.offsets.removeLast(count)
            throw failure
        }
        output.offsets.withUnsafeBufferPointer { offsets in
            let valueEnds = offsets.baseAddress! + suffixes.range.lowerBound
            output.bytes.appendInPlace(count: total) { target in
                let end = target + total
                let inputEnd = input.baseAddress! + input.count
                var source = input.baseAddress! + dataStart
                var cursor = target
                var previousStart = target
                for index in 0..<count {
                    let prefix = Int(prefixes[index])
                    let suffix = (target + (valueEnds[index] - firstByte)) - cursor - prefix
                    // The previous value lies wholly before `cursor`; short copies may spill
                    // garbage past the value, which the next value's bytes overwrite.
                    copyBytes(to: cursor, from: previousStart, count: prefix, hasSlack: cursor + 16 <= end)
                    copyBytes(to: cursor + prefix, from: source, count: suffix, hasSlack: cursor + prefix + 16 <= end && source + 16 <= inputEnd)
                    previousStart = cursor
                    cursor += prefix + suffix
                    source += suffix
                }
            }
        }
        return dataStart + suffixes.dataBytes
    }

    static func encode(_ values: ByteArrayBuffer, range: Range<Int>, into output: inout [UInt8]) {
        var prefixes: [Int32] = []
        var suffixLengths: [Int32] = []
        prefixes.reserveCapacity(range.count)
        suffixLengths.reserveCapacity(range.count)
        var suffixBytes = 0
        values.bytes.withUnsafeBufferPointer { bytes in
            var previous = 0..<0
            for index in range {
                let current = values.offsets[index]..<values.offsets[index + 1]
                var shared = 0
                let limit = min(previous.count, current.count)
                while shared < limit && bytes[previous.lowerBound + shared] == bytes[current.lowerBound + shared] { shared += 1 }
                prefixes.append(Int32(shared))
                suffixLengths.append(Int32(current.count - shared))
                suffixBytes += current.count - shared
                previous = current
            }
        }
        DeltaBinaryPacked.encode(prefixes[...], into: &output)
        DeltaBinaryPacked.encode(suffixLengths[...], into: &output)
        output.appendInPlace(count: suffixBytes) { target in
            values.bytes.withUnsafeBufferPointer { bytes in
                var cursor = target
                for (position, index) in range.enumerated() {
                    let suffix = Int(suffixLengths[position])
                    cursor.update(from: bytes.baseAddress! + values.offsets[index + 1] - suffix, count: suffix)
                    cursor += suffix
                }
            }
        }
    }
}
