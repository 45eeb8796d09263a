/// The LZ4 block format, used by Parquet's `LZ4_RAW` codec and inside its
/// deprecated `LZ4` codec.
///
/// A block is a sequence of *sequences*. Each starts with a token byte: the high
/// nibble is the literal count, the low nibble the match length minus 4; a nibble
/// of 15 means "add the following bytes, each up to 255, until one is not 255".
/// The literals follow, then a 2-byte little-endian match offset, then the match
/// length bytes. The last sequence stops after its literals, and to let decoders
/// over-copy the format requires the last 5 bytes to be literals and the last
/// match to start at least 12 bytes before the end.
///
/// Parquet's deprecated `LZ4` codec was written two ways: with Hadoop's framing
/// (`[u32 BE uncompressed length][u32 BE compressed length][block]`, repeated) by
/// parquet-mr, and as a bare block by older parquet-cpp. Like Arrow, the reader
/// tries the framing first and falls back to a bare block when it does not fit.
enum LZ4 {
    /// Decodes a bare block that must hold exactly `uncompressedSize` bytes.
    static func decompressRaw(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        try checkSize(uncompressedSize)
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initialized in
            try decodeBlock(input, into: buffer, context: "lz4")
            initialized = uncompressedSize
        }
    }

    /// Decodes Hadoop-framed blocks, or failing that one bare block, into exactly `uncompressedSize` bytes.
    static func decompressHadoopOrRaw(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        try checkSize(uncompressedSize)
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initialized in
            if !decodeHadoopFrames(input, into: buffer) {
                try decodeBlock(input, into: buffer, context: "lz4")
            }
            initialized = uncompressedSize
        }
    }

    /// Compresses into one bare block with a greedy single-probe hash search.
    ///
    /// The input must be under 4 GiB, as positions are kept in 32 bits (Parquet pages are limited to 2 GiB).
    static func compressRaw(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let count = input.count
        precondition(count < Int(UInt32.max), "lz4: input of \(count) bytes exceeds the 4 GiB limit")
        let bound = count + count / 255 + 16
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            let outputStart = buffer.baseAddress!
            guard let base = input.baseAddress, count > 0 else {
                // The empty block is a single token with no literals and no match.
                outputStart.pointee = 0
                initialized = 1
                return
            }
            let end = compressBlock(base.assumingMemoryBound(to: UInt8.self), count: count, into: outputStart)
            initialized = end - outputStart
        }
    }

    // MARK: - Decoding

    private static func checkSize(_ uncompressedSize: Int) throws {
        guard uncompressedSize >= 0 else { throw ParquetError.corrupt("lz4: negative uncompressed size \(uncompressedSize)") }
    }

    /// Decodes Hadoop frames filling `output` exactly; false when the input is not framed that way.
    private static func decodeHadoopFrames(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        var position = 0
        var produced = 0
        while input.count - position >= 8 {
            let uncompressed = Int(bigEndianUInt32(input, at: position))
            let compressed = Int(bigEndianUInt32(input, at: position + 4))
            position += 8
            guard compressed <= input.count - position, uncompressed <= output.count - produced else { return false }
            let block = UnsafeRawBufferPointer(rebasing: input[position..<(position + compressed)])
            let region = UnsafeMutableBufferPointer(rebasing: output[produced..<(produced + uncompressed)])
            do {
                try decodeBlock(block, into: region, context: "lz4 (hadoop)")
            } catch {
                return false
            }
            position += compressed
            produced += uncompressed
        }
        return position == input.count && produced == output.count
    }

    private static func bigEndianUInt32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Decodes one block, requiring it to fill `output` exactly.
    ///
    /// Bounds are checked once per sequence; short literals and matches far from the
    /// end of the output take word-sized over-copies (see ``LZ77``).
    private static func decodeBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>, context: String) throws {
        guard let inputBase = input.baseAddress, input.count > 0 else {
            // Some writers store an empty page as no bytes rather than a zero token.
            guard output.isEmpty else { throw ParquetError.truncated("\(context): empty input for \(output.count) bytes") }
            return
        }
        guard let outputStart = output.baseAddress else {
            // An empty block is the single token 0.
            guard input.count == 1, inputBase.load(as: UInt8.self) == 0 else {
                throw ParquetError.corrupt("\(context): \(input.count) bytes of input for an empty output")
            }
            return
        }
        let inputStart = inputBase.assumingMemoryBound(to: UInt8.self)
        let inputEnd = inputStart + input.count
        let outputEnd = outputStart + output.count
        var ip = inputStart
        var op = outputStart
        while true {
            guard ip < inputEnd else {
                throw ParquetError.truncated("\(context): input ends before a token at byte \(ip - inputStart)")
            }
            let token = ip.pointee
            ip += 1
            var literalLength = Int(token >> 4)
            if literalLength == 15 {
                literalLength = try readLengthExtension(&ip, inputStart: inputStart, inputEnd: inputEnd, base: 15, limit: outputEnd - op, context: context)
            }
            if literalLength <= 16 && inputEnd - ip >= 16 && outputEnd - op >= 16 {
                LZ77.copy16(from: ip, to: op)
            } else {
                guard inputEnd - ip >= literalLength else {
                    throw ParquetError.truncated("\(context): \(literalLength) literals run past end of input at byte \(ip - inputStart)")
                }
                guard outputEnd - op >= literalLength else {
                    throw ParquetError.corrupt("\(context): \(literalLength) literals overflow the \(output.count)-byte output at byte \(ip - inputStart)")
                }
                LZ77.copyLiteral(from: ip, sourceEnd: inputEnd, to: op, destinationEnd: outputEnd, count: literalLength)
            }
            ip += literalLength
            op += literalLength
            if ip == inputEnd { break }

            guard inputEnd - ip >= 2 else {
                throw ParquetError.truncated("\(context): input ends inside a match offset at byte \(ip - inputStart)")
            }
            let offset = Int(UInt16(littleEndian: UnsafeRawPointer(ip).loadUnaligned(as: UInt16.self)))
            ip += 2
            guard offset != 0, offset <= op - outputStart else {
                throw ParquetError.corrupt("\(context): match offset \(offset) before start of output (\(op - outputStart) bytes written) at byte \(ip - inputStart)")
            }
            var matchLength = Int(token & 15) &+ 4
            if matchLength == 19 {
                matchLength = try readLengthExtension(&ip, inputStart: inputStart, inputEnd: inputEnd, base: 19, limit: outputEnd - op, context: context)
            }
            if outputEnd - op >= matchLength &+ LZ77.fastCopySlack {
                LZ77.copyMatchFast(to: op, offset: offset, length: matchLength)
            } else {
                guard outputEnd - op >= matchLength else {
                    throw ParquetError.corrupt("\(context): match of \(matchLength) bytes overflows the \(output.count)-byte output at byte \(ip - inputStart)")
                }
                LZ77.copyMatchExact(to: op, offset: offset, length: matchLength)
            }
            op += matchLength
        }
        guard op == outputEnd else {
            throw ParquetError.truncated("\(context): input ends after \(op - outputStart) of \(output.count) bytes")
        }
    }

    /// Adds length bytes to `base` until one is below 255.
    ///
    /// Fails as soon as the length exceeds `limit` (the output room left), which also
    /// keeps the sum far from overflow however many 255s a hostile input holds.
    @inline(never)
    private static func readLengthExtension(
        _ ip: inout UnsafePointer<UInt8>, inputStart: UnsafePointer<UInt8>, inputEnd: UnsafePointer<UInt8>,
        base: Int, limit: Int, context: String
    ) throws -> Int {
        var length = base
        while true {
            guard ip < inputEnd else {
                throw ParquetError.truncated("\(context): input ends inside a length at byte \(ip - inputStart)")
            }
            let byte = ip.pointee
            ip += 1
            length += Int(byte)
            guard length <= limit else {
                throw ParquetError.corrupt("\(context): length \(length) overflows the output (\(limit) bytes left) at byte \(ip - inputStart)")
            }
            if byte != 255 { return length }
        }
    }

    // MARK: - Encoding

    /// A match may not start in the last 12 bytes of a block.
    private static let matchStartMargin = 12
    /// Nor may it cover the last 5, which are always literals.
    private static let lastLiterals = 5
    private static let maxOffset = 65_535

    private static func compressBlock(_ base: UnsafePointer<UInt8>, count: Int, into output: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var op = output
        var anchor = base
        let end = base + count
        if count > matchStartMargin {
            // About one slot per input byte, up to 64K slots: clearing a large table would dominate small pages.
            let hashBits = min(16, max(10, Int.bitWidth - count.leadingZeroBitCount))
            // Positions are stored plus one so that zero means "empty slot".
            let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << hashBits)
            defer { table.deallocate() }
            table.initialize(repeating: 0, count: 1 << hashBits)
            // Hashing five bytes rather than the four a match needs keeps short common
            // prefixes (small integers padded with zeros) from crowding each other out.
            // Reading eight is safe: no position hashed is within 12 bytes of the end.
            @inline(__always) func hash(_ p: UnsafePointer<UInt8>) -> Int {
                Int(((UInt64(littleEndian: LZ77.load64(p)) << 24) &* 889_523_592_379) >> UInt64(64 - hashBits))
            }
            let matchStartLimit = end - matchStartMargin
            let matchEndLimit = end - lastLiterals
            var ip = base
            while ip < matchStartLimit {
                let slot = hash(ip)
                let stored = Int(table[slot])
                table[slot] = UInt32(truncatingIfNeeded: ip - base + 1)
                if stored != 0 {
                    let candidate = base + (stored - 1)
                    if ip - candidate <= maxOffset && LZ77.load32(candidate) == LZ77.load32(ip) {
                        let matched = 4 &+ LZ77.matchLength(candidate + 4, ip + 4, bLimit: matchEndLimit)
                        op = emitSequence(literals: anchor, literalCount: ip - anchor, offset: ip - candidate, matchLength: matched, into: op)
                        ip += matched
                        anchor = ip
                        // Index a position inside the match too, as the reference does: the
                        // data just matched is the likeliest to repeat.
                        if ip < matchStartLimit {
                            table[hash(ip - 2)] = UInt32(truncatingIfNeeded: ip - 2 - base + 1)
                        }
                        continue
                    }
                }
                // Step faster through data that keeps failing to match.
                ip += 1 &+ ((ip - anchor) >> 6)
            }
        }
        return emitSequence(literals: anchor, literalCount: end - anchor, offset: 0, matchLength: 0, into: op)
    }

    /// Writes one sequence; `matchLength` 0 writes the final, literal-only one.
    @inline(__always)
    private static func emitSequence(
        literals: UnsafePointer<UInt8>, literalCount: Int, offset: Int, matchLength: Int, into output: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        var op = output
        let token = op
        op += 1
        let literalNibble = min(literalCount, 15)
        if literalCount >= 15 { op = emitLengthExtension(literalCount - 15, into: op) }
        UnsafeMutableRawPointer(op).copyMemory(from: literals, byteCount: literalCount)
        op += literalCount
        var matchNibble = 0
        if matchLength > 0 {
            op[0] = UInt8(truncatingIfNeeded: offset)
            op[1] = UInt8(truncatingIfNeeded: offset >> 8)
            op += 2
            matchNibble = min(matchLength - 4, 15)
            if matchLength - 4 >= 15 { op = emitLengthExtension(matchLength - 4 - 15, into: op) }
        }
        token.pointee = UInt8(literalNibble << 4 | matchNibble)
        return op
    }

    @inline(__always)
    private static func emitLengthExtension(_ value: Int, into output: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var op = output
        var remaining = value
        while remaining >= 255 {
            op.pointee = 255
            op += 1
            remaining -= 255
        }
        op.pointee = UInt8(remaining)
        return op + 1
    }
}
