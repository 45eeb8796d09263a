/// Decodes Zstandard frames into a caller-provided buffer (RFC 8878 §3.1).
///
/// A frame is a header, a run of blocks (raw, run-length or compressed) and an
/// optional XXH64 checksum. Compressed blocks may refer back to any earlier
/// output of the same frame and reuse its Huffman and FSE tables, so that state
/// lives here and is reset at every frame.
///
/// The output buffer has a fixed size and ``ZstdCopy/slack`` spare bytes; every
/// write is checked against `outputEnd` before it happens, so hostile input can
/// only make decoding fail, never write out of bounds.
struct ZstdFrameDecoder {
    static let magic: UInt32 = 0xFD2F_B528
    static let maxBlockSize = 128 * 1024

    let outputEnd: UnsafeMutablePointer<UInt8>
    var cursor: UnsafeMutablePointer<UInt8>
    /// Matches may not reach before the frame that contains them.
    var frameStart: UnsafeMutablePointer<UInt8>
    var windowSize = 0
    private var frameContentSize: Int?
    private var hasChecksum = false

    /// Decoded literals of the current block (with slack), shared by all blocks.
    let literalBuffer: UnsafeMutablePointer<UInt8>
    let literalCapacity: Int

    var huffman: ZstdHuffmanTable?
    /// Literal length, offset and match length tables, kept for "repeat" mode.
    var sequenceTables: [ZstdSequenceTable?] = [nil, nil, nil]
    var repeatOffsets = (1, 4, 8)

    init(output: UnsafeMutablePointer<UInt8>, count: Int, literalBuffer: UnsafeMutablePointer<UInt8>, literalCapacity: Int) {
        outputEnd = output + count
        cursor = output
        frameStart = output
        self.literalBuffer = literalBuffer
        self.literalCapacity = literalCapacity
    }

    /// Decodes the frame at the start of `bytes`, which begins after the magic number.
    ///
    /// - Returns: bytes consumed after the magic number.
    mutating func decodeFrame(_ bytes: UnsafePointer<UInt8>, count: Int) throws -> Int {
        var offset = try readFrameHeader(bytes, count: count)
        huffman = nil
        sequenceTables = [nil, nil, nil]
        repeatOffsets = (1, 4, 8)
        let blockLimit = min(windowSize, Self.maxBlockSize)
        while true {
            guard count - offset >= 3 else { throw ParquetError.corrupt("zstd: truncated block header") }
            let header = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
            offset += 3
            let isLast = header & 1 != 0
            let size = header >> 3
            guard size <= blockLimit else { throw ParquetError.corrupt("zstd: block of \(size) bytes exceeds \(blockLimit)") }
            switch (header >> 1) & 3 {
            case 0:
                guard size <= count - offset else { throw ParquetError.corrupt("zstd: truncated raw block") }
                try append(bytes + offset, count: size)
                offset += size
            case 1:
                guard offset < count else { throw ParquetError.corrupt("zstd: truncated RLE block") }
                guard size <= outputEnd - cursor else { throw ParquetError.corrupt("zstd: output exceeds the expected size") }
                cursor.update(repeating: bytes[offset], count: size)
                cursor += size
                offset += 1
            case 2:
                guard size <= count - offset else { throw ParquetError.corrupt("zstd: truncated compressed block") }
                let blockStart = cursor
                try decodeCompressedBlock(bytes + offset, count: size)
                guard cursor - blockStart <= blockLimit else {
                    throw ParquetError.corrupt("zstd: block decodes to more than \(blockLimit) bytes")
                }
                offset += size
            default:
                throw ParquetError.corrupt("zstd: reserved block type")
            }
            if isLast { break }
        }
        if let expected = frameContentSize, cursor - frameStart != expected {
            throw ParquetError.corrupt("zstd: frame decoded to \(cursor - frameStart) bytes, header says \(expected)")
        }
        if hasChecksum {
            guard count - offset >= 4 else { throw ParquetError.corrupt("zstd: truncated content checksum") }
            let stored = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
            let actual = UInt32(truncatingIfNeeded: XXH64.hash(UnsafeRawPointer(frameStart), count: cursor - frameStart))
            guard stored == actual else { throw ParquetError.corrupt("zstd: content checksum mismatch") }
            offset += 4
        }
        frameStart = cursor
        return offset
    }

    /// Parses the frame header (RFC 8878 §3.1.1.1) and sets the window size.
    private mutating func readFrameHeader(_ bytes: UnsafePointer<UInt8>, count: Int) throws -> Int {
        guard count >= 1 else { throw ParquetError.corrupt("zstd: truncated frame header") }
        let descriptor = Int(bytes[0])
        let sizeFlag = descriptor >> 6
        let singleSegment = descriptor & 0x20 != 0
        guard descriptor & 0x08 == 0 else { throw ParquetError.corrupt("zstd: reserved frame header bit set") }
        hasChecksum = descriptor & 0x04 != 0
        let dictionaryIDSize = [0, 1, 2, 4][descriptor & 3]
        let contentSizeSize = [singleSegment ? 1 : 0, 2, 4, 8][sizeFlag]
        let headerSize = 1 + (singleSegment ? 0 : 1) + dictionaryIDSize + contentSizeSize
        guard count >= headerSize else { throw ParquetError.corrupt("zstd: truncated frame header") }
        var offset = 1
        var window = 0
        if !singleSegment {
            let windowDescriptor = Int(bytes[1])
            let exponent = windowDescriptor >> 3
            let base = 1 << (10 + exponent)
            window = base + (base >> 3) * (windowDescriptor & 7)
            offset = 2
        }
        let dictionaryID = littleEndian(bytes + offset, count: dictionaryIDSize)
        offset += dictionaryIDSize
        guard dictionaryID == 0 else { throw ParquetError.unsupported("zstd dictionaries not supported") }
        if contentSizeSize > 0 {
            var size = littleEndian(bytes + offset, count: contentSizeSize)
            if contentSizeSize == 2 { size += 256 }
            // Sizes past what fits in the output are corrupt for our purposes; this
            // also rejects 64-bit values that would not fit in an `Int`.
            guard size <= UInt64(outputEnd - cursor) else {
                throw ParquetError.corrupt("zstd: frame content size \(size) exceeds the expected size")
            }
            frameContentSize = Int(size)
            offset += contentSizeSize
        } else {
            frameContentSize = nil
        }
        windowSize = singleSegment ? frameContentSize ?? 0 : window
        return offset
    }

    private func littleEndian(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[index]) << (8 * index) }
        return value
    }

    /// Appends bytes that were not produced by a match (raw blocks, literals).
    mutating func append(_ bytes: UnsafePointer<UInt8>, count: Int) throws {
        guard count <= outputEnd - cursor else { throw ParquetError.corrupt("zstd: output exceeds the expected size") }
        cursor.update(from: bytes, count: count)
        cursor += count
    }

    /// A compressed block: a literals section followed by a sequences section.
    private mutating func decodeCompressedBlock(_ bytes: UnsafePointer<UInt8>, count: Int) throws {
        let (literalCount, used) = try decodeLiterals(bytes, count: count)
        try decodeSequences(bytes + used, count: count - used, literals: literalBuffer, literalCount: literalCount)
    }

    /// Decodes the literals section into `literalBuffer` (RFC 8878 §3.1.1.3.1).
    ///
    /// - Returns: the number of literals and the bytes the section used.
    private mutating func decodeLiterals(_ bytes: UnsafePointer<UInt8>, count: Int) throws -> (Int, Int) {
        guard count >= 1 else { throw ParquetError.corrupt("zstd: missing literals section") }
        let type = Int(bytes[0]) & 3
        let sizeFormat = Int(bytes[0]) >> 2 & 3
        if type < 2 {
            // Raw or RLE: 5, 12 or 20 bits of size.
            let headerSize = sizeFormat & 1 == 0 ? 1 : sizeFormat == 1 ? 2 : 3
            guard count >= headerSize else { throw ParquetError.corrupt("zstd: truncated literals header") }
            let size: Int
            switch headerSize {
            case 1: size = Int(bytes[0]) >> 3
            case 2: size = Int(bytes[0]) >> 4 | Int(bytes[1]) << 4
            default: size = Int(bytes[0]) >> 4 | Int(bytes[1]) << 4 | Int(bytes[2]) << 12
            }
            guard size <= literalCapacity else { throw ParquetError.corrupt("zstd: \(size) literals exceed the block size") }
            if type == 0 {
                guard size <= count - headerSize else { throw ParquetError.corrupt("zstd: truncated raw literals") }
                literalBuffer.update(from: bytes + headerSize, count: size)
                return (size, headerSize + size)
            }
            guard count > headerSize else { throw ParquetError.corrupt("zstd: truncated RLE literals") }
            literalBuffer.update(repeating: bytes[headerSize], count: size)
            return (size, headerSize + 1)
        }
        // Huffman-coded: regenerated and compressed sizes of 10, 14 or 18 bits each.
        let headerSize = [3, 3, 4, 5][sizeFormat]
        let sizeBits = [10, 10, 14, 18][sizeFormat]
        let streams = sizeFormat == 0 ? 1 : 4
        guard count >= headerSize else { throw ParquetError.corrupt("zstd: truncated literals header") }
        var packed = 0
        for index in 0..<headerSize { packed |= Int(bytes[index]) << (8 * index) }
        packed >>= 4
        let mask = (1 << sizeBits) - 1
        let regenerated = packed & mask
        let compressed = packed >> sizeBits & mask
        guard regenerated <= literalCapacity else {
            throw ParquetError.corrupt("zstd: \(regenerated) literals exceed the block size")
        }
        guard compressed <= count - headerSize else { throw ParquetError.corrupt("zstd: truncated Huffman literals") }
        var streamStart = bytes + headerSize
        var streamSize = compressed
        if type == 2 {
            let (table, used) = try ZstdHuffmanTable.read(streamStart, count: streamSize)
            huffman = table
            streamStart += used
            streamSize -= used
        }
        guard let table = huffman else { throw ParquetError.corrupt("zstd: treeless literals without a previous Huffman table") }
        try table.decode(streamStart, count: streamSize, streams: streams, into: literalBuffer, count: regenerated)
        return (regenerated, headerSize + compressed)
    }
}
