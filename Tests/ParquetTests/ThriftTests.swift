import Foundation
import SluiceTestSupport
import Testing
@testable import Parquet

/// The Thrift compact codec and the Parquet metadata structs: round trips,
/// the footers of real files checked against pyarrow, and hostile input.
@Suite struct ThriftTests {
    // MARK: - Round trips

    @Test func fullyPopulatedFooterRoundTrips() throws {
        let footer = MetadataFixtures.fullFooter
        let bytes = footer.thriftEncoded()
        let decoded = try bytes.withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
        #expect(decoded == footer)
        #expect(decoded.thriftEncoded() == bytes)
    }

    @Test(arguments: MetadataFixtures.pageHeaders)
    func pageHeaderRoundTrips(header: PageHeader) throws {
        // Page data follows the header; it must not be read as part of it.
        let bytes = header.thriftEncoded()
        let (decoded, length) = try (bytes + [0xFF, 0x00, 0x13]).withUnsafeBytes { try PageHeader.decode($0) }
        #expect(decoded == header)
        #expect(length == bytes.count)
    }

    @Test func minimalFooterHasExactBytes() throws {
        let footer = FileMetaData(version: 1, schema: [SchemaElement(name: "s")], numRows: 0, rowGroups: [])
        // version: 0x15 (delta 1, i32) zigzag 1 = 2; schema: 0x19 (delta 1, list) 0x1C (1 struct),
        // name: 0x48 (delta 4, binary) len 1 "s", stop; num_rows: 0x16 (delta 1, i64) 0;
        // row_groups: 0x19 0x0C (empty list of struct); stop.
        #expect(footer.thriftEncoded() == [0x15, 0x02, 0x19, 0x1C, 0x48, 0x01, 0x73, 0x00, 0x16, 0x00, 0x19, 0x0C, 0x00])
    }

    @Test func fieldIDsBeyondADeltaOf15UseTheAbsoluteForm() {
        var writer = ThriftCompactWriter()
        writer.writeI32(1, 7)
        writer.writeI32(17, 8)    // delta 16: absolute
        writer.writeI32(2, 9)     // backwards: absolute
        writer.writeI32(-3, 1)    // negative: absolute
        #expect(writer.bytes == [0x15, 0x0E, 0x05, 0x22, 0x10, 0x05, 0x04, 0x12, 0x05, 0x05, 0x02])
    }

    @Test func longListsUseTheVarintCount() throws {
        var column = MetadataFixtures.fullColumnMetaData
        column.pathInSchema = (0..<300).map { "p\($0)" }
        column.encodings = Array(repeating: .plain, count: 15)
        let bytes = ThriftCompactWriter.encode(column)
        // Type 7 (zigzag 14), then the encodings: field header 0x19, 0xF5 (long form, i32) and varint 15.
        #expect(bytes.starts(with: [0x15, 0x0E, 0x19, 0xF5, 0x0F]))
        let decoded = try bytes.withUnsafeBytes { buffer -> ColumnMetaData in
            var reader = ThriftCompactReader(buffer)
            return try ColumnMetaData(thrift: &reader)
        }
        #expect(decoded == column)
    }

    // MARK: - Reading what other writers write

    @Test func readsAbsoluteFieldIDsAndSkipsUnknownFieldsOfEveryType() throws {
        var writer = ThriftCompactWriter()
        writer.writeStruct(200) { $0.writeI32(1, 5) }                 // unknown struct
        writer.writeBool(201, true)                                   // unknown bool field: no payload
        writer.writeList(202, ["a", "bc"])                           // unknown list<binary>
        writer.writeI8(203, -1)
        writer.writeI16(204, -300)
        writer.writeI64(205, .min)
        writer.writeBinary(206, [1, 2, 3])
        var bytes = writer.bytes
        bytes += [0x07] + zigzag(207) + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]     // double 1.0
        bytes += [0x09] + zigzag(208) + [0x31, 1, 0, 2]                    // list of 3 bools, the false ones as 0 and 2
        bytes += [0x0A] + zigzag(209) + [0x25, 2, 4]                       // set<i32> {1, 2}
        bytes += [0x0B] + zigzag(210) + [0x02, 0x85, 0x02, 0x01, 0x04, 0x00]  // map<binary, i32> {"x": 1, "": 2}
        bytes += [0x0B] + zigzag(211) + [0x00]                             // empty map: no type byte
        bytes += [0x0C] + zigzag(212) + [0x19, 0x2C, 0x00, 0x11, 0x00, 0x00] // struct { list of 2 structs, one with a bool }
        // Then the known fields, each with an absolute id.
        bytes += [0x05] + zigzag(1) + zigzag(2)                            // version 2
        bytes += [0x09] + zigzag(2) + [0x1C, 0x08] + zigzag(4) + [1, 0x61, 0x00]  // schema [name "a"]
        bytes += [0x06] + zigzag(3) + zigzag(5)                           // num_rows 5
        bytes += [0x09] + zigzag(4) + [0x0C]                               // row_groups []
        bytes += [0x00]
        let footer = try bytes.withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
        #expect(footer == FileMetaData(version: 2, schema: [SchemaElement(name: "a")], numRows: 5, rowGroups: []))
    }

    @Test func emptyListsNeedNoValidElementType() throws {
        // row_groups as [0x19 (delta 1, list), 0x00 (no elements, type 0)].
        let bytes: [UInt8] = [0x15, 0x02, 0x19, 0x1C, 0x48, 0x01, 0x73, 0x00, 0x16, 0x00, 0x19, 0x00, 0x00]
        let footer = try bytes.withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
        #expect(footer.rowGroups.isEmpty)
    }

    @Test func unknownUnionMembersAreKept() throws {
        var writer = ThriftCompactWriter()
        writer.writeString(4, "c")
        writer.writeStruct(10) { $0.writeStruct(2555) { $0.writeList(1, ["nested"]) } }
        let element = try decode(SchemaElement.self, writer.bytes + [0])
        #expect(element.logicalType == .unrecognized(fieldID: 2555))

        let order = try decode(ColumnOrder.self, [0x0C] + zigzag(40) + [0x15, 0x02, 0x00, 0x00])
        #expect(order == .unrecognized(fieldID: 40))
    }

    @Test func unknownEncodingsAndPageTypesAreKeptByNumber() throws {
        let header = PageHeader(
            type: .other(25), uncompressedPageSize: 1, compressedPageSize: 1,
            dataPageHeader: DataPageHeader(numValues: 1, encoding: .other(10), definitionLevelEncoding: .rle, repetitionLevelEncoding: .other(-4))
        )
        let decoded = try header.thriftEncoded().withUnsafeBytes { try PageHeader.decode($0).header }
        #expect(decoded.type == .other(25))
        #expect(decoded.dataPageHeader?.encoding == .other(10))
        #expect(decoded.dataPageHeader?.repetitionLevelEncoding == .other(-4))
    }

    @Test func invalidUTF8IsRepairedNotRejected() throws {
        var writer = ThriftCompactWriter()
        writer.writeBinary(4, [0x61, 0xFF, 0x62])
        let element = try decode(SchemaElement.self, writer.bytes + [0])
        #expect(element.name == "a\u{FFFD}b")
    }

    @Test func dataPageV2IsCompressedDefaultsToTrue() throws {
        var writer = ThriftCompactWriter()
        for id: Int16 in [1, 2, 3, 4, 5, 6] { writer.writeI32(id, 0) }
        #expect(try decode(DataPageHeaderV2.self, writer.bytes + [0]).isCompressed)
        writer.writeBool(7, false)
        #expect(try decode(DataPageHeaderV2.self, writer.bytes + [0]).isCompressed == false)
    }

    @Test func encryptionFieldsAreNoted() throws {
        var chunk = ThriftCompactWriter()
        chunk.writeI64(2, 4)
        chunk.writeBinary(9, [1, 2, 3])
        #expect(try decode(ColumnChunk.self, chunk.bytes + [0]).isEncrypted)

        var footer = FileMetaData(version: 1, schema: [SchemaElement(name: "s")], numRows: 0, rowGroups: [])
        footer.isEncrypted = true
        var bytes = footer.thriftEncoded()
        #expect(try bytes.withUnsafeBytes { try FileMetaData(thriftBytes: $0) }.isEncrypted)
        // A reader that knows field 8 (delta 4 from row_groups) sees AES_GCM_V1 with no fields.
        bytes.removeLast()
        #expect(bytes.suffix(4) == [0x4C, 0x1C, 0x00, 0x00])
    }

    // MARK: - Real footers

    @Test func footersOfTheTestFilesMatchPyarrow() throws {
        let paths = try MetadataFixtures.testFiles()
        #expect(paths.count > 50)
        let reports = try JSONSerialization.jsonObject(with: Python.run(MetadataFixtures.pyarrowDump, arguments: paths)) as? [Any]
        let expected = try #require(reports)
        var compared = 0
        for (path, report) in zip(paths, expected) {
            guard let report = report as? [String: Any] else { continue }  // pyarrow cannot read it either
            let footer = try MetadataFixtures.footer(ofFile: path)
            try MetadataFixtures.compare(footer, with: report, file: URL(fileURLWithPath: path).lastPathComponent)
            compared += 1
        }
        #expect(compared > 50)
    }

    @Test func pyarrowReadsFilesWithFootersWeReencoded() throws {
        let names = [
            "alltypes_plain.parquet", "datapage_v2.snappy.parquet", "nested_structs.rust.parquet",
            "data_index_bloom_encoding_stats.parquet", "binary_truncated_min_max.parquet",
            "column_chunk_key_value_metadata.parquet", "geospatial/crs-projjson.parquet",
        ]
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments: [String] = []
        for (index, name) in names.enumerated() {
            let file = try MetadataFixtures.bytes(of: name)
            let footer = try MetadataFixtures.footer(of: name)
            let oldLength = try MetadataFixtures.footerBytes(of: name).count
            let encoded = footer.thriftEncoded()
            var rewritten = Array(file[..<(file.count - 8 - oldLength)])
            rewritten += encoded
            rewritten += withUnsafeBytes(of: UInt32(encoded.count).littleEndian, Array.init)
            rewritten += Array("PAR1".utf8)
            let url = folder.appendingPathComponent("\(index).parquet")
            try Data(rewritten).write(to: url)
            arguments += [MetadataFixtures.dataFolder.appendingPathComponent(name).path, url.path]
        }
        let output = try Python.run("""
            import sys
            import pyarrow.parquet as pq
            paths = sys.argv[1:]
            for original, rewritten in zip(paths[::2], paths[1::2]):
                a, b = pq.ParquetFile(original), pq.ParquetFile(rewritten)
                assert a.schema_arrow.equals(b.schema_arrow, check_metadata=True), original
                assert a.read().equals(b.read()), original
                assert a.metadata.num_rows == b.metadata.num_rows, original
                for g in range(a.metadata.num_row_groups):
                    for c in range(a.metadata.num_columns):
                        x, y = a.metadata.row_group(g).column(c), b.metadata.row_group(g).column(c)
                        assert x.statistics == y.statistics, (original, g, c)
            print(len(paths) // 2)
            """, arguments: arguments)
        #expect(String(decoding: output, as: UTF8.self) == "\(names.count)\n")
    }

    @Test func alltypesPlainFooter() throws {
        // Values from pyarrow: pq.ParquetFile("alltypes_plain.parquet").metadata.
        let footer = try MetadataFixtures.footer(of: "alltypes_plain.parquet")
        #expect(footer.numRows == 8)
        #expect(footer.createdBy == "impala version 1.3.0-INTERNAL (build 8a48ddb1eff84592b3fc06bc6f51ec120e1fffc9)")
        #expect(footer.schema.count == 12)
        #expect(footer.schema[1] == SchemaElement(type: .int32, repetitionType: .optional, name: "id"))
        #expect(footer.schema[11].type == .int96)
        let id = try #require(footer.rowGroups.first?.columns.first)
        #expect(id.fileOffset == 77)
        #expect(id.metaData?.dataPageOffset == 49)
        #expect(id.metaData?.dictionaryPageOffset == 4)
        #expect(id.metaData?.totalCompressedSize == 73)
        #expect(Set(id.metaData?.encodings ?? []) == [.rle, .plainDictionary, .plain])
        #expect(footer.rowGroups[0].totalByteSize == 671)
    }

    @Test func unknownLogicalTypeFile() throws {
        // pyarrow reports "Undefined" for the second column; the file stores LogicalType member 2555.
        let footer = try MetadataFixtures.footer(of: "unknown-logical-type.parquet")
        #expect(footer.schema.map(\.name) == ["schema", "column with known type", "column with unknown type"])
        #expect(footer.schema[1].logicalType == .string)
        #expect(footer.schema[2].logicalType == .unrecognized(fieldID: 2555))
        #expect(footer.createdBy == "parquet-cpp-arrow version 20.0.0-SNAPSHOT")
    }

    @Test func columnChunkKeyValueMetadata() throws {
        let footer = try MetadataFixtures.footer(of: "column_chunk_key_value_metadata.parquet")
        let columns = try #require(footer.rowGroups.first?.columns)
        #expect(footer.numRows == 0)
        #expect(columns.map(\.fileOffset) == [18, 111])  // pyarrow's file_offset
        // pyarrow: {b'thisiskeywithoutvalue': b'', b'foo': b'bar'} and None. The inventory notes the
        // value is absent, and the file stores "foo" first (pyarrow's dictionary reorders).
        #expect(columns[0].metaData?.keyValueMetadata == [KeyValue(key: "foo", value: "bar"), KeyValue(key: "thisiskeywithoutvalue", value: nil)])
        #expect(columns[1].metaData?.keyValueMetadata == nil)
    }

    @Test func exactnessOfTruncatedStatistics() throws {
        // pyarrow: utf8_full_truncation min b'Al', max b'Kf'; utf8_no_truncation min b'Al', max b'Ke'.
        // pyarrow does not show exactness; the column names say which bounds the writer truncated.
        let columns = try MetadataFixtures.footer(of: "binary_truncated_min_max.parquet").rowGroups[0].columns
        let statistics = try columns.map { try #require($0.metaData?.statistics) }
        #expect(statistics[0].minValue == Array("Al".utf8))
        #expect(statistics[0].maxValue == Array("Kf".utf8))
        #expect(statistics[0].isMaxValueExact == false)
        #expect(statistics[4].maxValue == Array("Ke".utf8))
        #expect(statistics[4].isMinValueExact == true)
        #expect(statistics[4].isMaxValueExact == true)
        #expect(statistics.allSatisfy { $0.nullCount == 0 })
    }

    @Test func plaintextFooterOfAnEncryptedFileIsMarked() throws {
        let path = MetadataFixtures.dataFolder.appendingPathComponent("encrypt_columns_plaintext_footer.parquet.encrypted").path
        let footer = try MetadataFixtures.footer(ofFile: path)
        #expect(footer.isEncrypted)
        #expect(footer.numRows == 50)  // the inventory's row count
        #expect(footer.rowGroups[0].columns.contains { $0.isEncrypted })
    }

    @Test func outOfRangePhysicalTypeInARealFileIsCorrupt() throws {
        // The inventory: "corrupt schema Thrift: physical type enum out of range; must error".
        let path = Python.sharedRoot.appendingPathComponent("parquet-testing/bad_data/PARQUET-1481.parquet").path
        #expect {
            try MetadataFixtures.footer(ofFile: path)
        } throws: { error in
            guard let error = error as? ParquetError else { return false }
            return error.kind == .corrupt && error.message.hasPrefix("SchemaElement.type: invalid physical type")
        }
    }

    @Test func geospatialLogicalTypes() throws {
        // pyarrow: Geometry(crs=), Geometry(crs=srid:5070), Geography(crs=, algorithm=spherical).
        #expect(try MetadataFixtures.footer(of: "geospatial/crs-default.parquet").schema[2].logicalType == .geometry(crs: nil))
        #expect(try MetadataFixtures.footer(of: "geospatial/crs-srid.parquet").schema[2].logicalType == .geometry(crs: "srid:5070"))
        let geography = try MetadataFixtures.footer(of: "geospatial/crs-geography.parquet").schema[2].logicalType
        guard case let .geography(crs, algorithm) = geography else {
            Issue.record("expected GEOGRAPHY, found \(String(describing: geography))")
            return
        }
        #expect(crs == nil)
        #expect(algorithm == nil || algorithm == 0)  // spherical, stated or by default
    }

    @Test func pageHeadersOfAlltypesPlainChainThroughEveryChunk() throws {
        // The inventory's raw page walk found 10 dictionary pages and 11 data pages.
        let file = try MetadataFixtures.bytes(of: "alltypes_plain.parquet")
        let footer = try MetadataFixtures.footer(of: "alltypes_plain.parquet")
        var counts: [Int32: Int] = [:]  // by page type number
        for chunk in footer.rowGroups[0].columns {
            let meta = try #require(chunk.metaData)
            var offset = Int(meta.dictionaryPageOffset ?? meta.dataPageOffset)
            let end = offset + Int(meta.totalCompressedSize)
            var values: Int64 = 0
            while offset < end {
                let (header, length) = try file.withUnsafeBytes { try PageHeader.decode(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
                counts[header.type.rawValue, default: 0] += 1
                values += Int64(header.dataPageHeader?.numValues ?? 0)
                offset += length + Int(header.compressedPageSize)
            }
            #expect(offset == end)
            #expect(values == meta.numValues)
        }
        #expect(counts == [PageType.dictionaryPage.rawValue: 10, PageType.dataPage.rawValue: 11])
    }

    // MARK: - Hostile input

    @Test func everyTruncationOfARealFooterThrows() throws {
        for name in ["alltypes_plain.parquet", "unknown-logical-type.parquet", "geospatial/crs-srid.parquet"] {
            let footer = try MetadataFixtures.footerBytes(of: name)
            var accepted: [Int] = []
            for length in 0..<footer.count {
                do {
                    _ = try footer.withUnsafeBytes { try FileMetaData(thriftBytes: UnsafeRawBufferPointer(rebasing: $0[..<length])) }
                    accepted.append(length)
                } catch is ParquetError {}
            }
            #expect(accepted.isEmpty, "\(name): prefixes accepted: \(accepted)")
        }
    }

    @Test func everyTruncationOfARealPageHeaderThrows() throws {
        let file = try MetadataFixtures.bytes(of: "data_index_bloom_encoding_stats.parquet")
        let (_, length) = try file.withUnsafeBytes { try PageHeader.decode(UnsafeRawBufferPointer(rebasing: $0[4...])) }
        for prefix in 0..<length {
            #expect(throws: ParquetError.self) {
                try file.withUnsafeBytes { try PageHeader.decode(UnsafeRawBufferPointer(rebasing: $0[4..<(4 + prefix)])) }
            }
        }
    }

    @Test func randomByteFlipsNeverCrash() throws {
        var random = SplitMix64(seed: 0x5EED)
        var accepted = 0
        for name in ["alltypes_plain.parquet", "data_index_bloom_encoding_stats.parquet"] {
            let footer = try MetadataFixtures.footerBytes(of: name)
            for _ in 0..<1_000 {
                var mutated = footer
                for _ in 0...random.next(below: 4) {
                    mutated[random.next(below: mutated.count)] ^= UInt8(truncatingIfNeeded: random.next(below: 255) + 1)
                }
                do {
                    let decoded = try mutated.withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
                    // Whatever decodes must survive its own round trip.
                    let again = try decoded.thriftEncoded().withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
                    #expect(again == decoded)
                    accepted += 1
                } catch is ParquetError {}
            }
        }
        // Flips inside strings and numbers leave valid footers; a codec rejecting all would be suspect.
        #expect(accepted > 0)
    }

    @Test func randomByteFlipsOfAPageHeaderNeverCrash() throws {
        // The first page of this file has statistics and a CRC.
        let file = try MetadataFixtures.bytes(of: "data_index_bloom_encoding_stats.parquet")
        let (_, length) = try file.withUnsafeBytes { try PageHeader.decode(UnsafeRawBufferPointer(rebasing: $0[4...])) }
        let header = Array(file[4..<(4 + length)])
        var random = SplitMix64(seed: 0xF11B)
        for _ in 0..<2_000 {
            var mutated = header
            mutated[random.next(below: mutated.count)] ^= UInt8(truncatingIfNeeded: random.next(below: 255) + 1)
            do {
                let (decoded, used) = try mutated.withUnsafeBytes { try PageHeader.decode($0) }
                #expect(used <= mutated.count)
                let again = try decoded.thriftEncoded().withUnsafeBytes { try PageHeader.decode($0).header }
                #expect(again == decoded)
            } catch is ParquetError {}
        }
    }

    @Test func deepNestingIsRefused() {
        let listBomb = [0x15, 0x02, 0x09] + zigzag(100) + Array(repeating: 0x19, count: 100_000) + [0x00]
        let structBomb = [0x15, 0x02, 0x0C] + zigzag(100) + Array(repeating: 0x1C, count: 100_000) + [0x00]
        let mapBomb = [0x15, 0x02, 0x0B] + zigzag(100) + Array(repeating: [0x01, 0xBB], count: 50_000).flatMap { $0 }
        for bomb in [listBomb, structBomb, mapBomb] {
            #expect {
                try bomb.withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
            } throws: { error in
                (error as? ParquetError)?.message.contains("nested more than 64 deep") == true
            }
        }
    }

    @Test func collectionCountsBeyondTheInputAreRefused() {
        // schema: list<struct> of 2^32 - 1 elements, then 3 bytes.
        let hugeList: [UInt8] = [0x15, 0x02, 0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x00, 0x00]
        // An unknown list<bool> claiming 5 one-byte elements with 4 bytes left (stop included).
        let boolList: [UInt8] = [0x09] + zigzag(100) + [0x51, 1, 1, 1, 0x00]
        // An unknown map claiming 3 entries (at least 6 bytes) with 5 left.
        let map: [UInt8] = [0x0B] + zigzag(100) + [0x03, 0x33, 1, 1, 1, 1]
        // created_by claiming 2^40 bytes.
        let hugeString: [UInt8] = [0x68, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x41, 0x00]
        for bytes in [hugeList, boolList, map, hugeString] {
            #expect(throws: ParquetError.self) { try bytes.withUnsafeBytes { try FileMetaData(thriftBytes: $0) } }
        }
        // A list of 14 empty structs fits in 14 bytes (each is its stop byte): counted, not refused.
        let emptyStructs: [UInt8] = [0x09] + zigzag(100) + [0xEC] + Array(repeating: 0x00, count: 14) + [0x00]
        #expect(throws: Never.self) { try decode(Statistics.self, emptyStructs) }
    }

    @Test func badEnumValuesNameTheField() {
        var element = ThriftCompactWriter()
        element.writeI32(1, 9)
        element.writeString(4, "x")
        expectCorrupt(SchemaElement.self, element.bytes + [0], "SchemaElement.type: invalid physical type 9")

        var repetition = ThriftCompactWriter()
        repetition.writeI32(3, 3)
        repetition.writeString(4, "x")
        expectCorrupt(SchemaElement.self, repetition.bytes + [0], "SchemaElement.repetition_type: invalid repetition type 3")

        var converted = ThriftCompactWriter()
        converted.writeString(4, "x")
        converted.writeI32(6, -1)
        expectCorrupt(SchemaElement.self, converted.bytes + [0], "SchemaElement.converted_type: invalid converted type -1")

        // Decoding stops at the bad codec, so the fields after it can be left out.
        var column = ThriftCompactWriter()
        column.writeI32(1, 1)
        column.writeList(2, [Int32(0)])
        column.writeList(3, ["a"])
        column.writeI32(4, 8)
        expectCorrupt(ColumnMetaData.self, column.bytes + [0], "ColumnMetaData.codec: invalid compression codec 8")
        expectCorrupt(ColumnMetaData.self, [0x15, 0x10, 0x00], "ColumnMetaData.type: invalid physical type 8")
    }

    @Test func missingRequiredFieldsNameTheStructAndField() {
        var page = ThriftCompactWriter()
        page.writeI32(1, 7)
        expectCorrupt(PageHeader.self, page.bytes + [0], "PageHeader.uncompressed_page_size: required field missing")
        expectCorrupt(SchemaElement.self, [0x15, 0x02, 0x00], "SchemaElement.name: required field missing")
        expectCorrupt(LogicalType.self, [0x00], "LogicalType: union has no member")
        expectCorrupt(LogicalType.self, [0x55, 0x02, 0x00], "LogicalType: member 5 is i32, not struct")
        expectCorrupt(TimeUnit.self, [0x4C, 0x00, 0x00], "TimeUnit: unknown unit 4")
    }

    @Test func malformedScalarsAreRefused() {
        let cases: [(String, [UInt8])] = [
            ("i32 of 2^31", [0x25, 0x80, 0x80, 0x80, 0x80, 0x10, 0x00]),
            ("varint of 11 bytes", [0x36] + Array(repeating: 0xFF, count: 10) + [0x01, 0x00]),
            ("field type 13", [0x1D, 0x00]),
            ("list element type 14", [0x19, 0x1E, 0x00, 0x00]),
            ("double with 3 of its 8 bytes", [0x07] + zigzag(100) + [0, 0, 0]),
        ]
        for (label, bytes) in cases {
            #expect(throws: ParquetError.self, "\(label)") { try decode(PageHeader.self, bytes) }
        }
    }

    // MARK: - Helpers

    private func decode<Value: ThriftCodable>(_: Value.Type, _ bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { buffer in
            var reader = ThriftCompactReader(buffer)
            return try Value(thrift: &reader)
        }
    }

    private func expectCorrupt<Value: ThriftCodable>(
        _ type: Value.Type, _ bytes: [UInt8], _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) {
            try decode(type, bytes)
        } throws: { error in
            (error as? ParquetError) == ParquetError.corrupt(message)
        }
    }
}

/// The compact protocol's zigzag varint of `value`, for assembling input by hand.
private func zigzag(_ value: Int64) -> [UInt8] {
    var raw = UInt64(bitPattern: (value << 1) ^ (value >> 63))
    var bytes: [UInt8] = []
    while raw >= 0x80 {
        bytes.append(UInt8(truncatingIfNeeded: raw) | 0x80)
        raw >>= 7
    }
    return bytes + [UInt8(raw)]
}

