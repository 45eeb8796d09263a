import Foundation

/// The orders byte-stored values sort in, the same as Parquet's column sort orders: so
/// that minima and maxima computed from data agree with those read from footers.
enum ByteOrder {
    /// Strings, binary, UUIDs: unsigned bytes, a prefix before any longer value. For UTF-8
    /// this is code point order.
    @inline(__always)
    static func unsignedLess(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// Wide decimals: big-endian two's complement numbers, of any widths.
    static func signedBigEndianLess(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let aNegative = (a.first ?? 0) & 0x80 != 0
        let bNegative = (b.first ?? 0) & 0x80 != 0
        if aNegative != bNegative { return aNegative }
        // Same sign: compare as if both were sign-extended to the wider width; the
        // extension bytes are 0x00 or 0xFF, and past them the bytes compare unsigned.
        let width = max(a.count, b.count)
        let fill: UInt8 = aNegative ? 0xFF : 0x00
        for position in 0..<width {
            let aByte = position < width - a.count ? fill : a[position - (width - a.count)]
            let bByte = position < width - b.count ? fill : b[position - (width - b.count)]
            if aByte != bByte { return aByte < bByte }
        }
        return false
    }
}
