/// Little-endian encoding helpers for the persisted index format.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(bytes more: some Collection<UInt8>) { bytes.append(contentsOf: more) }

    /// Bulk arrays: one memcpy on little-endian hosts, a per-element swap elsewhere.
    mutating func append(floats: [Float]) {
        #if _endian(little)
        floats.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in floats { append(value.bitPattern) }
        #endif
    }

    mutating func append(int32s: [Int32]) {
        #if _endian(little)
        int32s.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in int32s { append(value) }
        #endif
    }
}

/// Bounds-checked reads over a loaded file: running past the end is an error naming what
/// was being read, never a trap, so a truncated file is reported instead of crashing.
struct BinaryReader {
    let bytes: [UInt8]
    let path: String
    private(set) var offset = 0

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    var remaining: Int { bytes.count - offset }

    func failure(_ reason: String) -> VectorIndexError {
        .unreadableFile(path: path, reason: reason)
    }

    private mutating func take(_ count: Int, for what: String) throws -> Range<Int> {
        guard count >= 0, count <= remaining else {
            throw failure("truncated: \(what) needs \(count) bytes at offset \(offset), only \(remaining) left")
        }
        defer { offset += count }
        return offset..<offset + count
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws -> T {
        let range = try take(MemoryLayout<T>.size, for: what)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { raw in
            for (i, byte) in bytes[range].enumerated() { raw[i] = byte }
        }
        return T(littleEndian: value)
    }

    mutating func readBytes(_ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        bytes[try take(count, for: what)]
    }

    mutating func readFloats(_ count: Int, _ what: String) throws -> [Float] {
        let (total, overflow) = count.multipliedReportingOverflow(by: 4)
        guard !overflow else { throw failure("\(what): \(count) values is impossibly many") }
        let range = try take(total, for: what)
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { raw in bytes.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range])) } }
        #if !_endian(little)
        for i in 0..<count { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
        #endif
        return values
    }

    mutating func readInt32s(_ count: Int, _ what: String) throws -> [Int32] {
        let (total, overflow) = count.multipliedReportingOverflow(by: 4)
        guard !overflow else { throw failure("\(what): \(count) values is impossibly many") }
        let range = try take(total, for: what)
        var values = [Int32](repeating: 0, count: count)
        values.withUnsafeMutableBytes { raw in bytes.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range])) } }
        #if !_endian(little)
        for i in 0..<count { values[i] = Int32(littleEndian: values[i]) }
        #endif
        return values
    }
}

/// FNV-1a 64 over a byte range: detects bit rot and partial overwrites in a saved index.
func fnv1a64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}
