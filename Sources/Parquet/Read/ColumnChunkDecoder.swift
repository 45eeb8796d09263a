/// Turns the bytes of one column chunk into a ``ParquetColumn``.
///
/// A chunk is a sequence of pages: at most one dictionary page first, then data
/// pages (v1 or v2). Each data page carries repetition and definition levels and
/// the non-null values. The decoder keeps the levels and the non-null values of
/// all pages, then places values into row slots once at the end, so the common
/// case of no nulls needs no second pass over the values.
struct ColumnChunkDecoder {
    let descriptor: ColumnDescriptor
    let metadata: ColumnMetaData
    /// File offset of `bytes[0]`, for error messages.
    let chunkStart: Int
    let rowCount: Int
    let verifyChecksums: Bool

    private var dictionary: ValueBuffers?
    // Read by the assembly in ColumnChunkDecoder+Assembly.swift.
    private(set) var values: ValueBuffers
    private(set) var definitionLevels: [UInt32] = []
    private(set) var repetitionLevels: [UInt32] = []
    private(set) var levelCount = 0
    private var sawDataPage = false

    /// Values in one page above this are refused: no writer produces them, and a
    /// hostile header could otherwise make the reader allocate gigabytes.
    static let maximumValuesPerPage = 1 << 28

    init(descriptor: ColumnDescriptor, metadata: ColumnMetaData, chunkStart: Int, rowCount: Int, verifyChecksums: Bool) {
        self.descriptor = descriptor
        self.metadata = metadata
        self.chunkStart = chunkStart
        self.rowCount = rowCount
        self.verifyChecksums = verifyChecksums
        self.values = ValueBuffers(physicalType: descriptor.physicalType, width: descriptor.typeLength)
    }

    mutating func decode(_ bytes: [UInt8]) throws -> ParquetColumn {
        if descriptor.shape == .nested {
            throw ParquetError.unsupported("reading nested column \"\(descriptor.name)\" is not supported (only flat columns and lists of primitives)")
        }
        if case .lzo = metadata.codec {
            throw ParquetError.unsupported("LZO compression is not supported")
        }
        if case .brotli = metadata.codec {
            throw ParquetError.unsupported("BROTLI compression is not supported")
        }
        // Flat columns hold one level (or value) per row; lists at least one per row.
        let expectedLevels = descriptor.maxRepetitionLevel == 0 ? rowCount : Int(clamping: metadata.numValues)
        let reserve = min(expectedLevels, bytes.count * 64 + 1024)
        values.reserve(reserve)
        if descriptor.maxDefinitionLevel > 0 { definitionLevels.reserveCapacity(reserve) }
        if descriptor.maxRepetitionLevel > 0 { repetitionLevels.reserveCapacity(reserve) }

        var position = 0
        while position < bytes.count && (levelCount < expectedLevels || !sawDataPage) {
            let pageOffset = position
            try inContext("page at offset \(chunkStart + pageOffset)") {
                position = try decodePage(bytes, at: position)
            }
        }
        if descriptor.maxRepetitionLevel == 0 && levelCount != rowCount {
            throw ParquetError.corrupt("column chunk holds \(levelCount) values, row group has \(rowCount) rows")
        }
        return try assemble()
    }

    /// Decodes the page starting at `position`; returns the position after it.
    private mutating func decodePage(_ bytes: [UInt8], at position: Int) throws -> Int {
        let (header, headerLength) = try bytes.withUnsafeBytes { raw in
            try PageHeader.decode(UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
        let bodyStart = position + headerLength
        let compressedSize = Int(header.compressedPageSize)
        guard compressedSize >= 0, header.uncompressedPageSize >= 0 else {
            throw ParquetError.corrupt("negative page size in header")
        }
        guard compressedSize <= bytes.count - bodyStart else {
            throw ParquetError.truncated("page needs \(compressedSize) bytes, chunk has \(bytes.count - bodyStart) left")
        }
        let bodyEnd = bodyStart + compressedSize
        if verifyChecksums, let expected = header.crc {
            let actual = bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[bodyStart..<bodyEnd])) }
            guard actual == UInt32(bitPattern: expected) else {
                throw ParquetError(.checksumMismatch, "page CRC mismatch: header says \(UInt32(bitPattern: expected)), bytes give \(actual)")
            }
        }
        try bytes.withUnsafeBytes { raw in
            let body = UnsafeRawBufferPointer(rebasing: raw[bodyStart..<bodyEnd])
            switch header.type {
            case .dictionaryPage:
                try decodeDictionaryPage(header, body: body)
            case .dataPage:
                try decodeDataPageV1(header, body: body)
            case .dataPageV2:
                try decodeDataPageV2(header, body: body)
            case .indexPage, .other:
                break // carries nothing a reader needs
            }
        }
        return bodyEnd
    }

    private mutating func decodeDictionaryPage(_ header: PageHeader, body: UnsafeRawBufferPointer) throws {
        guard let dictionaryHeader = header.dictionaryPageHeader else {
            throw ParquetError.corrupt("dictionary page without a dictionary page header")
        }
        guard !sawDataPage, dictionary == nil else {
            throw ParquetError.corrupt("dictionary page after data pages or a second dictionary page")
        }
        let count = Int(dictionaryHeader.numValues)
        guard count >= 0 else { throw ParquetError.corrupt("dictionary page has negative value count \(count)") }
        switch dictionaryHeader.encoding {
        case .plain, .plainDictionary: break
        default: throw ParquetError.unsupported("dictionary page encoding \(dictionaryHeader.encoding)")
        }
        let page = try metadata.codec.decompress(body, uncompressedSize: Int(header.uncompressedPageSize))
        var entries = ValueBuffers(physicalType: descriptor.physicalType, width: descriptor.typeLength)
        try page.withUnsafeBytes { raw in
            _ = try inContext("dictionary") { try entries.appendPlain(raw, count: count) }
        }
        dictionary = entries
    }

    private mutating func decodeDataPageV1(_ header: PageHeader, body: UnsafeRawBufferPointer) throws {
        guard let pageHeader = header.dataPageHeader else { throw ParquetError.corrupt("data page without a data page header") }
        sawDataPage = true
        let count = try checkedValueCount(pageHeader.numValues)
        let page = try metadata.codec.decompress(body, uncompressedSize: Int(header.uncompressedPageSize))
        try page.withUnsafeBytes { raw in
            var offset = 0
            if descriptor.maxRepetitionLevel > 0 {
                offset += try inContext("repetition levels") {
                    try Self.decodeLevels(UnsafeRawBufferPointer(rebasing: raw[offset...]), encoding: pageHeader.repetitionLevelEncoding,
                                          maxLevel: descriptor.maxRepetitionLevel, count: count, lengthPrefixed: true, into: &repetitionLevels)
                }
            }
            var nonNull = count
            if descriptor.maxDefinitionLevel > 0 {
                let start = definitionLevels.count
                offset += try inContext("definition levels") {
                    try Self.decodeLevels(UnsafeRawBufferPointer(rebasing: raw[offset...]), encoding: pageHeader.definitionLevelEncoding,
                                          maxLevel: descriptor.maxDefinitionLevel, count: count, lengthPrefixed: true, into: &definitionLevels)
                }
                nonNull = Self.count(of: UInt32(descriptor.maxDefinitionLevel), in: definitionLevels[start...])
            }
            try inContext("values") {
                try decodeValues(UnsafeRawBufferPointer(rebasing: raw[offset...]), encoding: pageHeader.encoding, count: nonNull)
            }
        }
        levelCount += count
    }

    private mutating func decodeDataPageV2(_ header: PageHeader, body: UnsafeRawBufferPointer) throws {
        guard let pageHeader = header.dataPageHeaderV2 else { throw ParquetError.corrupt("data page v2 without its header") }
        sawDataPage = true
        let count = try checkedValueCount(pageHeader.numValues)
        let repetitionLength = Int(pageHeader.repetitionLevelsByteLength)
        let definitionLength = Int(pageHeader.definitionLevelsByteLength)
        guard repetitionLength >= 0, definitionLength >= 0, repetitionLength + definitionLength <= body.count else {
            throw ParquetError.corrupt("level lengths \(repetitionLength)+\(definitionLength) exceed page size \(body.count)")
        }
        let levelsEnd = repetitionLength + definitionLength
        if descriptor.maxRepetitionLevel > 0 {
            _ = try inContext("repetition levels") {
                try Self.decodeLevels(UnsafeRawBufferPointer(rebasing: body[0..<repetitionLength]), encoding: .rle,
                                      maxLevel: descriptor.maxRepetitionLevel, count: count, lengthPrefixed: false, into: &repetitionLevels)
            }
        }
        var nonNull = count
        if descriptor.maxDefinitionLevel > 0 {
            let start = definitionLevels.count
            _ = try inContext("definition levels") {
                try Self.decodeLevels(UnsafeRawBufferPointer(rebasing: body[repetitionLength..<levelsEnd]), encoding: .rle,
                                      maxLevel: descriptor.maxDefinitionLevel, count: count, lengthPrefixed: false, into: &definitionLevels)
            }
            nonNull = Self.count(of: UInt32(descriptor.maxDefinitionLevel), in: definitionLevels[start...])
        }
        let compressedValues = UnsafeRawBufferPointer(rebasing: body[levelsEnd...])
        let valuesSize = Int(header.uncompressedPageSize) - levelsEnd
        guard valuesSize >= 0 else { throw ParquetError.corrupt("uncompressed page size is smaller than its levels") }
        // An empty value section (all nulls) is stored as zero bytes even when the page is "compressed".
        let valueBytes: [UInt8] = pageHeader.isCompressed && !(compressedValues.isEmpty && valuesSize == 0)
            ? try metadata.codec.decompress(compressedValues, uncompressedSize: valuesSize)
            : Array(compressedValues)
        try valueBytes.withUnsafeBytes { raw in
            try inContext("values") { try decodeValues(raw, encoding: pageHeader.encoding, count: nonNull) }
        }
        levelCount += count
    }

    private func checkedValueCount(_ numValues: Int32) throws -> Int {
        guard numValues >= 0, Int(numValues) <= Self.maximumValuesPerPage else {
            throw ParquetError.corrupt("page value count \(numValues) is out of range")
        }
        return Int(numValues)
    }

    /// Decodes `count` levels; returns the bytes used (including a v1 length prefix).
    private static func decodeLevels(
        _ input: UnsafeRawBufferPointer, encoding: Encoding, maxLevel: Int, count: Int,
        lengthPrefixed: Bool, into levels: inout [UInt32]
    ) throws -> Int {
        let bitWidth = RLEHybrid.bitWidth(forMaxValue: UInt32(maxLevel))
        let start = levels.count
        levels.append(contentsOf: repeatElement(0, count: count))
        let used: Int = try levels.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress! + start
            switch encoding {
            case .rle:
                guard lengthPrefixed else {
                    return try RLEHybrid.decode(input, bitWidth: bitWidth, count: count, into: out)
                }
                var reader = ByteReader(Array(input.prefix(4)))
                let length = Int(try reader.readUInt32LE())
                guard length <= input.count - 4 else {
                    throw ParquetError.truncated("RLE levels claim \(length) bytes, page has \(input.count - 4)")
                }
                _ = try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: input[4..<(4 + length)]), bitWidth: bitWidth, count: count, into: out)
                return 4 + length
            case .bitPacked:
                return try LegacyBitPacked.decode(input, bitWidth: bitWidth, count: count, into: out)
            default:
                throw ParquetError.unsupported("level encoding \(encoding)")
            }
        }
        let limit = UInt32(maxLevel)
        for level in levels[start...] where level > limit {
            throw ParquetError.corrupt("level \(level) exceeds the column's maximum \(maxLevel)")
        }
        return used
    }

    private static func count(of value: UInt32, in levels: ArraySlice<UInt32>) -> Int {
        levels.withUnsafeBufferPointer { buffer in
            var n = 0
            for level in buffer where level == value { n &+= 1 }
            return n
        }
    }

    /// Appends `count` non-null values encoded with `encoding`.
    private mutating func decodeValues(_ input: UnsafeRawBufferPointer, encoding: Encoding, count: Int) throws {
        let type = descriptor.physicalType
        switch encoding {
        case .plain:
            _ = try values.appendPlain(input, count: count)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetError.corrupt("dictionary-encoded page but the chunk has no dictionary page") }
            guard count > 0 else { return }
            guard let bitWidth = input.first.map(Int.init) else { throw ParquetError.truncated("dictionary page data is empty") }
            guard bitWidth <= 32 else { throw ParquetError.corrupt("dictionary index bit width \(bitWidth) exceeds 32") }
            let indices = try [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: input[1...]), bitWidth: bitWidth, count: count, into: buffer.baseAddress!)
                initialized = count
            }
            try indices.withUnsafeBufferPointer { try values.appendGathered(from: dictionary, indices: $0) }
        case .rle where type == .boolean:
            guard input.count >= 4 else { throw ParquetError.truncated("RLE boolean data needs a 4-byte length") }
            var reader = ByteReader(Array(input.prefix(4)))
            let length = Int(try reader.readUInt32LE())
            guard length <= input.count - 4 else { throw ParquetError.truncated("RLE booleans claim \(length) bytes, page has \(input.count - 4)") }
            let bits = try [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 {
                    _ = try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: input[4..<(4 + length)]), bitWidth: 1, count: count, into: buffer.baseAddress!)
                }
                initialized = count
            }
            values.booleans.append(contentsOf: bits.lazy.map { $0 != 0 })
        case .deltaBinaryPacked where type == .int32:
            _ = try DeltaBinaryPacked.decodeInt32(input, count: count, appendingTo: &values.int32s)
        case .deltaBinaryPacked where type == .int64:
            _ = try DeltaBinaryPacked.decodeInt64(input, count: count, appendingTo: &values.int64s)
        case .deltaLengthByteArray where type == .byteArray:
            _ = try DeltaLengthByteArray.decode(input, count: count, appendingTo: &values.byteArrays)
        case .deltaByteArray where type == .byteArray:
            _ = try DeltaByteArray.decode(input, count: count, appendingTo: &values.byteArrays)
        case .deltaByteArray where type == .fixedLenByteArray:
            var decoded = ByteArrayBuffer()
            _ = try DeltaByteArray.decode(input, count: count, appendingTo: &decoded)
            guard decoded.bytes.count == count * descriptor.typeLength else {
                throw ParquetError.corrupt("DELTA_BYTE_ARRAY values are not all \(descriptor.typeLength) bytes wide")
            }
            values.fixed.append(contentsOf: decoded.bytes)
        case .byteStreamSplit where [.int32, .int64, .float, .double, .fixedLenByteArray].contains(type):
            let width = type == .fixedLenByteArray ? descriptor.typeLength : (type == .int32 || type == .float ? 4 : 8)
            var decoded: [UInt8] = []
            _ = try ByteStreamSplit.decode(input, count: count, width: width, appendingTo: &decoded)
            try values.appendLittleEndian(decoded, count: count)
        default:
            throw ParquetError.unsupported("encoding \(encoding) for \(type) values")
        }
    }
}
