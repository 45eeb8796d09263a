// OWNED BY: encodings helper. Contract only; bodies to be replaced.
// Every decoder appends exactly `count` values to `output` and returns the number of input bytes consumed.
// Every encoder appends its bytes to `output`.
enum PlainEncoding {
    static func decodeBooleans(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Bool]) throws -> Int { fatalError("unmerged") }
    static func decodeInt32(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int32]) throws -> Int { fatalError("unmerged") }
    static func decodeInt64(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int { fatalError("unmerged") }
    static func decodeInt96(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int96]) throws -> Int { fatalError("unmerged") }
    static func decodeFloat(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Float]) throws -> Int { fatalError("unmerged") }
    static func decodeDouble(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Double]) throws -> Int { fatalError("unmerged") }
    static func decodeByteArrays(_ input: UnsafeRawBufferPointer, count: Int, appendingTo output: inout ByteArrayBuffer) throws -> Int { fatalError("unmerged") }
    static func decodeFixed(_ input: UnsafeRawBufferPointer, count: Int, width: Int, appendingTo output: inout [UInt8]) throws -> Int { fatalError("unmerged") }

    static func encode(_ values: ArraySlice<Bool>, into output: inout [UInt8]) { fatalError("unmerged") }
    static func encode(_ values: ArraySlice<Int32>, into output: inout [UInt8]) { fatalError("unmerged") }
    static func encode(_ values: ArraySlice<Int64>, into output: inout [UInt8]) { fatalError("unmerged") }
    static func encode(_ values: ArraySlice<Int96>, into output: inout [UInt8]) { fatalError("unmerged") }
    static func encode(_ values: ArraySlice<Float>, into output: inout [UInt8]) { fatalError("unmerged") }
    static func encode(_ values: ArraySlice<Double>, into output: inout [UInt8]) { fatalError("unmerged") }
    /// Values `range` of `values`, each as u32 length + bytes.
    static func encode(_ values: ByteArrayBuffer, range: Range<Int>, into output: inout [UInt8]) { fatalError("unmerged") }
}
