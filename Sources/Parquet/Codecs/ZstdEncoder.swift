/// A single-level Zstandard compressor: lazy LZ77 over a hash table of 6-byte
/// prefixes that also tries the last offset first, then entropy coding with
/// Huffman-coded literals and per-block FSE tables for the sequences
/// (``ZstdHuffmanEncoder``, ``ZstdSequences``).
///
/// Each block of up to 128 KiB becomes whichever is smallest of a compressed
/// block, a run-length block or a raw block, so incompressible data costs only
/// the 3-byte block header. Matches may reach back into earlier blocks of the
/// frame. The frame records its content size and an XXH64 checksum.
struct ZstdEncoder {
    /// Larger windows would need a decoder to accept more than the reference
    /// library's default limit of 2^27 bytes.
    static let maxWindowLog = 27
    private static let minMatch = 4
    /// Hashing more bytes than `minMatch` favours the longer matches that pay
    /// for their sequence; 6 measured best on text and columnar data.
    private static let hashedBytes = 6

    private var sequences = ZstdSequences()
    private var literals: [UInt8] = []
    private var repeatOffset = 1

    mutating func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let size = input.count
        var output: [UInt8] = []
        output.reserveCapacity(size + size / 128 + 32)
        let singleSegment = size <= 1 << Self.maxWindowLog
        writeFrameHeader(contentSize: size, singleSegment: singleSegment, into: &output)
        let maxDistance = singleSegment ? size : 1 << Self.maxWindowLog

        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), size > 0 else {
            output += [1, 0, 0]  // one empty raw block, marked last
            output += checksum(input)
            return output
        }
        let hashLog = min(16, max(8, Int.bitWidth - size.leadingZeroBitCount))
        var hashTable = [UInt32](repeating: 0, count: 1 << hashLog)
        var blockStart = 0
        hashTable.withUnsafeMutableBufferPointer { table in
            while blockStart < size {
                let blockEnd = min(size, blockStart + ZstdFrameDecoder.maxBlockSize)
                let savedRepeatOffset = repeatOffset
                findSequences(base, block: blockStart..<blockEnd, maxDistance: maxDistance,
                              hashLog: hashLog, table: table)
                let compressed = writeBlock(base + blockStart, count: blockEnd - blockStart,
                                            isLast: blockEnd == size, into: &output)
                // The decoder only learns offsets from compressed blocks.
                if !compressed { repeatOffset = savedRepeatOffset }
                blockStart = blockEnd
            }
        }
        output += checksum(input)
        return output
    }

    private func writeFrameHeader(contentSize size: Int, singleSegment: Bool, into output: inout [UInt8]) {
        output += [0x28, 0xB5, 0x2F, 0xFD]
        let checksumFlag = 0x04
        let sizeFlag: Int, sizeBytes: Int
        switch size {
        case ..<256 where singleSegment: (sizeFlag, sizeBytes) = (0, 1)
        case 256..<(65536 + 256): (sizeFlag, sizeBytes) = (1, 2)
        case ..<(1 << 32): (sizeFlag, sizeBytes) = (2, 4)
        default: (sizeFlag, sizeBytes) = (3, 8)
        }
        output.append(UInt8(sizeFlag << 6 | (singleSegment ? 0x20 : 0) | checksumFlag))
        if !singleSegment { output.append(UInt8((Self.maxWindowLog - 10) << 3)) }
        let stored = sizeBytes == 2 ? size - 256 : size
        for index in 0..<sizeBytes { output.append(UInt8(truncatingIfNeeded: stored >> (8 * index))) }
    }

    private func checksum(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let hash = XXH64.hash(input)
        return (0..<4).map { UInt8(truncatingIfNeeded: hash >> (8 * $0)) }
    }

    @inline(__always)
    private static func read32(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt32.self)
    }

    /// Multiplicative hash of the first `hashedBytes` bytes; shifting them to the
    /// top of the word drops the bytes beyond.
    @inline(__always)
    private static func hash(_ pointer: UnsafePointer<UInt8>, _ log: Int) -> Int {
        let value = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self).littleEndian &<< UInt64(64 - 8 * hashedBytes)
        return Int(truncatingIfNeeded: (value &* 0x9E37_79B1_85EB_CA87) >> UInt64(64 - log))
    }

    /// How many bytes at `a` and `b` agree, up to `limit`.
    @inline(__always)
    private static func commonLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>) -> Int {
        var length = 0
        while limit - (a + length) >= 8 {
            let difference = UnsafeRawPointer(a + length).loadUnaligned(as: UInt64.self)
                ^ UnsafeRawPointer(b + length).loadUnaligned(as: UInt64.self)
            if difference != 0 { return length + difference.littleEndian.trailingZeroBitCount >> 3 }
            length += 8
        }
        while a + length < limit, a[length] == b[length] { length += 1 }
        return length
    }

    /// The match (source, length) starting at `position`, if any; records
    /// `position` in the hash table either way.
    @inline(__always)
    private func match(at position: UnsafePointer<UInt8>, base: UnsafePointer<UInt8>, anchor: UnsafePointer<UInt8>,
                       blockEnd: UnsafePointer<UInt8>, maxDistance: Int, hashLog: Int,
                       table: UnsafeMutableBufferPointer<UInt32>) -> (UnsafePointer<UInt8>, Int)? {
        let current = Self.read32(position)
        let slot = Self.hash(position, hashLog)
        let candidate = base + Int(table[slot])
        table[slot] = UInt32(truncatingIfNeeded: position - base)
        let source: UnsafePointer<UInt8>
        // The last offset often recurs in columnar data (fixed-width records); try it first.
        if position - base >= repeatOffset, position > anchor, Self.read32(position - repeatOffset) == current {
            source = position - repeatOffset
        } else if candidate < position, position - candidate <= maxDistance, Self.read32(candidate) == current {
            source = candidate
        } else {
            return nil
        }
        return (source, Self.minMatch + Self.commonLength(position + Self.minMatch, source + Self.minMatch, limit: blockEnd))
    }

    /// Lazy parse of one block into `sequences` and `literals`: a match is
    /// taken unless the next position starts a longer one.
    private mutating func findSequences(_ base: UnsafePointer<UInt8>, block: Range<Int>, maxDistance: Int,
                                        hashLog: Int, table: UnsafeMutableBufferPointer<UInt32>) {
        sequences.removeAll()
        literals.removeAll(keepingCapacity: true)
        let blockEnd = base + block.upperBound
        var anchor = base + block.lowerBound
        var position = anchor
        // Stop searching where an 8-byte read for hashing could pass the block.
        let searchLimit = block.count >= 8 ? blockEnd - 8 : base + block.lowerBound - 1
        while position <= searchLimit {
            guard var (source, length) = match(at: position, base: base, anchor: anchor, blockEnd: blockEnd,
                                               maxDistance: maxDistance, hashLog: hashLog, table: table) else {
                // Step faster through data that keeps missing, as incompressible data does.
                position += 1 + (position - anchor) >> 6
                continue
            }
            if position + 1 <= searchLimit,
               let (nextSource, nextLength) = match(at: position + 1, base: base, anchor: anchor, blockEnd: blockEnd,
                                                    maxDistance: maxDistance, hashLog: hashLog, table: table),
               nextLength > length {
                position += 1
                (source, length) = (nextSource, nextLength)
            }
            while position > anchor, source > base, position[-1] == source[-1] {
                position -= 1
                source -= 1
                length += 1
            }
            emit(from: anchor, to: position, matchLength: length, offset: position - source)
            let start = position
            position += length
            anchor = position
            // Index a position inside the match so the next search has fresh candidates.
            if position - 2 > start, position - 2 <= searchLimit {
                table[Self.hash(position - 2, hashLog)] = UInt32(truncatingIfNeeded: position - 2 - base)
            }
        }
        literals.append(contentsOf: UnsafeBufferPointer(start: anchor, count: blockEnd - anchor))
    }

    private mutating func emit(from anchor: UnsafePointer<UInt8>, to start: UnsafePointer<UInt8>, matchLength: Int, offset: Int) {
        let literalLength = start - anchor
        literals.append(contentsOf: UnsafeBufferPointer(start: anchor, count: literalLength))
        // Offset value 1 repeats the previous offset, but only when literals come
        // first; with none it would mean the second-to-last offset.
        let offsetValue = offset == repeatOffset && literalLength > 0 ? 1 : offset + 3
        sequences.append(literalLength: literalLength, matchLength: matchLength, offsetValue: offsetValue)
        repeatOffset = offset
    }

    /// Appends the block in its smallest form.
    ///
    /// - Returns: whether it was written as a compressed block (whose sequences
    ///   the decoder then follows).
    private func writeBlock(_ bytes: UnsafePointer<UInt8>, count: Int, isLast: Bool, into output: inout [UInt8]) -> Bool {
        func header(type: Int, size: Int) -> [UInt8] {
            let value = size << 3 | type << 1 | (isLast ? 1 : 0)
            return [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16)]
        }
        let first = bytes[0]
        if count > 1, UnsafeBufferPointer(start: bytes, count: count).allSatisfy({ $0 == first }) {
            output += header(type: 1, size: count) + [first]
            return false
        }
        var body: [UInt8] = []
        body.reserveCapacity(count)
        if let section = ZstdHuffmanEncoder.section(literals) {
            body += section
        } else {
            Self.writeLiterals(literals, into: &body)
        }
        sequences.encodeSection(into: &body)
        if body.count >= count {
            output += header(type: 0, size: count)
            output.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
            return false
        }
        output += header(type: 2, size: body.count)
        output += body
        return true
    }

    /// A raw or run-length literals section (RFC 8878 §3.1.1.3.1.1).
    private static func writeLiterals(_ literals: [UInt8], into output: inout [UInt8]) {
        let isRun = literals.count > 1 && literals.allSatisfy { $0 == literals[0] }
        let type = isRun ? 1 : 0
        let size = literals.count
        if size < 32 {
            output.append(UInt8(size << 3 | type))
        } else if size < 4096 {
            output += [UInt8((size & 15) << 4 | 1 << 2 | type), UInt8(size >> 4)]
        } else {
            output += [UInt8((size & 15) << 4 | 3 << 2 | type), UInt8(size >> 4 & 0xFF), UInt8(size >> 12)]
        }
        if isRun { output.append(literals[0]) } else { output += literals }
    }
}
