// OWNED BY: codecs helper. Contract only; bodies to be replaced.
enum LZ4 {
    /// LZ4 block format (Parquet LZ4_RAW).
    static func decompressRaw(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] { fatalError("unmerged") }
    /// Parquet's deprecated LZ4 codec: Hadoop framing (big-endian u32 uncompressed size, u32 compressed size, block)*,
    /// falling back to a raw block when the framing does not fit (as parquet-cpp/arrow do).
    static func decompressHadoopOrRaw(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] { fatalError("unmerged") }
    static func compressRaw(_ input: UnsafeRawBufferPointer) -> [UInt8] { fatalError("unmerged") }
}
