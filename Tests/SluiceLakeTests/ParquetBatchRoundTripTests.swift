import Foundation
import SluiceTestSupport
import Parquet
import SluiceCore
import Testing
@testable import SluiceLake

/// A sink that records what happened to it, to see that failures abort.
private final class RecordingSink: ByteSink {
    var bytes: [UInt8] = []
    var closed = false
    var aborted = false

    func write(_ chunk: [UInt8]) async throws { bytes += chunk }
    func close() async throws { closed = true }
    func abort() async { aborted = true }
}

@Suite struct ParquetBatchRoundTripTests {
    /// One column of every type, each with a null, in `rows` rows.
    static func everyType() throws -> RecordBatch {
        func column(_ name: String, _ type: DataType, _ values: ColumnValues) throws -> Column {
            try Column(field: Field(name, type), values: values, validity: [true, false, true])
        }
        func bytes(_ values: [[UInt8]]) -> ColumnValues {
            var column = ByteColumn()
            for value in values { column.append(value) }
            return .bytes(column)
        }
        let uuid: [UInt8] = Array(0..<16)
        return try RecordBatch(columns: [
            try column("flag", .boolean, .boolean([true, false, false])),
            try column("i8", .int8, .int([-128, 0, 127])),
            try column("i16", .int16, .int([-32_768, 0, 32_767])),
            try column("i32", .int32, .int([Int64(Int32.min), 0, Int64(Int32.max)])),
            try column("i64", .int64, .int([Int64.min, 0, Int64.max])),
            try column("u8", .uint8, .int([0, 0, 255])),
            try column("u16", .uint16, .int([0, 0, 65_535])),
            try column("u32", .uint32, .int([0, 0, Int64(UInt32.max)])),
            try column("u64", .uint64, .int([0, 0, Int64(bitPattern: UInt64.max)])),
            try column("f32", .float32, .double([1.5, 0, -0.25])),
            try column("f64", .float64, .double([1e300, 0, -1 / 3])),
            try column("d9", .decimal(precision: 9, scale: 2), .int([-99_999_999, 0, 12_345])),
            try column("d18", .decimal(precision: 18, scale: 4), .int([-999_999_999_999_999_999, 0, 1])),
            try column("d30", .decimal(precision: 30, scale: 6), bytes([[0xFF, 0x85], [], [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]])),
            try column("text", .string, bytes([Array("Lefèvre".utf8), [], Array("Zürich".utf8)])),
            try column("blob", .binary, bytes([[0, 1, 2], [], [255]])),
            try column("fixed", .fixedBinary(width: 3), bytes([[1, 2, 3], [], [4, 5, 6]])),
            try column("id", .uuid, bytes([uuid, [], uuid.reversed()])),
            try column("day", .date, .int([-1, 0, 20_756])),
            try column("t_ms", .time(.millis), .int([0, 0, 86_399_999])),
            try column("t_us", .time(.micros), .int([0, 0, 86_399_999_999])),
            try column("t_ns", .time(.nanos), .int([0, 0, 86_399_999_999_999])),
            try column("ts_us", .timestamp(.micros, utc: true), .int([1_793_000_000_000_000, 0, -1])),
            try column("ts_ns", .timestamp(.nanos, utc: false), .int([1, 0, 2])),
            try column("ts_ms", .timestamp(.millis, utc: true), .int([1_000, 0, 2_000])),
            try column("doc", .json, bytes([Array(#"{"a":1}"#.utf8), [], Array("[]".utf8)])),
            try Column(field: Field("required", .int32, nullable: false), values: .int([1, 2, 3])),
        ])
    }

    static func roundTrip(_ batches: [RecordBatch]) async throws -> (ParquetBatchReader, [RecordBatch], [UInt8]) {
        let sink = InMemoryByteSink()
        let writer = try await ParquetBatchWriter(fields: batches[0].fields, sink: sink)
        for batch in batches { try await writer.write(batch) }
        try await writer.close()
        let reader = try await ParquetBatchReader.open(InMemoryByteSource(sink.bytes))
        var read: [RecordBatch] = []
        for try await batch in reader.batches { read.append(batch) }
        return (reader, read, sink.bytes)
    }

    @Test func everyTypeSurvivesTheRoundTrip() async throws {
        let batch = try Self.everyType()
        let (reader, read, _) = try await Self.roundTrip([batch])
        #expect(reader.fields == batch.fields)
        #expect(read.count == 1)
        // Wide decimals come back at the column's full width, sign-extended.
        var expected = batch.columns
        let width = ParquetTypeMapping.decimalByteWidth(precision: 30)
        var wide = ByteColumn()
        wide.append(Array(repeating: 0xFF, count: width - 2) + [0xFF, 0x85])
        wide.append([UInt8]())
        wide.append(Array(repeating: 0, count: width - 9) + [0x01, 0, 0, 0, 0, 0, 0, 0, 0])
        let index = try #require(expected.firstIndex { $0.field.name == "d30" })
        expected[index] = try Column(field: expected[index].field, values: .bytes(wide), validity: expected[index].validity)
        for (ours, theirs) in zip(expected, read[0].columns) {
            #expect(ours == theirs, "\(ours.field.name)")
        }
    }

    @Test func decimalWidthsMatchArrow() {
        #expect([1, 2, 9, 10, 18, 19, 21, 22, 38].map(ParquetTypeMapping.decimalByteWidth) == [1, 1, 4, 5, 8, 9, 9, 10, 16])
    }

    @Test func secondsAreWrittenAsMilliseconds() async throws {
        let batch = try RecordBatch(columns: [
            try Column(field: Field("at", .timestamp(.seconds, utc: true)), values: .int([1, 1_793_000_000])),
            try Column(field: Field("time", .time(.seconds)), values: .int([0, 86_399])),
        ])
        let (reader, read, _) = try await Self.roundTrip([batch])
        #expect(reader.fields.map(\.type) == [.timestamp(.millis, utc: true), .time(.millis)])
        #expect(read[0].columns[0].values == .int([1_000, 1_793_000_000_000]))
        #expect(read[0].columns[1].values == .int([0, 86_399_000]))
    }

    @Test func severalBatchesMakeOneFile() async throws {
        let batch = try Self.everyType()
        let (reader, read, _) = try await Self.roundTrip([batch, batch, batch])
        #expect(reader.rowCount == 9)
        #expect(read.reduce(0) { $0 + $1.rowCount } == 9)
    }

    @Test func aMismatchedBatchAbortsTheSink() async throws {
        let sink = RecordingSink()
        let writer = try await ParquetBatchWriter(fields: [Field("a", .int32)], sink: sink)
        let wrong = try RecordBatch(columns: [try Column(field: Field("b", .int32), values: .int([1]))])
        await #expect(throws: SluiceError.self) { try await writer.write(wrong) }
        #expect(sink.aborted && !sink.closed)
        await #expect(throws: ParquetError.self) { try await writer.close() }
    }

    @Test func aWrongWidthFixedValueIsRejected() async throws {
        let sink = RecordingSink()
        let writer = try await ParquetBatchWriter(fields: [Field("id", .uuid)], sink: sink)
        var bytes = ByteColumn()
        bytes.append([1, 2, 3])
        let batch = try RecordBatch(columns: [try Column(field: Field("id", .uuid), values: .bytes(bytes))])
        await #expect(throws: SluiceError.self) { try await writer.write(batch) }
        #expect(sink.aborted)
    }

    @Test func anOutOfRangeNarrowValueIsRejected() async throws {
        let sink = RecordingSink()
        let writer = try await ParquetBatchWriter(fields: [Field("small", .int8)], sink: sink)
        let batch = try RecordBatch(columns: [try Column(field: Field("small", .int8), values: .int([1, 300]))])
        let error = await #expect(throws: SluiceError.self) { try await writer.write(batch) }
        #expect(error.map { "\($0)".contains("row 1") } == true)
        #expect(sink.aborted)
    }

    /// pyarrow sees the logical types we meant.
    @Test func pyarrowReadsTheTypes() async throws {
        let (_, _, bytes) = try await Self.roundTrip([try Self.everyType()])
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("types.parquet")
        try Data(bytes).write(to: path)
        let output = try Python.run("""
            import sys, pyarrow.parquet as pq
            table = pq.read_table(sys.argv[1])
            for field in table.schema: print(field.name, field.type, field.nullable)
            print('row2', table.column('text')[2].as_py(), table.column('u64')[2].as_py(), table.column('d18')[0].as_py())
            """, arguments: [path.path])
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines == [
            "flag bool True", "i8 int8 True", "i16 int16 True", "i32 int32 True", "i64 int64 True", "u8 uint8 True",
            "u16 uint16 True", "u32 uint32 True", "u64 uint64 True", "f32 float True", "f64 double True",
            "d9 decimal128(9, 2) True", "d18 decimal128(18, 4) True", "d30 decimal128(30, 6) True", "text string True",
            "blob binary True", "fixed fixed_size_binary[3] True", "id extension<arrow.uuid> True", "day date32[day] True",
            "t_ms time32[ms] True", "t_us time64[us] True", "t_ns time64[ns] True", "ts_us timestamp[us, tz=UTC] True",
            "ts_ns timestamp[ns] True", "ts_ms timestamp[ms, tz=UTC] True", "doc extension<arrow.json> True", "required int32 False",
            "row2 Zürich 18446744073709551615 -99999999999999.9999",
        ])
    }

    /// Nested columns are refused by name, or skipped on request; INT96 reads as nanoseconds.
    @Test func unsupportedColumnsAndInt96() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested.parquet").path
        try Python.run("""
            import sys, datetime, pyarrow as pa, pyarrow.parquet as pq
            table = pa.table({
                'id': pa.array([1, 2], pa.int64()),
                'address': pa.array([{'city': 'Zürich'}, None], pa.struct([('city', pa.string())])),
                'at': pa.array([datetime.datetime(2026, 10, 30, 12, 0, 0, 5), None], pa.timestamp('ns')),
            })
            pq.write_table(table, sys.argv[1], use_deprecated_int96_timestamps=True)
            """, arguments: [path])
        let error = await #expect(throws: ParquetError.self) { _ = try await ParquetBatchReader.open(path: path) }
        #expect(error.map { "\($0)".contains("address.city") } == true, "\(String(describing: error))")
        let reader = try await ParquetBatchReader.open(path: path, options: .init(skipUnsupportedColumns: true))
        #expect(reader.skippedColumns.map(\.name) == ["address.city"])
        #expect(reader.fields == [Field("id", .int64), Field("at", .timestamp(.nanos, utc: false))])
        let batch = try await reader.readRowGroup(0)
        let expected = Int64(DemoCalendar.day(year: 2026, month: 10, day: 30)) * 86_400_000_000_000 + 43_200_000_000_000 + 5_000
        #expect(batch.columns[1].values == .int([expected, 0]))
        #expect(batch.columns[1].isNull(1))
    }
}
