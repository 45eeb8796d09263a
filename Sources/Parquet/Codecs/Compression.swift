/// Applying a codec to page bytes.
///
/// Decompression always knows the expected output size from the page header and
/// fails rather than produce more or fewer bytes, so a hostile page cannot make the
/// reader allocate without bound.
extension CompressionCodec {
    /// Upper bound for one page; the format stores sizes as i32.
    static let maximumPageSize = Int(Int32.max)

    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard uncompressedSize >= 0, uncompressedSize <= Self.maximumPageSize else {
            throw ParquetError.corrupt("invalid uncompressed size \(uncompressedSize)")
        }
        let output: [UInt8]
        switch self {
        case .uncompressed:
            output = Array(input)
        case .snappy:
            output = try Snappy.decompress(input, uncompressedSize: uncompressedSize)
        case .gzip:
            output = try Gzip.decompress(input, uncompressedSize: uncompressedSize)
        case .zstd:
            output = try Zstd.decompress(input, uncompressedSize: uncompressedSize)
        case .lz4Raw:
            output = try LZ4.decompressRaw(input, uncompressedSize: uncompressedSize)
        case .lz4:
            output = try LZ4.decompressHadoopOrRaw(input, uncompressedSize: uncompressedSize)
        case .lzo, .brotli:
            throw ParquetError.unsupported("\(self) compression is not supported")
        }
        guard output.count == uncompressedSize else {
            throw ParquetError.corrupt("\(self) produced \(output.count) bytes, page header says \(uncompressedSize)")
        }
        return output
    }

    /// Codecs the writer can produce.
    public static let writable: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd]

    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        switch self {
        case .uncompressed: return Array(input)
        case .snappy: return Snappy.compress(input)
        case .gzip: return try Gzip.compress(input)
        case .zstd: return Zstd.compress(input)
        case .lz4Raw: return LZ4.compressRaw(input)
        case .lz4, .lzo, .brotli:
            throw ParquetError.unsupported("writing \(self) is not supported")
        }
    }
}
