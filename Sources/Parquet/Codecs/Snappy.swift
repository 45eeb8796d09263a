// OWNED BY: codecs helper. Contract only; bodies to be replaced.
enum Snappy {
    /// Raw Snappy block format (no framing). Output must be exactly `uncompressedSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] { fatalError("unmerged") }
    static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] { fatalError("unmerged") }
}
