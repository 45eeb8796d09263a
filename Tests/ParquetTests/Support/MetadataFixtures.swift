import Foundation
import SluiceTestSupport
import Testing
@testable import Parquet

/// Metadata values and test files for ``ThriftTests``.
enum MetadataFixtures {
    // MARK: - Model values with every field set

    static let fullStatistics = Statistics(
        max: [0xFF, 0x7F], min: [], nullCount: 3, distinctCount: 1 << 40, maxValue: Array("zz".utf8),
        minValue: [0x00], isMaxValueExact: true, isMinValueExact: false, nanCount: 0
    )

    static let fullColumnMetaData = ColumnMetaData(
        type: .fixedLenByteArray, encodings: [.plain, .rleDictionary, .byteStreamSplit, .other(10)],
        pathInSchema: ["a", "b.c", "é"], codec: .zstd, numValues: .max, totalUncompressedSize: 1 << 33,
        totalCompressedSize: 12, keyValueMetadata: [KeyValue(key: "k", value: "v"), KeyValue(key: "", value: nil)],
        dataPageOffset: 4, indexPageOffset: 0, dictionaryPageOffset: -1, statistics: fullStatistics,
        encodingStats: [
            PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1),
            PageEncodingStats(pageType: .other(9), encoding: .other(-2), count: .max),
        ],
        bloomFilterOffset: 100, bloomFilterLength: 32
    )

    /// Every logical type, once, on a column of the schema.
    static let logicalTypes: [LogicalType] = [
        .string, .map, .list, .enumeration, .decimal(scale: 2, precision: 38), .date,
        .time(isAdjustedToUTC: false, unit: .millis), .time(isAdjustedToUTC: true, unit: .nanos),
        .timestamp(isAdjustedToUTC: true, unit: .micros), .integer(bitWidth: 8, isSigned: false),
        .integer(bitWidth: -128, isSigned: true), .unknown, .json, .bson, .uuid, .float16, .variant,
        .geometry(crs: nil), .geometry(crs: "OGC:CRS84"), .geography(crs: nil, algorithm: nil),
        .geography(crs: "srid:4326", algorithm: 4), .unrecognized(fieldID: 19), .unrecognized(fieldID: 2555),
    ]

    static let fullFooter: FileMetaData = {
        let columns = logicalTypes.enumerated().map { index, logicalType in
            SchemaElement(
                type: .byteArray, typeLength: Int32(index), repetitionType: .optional, name: "c\(index)",
                convertedType: ConvertedType.allCases[index % ConvertedType.allCases.count], scale: 1, precision: 9,
                fieldID: Int32(-index), logicalType: logicalType
            )
        }
        let schema = [SchemaElement(repetitionType: .required, name: "schema", numChildren: Int32(columns.count))] + columns
        let chunks = [
            ColumnChunk(
                filePath: "part-0.parquet", fileOffset: 4, metaData: fullColumnMetaData, offsetIndexOffset: 1000,
                offsetIndexLength: 20, columnIndexOffset: 2000, columnIndexLength: 30
            ),
            ColumnChunk(fileOffset: 0, metaData: nil, isEncrypted: true),
        ]
        let groups = [
            RowGroup(
                columns: chunks, totalByteSize: 99, numRows: 7,
                sortingColumns: [SortingColumn(columnIndex: 0, descending: true, nullsFirst: false)],
                fileOffset: 4, totalCompressedSize: 50, ordinal: .max
            ),
            RowGroup(columns: [], totalByteSize: 0, numRows: 0),
        ]
        return FileMetaData(
            version: 2, schema: schema, numRows: 7, rowGroups: groups,
            keyValueMetadata: [KeyValue(key: "ARROW:schema", value: "…"), KeyValue(key: "none", value: nil)],
            createdBy: "sluice", columnOrders: [.typeDefined, .ieee754TotalOrder, .unrecognized(fieldID: 3)],
            isEncrypted: true
        )
    }()

    static let pageHeaders: [PageHeader] = [
        PageHeader(
            type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80, crc: -1,
            dataPageHeader: DataPageHeader(
                numValues: 10, encoding: .plain, definitionLevelEncoding: .rle, repetitionLevelEncoding: .bitPacked,
                statistics: fullStatistics
            )
        ),
        PageHeader(
            type: .dictionaryPage, uncompressedPageSize: 0, compressedPageSize: 0,
            dictionaryPageHeader: DictionaryPageHeader(numValues: 0, encoding: .plainDictionary, isSorted: false)
        ),
        PageHeader(
            type: .dataPageV2, uncompressedPageSize: .max, compressedPageSize: .min,
            dataPageHeaderV2: DataPageHeaderV2(
                numValues: 5, numNulls: 1, numRows: 4, encoding: .deltaBinaryPacked, definitionLevelsByteLength: 2,
                repetitionLevelsByteLength: 0, isCompressed: false, statistics: Statistics(nullCount: 1)
            )
        ),
        PageHeader(type: .indexPage, uncompressedPageSize: 1, compressedPageSize: 1),
        PageHeader(type: .other(7), uncompressedPageSize: 1, compressedPageSize: 1, crc: 0),
    ]

    // MARK: - Test files

    static let dataFolder = Python.sharedRoot.appendingPathComponent("parquet-testing/data")

    /// Every `.parquet` file of parquet-testing's data folder and its subfolders.
    static func testFiles() throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(at: dataFolder, includingPropertiesForKeys: nil))
        return enumerator.compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix(".parquet") }.sorted()
    }

    static func bytes(of name: String) throws -> [UInt8] {
        try bytes(ofFile: dataFolder.appendingPathComponent(name).path)
    }

    static func bytes(ofFile path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The footer's Thrift bytes: they end 8 bytes before the end (a u32 LE length, then "PAR1").
    static func footerBytes(of name: String) throws -> [UInt8] {
        try footerBytes(ofFile: dataFolder.appendingPathComponent(name).path)
    }

    static func footerBytes(ofFile path: String) throws -> [UInt8] {
        let file = try bytes(ofFile: path)
        try #require(file.count >= 12 && file.suffix(4) == Array("PAR1".utf8))
        let lengthBytes = file[(file.count - 8)..<(file.count - 4)]
        let length = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        try #require(length <= file.count - 12)
        return Array(file[(file.count - 8 - length)..<(file.count - 8)])
    }

    static func footer(of name: String) throws -> FileMetaData {
        try footer(ofFile: dataFolder.appendingPathComponent(name).path)
    }

    static func footer(ofFile path: String) throws -> FileMetaData {
        try footerBytes(ofFile: path).withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
    }

    // MARK: - Comparison with pyarrow

    /// Prints, as JSON, one report per file argument (`null` where pyarrow cannot open it).
    static let pyarrowDump = """
        import json, sys
        import pyarrow.parquet as pq

        def raw_hex(value):
            return value.hex() if isinstance(value, bytes) else None

        def key_values(metadata):
            return {k.decode("utf-8", "replace"): v.decode("utf-8", "replace") for k, v in (metadata or {}).items()}

        reports = []
        for path in sys.argv[1:]:
            try:
                m = pq.ParquetFile(path).metadata
            except Exception:
                reports.append(None)
                continue
            s = m.schema
            leaves = []
            for i in range(len(s)):
                c = s.column(i)
                leaves.append({"name": c.name, "physical": c.physical_type, "converted": c.converted_type,
                               "length": c.length, "precision": c.precision, "scale": c.scale})
            groups = []
            for r in range(m.num_row_groups):
                g = m.row_group(r)
                columns = []
                for i in range(g.num_columns):
                    c = g.column(i)
                    st = c.statistics if c.is_stats_set else None
                    columns.append({
                        "path": c.path_in_schema, "codec": c.compression, "num_values": c.num_values,
                        "file_offset": c.file_offset, "data_page_offset": c.data_page_offset,
                        "dictionary_page_offset": c.dictionary_page_offset,
                        "compressed": c.total_compressed_size, "uncompressed": c.total_uncompressed_size,
                        "encodings": sorted(set(c.encodings)),
                        "null_count": st.null_count if st is not None and st.has_null_count else None,
                        "distinct_count": st.distinct_count if st is not None and st.has_distinct_count else None,
                        "min_hex": raw_hex(st.min_raw) if st is not None and st.has_min_max else None,
                        "max_hex": raw_hex(st.max_raw) if st is not None and st.has_min_max else None,
                        "bloom_filter_offset": c.bloom_filter_offset, "bloom_filter_length": c.bloom_filter_length,
                        "key_value": key_values(c.metadata),
                    })
                groups.append({"num_rows": g.num_rows, "total_byte_size": g.total_byte_size, "columns": columns})
            reports.append({
                "num_rows": m.num_rows, "created_by": m.created_by,
                "key_value": key_values(m.metadata),
                "leaves": leaves, "row_groups": groups,
            })
        print(json.dumps(reports))
        """

    /// Checks `footer` against pyarrow's report on the same file.
    static func compare(_ footer: FileMetaData, with report: [String: Any], file: String) throws {
        #expect(footer.numRows == int(report["num_rows"]), "\(file): num_rows")
        #expect(footer.createdBy ?? "" == report["created_by"] as? String, "\(file): created_by")
        #expect(keyValues(footer.keyValueMetadata) == report["key_value"] as? [String: String], "\(file): key_value_metadata")

        let leaves = footer.schema.dropFirst().filter { ($0.numChildren ?? 0) == 0 }
        let expectedLeaves = try #require(report["leaves"] as? [[String: Any]])
        #expect(leaves.count == expectedLeaves.count, "\(file): leaf count")
        for (leaf, expected) in zip(leaves, expectedLeaves) {
            let label = "\(file): \(leaf.name)"
            #expect(leaf.name == expected["name"] as? String, "\(label): name")
            #expect(leaf.type?.description == expected["physical"] as? String, "\(label): type")
            // pyarrow reports an unknown logical type as the converted type UNKNOWN.
            let converted = if case .unrecognized = leaf.logicalType { "UNKNOWN" } else { leaf.convertedType?.description ?? "NONE" }
            #expect(converted == expected["converted"] as? String, "\(label): converted_type")
            if leaf.type == .fixedLenByteArray {
                #expect(Int64(leaf.typeLength ?? -1) == int(expected["length"]), "\(label): type_length")
            }
            if leaf.convertedType == .decimal {
                #expect(Int64(leaf.precision ?? -1) == int(expected["precision"]), "\(label): precision")
                #expect(Int64(leaf.scale ?? -1) == int(expected["scale"]), "\(label): scale")
            }
        }

        let expectedGroups = try #require(report["row_groups"] as? [[String: Any]])
        #expect(footer.rowGroups.count == expectedGroups.count, "\(file): row group count")
        for (index, (group, expected)) in zip(footer.rowGroups, expectedGroups).enumerated() {
            let label = "\(file): row group \(index)"
            #expect(group.numRows == int(expected["num_rows"]), "\(label): num_rows")
            #expect(group.totalByteSize == int(expected["total_byte_size"]), "\(label): total_byte_size")
            let expectedColumns = try #require(expected["columns"] as? [[String: Any]])
            #expect(group.columns.count == expectedColumns.count, "\(label): column count")
            for (chunk, expected) in zip(group.columns, expectedColumns) {
                try compare(chunk, with: expected, label: label)
            }
        }
    }

    private static func compare(_ chunk: ColumnChunk, with expected: [String: Any], label: String) throws {
        let meta = try #require(chunk.metaData, "\(label): column without meta_data")
        let label = "\(label): column \(meta.pathInSchema.joined(separator: "."))"
        #expect(meta.pathInSchema.joined(separator: ".") == expected["path"] as? String, "\(label): path")
        #expect(pyarrowName(meta.codec) == expected["codec"] as? String, "\(label): codec")
        #expect(meta.numValues == int(expected["num_values"]), "\(label): num_values")
        #expect(chunk.fileOffset == int(expected["file_offset"]), "\(label): file_offset")
        #expect(meta.dataPageOffset == int(expected["data_page_offset"]), "\(label): data_page_offset")
        #expect(meta.totalCompressedSize == int(expected["compressed"]), "\(label): total_compressed_size")
        #expect(meta.totalUncompressedSize == int(expected["uncompressed"]), "\(label): total_uncompressed_size")
        #expect(Set(meta.encodings.map(\.description)) == Set(expected["encodings"] as? [String] ?? []), "\(label): encodings")
        #expect(keyValues(meta.keyValueMetadata) == expected["key_value"] as? [String: String], "\(label): key_value_metadata")
        // pyarrow leaves out what it judges unusable (a zero dictionary offset, statistics
        // of old writers), so only the values it does report are compared.
        if let offset = int(expected["dictionary_page_offset"]) {
            #expect(meta.dictionaryPageOffset == offset, "\(label): dictionary_page_offset")
        }
        if let nullCount = int(expected["null_count"]) {
            #expect(meta.statistics?.nullCount == nullCount, "\(label): null_count")
        }
        if let distinctCount = int(expected["distinct_count"]) {
            #expect(meta.statistics?.distinctCount == distinctCount, "\(label): distinct_count")
        }
        // pyarrow takes min_value/max_value, or min/max where their signed order is right.
        if let minHex = expected["min_hex"] as? String, let maxHex = expected["max_hex"] as? String {
            let statistics = meta.statistics
            #expect([statistics?.minValue, statistics?.min].contains { $0.map(hex) == minHex }, "\(label): min")
            #expect([statistics?.maxValue, statistics?.max].contains { $0.map(hex) == maxHex }, "\(label): max")
        }
        if let offset = int(expected["bloom_filter_offset"]) {
            #expect(meta.bloomFilterOffset == offset, "\(label): bloom_filter_offset")
        }
        if let length = int(expected["bloom_filter_length"]) {
            #expect(meta.bloomFilterLength.map(Int64.init) == length, "\(label): bloom_filter_length")
        }
    }

    /// Key-value metadata as pyarrow's dictionaries show it: absent values are empty, the last of equal keys wins.
    private static func keyValues(_ pairs: [KeyValue]?) -> [String: String] {
        Dictionary((pairs ?? []).map { ($0.key, $0.value ?? "") }) { _, last in last }
    }

    /// pyarrow names codecs after Arrow's codecs: Parquet's LZ4_RAW is Arrow's LZ4,
    /// and Parquet's (Hadoop) LZ4 has no Arrow name.
    private static func pyarrowName(_ codec: CompressionCodec) -> String {
        switch codec {
        case .lz4: "UNKNOWN"
        case .lz4Raw: "LZ4"
        default: codec.description
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func int(_ value: Any?) -> Int64? {
        (value as? NSNumber)?.int64Value
    }
}
