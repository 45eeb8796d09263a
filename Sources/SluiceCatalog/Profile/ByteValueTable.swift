import Foundation

/// Exact occurrence counts of byte-string values (strings, binary), kept in first-seen order.
///
/// The distinct values live back to back in one arena with an offset per entry (the
/// layout of ``SluiceCore/ByteColumn``), and the table is open addressing over their
/// stored hashes, so counting a value already seen allocates nothing and a new one only
/// appends to the arena. ``ValueHash/text(_:)`` is the hash, so the same number also
/// feeds HyperLogLog and the key sketch.
struct ByteValueTable {
    /// `arena[offsets[i]..<offsets[i + 1]]` is entry `i`.
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private(set) var hashes: [UInt64] = []
    private(set) var counts: [Int] = []
    /// Entry index per slot, -1 for an empty slot; the slot count is a power of two.
    private var slots = [Int](repeating: -1, count: 64)

    var count: Int { counts.count }

    /// Entry `index`'s bytes.
    func value(at index: Int) -> ArraySlice<UInt8> {
        arena[offsets[index]..<offsets[index + 1]]
    }

    /// Counts `value`, whose ``ValueHash/text(_:)`` is `hash`.
    @inline(__always)
    mutating func add(_ value: UnsafeRawBufferPointer, hash: UInt64, occurrences: Int = 1) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if hashes[entry] == hash && entryEquals(entry, value) {
                counts[entry] += occurrences
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = counts.count
        arena.append(contentsOf: value)
        offsets.append(arena.count)
        hashes.append(hash)
        counts.append(occurrences)
        // Keep the load at most one half, so probe runs stay short.
        if counts.count * 2 > slots.count { grow() }
    }

    @inline(__always)
    private func entryEquals(_ entry: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[entry], end = offsets[entry + 1]
        guard end - start == value.count else { return false }
        if value.isEmpty { return true }
        return arena.withUnsafeBytes { stored in
            memcmp(stored.baseAddress! + start, value.baseAddress!, value.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
