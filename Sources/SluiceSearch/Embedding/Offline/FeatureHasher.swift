/// Signed feature hashing ("the hashing trick"): any number of named features folded into
/// a vector of fixed length without a vocabulary.
///
/// A feature's name is hashed with 64-bit FNV-1a and a MurmurHash3 finalizer (so that the
/// low bits, which pick the slot, depend on every byte); the slot is the hash modulo the
/// dimension and the sign is its top bit. Two features that share a slot add with
/// independent signs, so collisions cancel on average instead of piling up as spurious
/// similarity. The hash is defined on the UTF-8 bytes alone, so a vector is the same on
/// every machine and in every process (Swift's own `Hasher` is seeded per process).
struct FeatureHasher {
    let dimension: Int

    /// The slot and sign of `feature`.
    func slot(of feature: String) -> (index: Int, sign: Float) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in feature.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return (Int(hash % UInt64(dimension)), hash >> 63 == 0 ? 1 : -1)
    }

    /// The vector of `weights` (feature → weight), added in the features' sorted order so
    /// that the floating-point sums, and therefore the vector, never depend on dictionary order.
    func vector(_ weights: [String: Double]) -> [Float] {
        var values = [Double](repeating: 0, count: dimension)
        for feature in weights.keys.sorted() {
            let (index, sign) = slot(of: feature)
            values[index] += Double(sign) * weights[feature]!
        }
        return values.map { Float($0) }
    }
}
