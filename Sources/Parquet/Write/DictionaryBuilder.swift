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
/// open-addressing hash table (linear probing, at most half full) of `Int32`
/// entry numbers, and neither creates an object per value:
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
    private var keys: [UInt64] = []
    private var table = HashSlots()

    /// The PLAIN size of the dictionary page.
    var plainSize: Int { values.count * MemoryLayout<Value>.size }

    mutating func index(of value: Value) -> UInt32 {
        let key = value.dictionaryKey
        let hash = HashSlots.mix(key)
        if let found = table.find(hash: hash, where: { keys[$0] == key }) { return UInt32(found) }
        let entry = values.count
        values.append(value)
        keys.append(key)
        table.insert(entry, hash: hash) { HashSlots.mix(keys[$0]) }
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
    private var hashes: [UInt64] = []
    private var table = HashSlots()

    var count: Int { entries.count }

    mutating func index(of value: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(value)
        let found = entries.bytes.withUnsafeBytes { stored in
            table.find(hash: hash) { entry in
                guard hashes[entry] == hash else { return false }
                let start = entries.offsets[entry]
                let length = entries.offsets[entry + 1] - start
                return length == value.count && (length == 0 || memcmp(stored.baseAddress! + start, value.baseAddress!, length) == 0)
            }
        }
        if let found { return UInt32(found) }
        let entry = entries.count
        entries.append(value)
        hashes.append(hash)
        table.insert(entry, hash: hash) { hashes[$0] }
        return UInt32(entry)
    }

    /// A 64-bit hash reading eight bytes at a time; only needs to spread short
    /// strings well, not resist attackers (a collision costs a probe, never a wrong answer).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return HashSlots.mix(hash) }
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = HashSlots.mix(hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
            shift += 8
            offset += 1
        }
        return HashSlots.mix(hash ^ tail)
    }
}

/// The probing table both dictionaries share: slots holding entry numbers, -1 for empty.
/// Entries themselves live with the dictionary, which tells ``find(hash:where:)``
/// whether an entry is the one sought and ``insert(_:hash:rehash:)`` how to re-place entries when the table grows.
struct HashSlots {
    private var slots = [Int32](repeating: -1, count: 64)
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
    func find(hash: UInt64, where matches: (Int) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return nil }
                if matches(entry) { return entry }
                slot = (slot + 1) & mask
            }
        }
    }

    mutating func insert(_ entry: Int, hash: UInt64, rehash: (Int) -> UInt64) {
        if (used + 1) * 2 > slots.count {
            grow(rehash: rehash)
        }
        place(entry, hash: hash)
        used += 1
    }

    private mutating func place(_ entry: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }

    private mutating func grow(rehash: (Int) -> UInt64) {
        let old = slots
        slots = [Int32](repeating: -1, count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry >= 0 {
            place(Int(entry), hash: rehash(Int(entry)))
        }
    }
}
