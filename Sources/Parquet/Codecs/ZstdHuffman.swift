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
    func decode(_ bytes: UnsafePointer<UInt8>, count byteCount: Int, streams: Int,
                into output: UnsafeMutablePointer<UInt8>, count: Int) throws {
        if streams == 1 {
            try decodeStream(bytes, count: byteCount, into: output, count: count)
            return
        }
        guard byteCount >= 10 else { throw ParquetError.corrupt("zstd: four Huffman streams in \(byteCount) bytes") }
        let sizes = (0..<3).map { Int(bytes[2 * $0]) | Int(bytes[2 * $0 + 1]) << 8 }
        let lastSize = byteCount - 6 - sizes[0] - sizes[1] - sizes[2]
        let segment = (count + 3) / 4
        let lastCount = count - 3 * segment
        guard lastSize > 0, lastCount >= 0 else { throw ParquetError.corrupt("zstd: Huffman jump table does not match the literals") }
        var source = bytes + 6
        var target = output
        for index in 0..<4 {
            let size = index < 3 ? sizes[index] : lastSize
            try decodeStream(source, count: size, into: target, count: index < 3 ? segment : lastCount)
            source += size
            target += segment
        }
    }

    private func decodeStream(_ bytes: UnsafePointer<UInt8>, count byteCount: Int,
                              into output: UnsafeMutablePointer<UInt8>, count: Int) throws {
        var reader = try ZstdBackwardBitReader(bytes, count: byteCount)
        let maxBits = self.maxBits
        entries.withUnsafeBufferPointer { table in
            var target = output
            let end = output + count
            // After a reload at least 56 bits are available and a code is at most
            // 11 bits, so four symbols need no further refill.
            while end - target >= 4 {
                reader.reload()
                for _ in 0..<4 {
                    let entry = table[Int(truncatingIfNeeded: reader.peek(maxBits))]
                    target.pointee = UInt8(truncatingIfNeeded: entry)
                    reader.skip(Int(entry >> 8))
                    target += 1
                }
            }
            while target < end {
                reader.reload()
                let entry = table[Int(truncatingIfNeeded: reader.peek(maxBits))]
                target.pointee = UInt8(truncatingIfNeeded: entry)
                reader.skip(Int(entry >> 8))
                target += 1
            }
        }
        guard reader.isFinished else { throw ParquetError.corrupt("zstd: Huffman stream length does not match its literals") }
    }
}
