/// The 64-bit hashes profiling runs on: distinct-value tables, HyperLogLog and key
/// sketches. Both are stable across processes (Swift's `Hasher` is seeded per run),
/// and both end in the SplitMix64 finaliser, which spreads every input bit over all 64
/// output bits, as HyperLogLog needs of its top bits and hash tables of their low bits.
enum ValueHash {
    /// A scalar stored in 64 bits (an integer, a double's bit pattern): SplitMix64.
    @inline(__always)
    static func scalar(_ bits: UInt64) -> UInt64 {
        finalize(bits &+ 0x9E37_79B9_7F4A_7C15)
    }

    /// The bytes of a value's text: the same function as ``KeySketch/hash(_:)`` over its
    /// UTF-8, so that a string column's hashes serve its distinct count and its key sketch.
    @inline(__always)
    static func text(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return finalize(hash)
    }

    @inline(__always)
    static func finalize(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 30
        hash &*= 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 27
        hash &*= 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        return hash
    }
}
