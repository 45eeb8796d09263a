import CZlib

/// Parquet's `GZIP` codec, through the system zlib.
///
/// Pages are gzip members (RFC 1952). Some writers emit several members back to
/// back for one page, which a gzip reader must treat as one concatenated stream, so
/// decoding restarts the inflater after each member while input remains. zlib's
/// header auto-detection also accepts zlib-wrapped streams, which some old writers
/// produced under this codec.
enum Gzip {
    /// `windowBits` for a 32 KiB window; `+ 32` asks inflate to detect gzip or zlib, `+ 16` asks deflate for gzip.
    private static let windowBits: Int32 = 15

    /// Decodes one or more members into exactly `uncompressedSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard uncompressedSize >= 0 else { throw ParquetError.corrupt("gzip: negative uncompressed size \(uncompressedSize)") }
        guard input.count <= Int(UInt32.max), uncompressedSize <= Int(UInt32.max) else {
            throw ParquetError.unsupported("gzip: pages of 4 GiB or more are not supported")
        }
        guard let inputBase = input.baseAddress, input.count > 0 else {
            // Some writers store an empty page as no bytes at all.
            guard uncompressedSize == 0 else { throw ParquetError.truncated("gzip: empty input for \(uncompressedSize) bytes") }
            return []
        }
        var stream = z_stream()
        let status = inflateInit2_(&stream, windowBits + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw error("inflateInit2", status, stream, position: 0) }
        defer { inflateEnd(&stream) }
        // zlib rejects a null output pointer even with no room, which an empty page's buffer may have.
        var scratch: UInt8 = 0
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = UInt32(input.count)
            try withUnsafeMutablePointer(to: &scratch) { scratchPointer in
                stream.next_out = buffer.baseAddress ?? scratchPointer
                stream.avail_out = UInt32(uncompressedSize)
                while true {
                    let position = input.count - Int(stream.avail_in)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    switch result {
                    case Z_STREAM_END:
                        guard stream.avail_in > 0 else {
                            guard stream.avail_out == 0 else {
                                throw ParquetError.truncated("gzip: stream ends after \(Int(stream.total_out)) of \(uncompressedSize) bytes")
                            }
                            return
                        }
                        // Another member follows; total_out keeps counting across the reset.
                        let reset = inflateReset(&stream)
                        guard reset == Z_OK else { throw error("inflateReset", reset, stream, position: input.count - Int(stream.avail_in)) }
                    case Z_OK where stream.avail_out > 0 || input.count - Int(stream.avail_in) > position:
                        continue
                    case Z_OK, Z_BUF_ERROR:
                        if stream.avail_out == 0 {
                            throw ParquetError.corrupt("gzip: stream holds more than the \(uncompressedSize) bytes the page header says, at byte \(position)")
                        }
                        throw ParquetError.truncated("gzip: input ends after \(Int(stream.total_out)) of \(uncompressedSize) bytes")
                    default:
                        throw error("inflate", result, stream, position: position)
                    }
                }
            }
            initialized = uncompressedSize
        }
    }

    /// Compresses into one gzip member at zlib `level` (0...9, 6 is zlib's default).
    static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6) throws -> [UInt8] {
        guard input.count <= Int(UInt32.max) else {
            throw ParquetError.unsupported("gzip: pages of 4 GiB or more are not supported")
        }
        var stream = z_stream()
        let status = deflateInit2_(&stream, level, Z_DEFLATED, windowBits + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw error("deflateInit2", status, stream, position: 0) }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var empty: UInt8 = 0
        return try [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            try withUnsafeMutablePointer(to: &empty) { emptyPointer in
                stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) } ?? emptyPointer
                stream.avail_in = UInt32(input.count)
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(bound)
                // deflateBound guarantees one Z_FINISH call completes.
                let result = deflate(&stream, Z_FINISH)
                guard result == Z_STREAM_END else { throw error("deflate", result, stream, position: Int(stream.total_in)) }
            }
            initialized = Int(stream.total_out)
        }
    }

    private static func error(_ call: String, _ status: Int32, _ stream: z_stream, position: Int) -> ParquetError {
        let detail = stream.msg.map { String(cString: $0) } ?? "status \(status)"
        let message = "gzip: \(call) failed at byte \(position): \(detail)"
        return status == Z_MEM_ERROR || status == Z_VERSION_ERROR || status == Z_STREAM_ERROR
            ? ParquetError.unsupported(message) : ParquetError.corrupt(message)
    }
}
