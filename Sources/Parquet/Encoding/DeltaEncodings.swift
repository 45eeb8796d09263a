/// DELTA_BINARY_PACKED for INT32 and INT64.
///
/// A header (block size, miniblocks per block, total value count, zigzag first
/// value) is followed by blocks; each block holds a zigzag minimum delta, one bit
/// width byte per miniblock, and the miniblocks: `delta - minDelta` bit-packed
/// LSB-first. All arithmetic wraps (the spec lets deltas overflow), so decoding
/// works in `UInt64` and truncates: for INT32 the sums agree modulo 2^32.
///
/// The stream ends after the last miniblock that holds a value: the widths of the
/// last block's unused miniblocks are present but their bodies are not. Decoders
/// read up to there even when fewer than the header's values are requested,
/// because DELTA_LENGTH_BYTE_ARRAY's data starts right after.
enum DeltaBinaryPacked {
    /// The layout this encoder writes, as parquet-java and Arrow do.
    static let valuesPerBlock = 128
    static let miniblocksPerBlock = 4
    static let valuesPerMiniblock = 32
    /// Values unpacked per step: a multiple of 32, so every chunk starts on a byte boundary.
    private static let chunkSize = 256

    static func decodeInt32(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]) throws -> Int {
        try decode(input, count: count, as: Int32.self, appendingTo: &output)
    }

    static func decodeInt64(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int {
        try decode(input, count: count, as: Int64.self, appendingTo: &output)
    }

    static func encode(_ values: ArraySlice<Int32>, into output: inout [UInt8]) { encodeValues(values, into: &output) }
    static func encode(_ values: ArraySlice<Int64>, into output: inout [UInt8]) { encodeValues(values, into: &output) }

    private struct Header {
        var valuesPerMiniblock: Int
        var miniblocks: Int
        var totalValues: Int
        var first: UInt64
    }

    private static func readHeader(_ input: UnsafeRawBufferPointer, at position: inout Int) throws -> Header {
        let blockSize = try VarInt.read(input, at: &position, in: "DELTA_BINARY_PACKED")
        let miniblocks = try VarInt.read(input, at: &position, in: "DELTA_BINARY_PACKED")
        let total = try VarInt.read(input, at: &position, in: "DELTA_BINARY_PACKED")
        let first = try VarInt.readZigZag(input, at: &position, in: "DELTA_BINARY_PACKED")
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= UInt64(Int32.max) else {
            throw ParquetError.corrupt("DELTA_BINARY_PACKED: block size \(blockSize) is not a positive multiple of 128")
        }
        guard miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0 else {
            throw ParquetError.corrupt("DELTA_BINARY_PACKED: \(miniblocks) miniblocks do not split a block of \(blockSize) into multiples of 32 values")
        }
        guard let totalValues = Int(exactly: total) else {
            throw ParquetError.corrupt("DELTA_BINARY_PACKED: value count \(total) is impossible")
        }
        return Header(valuesPerMiniblock: Int(blockSize / miniblocks), miniblocks: Int(miniblocks), totalValues: totalValues, first: UInt64(bitPattern: first))
    }

    /// Decodes `count` values of the physical type `Physical` (its width bounds the
    /// miniblock bit widths and its wrapping defines the sums), stored as `T`.
    /// Byte-array lengths decode straight into `[Int]` offsets this way.
    /// On error `output` is left as it was.
    static func decode<Physical: FixedWidthInteger & SignedInteger, T: FixedWidthInteger>(_ input: UnsafeRawBufferPointer, count: Int, as physical: Physical.Type, appendingTo output: inout [T]) throws -> Int {
        guard count >= 0 else { throw ParquetError.invalidArgument("DELTA_BINARY_PACKED: negative value count \(count)") }
        let originalCount = output.count
        do {
            return try decodeValues(input, count: count, as: physical, appendingTo: &output)
        } catch {
            output.removeSubrange(originalCount...)
            throw error
        }
    }

    private static func decodeValues<Physical: FixedWidthInteger & SignedInteger, T: FixedWidthInteger>(_ input: UnsafeRawBufferPointer, count: Int, as physical: Physical.Type, appendingTo output: inout [T]) throws -> Int {
        var position = 0
        let header = try readHeader(input, at: &position)
        guard header.totalValues >= count else {
            throw ParquetError.corrupt("DELTA_BINARY_PACKED: header holds \(header.totalValues) values, \(count) expected")
        }
        guard header.totalValues > 0 else { return position }
        // Width-0 blocks make many values from few bytes, so `count` cannot be checked
        // against the input; reserve what real data could hold and let the array grow past it.
        output.reserveCapacity(output.count + min(count, max(1 << 16, input.count * 8)))
        if count > 0 { output.append(T(truncatingIfNeeded: Physical(truncatingIfNeeded: header.first))) }
        var last = header.first
        var unread = header.totalValues - 1
        var wanted = max(count - 1, 0)
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunkSize) { wideDeltas in
            try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: chunkSize) { narrowDeltas in
                try withUnsafeTemporaryAllocation(of: T.self, capacity: chunkSize) { values in
                    while unread > 0 {
                        let blockStart = position
                        let minDelta = UInt64(bitPattern: try VarInt.readZigZag(input, at: &position, in: "DELTA_BINARY_PACKED"))
                        guard header.miniblocks <= input.count - position else {
                            throw ParquetError.truncated("DELTA_BINARY_PACKED: block at byte \(blockStart) needs \(header.miniblocks) bit widths at byte \(position), \(input.count - position) left")
                        }
                        let widths = position
                        position += header.miniblocks
                        for miniblock in 0..<header.miniblocks where unread > 0 {
                            let bitWidth = Int(input[widths + miniblock])
                            guard bitWidth <= Physical.bitWidth else {
                                throw ParquetError.corrupt("DELTA_BINARY_PACKED: miniblock bit width \(bitWidth) at byte \(widths + miniblock) exceeds \(Physical.bitWidth)")
                            }
                            let byteCount = header.valuesPerMiniblock / 8 * bitWidth
                            guard byteCount <= input.count - position else {
                                throw ParquetError.truncated("DELTA_BINARY_PACKED: miniblock needs \(byteCount) bytes at byte \(position), \(input.count - position) left")
                            }
                            // Values past `count` are skipped, not decoded; the position still moves past them.
                            let decoded = min(header.valuesPerMiniblock, unread, wanted)
                            var done = 0
                            while done < decoded {
                                let chunk = min(chunkSize, decoded - done)
                                let offset = position + done / 8 * bitWidth
                                let source = input.baseAddress! + offset
                                let groups = (chunk + 7) / 8
                                // A local running value stays in a register; `last` is captured by the closure.
                                var running = last
                                // Most deltas fit 32 bits, where the width-specialized unpacker applies.
                                if bitWidth <= 32 {
                                    BitUnpacking.unpack32(source, available: input.count - offset, bitWidth: bitWidth, groups: groups, into: narrowDeltas.baseAddress!)
                                    for index in 0..<chunk {
                                        running = running &+ minDelta &+ UInt64(narrowDeltas[index])
                                        values[index] = T(truncatingIfNeeded: Physical(truncatingIfNeeded: running))
                                    }
                                } else {
                                    BitUnpacking.unpack64(source, available: input.count - offset, bitWidth: bitWidth, groups: groups, into: wideDeltas.baseAddress!)
                                    for index in 0..<chunk {
                                        running = running &+ minDelta &+ wideDeltas[index]
                                        values[index] = T(truncatingIfNeeded: Physical(truncatingIfNeeded: running))
                                    }
                                }
                                last = running
                                output.append(contentsOf: UnsafeBufferPointer(start: values.baseAddress!, count: chunk))
                                done += chunk
                            }
                            wanted -= decoded
                            unread -= min(header.valuesPerMiniblock, unread)
                            position += byteCount
                        }
                    }
                }
            }
        }
        return position
    }

    private static func encodeValues<T: FixedWidthInteger & SignedInteger>(_ values: ArraySlice<T>, into output: inout [UInt8]) where T.Magnitude: UnsignedInteger {
        VarInt.write(UInt64(valuesPerBlock), into: &output)
        VarInt.write(UInt64(miniblocksPerBlock), into: &output)
        VarInt.write(UInt64(values.count), into: &output)
        VarInt.writeZigZag(Int64(values.first ?? 0), into: &output)
        values.withUnsafeBufferPointer { values in
            withUnsafeTemporaryAllocation(of: T.Magnitude.self, capacity: valuesPerBlock) { relative in
                var blockStart = 1
                while blockStart < values.count {
                    let blockCount = min(valuesPerBlock, values.count - blockStart)
                    var minDelta = T.max
                    for index in 0..<blockCount {
                        minDelta = min(minDelta, values[blockStart + index] &- values[blockStart + index - 1])
                    }
                    // Every delta is at least minDelta, so the wrapped difference is the exact unsigned distance.
                    for index in 0..<blockCount {
                        let delta = values[blockStart + index] &- values[blockStart + index - 1]
                        relative[index] = T.Magnitude(truncatingIfNeeded: delta &- minDelta)
                    }
                    VarInt.writeZigZag(Int64(minDelta), into: &output)
                    // Unused miniblocks of the last block get width 0 and no body.
                    let widthsAt = output.count
                    for miniblock in 0..<miniblocksPerBlock {
                        var union: T.Magnitude = 0
                        for index in min(blockCount, miniblock * valuesPerMiniblock)..<min(blockCount, (miniblock + 1) * valuesPerMiniblock) {
                            union |= relative[index]
                        }
                        output.append(UInt8(T.Magnitude.bitWidth - union.leadingZeroBitCount))
                    }
                    for miniblock in 0..<((blockCount + valuesPerMiniblock - 1) / valuesPerMiniblock) {
                        let start = miniblock * valuesPerMiniblock
                        BitPacking.pack(relative.baseAddress! + start, count: min(valuesPerMiniblock, blockCount - start), slots: valuesPerMiniblock, bitWidth: Int(output[widthsAt + miniblock]), into: &output)
                    }
                    blockStart += blockCount
                }
            }
        }
    }
}
