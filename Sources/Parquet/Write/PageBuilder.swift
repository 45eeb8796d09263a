/// A page as it goes into the file: its Thrift header, then its body.
struct EncodedPage {
    var bytes: [UInt8]
    /// Header plus uncompressed body: what `total_uncompressed_size` adds up.
    var uncompressedSize: Int
    var type: PageType
    var encoding: Encoding
}

/// Wraps encoded levels and values into pages: compression, checksum, header.
///
/// The two data page versions differ in what is compressed:
///
/// - v1: the body is `[u32 length][definition levels][values]`, compressed as one
///   block; the header gives only the value count and encodings.
/// - v2: the levels come first, never compressed and without length prefix (the
///   header gives their lengths), then the values, compressed alone. A reader can
///   thus count nulls without decompressing, and `is_compressed` says whether
///   the values need a codec at all.
///
/// The page CRC, when written, covers the body exactly as stored (after
/// compression), which is what readers verify.
struct PageBuilder {
    let codec: CompressionCodec
    let version: ParquetWriteOptions.DataPageVersion
    let writesChecksums: Bool

    /// A data page of `valueCount` positions, `nullCount` of them null. `definitionLevels`
    /// is the RLE-hybrid run data (nil for a required column); `values` the encoded non-null values.
    func dataPage(valueCount: Int, nullCount: Int, definitionLevels: [UInt8]?, values: [UInt8], encoding: Encoding) throws -> EncodedPage {
        let levels = definitionLevels ?? []
        var header: PageHeader
        var body: [UInt8]
        let uncompressedBody: Int
        switch version {
        case .v1:
            var plain: [UInt8] = []
            plain.reserveCapacity((definitionLevels == nil ? 0 : 4 + levels.count) + values.count)
            if definitionLevels != nil {
                withUnsafeBytes(of: try Self.size(levels.count).littleEndian) { plain.append(contentsOf: $0) }
                plain.append(contentsOf: levels)
            }
            plain.append(contentsOf: values)
            uncompressedBody = plain.count
            body = try plain.withUnsafeBytes { try codec.compress($0) }
            header = PageHeader(
                type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0,
                dataPageHeader: DataPageHeader(numValues: try Self.size(valueCount), encoding: encoding,
                                               definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
            )
        case .v2:
            body = levels
            body.append(contentsOf: try values.withUnsafeBytes { try codec.compress($0) })
            uncompressedBody = levels.count + values.count
            header = PageHeader(
                type: .dataPageV2, uncompressedPageSize: 0, compressedPageSize: 0,
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: try Self.size(valueCount), numNulls: try Self.size(nullCount), numRows: try Self.size(valueCount),
                    encoding: encoding, definitionLevelsByteLength: try Self.size(levels.count), repetitionLevelsByteLength: 0,
                    isCompressed: codec != .uncompressed
                )
            )
        }
        return try finish(&header, body: body, uncompressedBody: uncompressedBody, encoding: encoding)
    }

    /// The dictionary page: `entryCount` PLAIN values, compressed as one block.
    func dictionaryPage(entryCount: Int, values: [UInt8]) throws -> EncodedPage {
        var header = PageHeader(
            type: .dictionaryPage, uncompressedPageSize: 0, compressedPageSize: 0,
            dictionaryPageHeader: DictionaryPageHeader(numValues: try Self.size(entryCount), encoding: .plain)
        )
        let body = try values.withUnsafeBytes { try codec.compress($0) }
        return try finish(&header, body: body, uncompressedBody: values.count, encoding: .plain)
    }

    private func finish(_ header: inout PageHeader, body: [UInt8], uncompressedBody: Int, encoding: Encoding) throws -> EncodedPage {
        header.uncompressedPageSize = try Self.size(uncompressedBody)
        header.compressedPageSize = try Self.size(body.count)
        if writesChecksums {
            header.crc = Int32(bitPattern: body.withUnsafeBytes { CRC32.checksum($0) })
        }
        var bytes = header.thriftEncoded()
        let headerLength = bytes.count
        bytes.append(contentsOf: body)
        return EncodedPage(bytes: bytes, uncompressedSize: headerLength + uncompressedBody, type: header.type, encoding: encoding)
    }

    /// Page sizes and counts are i32 in the format.
    private static func size(_ value: Int) throws -> Int32 {
        guard let size = Int32(exactly: value) else {
            throw ParquetError.unsupported("page of \(value) bytes or values is larger than the format allows")
        }
        return size
    }
}
