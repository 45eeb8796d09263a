// OWNED BY: encodings helper. Contract only; bodies to be replaced.
/// The RLE / bit-packed hybrid (levels, dictionary indices, RLE booleans), without any length prefix.
enum RLEHybrid {
    /// Decodes `count` values into `output[0..<count]`; returns bytes consumed.
    /// Values wider than `bitWidth` never appear; bitWidth 0...32 (0 means all zero).
    static func decode(_ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>) throws -> Int { fatalError("unmerged") }
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) { fatalError("unmerged") }
    /// Bits needed to store `maxValue` (0 for 0).
    static func bitWidth(forMaxValue maxValue: UInt32) -> Int { fatalError("unmerged") }
}

/// The deprecated BIT_PACKED level encoding: values packed MSB-first, no runs.
enum LegacyBitPacked {
    static func decode(_ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<UInt32>) throws -> Int { fatalError("unmerged") }
}
