/// Zstandard (RFC 8878) in pure Swift, for Parquet's ZSTD codec.
///
/// Decoding handles everything a reference encoder emits except dictionaries
/// (see ``ZstdFrameDecoder``); encoding is a single fast level (see
/// ``ZstdEncoder``). Both work on whole buffers, as Parquet pages do.
enum Zstd {
    private static let skippableMagicMask: UInt32 = 0xFFFF_FFF0
    private static let skippableMagic: UInt32 = 0x184D_2A50

    /// One or more Zstandard frames (skippable frames skipped). Output must be exactly `uncompressedSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard uncompressedSize >= 0 else { throw ParquetError.corrupt("zstd: negative uncompressed size") }
        // Every block costs at least 4 input bytes and yields at most 128 KiB, so a
        // larger claimed size is corrupt; checking first avoids a huge allocation.
        guard uncompressedSize <= input.count * (ZstdFrameDecoder.maxBlockSize / 4) else {
            throw ParquetError.corrupt("zstd: \(input.count) bytes cannot expand to \(uncompressedSize)")
        }
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count > 0 else {
            guard uncompressedSize == 0 else { throw ParquetError.corrupt("zstd: empty input, expected \(uncompressedSize) bytes") }
            return []
        }
        // Literals never outnumber the bytes they decode to, so small pages get a small buffer.
        let literalCapacity = min(ZstdFrameDecoder.maxBlockSize, uncompressedSize)
        let literals = UnsafeMutablePointer<UInt8>.allocate(capacity: literalCapacity + ZstdCopy.slack)
        defer { literals.deallocate() }
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize + ZstdCopy.slack) { buffer, initialized in
            guard let output = buffer.baseAddress else { throw ParquetError.corrupt("zstd: no output buffer") }
            var decoder = ZstdFrameDecoder(output: output, count: uncompressedSize,
                                           literalBuffer: literals, literalCapacity: literalCapacity)
            var offset = 0
            while offset < input.count {
                guard input.count - offset >= 4 else { throw ParquetError.corrupt("zstd: truncated frame magic") }
                let magic = UInt32(littleEndian: input.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                offset += 4
                if magic & skippableMagicMask == skippableMagic {
                    guard input.count - offset >= 4 else { throw ParquetError.corrupt("zstd: truncated skippable frame") }
                    let size = Int(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                    guard size <= input.count - offset - 4 else { throw ParquetError.corrupt("zstd: truncated skippable frame") }
                    offset += 4 + size
                    continue
                }
                guard magic == ZstdFrameDecoder.magic else {
                    throw ParquetError.corrupt("zstd: bad frame magic 0x\(String(magic, radix: 16))")
                }
                offset += try decoder.decodeFrame(base + offset, count: input.count - offset)
            }
            initialized = decoder.cursor - output
            guard initialized == uncompressedSize else {
                throw ParquetError.corrupt("zstd: decoded \(initialized) bytes, expected \(uncompressedSize)")
            }
        }
    }

    static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var encoder = ZstdEncoder()
        return encoder.compress(input)
    }
}
