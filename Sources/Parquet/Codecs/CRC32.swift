import CZlib

/// CRC-32 (IEEE, as gzip), which Parquet uses for page checksums.
enum CRC32 {
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        var crc: UInt = 0
        var offset = 0
        // zlib takes a 32-bit length; feed very large inputs in pieces.
        while offset < bytes.count {
            let n = min(bytes.count - offset, Int(Int32.max))
            crc = crc32(crc, base.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(n))
            offset += n
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
