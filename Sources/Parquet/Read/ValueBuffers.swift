/// Decoded non-null values of one column chunk, accumulated page by page.
///
/// Only the array matching the column's physical type is used. Keeping them as
/// separate stored properties (rather than an enum with payloads) lets pages
/// append in place without copy-on-write copies of the whole chunk.
struct ValueBuffers {
    let physicalType: PhysicalType
    let width: Int
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var int96s: [Int96] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var byteArrays = ByteArrayBuffer()
    var fixed: [UInt8] = []

    init(physicalType: PhysicalType, width: Int) {
        self.physicalType = physicalType
        self.width = width
    }

    var count: Int {
        switch physicalType {
        case .boolean: booleans.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .int96: int96s.count
        case .float: floats.count
        case .double: doubles.count
        case .byteArray: byteArrays.count
        case .fixedLenByteArray: width == 0 ? 0 : fixed.count / width
        }
    }

    mutating func reserve(_ values: Int) {
        switch physicalType {
        case .boolean: booleans.reserveCapacity(values)
        case .int32: int32s.reserveCapacity(values)
        case .int64: int64s.reserveCapacity(values)
        case .int96: int96s.reserveCapacity(values)
        case .float: floats.reserveCapacity(values)
        case .double: doubles.reserveCapacity(values)
        case .byteArray: byteArrays.offsets.reserveCapacity(values + 1)
        case .fixedLenByteArray: fixed.reserveCapacity(values * width)
        }
    }

    /// Appends `count` PLAIN-encoded values; returns the bytes used.
    mutating func appendPlain(_ input: UnsafeRawBufferPointer, count: Int) throws -> Int {
        switch physicalType {
        case .boolean: try PlainEncoding.decodeBooleans(input, count: count, appendingTo: &booleans)
        case .int32: try PlainEncoding.decodeInt32(input, count: count, appendingTo: &int32s)
        case .int64: try PlainEncoding.decodeInt64(input, count: count, appendingTo: &int64s)
        case .int96: try PlainEncoding.decodeInt96(input, count: count, appendingTo: &int96s)
        case .float: try PlainEncoding.decodeFloat(input, count: count, appendingTo: &floats)
        case .double: try PlainEncoding.decodeDouble(input, count: count, appendingTo: &doubles)
        case .byteArray: try PlainEncoding.decodeByteArrays(input, count: count, appendingTo: &byteArrays)
        case .fixedLenByteArray: try PlainEncoding.decodeFixed(input, count: count, width: width, appendingTo: &fixed)
        }
    }

    /// Appends values little-endian packed `width` bytes each (BYTE_STREAM_SPLIT output).
    mutating func appendLittleEndian(_ bytes: [UInt8], count: Int) throws {
        try bytes.withUnsafeBytes { raw in
            let used: Int
            switch physicalType {
            case .int32: used = try PlainEncoding.decodeInt32(raw, count: count, appendingTo: &int32s)
            case .int64: used = try PlainEncoding.decodeInt64(raw, count: count, appendingTo: &int64s)
            case .float: used = try PlainEncoding.decodeFloat(raw, count: count, appendingTo: &floats)
            case .double: used = try PlainEncoding.decodeDouble(raw, count: count, appendingTo: &doubles)
            case .fixedLenByteArray: used = try PlainEncoding.decodeFixed(raw, count: count, width: width, appendingTo: &fixed)
            case .boolean, .int96, .byteArray:
                throw ParquetError.corrupt("BYTE_STREAM_SPLIT is not defined for \(physicalType)")
            }
            precondition(used == bytes.count)
        }
    }

    /// Appends `dictionary[index]` for every index, after checking all indices are in range.
    mutating func appendGathered(from dictionary: ValueBuffers, indices: UnsafeBufferPointer<UInt32>) throws {
        let size = dictionary.count
        var largest: UInt32 = 0
        for index in indices where index > largest { largest = index }
        if !indices.isEmpty && Int(largest) >= size {
            throw ParquetError.corrupt("dictionary index \(largest) out of range (dictionary has \(size) values)")
        }
        switch physicalType {
        case .boolean: Self.gather(dictionary.booleans, indices, into: &booleans)
        case .int32: Self.gather(dictionary.int32s, indices, into: &int32s)
        case .int64: Self.gather(dictionary.int64s, indices, into: &int64s)
        case .int96: Self.gather(dictionary.int96s, indices, into: &int96s)
        case .float: Self.gather(dictionary.floats, indices, into: &floats)
        case .double: Self.gather(dictionary.doubles, indices, into: &doubles)
        case .byteArray: Self.gather(dictionary.byteArrays, indices, into: &byteArrays)
        case .fixedLenByteArray: Self.gather(dictionary.fixed, width: width, indices, into: &fixed)
        }
    }

    // Indices are range-checked by the caller.
    private static func gather<T>(_ dictionary: [T], _ indices: UnsafeBufferPointer<UInt32>, into output: inout [T]) {
        guard !indices.isEmpty else { return }
        dictionary.withUnsafeBufferPointer { dict in
            let start = output.count
            output.append(contentsOf: repeatElement(dict[0], count: indices.count))
            output.withUnsafeMutableBufferPointer { out in
                let base = out.baseAddress! + start
                for i in 0..<indices.count {
                    base[i] = dict[Int(indices[i])]
                }
            }
        }
    }

    private static func gather(_ dictionary: ByteArrayBuffer, _ indices: UnsafeBufferPointer<UInt32>, into output: inout ByteArrayBuffer) {
        guard !indices.isEmpty else { return }
        dictionary.offsets.withUnsafeBufferPointer { dictOffsets in
            var total = 0
            for index in indices {
                let i = Int(index)
                total &+= dictOffsets[i + 1] &- dictOffsets[i]
            }
            let byteStart = output.bytes.count
            let offsetStart = output.offsets.count
            output.bytes.append(contentsOf: repeatElement(0, count: total))
            output.offsets.append(contentsOf: repeatElement(0, count: indices.count))
            dictionary.bytes.withUnsafeBufferPointer { dictBytes in
                output.bytes.withUnsafeMutableBufferPointer { outBytes in
                    output.offsets.withUnsafeMutableBufferPointer { outOffsets in
                        var position = byteStart
                        let source = dictBytes.baseAddress
                        let target = outBytes.baseAddress!
                        for (n, index) in indices.enumerated() {
                            let i = Int(index)
                            let from = dictOffsets[i]
                            let length = dictOffsets[i + 1] - from
                            if length > 0 {
                                (target + position).update(from: source! + from, count: length)
                            }
                            position += length
                            outOffsets[offsetStart + n] = position
                        }
                    }
                }
            }
        }
    }

    private static func gather(_ dictionary: [UInt8], width: Int, _ indices: UnsafeBufferPointer<UInt32>, into output: inout [UInt8]) {
        guard !indices.isEmpty, width > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: indices.count * width))
        dictionary.withUnsafeBufferPointer { dict in
            output.withUnsafeMutableBufferPointer { out in
                for (n, index) in indices.enumerated() {
                    (out.baseAddress! + start + n * width).update(from: dict.baseAddress! + Int(index) * width, count: width)
                }
            }
        }
    }
}
