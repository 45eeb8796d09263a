import Foundation

/// Estimates how many distinct values a stream holds in 16 KiB, whatever its size.
///
/// Each 64-bit hash picks one of 2^14 registers with its top 14 bits; the register keeps
/// the longest run of leading zeros (plus one) seen in the remaining 50 bits. Many
/// distinct values make long runs likely, and the harmonic mean over all registers turns
/// that into a count with a standard error of 1.04 / √16384 ≈ 0.81% (Flajolet et al.,
/// 2007). Small counts, where many registers are still empty, use linear counting
/// instead, which is nearly exact there. With 64-bit hashes no large-range correction
/// is needed.
///
/// Equal values must give equal hashes and the hash must spread its bits well; see
/// ``ValueHash``.
struct HyperLogLog: Sendable {
    static let precision = 14
    static let registerCount = 1 << precision

    private var registers = [UInt8](repeating: 0, count: registerCount)

    @inline(__always)
    mutating func insert(hash: UInt64) {
        let index = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.precision))
        let remaining = hash << UInt64(Self.precision)
        let rank = UInt8(remaining == 0 ? 64 - Self.precision + 1 : remaining.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// The estimated number of distinct hashes inserted.
    var estimate: Int {
        let count = Double(Self.registerCount)
        var inverseSum = 0.0
        var emptyRegisters = 0
        for register in registers {
            inverseSum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { emptyRegisters += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / count)
        let raw = alpha * count * count / inverseSum
        if raw <= 2.5 * count && emptyRegisters > 0 {
            return Int((count * log(count / Double(emptyRegisters))).rounded())
        }
        return Int(raw.rounded())
    }
}
