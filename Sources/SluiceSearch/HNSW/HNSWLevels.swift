import Foundation

/// The layer each HNSW node lives up to, drawn deterministically from the index seed and the id.
///
/// HNSW draws a node's top layer from an exponential distribution, `floor(-ln(u) · mL)`
/// with `mL = 1 / ln(M)`, so each layer holds about 1/M of the one below. Deriving `u`
/// from a hash of (seed, id) instead of a running random generator makes the graph a
/// function of the seed and the insertion order only: the same inputs build the same
/// graph on every machine, a re-inserted id keeps its layer, and a loaded index needs no
/// saved generator state to keep inserting deterministically.
enum HNSWLevels {
    /// Layers above this are never assigned: with M ≥ 2 they would need more than 2^31 nodes.
    static let maximum = 31

    static func level(for id: String, seed: UInt64, m: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a 64 offset basis
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let bits = splitMix64(hash ^ splitMix64(seed))
        // 53 random bits → u in (0, 1]; never 0, so the logarithm is finite.
        let u = (Double(bits >> 11) + 1) / 9_007_199_254_740_992.0
        let level = Int((-Foundation.log(u) / Foundation.log(Double(m))).rounded(.down))
        return min(level, maximum)
    }

    /// Steele, Lea & Flood's SplitMix64 finalizer: a cheap, well-mixed 64-bit bijection.
    static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
