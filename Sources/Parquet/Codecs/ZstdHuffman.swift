/// A Huffman decoding table for Zstandard literals (RFC 8878 §4.2).
///
/// The tree is transmitted as a *weight* per byte value: weight `w > 0` means a
/// code of `maxBits + 1 - w` bits, weight 0 means the byte never occurs. The last
/// weight is implied, because the weights must sum (as `2^(w-1)`) to a power of two.
///
/// Decoding peeks `maxBits` bits and looks them up in a table with `2^maxBits`
/// entries; a symbol with an `n`-bit code fills `2^(maxBits-n)` consecutive
/// entries, so one lookup yields both the symbol and how many bits to consume.
struct ZstdHuffmanTable {
    /// The largest code length the format allows.
    static let maxCodeLength = 11

    /// `symbol | (codeLength << 8)`, indexed by the next `maxBits` bits.
    private(set) var entries: [UInt16]
    private(set) var maxBits: Int

    /// Parses a Huffman tree description.
    ///
    /// - Returns: the table and how many bytes the description used.
    static func read(_ bytes: UnsafePointer<UInt8>, count: Int) throws -> (table: ZstdHuffmanTable, bytesRead: Int) {
        guard count > 0 else { throw ParquetError.corrupt("zstd: missing Huffman tree description") }
        let header = Int(bytes[0])
        var weights: [UInt8]
        let bytesRead: Int
        if header < 128 {
            guard header > 0, header < count else { throw ParquetError.corrupt("zstd: Huffman weights overrun the literals") }
            weights = try readCompressedWeights(bytes + 1, count: header)
            bytesRead = 1 + header
        } else {
            // Direct representation: 4 bits per weight, high nibble first.
            let weightCount = header - 127
            bytesRead = 1 + (weightCount + 1) / 2
            guard bytesRead <= count else { throw ParquetError.corrupt("zstd: Huffman weights overrun the literals") }
            weights = [UInt8](repeating: 0, count: weightCount)
            for index in 0..<weightCount {
                let byte = bytes[1 + index / 2]
                weights[index] = index & 1 == 0 ? byte >> 4 : byte & 15
            }
        }
        return (try ZstdHuffmanTable(weights: weights), bytesRead)
    }

    /// Weights compressed with FSE: two interleaved decoder states share one
    /// backward bitstream until it runs out.
    private static func readCompressedWeights(_ bytes: UnsafePointer<UInt8>, count: Int) throws -> [UInt8] {
        let (distribution, headerSize) = try ZstdFSEDistribution.read(bytes, count: count, maxSymbol: 12, maxAccuracyLog: 6)
        guard headerSize < count else { throw ParquetError.corrupt("zstd: Huffman weight stream is empty") }
        let table = try distribution.decodingTable()
        var reader = try ZstdBackwardBitReader(bytes + headerSize, count: count - headerSize)
        let log = distribution.accuracyLog
        var states = (reader.read(log), reader.read(log))
        var weights: [UInt8] = []
        weights.reserveCapacity(255)
        // Each turn emits a symbol from one state and refills it; once the refill
        // overran the stream, the other state's symbol is the last one.
        while true {
            for turn in 0..<2 {
                guard weights.count < 255 else { throw ParquetError.corrupt("zstd: too many Huffman weights") }
                let entry = table[turn == 0 ? states.0 : states.1]
                weights.append(entry.symbol)
                reader.reload()
                let next = Int(entry.baseline) + reader.read(Int(entry.bitCount))
                if turn == 0 { states.0 = next } else { states.1 = next }
                if reader.isOverflowed {
                    guard weights.count < 255 else { throw ParquetError.corrupt("zstd: too many Huffman weights") }
                    weights.append(table[turn == 0 ? states.1 : states.0].symbol)
                    return weights
                }
            }
        }
    }

    init(weights explicitWeights: [UInt8]) throws {
        var weights = explicitWeights
        var weightSum = 0
        for weight in weights {
            guard weight <= Self.maxCodeLength else { throw ParquetError.corrupt("zstd: Huffman weight \(weight) too large") }
            if weight > 0 { weightSum += 1 << (weight - 1) }
        }
        guard weightSum > 0 else { throw ParquetError.corrupt("zstd: Huffman tree has no symbols") }
        let maxBits = Int.bitWidth - weightSum.leadingZeroBitCount
        guard maxBits <= Self.maxCodeLength else { throw ParquetError.corrupt("zstd: Huffman codes longer than 11 bits") }
        let rest = (1 << maxBits) - weightSum
        guard rest & (rest - 1) == 0 else { throw ParquetError.corrupt("zstd: Huffman weights do not complete a tree") }
        weights.append(UInt8(rest.trailingZeroBitCount + 1))
        guard weights.count <= 256 else { throw ParquetError.corrupt("zstd: too many Huffman weights") }

        // Longest codes (smallest weights) take the lowest table entries; within a
        // weight, symbols go in increasing order. This is the canonical code order.
        var entries = [UInt16](repeating: 0, count: 1 << maxBits)
        var position = 0
        for weight in 1...maxBits {
            let span = 1 << (weight - 1)
            let entry = UInt16(maxBits + 1 - weight) << 8
            for (symbol, symbolWeight) in weights.enumerated() where Int(symbolWeight) == weight {
                for index in position..<(position + span) { entries[index] = entry | UInt16(symbol) }
                position += span
            }
        }
        self.entries = entries
        self.maxBits = maxBits
    }

    /// Decodes `streams` (1 or 4) Huffman streams filling `output[0..<count]`.
    ///
    /// Four-stream literals start with a 6-byte jump table giving the sizes of the
    /// first three streams; each of the first three decodes `(count + 3) / 4` bytes.
    /// The four streams are independent, so they are decoded in lockstep to let
    /// the CPU overlap their table lookups.
    func decode(_ bytes: UnsafePointer<UInt8>, count byteCount: Int, streams: Int,
                into output: UnsafeMutablePointer<UInt8>, count: Int) throws {
        let maxBits = self.maxBits
        if streams == 1 {
            var reader = try ZstdBackwardBitReader(bytes, count: byteCount)
            entries.withUnsafeBufferPointer { Self.decodeRun(&reader, $0, maxBits, into: output, count: count) }
            guard reader.isFinished else { throw ParquetError.corrupt("zstd: Huffman stream length does not match its literals") }
            return
        }
        guard byteCount >= 10 else { throw ParquetError.corrupt("zstd: four Huffman streams in \(byteCount) bytes") }
        let size0 = Int(bytes[0]) | Int(bytes[1]) << 8
        let size1 = Int(bytes[2]) | Int(bytes[3]) << 8
        let size2 = Int(bytes[4]) | Int(bytes[5]) << 8
        let size3 = byteCount - 6 - size0 - size1 - size2
        let segment = (count + 3) / 4
        let lastCount = count - 3 * segment
        guard size3 > 0, lastCount >= 0 else { throw ParquetError.corrupt("zstd: Huffman jump table does not match the literals") }
        let start0 = bytes + 6, start1 = start0 + size0, start2 = start1 + size1, start3 = start2 + size2
        var reader0 = try ZstdBackwardBitReader(start0, count: size0)
        var reader1 = try ZstdBackwardBitReader(start1, count: size1)
        var reader2 = try ZstdBackwardBitReader(start2, count: size2)
        var reader3 = try ZstdBackwardBitReader(start3, count: size3)
        let target0 = output, target1 = output + segment, target2 = target1 + segment, target3 = target2 + segment
        entries.withUnsafeBufferPointer { table in
            var index = 0
            while lastCount - index >= 4 {
                reader0.reload()
                reader1.reload()
                reader2.reload()
                reader3.reload()
                for step in index..<(index + 4) {
                    target0[step] = Self.symbol(&reader0, table, maxBits)
                    target1[step] = Self.symbol(&reader1, table, maxBits)
                    target2[step] = Self.symbol(&reader2, table, maxBits)
                    target3[step] = Self.symbol(&reader3, table, maxBits)
                }
                index += 4
            }
            Self.decodeRun(&reader0, table, maxBits, into: target0 + index, count: segment - index)
            Self.decodeRun(&reader1, table, maxBits, into: target1 + index, count: segment - index)
            Self.decodeRun(&reader2, table, maxBits, into: target2 + index, count: segment - index)
            Self.decodeRun(&reader3, table, maxBits, into: target3 + index, count: lastCount - index)
        }
        guard reader0.isFinished, reader1.isFinished, reader2.isFinished, reader3.isFinished else {
            throw ParquetError.corrupt("zstd: Huffman stream length does not match its literals")
        }
    }

    @inline(__always)
    private static func symbol(_ reader: inout ZstdBackwardBitReader, _ table: UnsafeBufferPointer<UInt16>,
                               _ maxBits: Int) -> UInt8 {
        let entry = table[Int(truncatingIfNeeded: reader.peek(maxBits))]
        reader.skip(Int(entry >> 8))
        return UInt8(truncatingIfNeeded: entry)
    }

    /// Decodes `count` symbols of one stream.
    private static func decodeRun(_ reader: inout ZstdBackwardBitReader, _ table: UnsafeBufferPointer<UInt16>,
                                  _ maxBits: Int, into output: UnsafeMutablePointer<UInt8>, count: Int) {
        var target = output
        let end = output + count
        // After a reload at least 56 bits are available and a code is at most
        // 11 bits, so four symbols need no further refill.
        while end - target >= 4 {
            reader.reload()
            for _ in 0..<4 {
                target.pointee = symbol(&reader, table, maxBits)
                target += 1
            }
        }
        while target < end {
            reader.reload()
            target.pointee = symbol(&reader, table, maxBits)
            target += 1
        }
    }
}
