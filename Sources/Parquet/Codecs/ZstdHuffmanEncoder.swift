/// Builds a Huffman code for a block's literals and writes the compressed
/// literals section (RFC 8878 §3.1.1.3.1 and §4.2).
///
/// Code lengths come from a classic Huffman tree, then are capped at 11 bits
/// (the format's limit) while keeping the code complete: Zstandard sends no
/// weight for the last symbol and infers it from the total, which only works
/// when the code lengths exactly fill the code space.
///
/// Literals too few or too uniform to benefit fall back to the raw form, chosen by size.
enum ZstdHuffmanEncoder {
    /// Below this, the tree description outweighs any saving.
    private static let minLiterals = 64
    /// The direct weight form holds at most 128 weights.
    private static let maxDirectWeights = 128

    /// The compressed literals section, or nil when Huffman coding does not apply or does not pay.
    static func section(_ literals: [UInt8]) -> [UInt8]? {
        guard literals.count >= minLiterals else { return nil }
        var frequencies = [Int](repeating: 0, count: 256)
        for byte in literals { frequencies[Int(byte)] += 1 }
        guard let lastSymbol = frequencies.lastIndex(where: { $0 > 0 }),
              frequencies.filter({ $0 > 0 }).count >= 2 else { return nil }
        let lengths = limitedLengths(frequencies, limit: ZstdHuffmanTable.maxCodeLength)
        let maxBits = Int(lengths.max() ?? 0)
        // The last present symbol's weight is implied.
        let weights = lengths[..<lastSymbol].map { weight($0, maxBits) }
        guard let description = describe(weights) else { return nil }
        let codes = canonicalCodes(lengths, maxBits: maxBits)

        let streams = literals.count < 256 ? 1 : 4
        var payload = description
        if streams == 1 {
            payload += encodeStream(literals[...], codes: codes, lengths: lengths)
        } else {
            let segment = (literals.count + 3) / 4
            let parts = (0..<4).map { index in
                encodeStream(literals[min(literals.count, index * segment)..<min(literals.count, (index + 1) * segment)],
                             codes: codes, lengths: lengths)
            }
            guard parts.dropLast().allSatisfy({ $0.count <= 0xFFFF }) else { return nil }
            for part in parts.dropLast() { payload += [UInt8(part.count & 0xFF), UInt8(part.count >> 8)] }
            for part in parts { payload += part }
        }

        let largest = max(literals.count, payload.count)
        let sizeFormat: Int, sizeBits: Int, headerSize: Int
        if streams == 1 {
            guard largest < 1024 else { return nil }
            (sizeFormat, sizeBits, headerSize) = (0, 10, 3)
        } else if largest < 1024 {
            (sizeFormat, sizeBits, headerSize) = (1, 10, 3)
        } else if largest < 16384 {
            (sizeFormat, sizeBits, headerSize) = (2, 14, 4)
        } else {
            (sizeFormat, sizeBits, headerSize) = (3, 18, 5)
        }
        guard headerSize + payload.count < literals.count else { return nil }
        let packed = 2 | sizeFormat << 2 | literals.count << 4 | payload.count << (4 + sizeBits)
        return (0..<headerSize).map { UInt8(truncatingIfNeeded: packed >> (8 * $0)) } + payload
    }

    /// The tree description: FSE-compressed weights when that is smaller (and
    /// fits the 127-byte limit), else 4-bit weights when there are at most 128.
    private static func describe(_ weights: [UInt8]) -> [UInt8]? {
        var best: [UInt8]?
        if weights.count <= maxDirectWeights {
            var direct = [UInt8(127 + weights.count)]
            for pair in stride(from: 0, to: weights.count, by: 2) {
                direct.append(weights[pair] << 4 | (pair + 1 < weights.count ? weights[pair + 1] : 0))
            }
            best = direct
        }
        if let compressed = compressedWeights(weights), compressed.count < 128,
           compressed.count + 1 < best?.count ?? .max {
            best = [UInt8(compressed.count)] + compressed
        }
        return best
    }

    /// Weights as an FSE table description plus a bitstream driven by two
    /// interleaved states; the decoder stops when a state refill runs past the
    /// stream start, which the encoder's choice of initial states guarantees.
    private static func compressedWeights(_ weights: [UInt8]) -> [UInt8]? {
        let count = weights.count
        var histogram = [Int](repeating: 0, count: ZstdHuffmanTable.maxCodeLength + 1)
        for weight in weights { histogram[Int(weight)] += 1 }
        let distinct = histogram.filter { $0 > 0 }.count
        // One distinct weight would give zero-bit states that never run past the end.
        guard count >= 2, distinct >= 2 else { return nil }
        let log = ZstdFSEDistribution.accuracyLog(sampleCount: count, distinct: distinct, maxAccuracyLog: 6)
        let distribution = ZstdFSEDistribution.normalized(histogram, accuracyLog: log)
        guard let table = try? ZstdFSEEncodeTable(distribution) else { return nil }
        var writer = ZstdBitWriter()
        // The decoder takes even positions from state 1 and odd ones from state 2,
        // and reads the stream backwards, so encoding starts at the end.
        var state1: Int, state2: Int
        var index: Int
        if count & 1 == 1 {
            state1 = table.initialState(Int(weights[count - 1]))
            state2 = table.initialState(Int(weights[count - 2]))
            table.encode(Int(weights[count - 3]), state: &state1, into: &writer)
            index = count - 3
        } else {
            state2 = table.initialState(Int(weights[count - 1]))
            state1 = table.initialState(Int(weights[count - 2]))
            index = count - 2
        }
        while index > 0 {
            table.encode(Int(weights[index - 1]), state: &state2, into: &writer)
            table.encode(Int(weights[index - 2]), state: &state1, into: &writer)
            index -= 2
        }
        table.flush(state2, into: &writer)
        table.flush(state1, into: &writer)
        return distribution.description() + writer.close()
    }

    private static func weight(_ length: UInt8, _ maxBits: Int) -> UInt8 {
        length == 0 ? 0 : UInt8(maxBits + 1 - Int(length))
    }

    /// Codes in the order the decoder lays out its table: longest codes first,
    /// ascending symbols within a length.
    private static func canonicalCodes(_ lengths: [UInt8], maxBits: Int) -> [UInt16] {
        var codes = [UInt16](repeating: 0, count: 256)
        var position = 0
        for length in stride(from: maxBits, through: 1, by: -1) {
            for symbol in 0..<256 where Int(lengths[symbol]) == length {
                codes[symbol] = UInt16(position >> (maxBits - length))
                position += 1 << (maxBits - length)
            }
        }
        return codes
    }

    /// One stream; written last symbol first because the decoder reads backwards.
    private static func encodeStream(_ literals: ArraySlice<UInt8>, codes: [UInt16], lengths: [UInt8]) -> [UInt8] {
        var writer = ZstdBitWriter()
        for byte in literals.reversed() {
            writer.add(Int(codes[Int(byte)]), bits: Int(lengths[Int(byte)]))
        }
        return writer.close()
    }

    /// Huffman code lengths for the symbols with nonzero frequency, at most `limit` bits.
    static func limitedLengths(_ frequencies: [Int], limit: Int) -> [UInt8] {
        let leaves = frequencies.indices.filter { frequencies[$0] > 0 }.sorted {
            (frequencies[$0], $0) < (frequencies[$1], $1)
        }
        let leafCount = leaves.count
        var weights = leaves.map { frequencies[$0] }
        var parents = [Int](repeating: 0, count: 2 * leafCount - 1)
        // Two queues: sorted leaves and internal nodes, which are created in
        // non-decreasing weight order, so the two smallest are always at a front.
        var nextLeaf = 0, nextInternal = leafCount
        func takeSmallest() -> Int {
            if nextLeaf < leafCount, nextInternal >= weights.count || weights[nextLeaf] <= weights[nextInternal] {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextInternal += 1
            return nextInternal - 1
        }
        for node in leafCount..<(2 * leafCount - 1) {
            let first = takeSmallest(), second = takeSmallest()
            weights.append(weights[first] + weights[second])
            parents[first] = node
            parents[second] = node
        }
        var depths = [Int](repeating: 0, count: 2 * leafCount - 1)
        for node in stride(from: 2 * leafCount - 3, through: 0, by: -1) { depths[node] = depths[parents[node]] + 1 }

        var lengths = [Int](repeating: 0, count: 256)
        for (index, symbol) in leaves.enumerated() { lengths[symbol] = min(depths[index], limit) }
        // Capping made the code over-full: lengthen the rarest codes below the
        // cap until it fits, then shorten the longest codes to fill any gap.
        // Kraft sums are kept in units of 2^-limit.
        var kraft = leaves.reduce(0) { $0 + 1 << (limit - lengths[$1]) }
        let full = 1 << limit
        while kraft > full {
            // Lengthening the longest code below the cap frees the least space,
            // so the sum approaches the target without overshooting far.
            var chosen: Int?
            for symbol in leaves where lengths[symbol] < limit {
                if let best = chosen, (lengths[symbol], -frequencies[symbol]) <= (lengths[best], -frequencies[best]) { continue }
                chosen = symbol
            }
            guard let symbol = chosen else { break }
            kraft -= 1 << (limit - lengths[symbol] - 1)
            lengths[symbol] += 1
        }
        while kraft < full {
            // The gap is a multiple of the longest code's share, so shortening
            // one of the longest codes never overfills.
            guard let symbol = leaves.max(by: { (lengths[$0], frequencies[$0]) < (lengths[$1], frequencies[$1]) }) else { break }
            kraft += 1 << (limit - lengths[symbol])
            lengths[symbol] -= 1
        }
        return lengths.map { UInt8($0) }
    }
}
