/// Encodes one column of one row group, a column chunk, into pages.
///
/// The values are cut into pages by ``PageLayout``. Each page holds the
/// definition levels of a nullable column (one bit per position: present or
/// null, RLE-hybrid encoded) and the non-null values, either
///
/// - as indices into the chunk's dictionary (`RLE_DICTIONARY`: one byte giving
///   the bit width, then the indices RLE-hybrid encoded), while dictionary
///   encoding is enabled and the dictionary stays within
///   ``ParquetWriteOptions/dictionaryPageSizeLimit``, or
/// - PLAIN, for booleans, with dictionaries disabled, and for every page after
///   the dictionary outgrew its limit. Pages already written keep their
///   indices: a reader switches encoding page by page.
///
/// Since the dictionary is complete only after the last dictionary-encoded
/// page, pages are kept in memory and the chunk is laid out at the end:
/// dictionary page first, then the data pages. The returned metadata gives file
/// offsets, so the chunk must be written at `fileOffset`.
struct ColumnChunkWriter {
    let field: ParquetField
    let options: ParquetWriteOptions

    struct Output {
        /// The whole chunk: dictionary page (if any) and data pages.
        var bytes: [UInt8]
        var metadata: ColumnMetaData
    }

    func write(_ column: ColumnData, at fileOffset: Int64) throws -> Output {
        switch column.storage {
        case let .boolean(values): try write(column, BooleanValueEncoder(values: values), at: fileOffset)
        case let .int32(values): try write(column, NumericValueEncoder(values), at: fileOffset)
        case let .int64(values): try write(column, NumericValueEncoder(values), at: fileOffset)
        case let .float(values): try write(column, NumericValueEncoder(values), at: fileOffset)
        case let .double(values): try write(column, NumericValueEncoder(values), at: fileOffset)
        case let .byteArray(values): try write(column, ByteArrayValueEncoder(values), at: fileOffset)
        case let .fixedLenByteArray(values): try write(column, FixedLenValueEncoder(values), at: fileOffset)
        case .int96: throw ParquetError.unsupported("INT96 is not writable")
        }
    }

    private func write<Encoder: ColumnValueEncoder>(_ column: ColumnData, _ encoder: Encoder, at fileOffset: Int64) throws -> Output {
        var encoder = encoder
        let builder = PageBuilder(codec: options.compression, version: options.dataPageVersion, writesChecksums: options.writePageChecksums)
        let validity = column.validity
        var usesDictionary = options.dictionaryEnabled && Encoder.supportsDictionary
        var usedDictionary = false
        var plainRanges: [Range<Int>] = []
        var dataPages: [EncodedPage] = []
        var indices: [UInt32] = []

        for range in PageLayout.pageRanges(of: column.storage, count: column.count, targetSize: options.dataPageSize) {
            var values: [UInt8] = []
            let encoding: Encoding
            if usesDictionary {
                indices.removeAll(keepingCapacity: true)
                encoder.appendDictionaryIndices(range, validity: validity, to: &indices)
                Self.appendIndices(indices, dictionaryCount: encoder.dictionaryCount, to: &values)
                encoding = .rleDictionary
                usedDictionary = true
                if encoder.dictionaryPlainSize > options.dictionaryPageSizeLimit { usesDictionary = false }
            } else {
                encoder.appendPlain(range, validity: validity, to: &values)
                plainRanges.append(range)
                encoding = .plain
            }
            let nullCount = validity.map { flags in range.reduce(0) { flags[$1] ? $0 : $0 + 1 } } ?? 0
            dataPages.append(try builder.dataPage(
                valueCount: range.count, nullCount: nullCount,
                definitionLevels: field.isNullable ? Self.definitionLevels(validity, range) : nil,
                values: values, encoding: encoding
            ))
        }

        var dictionaryPage: EncodedPage?
        if usedDictionary {
            var entries: [UInt8] = []
            encoder.appendDictionaryPage(to: &entries)
            dictionaryPage = try builder.dictionaryPage(entryCount: encoder.dictionaryCount, values: entries)
        }

        var statistics: Statistics?
        if options.writeStatistics {
            var accumulator = StatisticsAccumulator(order: ValueOrder(field: field))
            encoder.includeValues(in: plainRanges, validity: validity, into: &accumulator)
            if usedDictionary { encoder.includeDictionary(into: &accumulator) }
            statistics = accumulator.statistics(nullCount: column.nullCount)
        }
        return layOut(dictionaryPage: dictionaryPage, dataPages: dataPages, valueCount: column.count, statistics: statistics, at: fileOffset)
    }

    /// Concatenates the pages and describes them for the footer.
    private func layOut(dictionaryPage: EncodedPage?, dataPages: [EncodedPage], valueCount: Int, statistics: Statistics?, at fileOffset: Int64) -> Output {
        let pages = (dictionaryPage.map { [$0] } ?? []) + dataPages
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pages.reduce(0) { $0 + $1.bytes.count })
        for page in pages { bytes.append(contentsOf: page.bytes) }

        var encodings: [Encoding] = []
        var encodingStats: [PageEncodingStats] = []
        for page in pages {
            if !encodings.contains(page.encoding) { encodings.append(page.encoding) }
            if let index = encodingStats.firstIndex(where: { $0.pageType == page.type && $0.encoding == page.encoding }) {
                encodingStats[index].count += 1
            } else {
                encodingStats.append(PageEncodingStats(pageType: page.type, encoding: page.encoding, count: 1))
            }
        }
        // Levels are RLE: v1 headers name it for every page, v2 pages carry levels only when nullable.
        if options.dataPageVersion == .v1 || field.isNullable { encodings.append(.rle) }

        let metadata = ColumnMetaData(
            type: field.physicalType, encodings: encodings, pathInSchema: [field.name], codec: options.compression,
            numValues: Int64(valueCount),
            totalUncompressedSize: Int64(pages.reduce(0) { $0 + $1.uncompressedSize }),
            totalCompressedSize: Int64(bytes.count),
            dataPageOffset: fileOffset + Int64(dictionaryPage?.bytes.count ?? 0),
            dictionaryPageOffset: dictionaryPage == nil ? nil : fileOffset,
            statistics: statistics,
            encodingStats: encodingStats
        )
        return Output(bytes: bytes, metadata: metadata)
    }

    /// An RLE_DICTIONARY value section: the bit width in one byte, then the indices.
    /// The width covers the dictionary as it stands after this page (at least 1 bit,
    /// as Arrow writes, since some readers reject width 0).
    static func appendIndices(_ indices: [UInt32], dictionaryCount: Int, to output: inout [UInt8]) {
        let bitWidth = max(1, RLEHybrid.bitWidth(forMaxValue: UInt32(max(dictionaryCount - 1, 0))))
        output.append(UInt8(bitWidth))
        guard !indices.isEmpty else { return }
        indices.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: bitWidth, into: &output) }
    }

    /// Definition levels of a flat optional column: 1 where a value is present, 0 for null.
    static func definitionLevels(_ validity: [Bool]?, _ range: Range<Int>) -> [UInt8] {
        var output: [UInt8] = []
        guard let validity else {
            // No nulls: the levels are a single RLE run of 1s (header `count << 1` as a
            // ULEB128 varint, then the value in one byte), written without materializing
            // a level per value, as most optional columns hold no null at all.
            var header = UInt64(range.count) << 1
            while header >= 0x80 {
                output.append(UInt8(truncatingIfNeeded: header) | 0x80)
                header >>= 7
            }
            output.append(UInt8(header))
            output.append(1)
            return output
        }
        let levels: [UInt32] = validity[range].map { $0 ? 1 : 0 }
        levels.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: 1, into: &output) }
        return output
    }
}
