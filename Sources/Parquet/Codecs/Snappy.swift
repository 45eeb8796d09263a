/// The raw Snappy block format (no framing), Parquet's most common codec.
///
/// A block is a varint holding the uncompressed length, then a sequence of
/// elements, each starting with a tag byte whose low two bits give its kind:
///
/// | bits | element | length | offset |
/// |---|---|---|---|
/// | `00` | literal | `tag >> 2` + 1, or for 60...63 the next 1–4 bytes (LE) + 1 | — |
/// | `01` | copy | `(tag >> 2) & 7` + 4 | `tag >> 5` high bits, next byte low bits |
/// | `10` | copy | `tag >> 2` + 1 | next 2 bytes (LE) |
/// | `11` | copy | `tag >> 2` + 1 | next 4 bytes (LE) |
///
/// A copy repeats output from `offset` bytes back and may overlap itself.
/// The compressor is the reference algorithm: independent 64 KiB blocks, a hash
/// table of 4-byte sequences, and a search step that grows the longer nothing
/// matches so that incompressible data passes through quickly.
enum Snappy {
    /// Decodes a raw block that must hold exactly `uncompressedSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard let inputBase = input.baseAddress, input.count > 0 else {
            throw ParquetError.truncated("snappy: empty input")
        }
        let start = inputBase.assumingMemoryBound(to: UInt8.self)
        let inputEnd = start + input.count
        var ip = start
        let declared = try readPreamble(&ip, end: inputEnd)
        guard declared == uncompressedSize else {
            throw ParquetError.corrupt("snappy: block declares \(declared) bytes, page header says \(uncompressedSize)")
        }
        if uncompressedSize == 0 {
            guard ip == inputEnd else { throw ParquetError.corrupt("snappy: data after empty block at byte \(ip - start)") }
            return []
        }
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initialized in
            try decodeElements(from: ip, inputStart: start, inputEnd: inputEnd, into: buffer.baseAddress!, count: uncompressedSize)
            initialized = uncompressedSize
        }
    }

    /// Compresses into one raw block.
    ///
    /// The format stores the length in 32 bits, so the input must be under 4 GiB
    /// (Parquet pages are limited to 2 GiB).
    static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let count = input.count
        precondition(count <= Int(UInt32.max), "snappy: input of \(count) bytes exceeds the format's 4 GiB limit")
        // Worst case: every byte a literal plus element headers, with room for the
        // 16-byte chunk a short literal is written with.
        let bound = 32 + count + count / 6
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            let outputStart = buffer.baseAddress!
            var op = outputStart
            var length = UInt32(truncatingIfNeeded: count)
            while length >= 0x80 {
                op.pointee = UInt8(truncatingIfNeeded: length) | 0x80
                op += 1
                length >>= 7
            }
            op.pointee = UInt8(length)
            op += 1
            if let base = input.baseAddress, count > 0 {
                let source = base.assumingMemoryBound(to: UInt8.self)
                let table = UnsafeMutablePointer<UInt16>.allocate(capacity: maxTableSize)
                defer { table.deallocate() }
                var blockStart = 0
                while blockStart < count {
                    let blockLength = min(blockSize, count - blockStart)
                    op = compressBlock(source + blockStart, count: blockLength, table: table, into: op)
                    blockStart += blockLength
                }
            }
            initialized = op - outputStart
        }
    }

    // MARK: - Decoding

    /// The uncompressed length: a varint of at most five bytes holding a 32-bit value.
    private static func readPreamble(_ ip: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) throws -> Int {
        var value = 0
        var shift = 0
        while true {
            guard ip < end else { throw ParquetError.truncated("snappy: input ends inside the length preamble") }
            let byte = ip.pointee
            ip += 1
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw ParquetError.corrupt("snappy: length preamble longer than 5 bytes") }
        }
        guard value <= Int(UInt32.max) else { throw ParquetError.corrupt("snappy: length preamble \(value) exceeds 32 bits") }
        return value
    }

    /// Decodes elements until the input ends, requiring the output to be exactly full then.
    ///
    /// The loop checks bounds once per element: a fast path for short literals and
    /// copies while both buffers have room for word-sized over-copies, exact copies otherwise.
    @inline(__always)
    private static func decodeElements(
        from inputPosition: UnsafePointer<UInt8>, inputStart: UnsafePointer<UInt8>, inputEnd: UnsafePointer<UInt8>,
        into outputStart: UnsafeMutablePointer<UInt8>, count: Int
    ) throws {
        var ip = inputPosition
        var op = outputStart
        let outputEnd = outputStart + count
        while ip < inputEnd {
            let tag = ip.pointee
            ip += 1
            let kind = tag & 3
            if kind == 0 {
                var length = Int(tag >> 2) &+ 1
                if length <= 16 && inputEnd - ip >= 16 && outputEnd - op >= 16 {
                    LZ77.copy16(from: ip, to: op)
                    ip += length
                    op += length
                    continue
                }
                if length > 60 {
                    let extra = length &- 60
                    guard inputEnd - ip >= extra else {
                        throw truncated("literal length", at: ip - inputStart)
                    }
                    length = 0
                    for i in 0..<extra { length |= Int(ip[i]) << (8 * i) }
                    length &+= 1
                    ip += extra
                }
                guard inputEnd - ip >= length else {
                    throw ParquetError.truncated("snappy: literal of \(length) bytes runs past end of input at byte \(ip - inputStart)")
                }
                guard outputEnd - op >= length else {
                    throw ParquetError.corrupt("snappy: literal of \(length) bytes overflows the \(count)-byte output at byte \(ip - inputStart)")
                }
                LZ77.copyLiteral(from: ip, sourceEnd: inputEnd, to: op, destinationEnd: outputEnd, count: length)
                ip += length
                op += length
                continue
            }
            let length: Int
            let offset: Int
            if kind == 1 {
                guard ip < inputEnd else { throw truncated("copy offset", at: ip - inputStart) }
                length = Int((tag >> 2) & 7) &+ 4
                offset = Int(tag >> 5) << 8 | Int(ip.pointee)
                ip += 1
            } else if kind == 2 {
                guard inputEnd - ip >= 2 else { throw truncated("copy offset", at: ip - inputStart) }
                length = Int(tag >> 2) &+ 1
                offset = Int(UInt16(littleEndian: UnsafeRawPointer(ip).loadUnaligned(as: UInt16.self)))
                ip += 2
            } else {
                guard inputEnd - ip >= 4 else { throw truncated("copy offset", at: ip - inputStart) }
                length = Int(tag >> 2) &+ 1
                offset = Int(UInt32(littleEndian: UnsafeRawPointer(ip).loadUnaligned(as: UInt32.self)))
                ip += 4
            }
            guard offset != 0, offset <= op - outputStart else {
                throw badOffset(offset, written: op - outputStart, at: ip - inputStart)
            }
            // Copies are at most 64 bytes, so this one test covers length and slack.
            if outputEnd - op >= 64 + LZ77.fastCopySlack {
                LZ77.copyMatchFast(to: op, offset: offset, length: length)
            } else {
                guard outputEnd - op >= length else {
                    throw ParquetError.corrupt("snappy: copy of \(length) bytes overflows the \(count)-byte output at byte \(ip - inputStart)")
                }
                LZ77.copyMatchExact(to: op, offset: offset, length: length)
            }
            op += length
        }
        guard op == outputEnd else {
            throw ParquetError.truncated("snappy: input ends after \(op - outputStart) of \(count) bytes")
        }
    }

    @inline(never)
    private static func truncated(_ what: String, at position: Int) -> ParquetError {
        ParquetError.truncated("snappy: input ends inside a \(what) at byte \(position)")
    }

    @inline(never)
    private static func badOffset(_ offset: Int, written: Int, at position: Int) -> ParquetError {
        offset == 0
            ? ParquetError.corrupt("snappy: copy offset 0 at byte \(position)")
            : ParquetError.corrupt("snappy: copy offset \(offset) before start of output (\(written) bytes written) at byte \(position)")
    }

    // MARK: - Encoding

    /// Matches never reach across blocks, so offsets fit in two bytes and the table in `UInt16`s.
    private static let blockSize = 1 << 16
    private static let maxTableSize = 1 << 14
    /// Below this a block is stored as one literal: too short to find and encode a match in.
    private static let inputMarginBytes = 15

    /// Compresses one block with matches only inside it; returns the new output position.
    private static func compressBlock(
        _ base: UnsafePointer<UInt8>, count: Int, table: UnsafeMutablePointer<UInt16>, into output: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        var op = output
        let end = base + count
        var nextEmit = base
        guard count >= inputMarginBytes else {
            return emitLiteral(from: nextEmit, count: end - nextEmit, into: op)
        }
        // Small blocks get small tables: clearing 16K entries would dominate tiny pages.
        var tableSize = 256
        while tableSize < maxTableSize && tableSize < count { tableSize <<= 1 }
        table.update(repeating: 0, count: tableSize)
        let shift = UInt32(32 - tableSize.trailingZeroBitCount)
        // Hashes the four bytes in the low end of `bytes` (memory order, as loaded little-endian).
        @inline(__always) func hash(_ bytes: UInt32) -> Int {
            Int((bytes &* 0x1E35_A7BD) >> shift)
        }
        @inline(__always) func load32(_ p: UnsafePointer<UInt8>) -> UInt32 { UInt32(littleEndian: LZ77.load32(p)) }
        @inline(__always) func load64(_ p: UnsafePointer<UInt8>) -> UInt64 { UInt64(littleEndian: LZ77.load64(p)) }

        let matchSearchLimit = end - inputMarginBytes
        // The first byte is always a literal: there is nothing before it to match.
        var ip = base + 1
        outer: while true {
            var candidate = base
            search: do {
                // Probe every position (the reference's skip rule also steps by one for
                // its first 32 probes); the first 16 come from shifting two 8-byte loads.
                var skip = 32
                if matchSearchLimit - ip >= 16 {
                    let position = ip - base
                    var data = load64(ip)
                    for j in 0..<4 {
                        for k in 0..<4 {
                            let i = 4 &* j &+ k
                            let slot = hash(UInt32(truncatingIfNeeded: data))
                            candidate = base + Int(table[slot])
                            table[slot] = UInt16(truncatingIfNeeded: position &+ i)
                            if load32(candidate) == UInt32(truncatingIfNeeded: data) {
                                ip += i
                                break search
                            }
                            data >>= 8
                        }
                        data = load64(ip + (4 &* j &+ 4))
                    }
                    ip += 16
                    skip &+= 16
                }
                // Then step further the longer the search fails, so incompressible
                // data passes quickly: two bytes at a time after 32 more probes, then three, ...
                var nextHash = hash(load32(ip))
                var nextIp = ip
                repeat {
                    ip = nextIp
                    let currentHash = nextHash
                    nextIp = ip + (skip >> 5)
                    skip &+= 1
                    if nextIp > matchSearchLimit { break outer }
                    nextHash = hash(load32(nextIp))
                    candidate = base + Int(table[currentHash])
                    table[currentHash] = UInt16(truncatingIfNeeded: ip - base)
                } while load32(ip) != load32(candidate)
            }

            op = emitLiteral(from: nextEmit, count: ip - nextEmit, into: op, inputHasSlack: true)
            // Emit copies while the byte after each one starts another match.
            repeat {
                let matchStart = ip
                let matched = 4 &+ LZ77.matchLength(candidate + 4, ip + 4, bLimit: end)
                ip += matched
                op = emitCopy(offset: matchStart - candidate, length: matched, into: op)
                nextEmit = ip
                if ip >= matchSearchLimit { break outer }
                let data = load64(ip - 1)
                table[hash(UInt32(truncatingIfNeeded: data))] = UInt16(truncatingIfNeeded: ip - 1 - base)
                let currentHash = hash(UInt32(truncatingIfNeeded: data >> 8))
                candidate = base + Int(table[currentHash])
                table[currentHash] = UInt16(truncatingIfNeeded: ip - base)
            } while load32(ip) == load32(candidate)
            ip += 1
        }
        if nextEmit < end {
            op = emitLiteral(from: nextEmit, count: end - nextEmit, into: op)
        }
        return op
    }

    /// Writes a literal element.
    ///
    /// With `inputHasSlack` (the literal is followed by at least 15 more input bytes)
    /// a short literal is moved as one 16-byte chunk. The output always has room for
    /// that: `compress` sizes it for the worst case plus 32, and no element expands
    /// its input by anywhere near 16 bytes.
    @inline(__always)
    private static func emitLiteral(
        from source: UnsafePointer<UInt8>, count: Int, into output: UnsafeMutablePointer<UInt8>, inputHasSlack: Bool = false
    ) -> UnsafeMutablePointer<UInt8> {
        var op = output
        let n = count - 1
        if n < 60 {
            op.pointee = UInt8(n << 2)
            op += 1
            if inputHasSlack && count <= 16 {
                LZ77.copy16(from: source, to: op)
                return op + count
            }
        } else {
            // Tags 60...63 say the length follows in 1...4 little-endian bytes.
            var lengthBytes = 1
            while lengthBytes < 4 && n >> (8 * lengthBytes) != 0 { lengthBytes += 1 }
            op.pointee = UInt8((59 + lengthBytes) << 2)
            op += 1
            for i in 0..<lengthBytes { op[i] = UInt8(truncatingIfNeeded: n >> (8 * i)) }
            op += lengthBytes
        }
        UnsafeMutableRawPointer(op).copyMemory(from: source, byteCount: count)
        return op + count
    }

    @inline(__always)
    private static func emitCopy(offset: Int, length: Int, into output: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var op = output
        var remaining = length
        // Long matches become 64-byte copies, keeping at least 4 bytes for the last
        // piece so that it can still use the short one-byte-offset form.
        while remaining >= 68 {
            op = emitCopy2(offset: offset, length: 64, into: op)
            remaining -= 64
        }
        if remaining > 64 {
            op = emitCopy2(offset: offset, length: 60, into: op)
            remaining -= 60
        }
        if remaining < 12 && offset < 2048 {
            op[0] = UInt8(1 | (remaining - 4) << 2 | (offset >> 8) << 5)
            op[1] = UInt8(truncatingIfNeeded: offset)
            return op + 2
        }
        return emitCopy2(offset: offset, length: remaining, into: op)
    }

    @inline(__always)
    private static func emitCopy2(offset: Int, length: Int, into op: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        op[0] = UInt8(2 | (length - 1) << 2)
        op[1] = UInt8(truncatingIfNeeded: offset)
        op[2] = UInt8(truncatingIfNeeded: offset >> 8)
        return op + 3
    }
}
