#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct values of a column chunk, each numbered in order of first appearance.
///
/// Dictionary encoding replaces every value by its number (its index in the
/// dictionary page), so the builder is asked "which number is this value?" once
/// per value of the chunk: millions of times. Both builders answer with an
/// open-addressing hash table (``HashSlots``) of entry numbers, and neither
/// creates an object per value:
///
/// - ``FixedWidthDictionary`` keys numbers and floats by their bit pattern, so
///   `-0.0` and `0.0`, or two NaN payloads, stay distinct and round-trip exactly.
/// - ``ByteArrayDictionary`` hashes the bytes where they lie in the column's
///   buffer and copies a value only the first time it is seen.
///
/// ```swift
/// var dictionary = FixedWidthDictionary<Int64>()
/// dictionary.index(of: 7)   // 0
/// dictionary.index(of: 9)   // 1
/// dictionary.index(of: 7)   // 0
/// dictionary.values         // [7, 9]
/// ```
struct FixedWidthDictionary<Value: DictionaryKey> {
    private(set) var values: [Value] = []
    private var table = HashSlots()

    /// The PLAIN size of the dictionary page.
    var plainSize: Int { values.count * MemoryLayout<Value>.size }

    mutating func index(of value: Value) -> UInt32 {
        let key = value.dictionaryKey
        let hash = HashSlots.mix(key)
        // The tag is the key itself, so a tag match is a value match.
        if let found = table.find(hash: hash, tag: key, where: { _ in true }) { return UInt32(found) }
        let entry = values.count
        values.append(value)
        table.insert(entry, hash: hash, tag: key, rehash: HashSlots.mix)
        return UInt32(entry)
    }
}

/// A value a ``FixedWidthDictionary`` can hold: identified by its bits.
protocol DictionaryKey {
    var dictionaryKey: UInt64 { get }
}

extension Int32: DictionaryKey {
    var dictionaryKey: UInt64 { UInt64(UInt32(bitPattern: self)) }
}

extension Int64: DictionaryKey {
    var dictionaryKey: UInt64 { UInt64(bitPattern: self) }
}

extension Float: DictionaryKey {
    var dictionaryKey: UInt64 { UInt64(bitPattern) }
}

extension Double: DictionaryKey {
    var dictionaryKey: UInt64 { bitPattern }
}

/// The dictionary of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column chunk; see ``FixedWidthDictionary``.
struct ByteArrayDictionary {
    /// The distinct values, in entry order.
    private(set) var entries = ByteArrayBuffer()
    private var table = HashSlots()

    var count: Int { entries.count }

    mutating func index(of value: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(value)
        // The tag is the full hash: the bytes are compared only when all 64 bits agree.
        let found = entries.offsets.withUnsafeBufferPointer { offsets in
            entries.bytes.withUnsafeBytes { stored in
                table.find(hash: hash, tag: hash) { entry in
                    let start = offsets[entry]
                    let length = offsets[entry + 1] - start
                    return length == value.count && (length == 0 || memcmp(stored.baseAddress! + start, value.baseAddress!, length) == 0)
                }
            }
        }
        if let found { return UInt32(found) }
        let entry = entries.count
        entries.append(value)
        table.insert(entry, hash: hash, tag: hash) { $0 }
        return UInt32(entry)
    }

    /// A 64-bit hash of whole-word loads: eight bytes at a time, the last word
    /// overlapping the one before, and short values read as two overlapping halves
    /// or three single bytes, so no value costs a byte-by-byte loop. Mixing in the
    /// length keeps overlapping reads of different lengths apart. It only needs to
    /// spread values well, not resist attackers: a collision costs a comparison,
    /// never a wrong answer.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        guard let base = bytes.baseAddress, count > 0 else { return HashSlots.mix(seed) }
        if count >= 8 {
            var hash = seed
            var offset = 0
            while offset + 8 < count {
                hash = HashSlots.mix(hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            return HashSlots.mix(hash ^ base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        let word: UInt64
        if count >= 4 {
            let low = UInt64(base.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            word = low | high << 32
        } else {
            let first = UInt64(base.load(fromByteOffset: 0, as: UInt8.self))
            let middle = UInt64(base.load(fromByteOffset: count / 2, as: UInt8.self))
            let last = UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self))
            word = first | middle << 8 | last << 16
        }
        return HashSlots.mix(seed ^ word)
    }
}

/// The probing table both dictionaries share.
///
/// Each slot holds an entry number (-1 for empty) and a 64-bit tag that decides
/// most comparisons without leaving the slot, so a lookup usually touches one
/// cache line: the key itself for numbers, the full hash for byte arrays (whose
/// bytes are compared, through `matches`, only when the tags agree). The
/// entries live with the dictionary.
struct HashSlots {
    private struct Slot {
        var tag: UInt64
        var entry: Int32
    }

    private static let empty = Slot(tag: 0, entry: -1)
    private var slots = [Slot](repeating: empty, count: 64)
    private var mask = 63
    private var used = 0

    /// A full-avalanche 64-bit mixer (the finalizer of SplitMix64), so keys that differ in
    /// high bits only (typical of floats) still land in different slots.
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        var x = key
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    @inline(__always)
    func find(hash: UInt64, tag: UInt64, where matches: (Int) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var position = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[position]
                if slot.entry < 0 { return nil }
                if slot.tag == tag && matches(Int(slot.entry)) { return Int(slot.entry) }
                position = (position + 1) & mask
            }
        }
    }

    /// Adds `entry`, which ``find(hash:tag:where:)`` just failed to find. `rehash`
    /// gives a tag's hash again when the table grows (linear probing keeps it at most half full).
    mutating func insert(_ entry: Int, hash: UInt64, tag: UInt64, rehash: (UInt64) -> UInt64) {
        if (used + 1) * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Self.empty, count: old.count * 2)
            mask = slots.count - 1
            for slot in old where slot.entry >= 0 {
                place(slot, hash: rehash(slot.tag))
            }
        }
        place(Slot(tag: tag, entry: Int32(entry)), hash: hash)
        used += 1
    }

    private mutating func place(_ slot: Slot, hash: UInt64) {
        let mask = mask
        slots.withUnsafeMutableBufferPointer { slots in
            var position = Int(truncatingIfNeeded: hash) & mask
            while slots[position].entry >= 0 { position = (position + 1) & mask }
            slots[position] = slot
        }
    }
}
