import Foundation
import SluiceTestSupport
import Testing
import Parquet

/// Sluice's reader against the Apache parquet-testing corpus, with pyarrow as the
/// independent reference for values (see `Tests/tools/pyarrow_rows.py`).
///
/// Every file is classified from its own footer rather than from a hand-kept list,
/// so the expectations follow the issue's rules: flat and LIST-of-primitive columns
/// must equal pyarrow's values exactly; other nested columns, and columns compressed
/// with a codec we do not implement, must fail with an error naming the column or
/// codec while the rest of the file stays readable; encrypted files must say so.
@Suite struct ConformanceTests {
    /// Files with a deliberately wrong page CRC (they read once verification is off).
    static let corruptChecksumFiles: Set<String> = [
        "data/datapage_v1-corrupt-checksum.parquet",
        "data/rle-dict-uncompressed-corrupt-checksum.parquet",
    ]
    /// Codecs that are valid Parquet but not implemented: reading must name them.
    static let unsupportedCodecs: Set<CompressionCodec> = [.brotli, .lzo]
    /// The one file in bad_data that is in fact valid.
    static let validBadDataFile = "bad_data/ARROW-GH-43605.parquet"

    /// The parameterized tests below would pass vacuously without the corpus.
    @Test func corpusIsPresent() {
        #expect(TestFiles.data.count > 50, "parquet-testing/data not found under \(TestFiles.root.path)")
        #expect(!TestFiles.badData.isEmpty, "parquet-testing/bad_data not found under \(TestFiles.root.path)")
    }

    @Test(arguments: TestFiles.data)
    func dataFile(_ file: String) async throws {
        let path = TestFiles.path(file)
        if file.hasSuffix(".encrypted") {
            let error = await #expect(throws: ParquetError.self) {
                try await TestFiles.readAll(try await ParquetFileReader.open(path: path))
            }
            #expect(error?.description.contains("encrypted file not supported") == true, "\(error.map(String.init(describing:)) ?? "")")
            return
        }
        var options = ParquetReadOptions()
        if Self.corruptChecksumFiles.contains(file) {
            let error = await #expect(throws: ParquetError.self) {
                try await TestFiles.readAll(try await ParquetFileReader.open(path: path))
            }
            #expect(error?.kind == .checksumMismatch, "\(error.map(String.init(describing:)) ?? "")")
            options.verifyChecksums = false
        }
        try await Self.expectConformance(path, options: options)
    }

    @Test(arguments: TestFiles.badData)
    func badDataFileThrows(_ file: String) async throws {
        let path = TestFiles.path(file)
        if file == Self.validBadDataFile {
            try await Self.expectConformance(path, options: ParquetReadOptions())
            return
        }
        await #expect(throws: ParquetError.self) {
            try await TestFiles.readAll(try await ParquetFileReader.open(path: path))
        }
    }

    /// Cutting a file short anywhere must give an error, never a trap, a hang or a partial read.
    @Test(arguments: TestFiles.data.filter { !$0.hasSuffix(".encrypted") })
    func truncatedFileThrows(_ file: String) async throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: TestFiles.path(file))))
        let cuts = Set([bytes.count / 10, bytes.count / 2, bytes.count * 9 / 10, bytes.count - 9, bytes.count - 1])
        for cut in cuts.sorted() where cut >= 0 {
            let source = InMemoryByteSource(Array(bytes[..<cut]), name: "\(file) cut at \(cut)")
            await #expect(throws: ParquetError.self, "\(file) truncated to \(cut) of \(bytes.count) bytes") {
                try await TestFiles.readAll(try await ParquetFileReader.open(source))
            }
        }
    }

    /// A footer that claims column chunks half their real size (as a file cut short and
    /// then given a rewritten footer would) must give an error, never fewer rows.
    @Test(arguments: TestFiles.data.filter { !$0.hasSuffix(".encrypted") })
    func shortenedColumnChunksThrow(_ file: String) async throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: TestFiles.path(file))))
        let reader = try await ParquetFileReader.open(InMemoryByteSource(bytes, name: file), options: ParquetReadOptions(verifyChecksums: false))
        var metadata = reader.metadata
        var shortened = false
        for group in metadata.rowGroups.indices where metadata.rowGroups[group].numRows > 0 {
            for chunk in metadata.rowGroups[group].columns.indices {
                guard let size = metadata.rowGroups[group].columns[chunk].metaData?.totalCompressedSize, size > 1 else { continue }
                metadata.rowGroups[group].columns[chunk].metaData?.totalCompressedSize = size / 2
                shortened = true
            }
        }
        guard shortened else { return }
        let footerLength = bytes[(bytes.count - 8)..<(bytes.count - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        let footer = metadata.thriftEncoded()
        let length = UInt32(footer.count)
        let rewritten = Array(bytes[..<(bytes.count - 8 - footerLength)]) + footer
            + [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)] + Array("PAR1".utf8)
        await #expect(throws: ParquetError.self, "\(file) with half-size chunks") {
            try await TestFiles.readAll(try await ParquetFileReader.open(InMemoryByteSource(rewritten, name: file)))
        }
    }

    /// Footer statistics decode to the same values pyarrow reports.
    @Test(arguments: [
        "data/alltypes_tiny_pages.parquet", "data/int32_decimal.parquet", "data/int64_decimal.parquet",
        "data/fixed_length_decimal.parquet", "data/sort_columns.parquet", "data/delta_encoding_optional_column.parquet",
        "data/binary_truncated_min_max.parquet", "data/data_index_bloom_encoding_stats.parquet",
    ])
    func statisticsMatchPyarrow(_ file: String) async throws {
        let path = TestFiles.path(file)
        let reader = try await ParquetFileReader.open(path: path)
        let expected = try JSONValue.parseLines(Python.runTool("pyarrow_rows.py", arguments: [path, "--statistics"]))
        #expect(!expected.isEmpty, "pyarrow reports no statistics for \(file)")
        for entry in expected {
            guard case let .object(fields) = entry, case let .int(group)? = fields["row_group"],
                  case let .string(name)? = fields["column"], let column = reader.schema.column(named: name) else {
                Issue.record("unexpected statistics line \(entry)")
                continue
            }
            let statistics = try #require(reader.statistics(rowGroup: Int(group), column: column.index), "\(name) has no statistics")
            let bounds = column.statisticsBounds(statistics)
            let minimum = try bounds.min.map { try JSONValue.parse($0.json) }
            let maximum = try bounds.max.map { try JSONValue.parse($0.json) }
            #expect(minimum == fields["min"], "row group \(group) column \(name) min")
            #expect(maximum == fields["max"], "row group \(group) column \(name) max")
        }
    }

    /// Checks one readable file column by column, then compares the readable ones with pyarrow.
    static func expectConformance(_ path: String, options: ParquetReadOptions) async throws {
        let reader = try await ParquetFileReader.open(path: path, options: options)
        var fields: [String] = []
        for column in reader.schema.columns {
            let codec = reader.metadata.rowGroups.lazy.compactMap { $0.columns[column.index].metaData?.codec }
                .first { unsupportedCodecs.contains($0) }
            guard column.shape == .nested || codec != nil else {
                if !fields.contains(column.fieldName) { fields.append(column.fieldName) }
                continue
            }
            // Accepted names: the column for a nested one, the codec for a compressed one.
            var names: [String] = []
            if column.shape == .nested { names.append(column.name) }
            if let codec { names.append(codec.description) }
            for group in 0..<reader.rowGroupCount {
                let error = await #expect(throws: ParquetError.self, "\(path): \(column.name) should not read") {
                    _ = try await reader.readColumn(rowGroup: group, column: column.index)
                }
                let text = error.map(String.init(describing:)) ?? ""
                #expect(names.contains { text.localizedCaseInsensitiveContains($0) }, "error should name \(names): \(text)")
            }
        }
        // A file whose every column is unreadable (e.g. all map columns) has nothing to compare.
        guard !fields.isEmpty else { return }
        let actual = try await TestFiles.sluiceRows(reader, fields: fields)
        let expected = try TestFiles.pyarrowRows(path, fields: fields)
        #expect(actual.count == expected.count, "\(path): \(actual.count) rows, pyarrow has \(expected.count)")
        let mismatches = zip(actual, expected).enumerated().filter { $0.element.0 != $0.element.1 }
        for (row, pair) in mismatches.prefix(5) {
            Issue.record("\(path) row \(row):\n  sluice  \(pair.0)\n  pyarrow \(pair.1)")
        }
        #expect(mismatches.isEmpty, "\(path): \(mismatches.count) rows differ from pyarrow")
    }
}
