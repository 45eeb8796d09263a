/// Writes a forward bitstream that ``ZstdBackwardBitReader`` reads back to front.
///
/// Bits accumulate little-endian in a 64-bit container; whole bytes are moved
/// out after every field so a field of up to 56 bits always fits.
struct ZstdBitWriter {
    private(set) var bytes: [UInt8] = []
    private var container: UInt64 = 0
    private var bitCount = 0

    @inline(__always)
    mutating func add(_ value: Int, bits: Int) {
        container |= (UInt64(truncatingIfNeeded: value) & ((1 << UInt64(bits)) &- 1)) << UInt64(bitCount)
        bitCount += bits
        while bitCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: container))
            container >>= 8
            bitCount -= 8
        }
    }

    /// Appends the end marker (a single `1` bit) and pads to a byte.
    mutating func close() -> [UInt8] {
        add(1, bits: 1)
        return padded()
    }

    /// Pads to a byte with zeros, for forward-read data such as FSE table descriptions.
    mutating func padded() -> [UInt8] {
        if bitCount > 0 { bytes.append(UInt8(truncatingIfNeeded: container)) }
        bitCount = 0
        container = 0
        return bytes
    }
}
