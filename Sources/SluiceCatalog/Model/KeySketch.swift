/// A bottom-k sketch of a column's distinct values: the `capacity` smallest 64-bit
/// hashes of them. It is what relationship inference compares, so a re-scan that
/// skips an unchanged table still has its key values, and the catalog holds no raw
/// value (only hashes, and never of a PII column).
///
/// Containment of column A in column B is estimated from the hashes of A that fall
/// within B's range: below the capacity both sets are complete and it is exact.
public struct KeySketch: Sendable, Codable, Equatable {
    public static let defaultCapacity = 1024

    public private(set) var capacity: Int
    /// Ascending, distinct.
    public private(set) var hashes: [UInt64]
    /// True while every distinct value seen is in ``hashes``.
    public var isComplete: Bool { hashes.count < capacity }

    public init(capacity: Int = KeySketch.defaultCapacity, hashes: [UInt64] = []) {
        self.capacity = capacity
        self.hashes = Array(Set(hashes).sorted().prefix(capacity))
    }

    /// Builds the sketch of `values` (any text form; equal text means equal value).
    public init<S: Sequence>(values: S, capacity: Int = KeySketch.defaultCapacity) where S.Element == String {
        var set = Set<UInt64>()
        for value in values { set.insert(Self.hash(value)) }
        self.init(capacity: capacity, hashes: Array(set))
    }

    /// FNV-1a 64 over UTF-8 followed by a SplitMix64 finaliser: stable across runs and
    /// machines (Swift's `Hasher` is seeded per process), and well spread in the low bits.
    public static func hash(_ value: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in value.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        h ^= h >> 30
        h &*= 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27
        h &*= 0x94d0_49bb_1331_11eb
        h ^= h >> 31
        return h
    }

    /// The estimated fraction of this sketch's values that also occur in `other` (0…1),
    /// or `nil` when no hash of this sketch falls in the range `other` covers.
    public func containment(in other: KeySketch) -> Double? {
        guard !hashes.isEmpty else { return nil }
        let limit = other.isComplete ? UInt64.max : (other.hashes.last ?? 0)
        let otherSet = Set(other.hashes)
        var considered = 0
        var found = 0
        for hash in hashes where hash <= limit {
            considered += 1
            if otherSet.contains(hash) { found += 1 }
        }
        return considered == 0 ? nil : Double(found) / Double(considered)
    }
}
