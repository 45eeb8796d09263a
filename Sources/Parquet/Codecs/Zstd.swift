// OWNED BY: zstd helper. Contract only; bodies to be replaced.
enum Zstd {
    /// One or more Zstandard frames (skippable frames skipped). Output must be exactly `uncompressedSize` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] { fatalError("unmerged") }
    static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] { fatalError("unmerged") }
}
