// OWNED BY: encodings helper. Contract only; bodies to be replaced.
enum DeltaBinaryPacked {
    static func decodeInt32(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]) throws -> Int { fatalError("unmerged") }
    static func decodeInt64(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int { fatalError("unmerged") }
    static func encode(_ values: ArraySlice<Int32>, into output: inout [UInt8]) { fatalError("unmerged") }
    static func encode(_ values: ArraySlice<Int64>, into output: inout [UInt8]) { fatalError("unmerged") }
}

enum DeltaLengthByteArray {
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrayBuffer) throws -> Int { fatalError("unmerged") }
    static func encode(_ values: ByteArrayBuffer, range: Range<Int>, into output: inout [UInt8]) { fatalError("unmerged") }
}

enum DeltaByteArray {
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrayBuffer) throws -> Int { fatalError("unmerged") }
    static func encode(_ values: ByteArrayBuffer, range: Range<Int>, into output: inout [UInt8]) { fatalError("unmerged") }
}

enum ByteStreamSplit {
    /// `count` values of `width` bytes each, re-interleaved to little-endian value order.
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, width: Int, appendingTo output: inout [UInt8]) throws -> Int { fatalError("unmerged") }
    static func encode(_ values: UnsafeRawBufferPointer, width: Int, into output: inout [UInt8]) { fatalError("unmerged") }
}
