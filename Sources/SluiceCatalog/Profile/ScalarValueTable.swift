/// Exact occurrence counts of 64-bit values (integers, or a double's bit pattern), kept
/// in first-seen order.
///
/// An open-addressing table (linear probing) over dense entry arrays: looking a value up
/// or counting it allocates nothing, and ``keys`` lists the distinct values in the order
/// they first appeared, which is what samples are drawn from.
struct ScalarValueTable {
    /// Distinct values, first seen first.
    private(set) var keys: [UInt64] = []
    /// `counts[i]` occurrences of `keys[i]`.
    private(set) var counts: [Int] = []
    /// Entry index per slot, -1 for an empty slot; the slot count is a power of two.
    private var slots = [Int](repeating: -1, count: 64)

    var count: Int { keys.count }

    @inline(__always)
    mutating func add(_ key: UInt64, occurrences: Int = 1) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: ValueHash.scalar(key)) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if keys[entry] == key {
                counts[entry] += occurrences
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = keys.count
        keys.append(key)
        counts.append(occurrences)
        // Keep the load at most one half, so probe runs stay short.
        if keys.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (entry, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: ValueHash.scalar(key)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
