/// The RLE / bit-packed hybrid (levels, dictionary indices, RLE booleans), without any length prefix.
///
/// The data is a sequence of runs, each introduced by a ULEB128 header whose low bit
/// says which kind: `count << 1` for an RLE run (one value stored in
/// `ceil(bitWidth / 8)` bytes, repeated `count` times) or `groups << 1 | 1` for a
/// literal run of `groups * 8` values bit-packed LSB-first (see ``BitUnpacking``).
/// Decoding fills RLE runs in bulk and unpacks literal runs a group at a time.
enum RLEHybrid {
    /// Decodes `count` values into `output[0..<count]`; returns bytes consumed.
    /// Values wider than `bitWidth` never appear; bitWidth 0...32 (0 means all zero).
    ///
    /// A literal run may declare more groups than the values still needed (writers pad
    /// the last group); only the bytes holding needed values must be present, as in Arrow.
    static func decode(_ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>) throws -> Int {
        guard 0...32 ~= bitWidth else { throw ParquetError.invalidArgument("RLE: bit width \(bitWidth) outside 0...32") }
        guard count >= 0 else { throw ParquetError.invalidArgument("RLE: negative value count \(count)") }
        let valueBytes = (bitWidth + 7) / 8
        let maxValue: UInt32 = bitWidth == 32 ? .max : (1 << UInt32(bitWidth)) - 1
        var position = 0
        var produced = 0
        while produced < count {
            guard position < input.count else {
                throw ParquetError.truncated("RLE: data ends at byte \(position) after \(produced) of \(count) values")
            }
            let headerStart = position
            let header = try VarInt.read(input, at: &position, maxBits: 32, in: "RLE")
            let wanted = count - produced
            if header & 1 == 0 {
                guard valueBytes <= input.count - position else {
                    throw ParquetError.truncated("RLE: run value needs \(valueBytes) bytes at byte \(position), \(input.count - position) left")
                }
                var value: UInt32 = 0
                for byte in 0..<valueBytes { value |= UInt32(input[position + byte]) << UInt32(8 * byte) }
                guard value <= maxValue else {
                    throw ParquetError.corrupt("RLE: run value \(value) at byte \(position) is wider than bit width \(bitWidth)")
                }
                position += valueBytes
                let take = min(Int(header >> 1), wanted)
                (output + produced).update(repeating: value, count: take)
                produced += take
            } else {
                let declaredValues = Int(header >> 1) * 8
                let take = min(declaredValues, wanted)
                let available = input.count - position
                let needed = (take * bitWidth + 7) / 8
                guard needed <= available else {
                    throw ParquetError.truncated("RLE: bit-packed run at byte \(headerStart) needs \(needed) bytes at byte \(position), \(available) left")
                }
                if take > 0 {
                    unpack(input.baseAddress! + position, available: available, bitWidth: bitWidth, count: take, into: output + produced)
                }
                produced += take
                position += min(declaredValues / 8 * bitWidth, available)
            }
        }
        return position
    }

    /// Unpacks `count` values: whole groups straight into `output`, a trailing partial
    /// group through scratch so that nothing is written past `output[count - 1]`.
    private static func unpack(_ input: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>) {
        let groups = count / 8
        BitUnpacking.unpack32(input, available: available, bitWidth: bitWidth, groups: groups, into: output)
        let rest = count - groups * 8
        guard rest > 0 else { return }
        let offset = groups * bitWidth
        // Only the bytes holding the `rest` values are known to exist; the scratch copy pads the group.
        let restBytes = (rest * bitWidth + 7) / 8
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { bytes in
            bytes.initialize(repeating: 0)
            UnsafeMutableRawPointer(bytes.baseAddress!).copyMemory(from: input + offset, byteCount: restBytes)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { values in
                BitUnpacking.unpack32(UnsafeRawPointer(bytes.baseAddress!), available: 32, bitWidth: bitWidth, groups: 1, into: values.baseAddress!)
                (output + groups * 8).update(from: values.baseAddress!, count: rest)
            }
        }
    }

    /// Encodes `values` (each below `1 << bitWidth`) as runs: a stretch of at least 8 equal
    /// values, or equal values reaching the end, becomes an RLE run; everything else is
    /// bit-packed in groups of 8 until a group that starts such a stretch.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        precondition(0...32 ~= bitWidth, "RLE: bit width \(bitWidth) outside 0...32")
        guard let base = values.baseAddress else { return }
        let count = values.count
        let valueBytes = (bitWidth + 7) / 8
        // Runs are limited to 2^31 - 1 values so every reader can hold the length in an Int32.
        let maxRun = Int(Int32.max)
        let maxGroups = maxRun / 8
        var index = 0
        while index < count {
            let value = base[index]
            var end = index + 1
            while end < count && base[end] == value && end - index < maxRun { end += 1 }
            if end - index >= 8 || end == count {
                VarInt.write(UInt64(end - index) << 1, into: &output)
                for byte in 0..<valueBytes { output.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * byte))) }
                index = end
                continue
            }
            // A literal run: whole groups until one begins 8 equal values (or the data ends).
            var groups = 1
            var next = index + 8
            while next < count && groups < maxGroups && !startsRepeat(base, at: next, count: count) {
                groups += 1
                next += 8
            }
            let literalCount = min(next, count) - index
            VarInt.write(UInt64(groups) << 1 | 1, into: &output)
            BitPacking.pack(base + index, count: literalCount, slots: groups * 8, bitWidth: bitWidth, into: &output)
            index += literalCount
        }
    }

    @inline(__always)
    private static func startsRepeat(_ values: UnsafePointer<UInt32>, at index: Int, count: Int) -> Bool {
        guard count - index >= 8 else { return false }
        let first = values[index]
        for offset in 1..<8 where values[index + offset] != first { return false }
        return true
    }

    /// Bits needed to store `maxValue` (0 for 0).
    static func bitWidth(forMaxValue maxValue: UInt32) -> Int {
        UInt32.bitWidth - maxValue.leadingZeroBitCount
    }
}

/// The deprecated BIT_PACKED level encoding: values packed MSB-first, no runs.
///
/// Only old writers emit it, for repetition and definition levels, so a simple
/// big-endian bit accumulator is enough.
enum LegacyBitPacked {
    static func decode(_ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>) throws -> Int {
        guard 0...32 ~= bitWidth else { throw ParquetError.invalidArgument("BIT_PACKED: bit width \(bitWidth) outside 0...32") }
        guard count >= 0 else { throw ParquetError.invalidArgument("BIT_PACKED: negative value count \(count)") }
        let (bits, overflow) = count.multipliedReportingOverflow(by: bitWidth)
        let byteCount = bits / 8 + (bits % 8 == 0 ? 0 : 1)
        guard !overflow, byteCount <= input.count else {
            throw ParquetError.truncated("BIT_PACKED: \(count) values of \(bitWidth) bits need \(overflow ? "too many" : "\(byteCount)") bytes, \(input.count) left")
        }
        guard bitWidth > 0 else {
            output.update(repeating: 0, count: count)
            return 0
        }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        var accumulator: UInt64 = 0
        var pending = 0
        var position = 0
        for index in 0..<count {
            while pending < bitWidth {
                accumulator = accumulator << 8 | UInt64(input[position])
                position += 1
                pending += 8
            }
            pending -= bitWidth
            output[index] = UInt32(truncatingIfNeeded: (accumulator >> UInt64(pending)) & mask)
            accumulator &= (1 << UInt64(pending)) - 1
        }
        return byteCount
    }
}
