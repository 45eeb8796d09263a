// OWNED BY: codecs helper. Contract only; bodies to be replaced.
enum Gzip {
    /// One or more concatenated gzip members (also accept a zlib/raw-deflate stream if cheap to detect).
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] { fatalError("unmerged") }
    static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6) throws -> [UInt8] { fatalError("unmerged") }
}
