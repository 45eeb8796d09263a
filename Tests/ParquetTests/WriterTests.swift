import Foundation
import SluiceTestSupport
import Testing
@testable import Parquet

// Unit tests for the writer's own pieces (validation, schema, page and row-group
// cutting, dictionaries, statistics, abort) and end-to-end tests that read the
// files back with pyarrow. Expectations are computed here from the inputs, never
// by the code under test.

// MARK: - Validation

@Suite struct WriterFieldValidationTests {
    private func rejects(_ fields: [ParquetField], _ kind: ParquetError.Kind = .invalidArgument, mentioning text: String) {
        do {
            _ = try ParquetWriter(fields: fields, sink: InMemoryByteSink())
            Issue.record("accepted \(fields)")
        } catch let error as ParquetError {
            #expect(error.kind == kind)
            #expect(error.description.contains(text), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func namesMustBeUniqueAndNonEmpty() {
        rejects([ParquetField(name: "a", physicalType: .int32), ParquetField(name: "a", physicalType: .int64)], mentioning: "\"a\" is used twice")
        rejects([ParquetField(name: "", physicalType: .int32)], mentioning: "empty name")
        rejects([], mentioning: "at least one field")
    }

    @Test func logicalTypesMustFitTheirPhysicalType() {
        rejects([ParquetField(name: "s", physicalType: .int32, logicalType: .string)], mentioning: "field \"s\"")
        rejects([ParquetField(name: "j", physicalType: .fixedLenByteArray, logicalType: .json, typeLength: 4)], mentioning: "field \"j\"")
        rejects([ParquetField(name: "u", physicalType: .fixedLenByteArray, logicalType: .uuid, typeLength: 8)], mentioning: "field \"u\"")
        rejects([ParquetField(name: "h", physicalType: .fixedLenByteArray, logicalType: .float16, typeLength: 4)], mentioning: "field \"h\"")
        rejects([ParquetField(name: "d", physicalType: .int64, logicalType: .date)], mentioning: "field \"d\"")
        rejects([ParquetField(name: "t", physicalType: .int64, logicalType: .time(isAdjustedToUTC: true, unit: .millis))], mentioning: "field \"t\"")
        rejects([ParquetField(name: "t", physicalType: .int32, logicalType: .time(isAdjustedToUTC: true, unit: .micros))], mentioning: "field \"t\"")
        rejects([ParquetField(name: "t", physicalType: .int32, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis))], mentioning: "field \"t\"")
        rejects([ParquetField(name: "i", physicalType: .int64, logicalType: .integer(bitWidth: 16, isSigned: true))], mentioning: "field \"i\"")
        rejects([ParquetField(name: "i", physicalType: .int32, logicalType: .integer(bitWidth: 64, isSigned: false))], mentioning: "field \"i\"")
        rejects([ParquetField(name: "i", physicalType: .int32, logicalType: .integer(bitWidth: 12, isSigned: true))], mentioning: "not 12")
        rejects([ParquetField(name: "f", physicalType: .double, logicalType: .decimal(scale: 1, precision: 5))], mentioning: "field \"f\"")
        rejects([ParquetField(name: "l", physicalType: .int32, logicalType: .list)], .unsupported, mentioning: "field \"l\"")
    }

    @Test func decimalPrecisionMustFitTheStorage() {
        rejects([ParquetField(name: "d", physicalType: .int32, logicalType: .decimal(scale: 0, precision: 10))], mentioning: "at most 9")
        rejects([ParquetField(name: "d", physicalType: .int64, logicalType: .decimal(scale: 0, precision: 19))], mentioning: "at most 18")
        rejects([ParquetField(name: "d", physicalType: .fixedLenByteArray, logicalType: .decimal(scale: 0, precision: 39), typeLength: 16)], mentioning: "at most 38")
        rejects([ParquetField(name: "d", physicalType: .int32, logicalType: .decimal(scale: 3, precision: 2))], mentioning: "scale")
        #expect(ParquetField.maximumDecimalPrecision(.fixedLenByteArray, typeLength: 1) == 2)
        #expect(ParquetField.maximumDecimalPrecision(.fixedLenByteArray, typeLength: 4) == 9)
        #expect(ParquetField.maximumDecimalPrecision(.fixedLenByteArray, typeLength: 8) == 18)
        #expect(ParquetField.maximumDecimalPrecision(.fixedLenByteArray, typeLength: 9) == 21)
        #expect(ParquetField.maximumDecimalPrecision(.fixedLenByteArray, typeLength: 16) == 38)
        #expect(throws: Never.self) {
            try ParquetWriter(fields: [
                ParquetField(name: "a", physicalType: .int32, logicalType: .decimal(scale: 2, precision: 9)),
                ParquetField(name: "b", physicalType: .int64, logicalType: .decimal(scale: 18, precision: 18)),
                ParquetField(name: "c", physicalType: .fixedLenByteArray, logicalType: .decimal(scale: 0, precision: 38), typeLength: 16),
                ParquetField(name: "d", physicalType: .byteArray, logicalType: .decimal(scale: 10, precision: 60)),
            ], sink: InMemoryByteSink())
        }
    }

    @Test func int96AndMissingWidthsAreRejected() {
        rejects([ParquetField(name: "old", physicalType: .int96)], .unsupported, mentioning: "field \"old\"")
        rejects([ParquetField(name: "f", physicalType: .fixedLenByteArray)], mentioning: "typeLength")
        rejects([ParquetField(name: "f", physicalType: .fixedLenByteArray, typeLength: 0)], mentioning: "typeLength")
        rejects([ParquetField(name: "i", physicalType: .int32, typeLength: 4)], mentioning: "typeLength")
    }

    @Test func optionsAreChecked() {
        var options = ParquetWriteOptions()
        options.dataPageSize = 0
        #expect(throws: ParquetError.self) { try ParquetWriter(fields: [ParquetField(name: "a", physicalType: .int32)], sink: InMemoryByteSink(), options: options) }
        options = ParquetWriteOptions()
        options.compression = .lzo
        #expect(throws: ParquetError.self) { try ParquetWriter(fields: [ParquetField(name: "a", physicalType: .int32)], sink: InMemoryByteSink(), options: options) }
        options = ParquetWriteOptions()
        options.rowGroupSize = -1
        #expect(throws: ParquetError.self) { try ParquetWriter(fields: [ParquetField(name: "a", physicalType: .int32)], sink: InMemoryByteSink(), options: options) }
    }
}

@Suite struct WriterBatchValidationTests {
    private let fields = [
        ParquetField(name: "id", physicalType: .int64, isNullable: false),
        ParquetField(name: "tag", physicalType: .fixedLenByteArray, typeLength: 2),
    ]

    private func rejects(_ columns: [ColumnData], mentioning texts: String...) async {
        let sink = RecordingSink()
        do {
            let writer = try ParquetWriter(fields: fields, sink: sink)
            try await writer.write(columns)
            Issue.record("accepted \(columns)")
        } catch let error as ParquetError {
            #expect(error.kind == .invalidArgument)
            for text in texts { #expect(error.description.contains(text), "\(error)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(sink.aborted)
    }

    private let tags = ColumnData(storage: .fixedLenByteArray(FixedBuffer(width: 2, bytes: [1, 2, 3, 4])))

    @Test func columnCountTypesAndLengthsMustMatch() async {
        await rejects([ColumnData(storage: .int64([1, 2]))], mentioning: "1 columns", "2 fields")
        await rejects([ColumnData(storage: .int32([1, 2])), tags], mentioning: "field \"id\"", "INT32")
        await rejects([ColumnData(storage: .int64([1, 2, 3])), tags], mentioning: "field \"tag\"", "2 values")
    }

    @Test func nullInRequiredFieldNamesFieldAndRow() async {
        await rejects([ColumnData(storage: .int64([1, 2]), validity: [true, false]), tags], mentioning: "field \"id\"", "row 1")
    }

    @Test func fixedWidthMustMatch() async {
        let wide = ColumnData(storage: .fixedLenByteArray(FixedBuffer(width: 4, bytes: [1, 2, 3, 4, 5, 6, 7, 8])))
        await rejects([ColumnData(storage: .int64([1, 2])), wide], mentioning: "field \"tag\"", "4 bytes wide")
        let ragged = ColumnData(storage: .fixedLenByteArray(FixedBuffer(width: 2, bytes: [1, 2, 3, 4, 5])))
        await rejects([ColumnData(storage: .int64([1, 2])), ragged], mentioning: "field \"tag\"")
    }

    @Test func smallIntegersMustFitTheirWidth() throws {
        let fields = [
            ParquetField(name: "i8", physicalType: .int32, logicalType: .integer(bitWidth: 8, isSigned: true)),
            ParquetField(name: "u16", physicalType: .int32, logicalType: .integer(bitWidth: 16, isSigned: false)),
        ]
        try ParquetField.validateBatch([ColumnData(storage: .int32([-128, 127])), ColumnData(storage: .int32([0, 65_535]))], for: fields)
        // A null's placeholder is never written, so it need not fit.
        try ParquetField.validateBatch([ColumnData(storage: .int32([-128, 999]), validity: [true, false]), ColumnData(storage: .int32([0, 1]))], for: fields)
        #expect(throws: ParquetError.self) { try ParquetField.validateBatch([ColumnData(storage: .int32([0, 128])), ColumnData(storage: .int32([0, 0]))], for: fields) }
        do {
            try ParquetField.validateBatch([ColumnData(storage: .int32([0, 0])), ColumnData(storage: .int32([0, -1]))], for: fields)
            Issue.record("accepted -1 as UINT16")
        } catch let error as ParquetError {
            #expect(error.description.contains("field \"u16\"") && error.description.contains("row 1"), "\(error)")
        }
    }

    @Test func requiredFieldMayHaveAllTrueValidity() throws {
        try ParquetField.validateBatch([ColumnData(storage: .int64([1, 2]), validity: [true, true]), tags], for: fields)
    }
}

// MARK: - Abort

/// A sink that remembers what happened to it, and can be told to fail writes.
private final class RecordingSink: ByteSink {
    var written: [UInt8] = []
    var writes = 0
    var closed = false
    var aborted = false
    /// Writes after this many succeed throw.
    var failAfterWrites = Int.max

    struct Failure: Error {}

    var failWrites: Bool {
        get { failAfterWrites == 0 }
        set { failAfterWrites = newValue ? 0 : .max }
    }

    func write(_ bytes: [UInt8]) async throws {
        guard writes < failAfterWrites else { throw Failure() }
        writes += 1
        written += bytes
    }

    func close() async throws { closed = true }
    func abort() async { aborted = true }
}

@Suite struct WriterAbortTests {
    @Test func failedWriteAbortsSinkAndFinishesWriter() async throws {
        let sink = RecordingSink()
        let writer = try ParquetWriter(fields: [ParquetField(name: "a", physicalType: .int32, isNullable: false)], sink: sink)
        try await writer.write([ColumnData(storage: .int32([1, 2, 3]))])
        #expect(!sink.aborted)
        await #expect(throws: ParquetError.self) { try await writer.write([ColumnData(storage: .int32([1]), validity: [false])]) }
        #expect(sink.aborted)
        #expect(!sink.closed)
        await #expect(throws: ParquetError.self) { try await writer.write([ColumnData(storage: .int32([1]))]) }
        await #expect(throws: ParquetError.self) { try await writer.close() }
    }

    @Test func failingSinkIsAborted() async throws {
        let sink = RecordingSink()
        sink.failWrites = true
        let writer = try ParquetWriter(fields: [ParquetField(name: "a", physicalType: .int32)], sink: sink)
        await #expect(throws: RecordingSink.Failure.self) { try await writer.close() }
        #expect(sink.aborted)
        #expect(!sink.closed)
    }

    @Test func abortedFileSinkLeavesNoFile() async throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.parquet").path
        let writer = try ParquetWriter(fields: [ParquetField(name: "a", physicalType: .int32, isNullable: false)], sink: try FileByteSink(path: path))
        await #expect(throws: ParquetError.self) { try await writer.write([ColumnData(storage: .int32([1, 2]), validity: [true, false])]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

// MARK: - Schema

@Suite struct WriterSchemaTests {
    @Test func elementsCarryLogicalAndLegacyTypes() {
        let elements = ParquetField.schemaElements(for: [
            ParquetField(name: "id", physicalType: .int64, isNullable: false),
            ParquetField(name: "name", physicalType: .byteArray, logicalType: .string),
            ParquetField(name: "price", physicalType: .fixedLenByteArray, logicalType: .decimal(scale: 2, precision: 10), typeLength: 5),
            ParquetField(name: "at", physicalType: .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros)),
            ParquetField(name: "local", physicalType: .int64, logicalType: .timestamp(isAdjustedToUTC: false, unit: .millis)),
            ParquetField(name: "u8", physicalType: .int32, logicalType: .integer(bitWidth: 8, isSigned: false)),
            ParquetField(name: "id2", physicalType: .fixedLenByteArray, logicalType: .uuid, typeLength: 16),
        ])
        #expect(elements[0] == SchemaElement(name: "schema", numChildren: 7))
        #expect(elements[1] == SchemaElement(type: .int64, repetitionType: .required, name: "id"))
        #expect(elements[2] == SchemaElement(type: .byteArray, repetitionType: .optional, name: "name", convertedType: .utf8, logicalType: .string))
        #expect(elements[3] == SchemaElement(type: .fixedLenByteArray, typeLength: 5, repetitionType: .optional, name: "price",
                                             convertedType: .decimal, scale: 2, precision: 10, logicalType: .decimal(scale: 2, precision: 10)))
        #expect(elements[4].convertedType == .timestampMicros)
        #expect(elements[5].convertedType == nil)
        #expect(elements[6].convertedType == .uint8)
        #expect(elements[7].convertedType == nil)
        #expect(elements[7].typeLength == 16)
    }

    @Test func schemaReadsBackAsFlatColumns() throws {
        let fields = [
            ParquetField(name: "a", physicalType: .int32, logicalType: .date, isNullable: false),
            ParquetField(name: "b", physicalType: .byteArray, logicalType: .enumeration),
        ]
        let schema = try ParquetSchema(elements: ParquetField.schemaElements(for: fields))
        #expect(schema.columns.map(\.name) == ["a", "b"])
        #expect(schema.columns.map(\.shape) == [.flat, .flat])
        #expect(schema.columns.map(\.maxDefinitionLevel) == [0, 1])
        #expect(schema.columns.map(\.logicalType) == [.date, .enumeration])
    }
}

// MARK: - Page and row-group cutting

@Suite struct PageLayoutTests {
    @Test func plainSizes() {
        #expect(PageLayout.plainSize(of: .boolean(Array(repeating: true, count: 9)), in: 0..<9) == 2)
        #expect(PageLayout.plainSize(of: .int32([1, 2, 3]), in: 1..<3) == 8)
        #expect(PageLayout.plainSize(of: .double([1, 2, 3]), in: 0..<3) == 24)
        let strings = ByteArrayBuffer(["a", "bcd", ""].map(\.utf8))
        #expect(PageLayout.plainSize(of: .byteArray(strings), in: 0..<3) == 4 + 4 + 4 + 4)
        #expect(PageLayout.plainSize(of: .byteArray(strings), in: 1..<2) == 7)
        #expect(PageLayout.plainSize(of: .fixedLenByteArray(FixedBuffer(width: 3, bytes: Array(repeating: 0, count: 9))), in: 0..<2) == 6)
    }

    @Test func fixedWidthPagesHoldTargetOverWidthValues() {
        let ranges = PageLayout.pageRanges(of: .int64(Array(repeating: 0, count: 25)), count: 25, targetSize: 80)
        #expect(ranges == [0..<10, 10..<20, 20..<25])
    }

    @Test func pageEndsWithTheValueThatReachesTheTarget() {
        // Sizes 4+1, 4+10, 4+1, 4+1, 4+20: a target of 19 is reached by the second value.
        let values = ByteArrayBuffer([[UInt8](repeating: 1, count: 1), [UInt8](repeating: 2, count: 10), [3], [4], [UInt8](repeating: 5, count: 20)])
        #expect(PageLayout.pageRanges(of: .byteArray(values), count: 5, targetSize: 19) == [0..<2, 2..<5])
        // A value larger than the target gets a page of its own.
        #expect(PageLayout.pageRanges(of: .byteArray(values), count: 5, targetSize: 5) == [0..<1, 1..<2, 2..<3, 3..<4, 4..<5])
    }

    @Test func pagesNeverExceedTheValueCap() {
        let count = PageLayout.maximumValuesPerPage + 5
        let ranges = PageLayout.pageRanges(of: .boolean(Array(repeating: false, count: count)), count: count, targetSize: PageLayout.maximumPageSize)
        #expect(ranges == [0..<PageLayout.maximumValuesPerPage, PageLayout.maximumValuesPerPage..<count])
        #expect(PageLayout.pageRanges(of: .int32([]), count: 0, targetSize: 10).isEmpty)
    }

    @Test func firstEndSearchesMonotoneSizes() {
        #expect(PageLayout.firstEnd(reaching: 30, in: 0..<100) { $0.count * 10 } == 3)
        #expect(PageLayout.firstEnd(reaching: 31, in: 5..<100) { $0.count * 10 } == 9)
        #expect(PageLayout.firstEnd(reaching: 1_000, in: 0..<10) { $0.count * 10 } == nil)
        #expect(PageLayout.firstEnd(reaching: 0, in: 0..<10) { $0.count * 10 } == 1)
    }
}

@Suite struct RowGroupBufferTests {
    private let fields = [
        ParquetField(name: "n", physicalType: .int64),
        ParquetField(name: "s", physicalType: .byteArray, logicalType: .string),
        ParquetField(name: "f", physicalType: .fixedLenByteArray, typeLength: 2),
    ]

    private func batch(_ numbers: [Int64], _ strings: [String], validity: [Bool]? = nil) -> [ColumnData] {
        [
            ColumnData(storage: .int64(numbers), validity: validity),
            ColumnData(storage: .byteArray(ByteArrayBuffer(strings.map(\.utf8)))),
            ColumnData(storage: .fixedLenByteArray(FixedBuffer(width: 2, bytes: numbers.flatMap { [UInt8(truncatingIfNeeded: $0), 0] }))),
        ]
    }

    @Test func appendsSlicesAndMergesValidity() {
        var buffer = RowGroupBuffer(fields: fields)
        buffer.append(batch([1, 2, 3], ["a", "bb", "ccc"]), rows: 1..<3)
        buffer.append(batch([4, 5, 6], ["d", "", "ff"], validity: [true, false, true]), rows: 0..<2)
        #expect(buffer.rowCount == 4)
        // 4 int64s, 4 length prefixes + 2+3+1+0 string bytes, 4 two-byte values.
        #expect(buffer.estimatedSize == 32 + 16 + 6 + 8)
        let columns = buffer.take()
        #expect(columns[0] == ColumnData(storage: .int64([2, 3, 4, 5]), validity: [true, true, true, false]))
        #expect(columns[1] == ColumnData(storage: .byteArray(ByteArrayBuffer(["bb", "ccc", "d", ""].map(\.utf8)))))
        #expect(columns[2] == ColumnData(storage: .fixedLenByteArray(FixedBuffer(width: 2, bytes: [2, 0, 3, 0, 4, 0, 5, 0]))))
        #expect(buffer.rowCount == 0)
        #expect(buffer.estimatedSize == 0)
        #expect(buffer.take()[0] == ColumnData(storage: .int64([])))
    }

    @Test func singleBatchIsTakenWholeOrSliced() {
        var buffer = RowGroupBuffer(fields: fields)
        let whole = batch([1, 2, 3], ["a", "b", "c"], validity: [true, false, true])
        buffer.append(whole, rows: 0..<3)
        #expect(buffer.take() == whole)
        buffer.append(whole, rows: 1..<3)
        #expect(buffer.estimatedSize == 16 + 10 + 4)
        let columns = buffer.take()
        #expect(columns[0] == ColumnData(storage: .int64([2, 3]), validity: [false, true]))
        #expect(columns[1] == ColumnData(storage: .byteArray(ByteArrayBuffer(["b", "c"].map(\.utf8)))))
        #expect(columns[2] == ColumnData(storage: .fixedLenByteArray(FixedBuffer(width: 2, bytes: [2, 0, 3, 0]))))
    }

    @Test func validityAfterNullsStaysAligned() {
        var buffer = RowGroupBuffer(fields: fields)
        buffer.append(batch([1, 2], ["a", "b"], validity: [false, true]), rows: 0..<2)
        buffer.append(batch([3], ["c"]), rows: 0..<1)
        #expect(buffer.take()[0].validity == [false, true, true])
    }

    @Test func endOfRowsStopsWhereTheLimitIsReached() {
        var buffer = RowGroupBuffer(fields: fields)
        // Each row: 8 + (4 + 1) + 2 = 15 bytes.
        let rows = batch(Array(0..<10), (0..<10).map { _ in "x" })
        #expect(buffer.endOfRows(filling: 45, from: rows, in: 0..<10) == 3)
        #expect(buffer.endOfRows(filling: 46, from: rows, in: 0..<10) == 4)
        #expect(buffer.endOfRows(filling: 1_000, from: rows, in: 0..<10) == 10)
        buffer.append(rows, rows: 0..<2)
        #expect(buffer.endOfRows(filling: 45, from: rows, in: 2..<10) == 3)
    }
}

// MARK: - Dictionaries

@Suite struct DictionaryBuilderTests {
    @Test func numbersGetIndicesInOrderOfFirstAppearance() {
        var dictionary = FixedWidthDictionary<Int64>()
        let indices = [7, 9, 7, Int64.min, 9, Int64.max, 0].map { dictionary.index(of: $0) }
        #expect(indices == [0, 1, 0, 2, 1, 3, 4])
        #expect(dictionary.values == [7, 9, Int64.min, Int64.max, 0])
        #expect(dictionary.plainSize == 40)
    }

    @Test func floatsAreKeyedByBits() {
        var dictionary = FixedWidthDictionary<Double>()
        let indices = [0.0, -0.0, .nan, .nan, 1, .infinity, -0.0].map { dictionary.index(of: $0) }
        #expect(indices == [0, 1, 2, 2, 3, 4, 1])
        #expect(dictionary.values[1].sign == .minus)
    }

    @Test func survivesGrowthWithManyValues() {
        var dictionary = FixedWidthDictionary<Int32>()
        for round in 0..<2 {
            for value in 0..<50_000 {
                #expect(dictionary.index(of: Int32(value) &* 65_537) == UInt32(value), "round \(round)")
            }
        }
        #expect(dictionary.values.count == 50_000)
    }

    @Test func byteArraysAreDistinctByContent() {
        var dictionary = ByteArrayDictionary()
        let values: [[UInt8]] = [Array("héllo".utf8), [], Array("héllo".utf8), [0xFF], Array("héllo!".utf8), [], [0xFF, 0]]
        let indices = values.map { value in value.withUnsafeBytes { dictionary.index(of: $0) } }
        #expect(indices == [0, 1, 0, 2, 3, 1, 4])
        #expect(dictionary.entries == ByteArrayBuffer([Array("héllo".utf8), [], [0xFF], Array("héllo!".utf8), [0xFF, 0]]))
    }

    @Test func byteArraysSurviveGrowth() {
        var dictionary = ByteArrayDictionary()
        for round in 0..<2 {
            for value in 0..<5_000 {
                let bytes = Array("value-\(value)-😀".utf8)
                #expect(bytes.withUnsafeBytes { dictionary.index(of: $0) } == UInt32(value), "round \(round)")
            }
        }
        #expect(dictionary.count == 5_000)
    }

    @Test func hashReadsEveryByteOfEveryLength() {
        // Short values are read as overlapping words; no byte may be left out.
        for length in 0...24 {
            let base = [UInt8](repeating: 1, count: length)
            var variants = [base]
            for position in 0..<length {
                var changed = base
                changed[position] = 2
                variants.append(changed)
            }
            let hashes = variants.map { $0.withUnsafeBytes(ByteArrayDictionary.hash) }
            #expect(Set(hashes).count == variants.count, "length \(length)")
        }
        #expect([UInt8]([1]).withUnsafeBytes(ByteArrayDictionary.hash) != [UInt8]([1, 1]).withUnsafeBytes(ByteArrayDictionary.hash))
    }
}

// MARK: - Statistics

@Suite struct StatisticsAccumulatorTests {
    private func bytes<T>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    @Test func orderFollowsLogicalType() {
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .int32, logicalType: .integer(bitWidth: 32, isSigned: false))) == .unsignedInt32)
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .int32, logicalType: .integer(bitWidth: 8, isSigned: true))) == .signedInt32)
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .int64, logicalType: .integer(bitWidth: 64, isSigned: false))) == .unsignedInt64)
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .nanos))) == .signedInt64)
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .byteArray, logicalType: .string)) == .unsignedBytes)
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .byteArray, logicalType: .decimal(scale: 0, precision: 30))) == .signedDecimalBytes)
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .fixedLenByteArray, logicalType: .float16, typeLength: 2)) == .float16)
        #expect(ValueOrder(field: ParquetField(name: "a", physicalType: .fixedLenByteArray, logicalType: .uuid, typeLength: 16)) == .unsignedBytes)
    }

    @Test func signedAndUnsignedIntegers() {
        var signed = StatisticsAccumulator(order: .signedInt32)
        signed.include([5, -1, Int32.min, 99, Int32.max, 0], in: [0..<3, 4..<6], validity: [true, true, true, true, true, false])
        var stats = signed.statistics(nullCount: 1)
        #expect(stats.minValue == bytes(Int32.min))
        #expect(stats.maxValue == bytes(Int32.max))
        #expect(stats.min == stats.minValue)
        #expect(stats.nullCount == 1)

        var unsigned = StatisticsAccumulator(order: .unsignedInt32)
        unsigned.include([5, -1, 0] as [Int32], in: [0..<3], validity: nil)
        stats = unsigned.statistics(nullCount: 0)
        #expect(stats.minValue == bytes(Int32(0)))
        #expect(stats.maxValue == bytes(Int32(-1)))
        #expect(stats.min == nil && stats.max == nil)

        var unsigned64 = StatisticsAccumulator(order: .unsignedInt64)
        unsigned64.include([Int64.min, Int64.max], in: [0..<2], validity: nil)
        #expect(unsigned64.statistics(nullCount: 0).maxValue == bytes(Int64.min))
    }

    @Test func floatsSkipNaNAndWriteSignedZeros() {
        var doubles = StatisticsAccumulator(order: .double)
        doubles.include([.nan, 0.0, 3.5, .nan], in: [0..<4], validity: nil)
        var stats = doubles.statistics(nullCount: 0)
        #expect(stats.minValue == bytes((-0.0 as Double).bitPattern))
        #expect(stats.maxValue == bytes((3.5 as Double).bitPattern))

        var negative = StatisticsAccumulator(order: .double)
        negative.include([-0.0, -2, -.infinity], in: [0..<3], validity: nil)
        stats = negative.statistics(nullCount: 0)
        #expect(stats.minValue == bytes((-Double.infinity).bitPattern))
        #expect(stats.maxValue == bytes((0.0 as Double).bitPattern))

        var floats = StatisticsAccumulator(order: .float)
        floats.include([Float.nan, -0.0, 0.0], in: [0..<3], validity: nil)
        stats = floats.statistics(nullCount: 0)
        #expect(stats.minValue == bytes((-0.0 as Float).bitPattern))
        #expect(stats.maxValue == bytes((0.0 as Float).bitPattern))

        var allNaN = StatisticsAccumulator(order: .float)
        allNaN.include([Float.nan, .nan], in: [0..<2], validity: nil)
        stats = allNaN.statistics(nullCount: 3)
        #expect(stats.minValue == nil && stats.maxValue == nil && stats.min == nil)
        #expect(stats.nullCount == 3)
    }

    @Test func allNullsHaveNoBounds() {
        var accumulator = StatisticsAccumulator(order: .signedInt64)
        accumulator.include([0, 0] as [Int64], in: [0..<2], validity: [false, false])
        let stats = accumulator.statistics(nullCount: 2)
        #expect(stats.minValue == nil && stats.maxValue == nil)
        #expect(stats.nullCount == 2)
    }

    @Test func bytesCompareUnsigned() {
        var accumulator = StatisticsAccumulator(order: .unsignedBytes)
        accumulator.include(ByteArrayBuffer(["b", "ä", "a", "zz", ""].map(\.utf8)), in: [0..<4], validity: nil)
        let stats = accumulator.statistics(nullCount: 0)
        #expect(stats.minValue == Array("a".utf8))
        #expect(stats.maxValue == Array("ä".utf8))
        #expect(stats.min == nil)
    }

    @Test func mergesAcrossCalls() {
        var accumulator = StatisticsAccumulator(order: .unsignedBytes)
        accumulator.include(ByteArrayBuffer(["m", "n"].map(\.utf8)), in: [0..<2], validity: nil)
        accumulator.include(ByteArrayBuffer(["a", "zz"].map(\.utf8)), in: [0..<1], validity: nil)
        accumulator.include(ByteArrayBuffer(["x", "o"].map(\.utf8)), in: [0..<2], validity: [true, false])
        let stats = accumulator.statistics(nullCount: 0)
        #expect(stats.minValue == Array("a".utf8))
        #expect(stats.maxValue == Array("x".utf8))
    }

    @Test func decimalBytesCompareAsSignedNumbers() {
        // 300, -1, 5, -300 as minimal big-endian two's complement.
        var accumulator = StatisticsAccumulator(order: .signedDecimalBytes)
        accumulator.include(ByteArrayBuffer([[0x01, 0x2C], [0xFF], [0x05], [0xFE, 0xD4]]), in: [0..<4], validity: nil)
        let stats = accumulator.statistics(nullCount: 0)
        #expect(stats.minValue == [0xFE, 0xD4])
        #expect(stats.maxValue == [0x01, 0x2C])
        #expect(stats.min == [0xFE, 0xD4])

        var fixed = StatisticsAccumulator(order: .signedDecimalBytes)
        fixed.include(FixedBuffer(width: 2, bytes: [0x80, 0x00, 0x7F, 0xFF, 0x00, 0x00, 0xFF, 0xFF]), in: [0..<4], validity: nil)
        #expect(fixed.statistics(nullCount: 0).minValue == [0x80, 0x00])
        #expect(fixed.statistics(nullCount: 0).maxValue == [0x7F, 0xFF])
    }

    @Test func float16ComparesAsFloats() {
        // 1.0, -2.0, NaN, +0, -0 (little-endian)
        var accumulator = StatisticsAccumulator(order: .float16)
        accumulator.include(FixedBuffer(width: 2, bytes: [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x7E, 0x00, 0x00, 0x00, 0x80]), in: [0..<5], validity: nil)
        var stats = accumulator.statistics(nullCount: 0)
        #expect(stats.minValue == [0x00, 0xC0])
        #expect(stats.maxValue == [0x00, 0x3C])

        var zeros = StatisticsAccumulator(order: .float16)
        zeros.include(FixedBuffer(width: 2, bytes: [0x00, 0x00, 0x00, 0x80]), in: [0..<2], validity: nil)
        stats = zeros.statistics(nullCount: 0)
        #expect(stats.minValue == [0x00, 0x80])
        #expect(stats.maxValue == [0x00, 0x00])
    }

    @Test func booleans() {
        var accumulator = StatisticsAccumulator(order: .boolean)
        accumulator.include([true, true, false], in: [0..<2], validity: nil)
        let stats = accumulator.statistics(nullCount: 0)
        #expect(stats.minValue == [1] && stats.maxValue == [1])
    }

    @Test func nonNullRuns() {
        var runs: [Range<Int>] = []
        forEachNonNullRun(in: 1..<9, validity: [true, true, false, true, true, false, false, true, true, true]) { runs.append($0) }
        #expect(runs == [1..<2, 3..<5, 7..<9])
        runs = []
        forEachNonNullRun(in: 2..<5, validity: nil) { runs.append($0) }
        #expect(runs == [2..<5])
    }
}

@Suite struct ColumnChunkWriterTests {
    @Test func levelsWithoutNullsAreOneRun() {
        #expect(ColumnChunkWriter.definitionLevels(nil, 0..<3) == [0x06, 0x01])
        // 300 << 1 = 600 = 0x258: varint 0xD8 0x04.
        #expect(ColumnChunkWriter.definitionLevels(nil, 5..<305) == [0xD8, 0x04, 0x01])
    }
}

// MARK: - End to end (pyarrow)
//
// These need the metadata coding, codecs and value encodings, which other
// branches provide; they compile everywhere and pass once those are merged.

/// One value of a generated column, before it is laid into a ``ColumnData``.
private enum Cell {
    case null, bool(Bool), int32(Int32), int64(Int64), float(Float), double(Double), bytes([UInt8])
}

/// A generated column: its field, its value at each row, and the arrow type pyarrow should report.
private struct ColumnSpec: @unchecked Sendable {
    let field: ParquetField
    let arrowType: String?
    let cell: (Int) -> Cell

    init(_ field: ParquetField, arrowType: String? = nil, cell: @escaping (Int) -> Cell) {
        self.field = field
        self.arrowType = arrowType
        self.cell = cell
    }

    /// The rows as a batch column; placeholders at nulls, and no validity when nothing is null.
    func data(_ rows: Range<Int>) -> ColumnData {
        let cells = rows.map(cell)
        let validity = cells.map { if case .null = $0 { false } else { true } }
        let mask = validity.contains(false) ? validity : nil
        let storage: ColumnStorage
        switch field.physicalType {
        case .boolean: storage = .boolean(cells.map { if case let .bool(v) = $0 { v } else { false } })
        case .int32: storage = .int32(cells.map { if case let .int32(v) = $0 { v } else { 0 } })
        case .int64: storage = .int64(cells.map { if case let .int64(v) = $0 { v } else { 0 } })
        case .float: storage = .float(cells.map { if case let .float(v) = $0 { v } else { 0 } })
        case .double: storage = .double(cells.map { if case let .double(v) = $0 { v } else { 0 } })
        case .byteArray: storage = .byteArray(ByteArrayBuffer(cells.map { cell -> [UInt8] in if case let .bytes(v) = cell { v } else { [] } }))
        case .fixedLenByteArray:
            let width = field.typeLength!
            storage = .fixedLenByteArray(FixedBuffer(width: width, bytes: cells.flatMap { if case let .bytes(v) = $0 { v } else { [UInt8](repeating: 0, count: width) } }))
        case .int96: fatalError("not writable")
        }
        return ColumnData(storage: storage, validity: mask)
    }

    /// What the pyarrow dump script prints for the value at `row`.
    func expected(_ row: Int) -> String? {
        Self.render(cell(row), field)
    }

    static func render(_ cell: Cell, _ field: ParquetField) -> String? {
        switch cell {
        case .null: return nil
        case let .bool(v): return v ? "true" : "false"
        case let .int32(v):
            if case .integer(_, false)? = field.logicalType { return String(UInt32(bitPattern: v)) }
            return String(v)
        case let .int64(v):
            if case .integer(_, false)? = field.logicalType { return String(UInt64(bitPattern: v)) }
            return String(v)
        case let .float(v): return v.isNaN ? "nan" : String(v.bitPattern, radix: 16)
        case let .double(v): return v.isNaN ? "nan" : String(v.bitPattern, radix: 16)
        case let .bytes(v):
            switch field.logicalType {
            case .decimal?:
                // Sign-extend the big-endian two's complement (test values fit in 64 bits).
                var value: Int64 = (v.first ?? 0) & 0x80 != 0 ? -1 : 0
                for byte in v { value = value << 8 | Int64(byte) }
                return String(value)
            case .float16?:
                let bits = UInt16(v[0]) | UInt16(v[1]) << 8
                return bits & 0x7FFF > 0x7C00 ? "nan" : String(bits, radix: 16)
            default:
                return v.map { String(format: "%02x", $0) }.joined()
            }
        }
    }
}

/// A deterministic stream of pseudo-random bits per row (SplitMix64).
private func mix(_ row: Int, _ salt: UInt64) -> UInt64 {
    var x = UInt64(truncatingIfNeeded: row) &* 0x9E37_79B9_7F4A_7C15 &+ salt
    x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
    x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 31)
}

/// Minimal big-endian two's complement bytes of `value`.
private func minimalBigEndian(_ value: Int64) -> [UInt8] {
    var bytes = withUnsafeBytes(of: value.bigEndian) { Array($0) }
    while bytes.count > 1 && ((bytes[0] == 0 && bytes[1] & 0x80 == 0) || (bytes[0] == 0xFF && bytes[1] & 0x80 != 0)) {
        bytes.removeFirst()
    }
    return bytes
}

/// `value` as big-endian two's complement of exactly `width` bytes (width >= 8).
private func bigEndian(_ value: Int64, width: Int) -> [UInt8] {
    [UInt8](repeating: value < 0 ? 0xFF : 0, count: width - 8) + withUnsafeBytes(of: value.bigEndian) { Array($0) }
}

private func field(_ name: String, _ type: PhysicalType, _ logical: LogicalType? = nil, nullable: Bool = true, length: Int? = nil) -> ParquetField {
    ParquetField(name: name, physicalType: type, logicalType: logical, isNullable: nullable, typeLength: length)
}

private let doubleSpecials: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.0, .greatestFiniteMagnitude, -.leastNonzeroMagnitude, 1.5]
private let floatSpecials: [Float] = [.nan, .infinity, -.infinity, -0.0, 0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -2.25]
private let names = ["", "a", "ß", "日本語", "🦆 duck", "ascii", "Zoë"]

/// Every writable logical type, extreme values, NaN and infinities, non-ASCII text,
/// columns with no nulls, some nulls and only nulls.
private let allColumns: [ColumnSpec] = [
    ColumnSpec(field("id", .int64, nullable: false), arrowType: "int64") { row in
        .int64(row == 0 ? .min : row == 1 ? .max : Int64(row) * 7_919 - 3_000_000)
    },
    ColumnSpec(field("small", .int32), arrowType: "int32") { row in row % 5 == 0 ? .null : .int32(Int32(row % 13) - 6) },
    ColumnSpec(field("u32", .int32, .integer(bitWidth: 32, isSigned: false)), arrowType: "uint32") { row in
        .int32(Int32(truncatingIfNeeded: mix(row, 1)))
    },
    ColumnSpec(field("i8", .int32, .integer(bitWidth: 8, isSigned: true), nullable: false), arrowType: "int8") { row in
        .int32(Int32(Int8(truncatingIfNeeded: row &* 37)))
    },
    ColumnSpec(field("u16", .int32, .integer(bitWidth: 16, isSigned: false)), arrowType: "uint16") { row in .int32(Int32(UInt16(truncatingIfNeeded: mix(row, 2)))) },
    ColumnSpec(field("u64", .int64, .integer(bitWidth: 64, isSigned: false)), arrowType: "uint64") { row in
        .int64(Int64(truncatingIfNeeded: mix(row, 3) | (row % 2 == 0 ? 1 << 63 : 0)))
    },
    ColumnSpec(field("dbl", .double), arrowType: "double") { row in
        row % 7 == 3 ? .null : .double(row % 11 < doubleSpecials.count ? doubleSpecials[row % 11] : Double(row) * 0.25)
    },
    ColumnSpec(field("flt", .float, nullable: false), arrowType: "float") { row in
        .float(row % 9 < floatSpecials.count ? floatSpecials[row % 9] : Float(row) / 3)
    },
    ColumnSpec(field("flag", .boolean), arrowType: "bool") { row in row % 3 == 0 ? .null : .bool(row % 2 == 0) },
    ColumnSpec(field("name", .byteArray, .string), arrowType: "string") { row in row % 4 == 1 ? .null : .bytes(Array(names[row % names.count].utf8)) },
    ColumnSpec(field("label", .byteArray, .string, nullable: false), arrowType: "string") { row in .bytes(Array("label-\(row % 300)-ü".utf8)) },
    ColumnSpec(field("blob", .byteArray), arrowType: "binary") { row in
        .bytes(Array([0xFF, 0x00, 0x80, UInt8(truncatingIfNeeded: row)].prefix(row % 5)))
    },
    ColumnSpec(field("uuid", .fixedLenByteArray, .uuid, length: 16)) { row in
        row % 10 == 9 ? .null : .bytes(withUnsafeBytes(of: mix(row, 4)) { Array($0) } + withUnsafeBytes(of: mix(row, 5)) { Array($0) })
    },
    ColumnSpec(field("half", .fixedLenByteArray, .float16, length: 2), arrowType: "halffloat") { row in
        let bits: [UInt16] = [0x3C00, 0xBC00, 0x8000, 0x0000, 0x7C00, 0xFC00, 0x7E00, 0x7BFF, 0x0001]
        let value = bits[row % bits.count]
        return .bytes([UInt8(value & 0xFF), UInt8(value >> 8)])
    },
    ColumnSpec(field("dec9", .int32, .decimal(scale: 2, precision: 9)), arrowType: "decimal128(9, 2)") { row in
        .int32(Int32(row % 3 == 0 ? -999_999_999 + row : 999_999_999 - row * 1_001))
    },
    ColumnSpec(field("dec18", .int64, .decimal(scale: 4, precision: 18), nullable: false), arrowType: "decimal128(18, 4)") { row in
        .int64(row % 2 == 0 ? -999_999_999_999_999_999 + Int64(row) : Int64(row) * 1_234_567_891)
    },
    ColumnSpec(field("decfix", .fixedLenByteArray, .decimal(scale: 3, precision: 20), length: 9), arrowType: "decimal128(20, 3)") { row in
        row % 6 == 5 ? .null : .bytes(bigEndian(Int64(row % 2 == 0 ? -1 : 1) * Int64(mix(row, 6) >> 2), width: 9))
    },
    ColumnSpec(field("decbin", .byteArray, .decimal(scale: 5, precision: 30)), arrowType: "decimal128(30, 5)") { row in
        .bytes(minimalBigEndian(Int64(truncatingIfNeeded: mix(row, 7)) >> (row % 60)))
    },
    ColumnSpec(field("date", .int32, .date), arrowType: "date32[day]") { row in .int32(Int32(row - 500) * 17) },
    ColumnSpec(field("time_ms", .int32, .time(isAdjustedToUTC: true, unit: .millis)), arrowType: "time32[ms]") { row in .int32(Int32(row * 86_399 % 86_400_000)) },
    ColumnSpec(field("time_us", .int64, .time(isAdjustedToUTC: false, unit: .micros)), arrowType: "time64[us]") { row in .int64(Int64(row) * 86_399_999) },
    ColumnSpec(field("time_ns", .int64, .time(isAdjustedToUTC: true, unit: .nanos)), arrowType: "time64[ns]") { row in .int64(Int64(row) * 86_399_999_999) },
    ColumnSpec(field("ts_ms", .int64, .timestamp(isAdjustedToUTC: true, unit: .millis)), arrowType: "timestamp[ms, tz=UTC]") { row in
        .int64(1_700_000_000_000 + Int64(row) * 3_600_001 - (row % 2 == 0 ? 5_000_000_000_000 : 0))
    },
    ColumnSpec(field("ts_us", .int64, .timestamp(isAdjustedToUTC: false, unit: .micros)), arrowType: "timestamp[us]") { row in .int64(Int64(row) * -123_456_789_012) },
    ColumnSpec(field("ts_ns", .int64, .timestamp(isAdjustedToUTC: true, unit: .nanos)), arrowType: "timestamp[ns, tz=UTC]") { row in
        row == 2 ? .int64(.max) : .int64(Int64(row) * 1_000_000_007)
    },
    ColumnSpec(field("json", .byteArray, .json)) { row in .bytes(Array("{\"k\":\(row % 17)}".utf8)) },
    ColumnSpec(field("enum", .byteArray, .enumeration)) { row in .bytes(Array((row % 3 == 0 ? "RED" : "GREEN").utf8)) },
    ColumnSpec(field("all_null", .int64), arrowType: "int64") { _ in .null },
    ColumnSpec(field("all_null_str", .byteArray, .string), arrowType: "string") { _ in .null },
    ColumnSpec(field("no_null", .byteArray, .string), arrowType: "string") { row in .bytes(Array("v\(row % 40)".utf8)) },
    ColumnSpec(field("req_flag", .boolean, nullable: false), arrowType: "bool") { row in .bool(mix(row, 8) & 1 == 0) },
]

/// What pyarrow saw in a file.
private struct PyarrowDump: Decodable {
    struct RowGroup: Decodable {
        let numRows: Int
        let columns: [String: Chunk]
    }

    struct Chunk: Decodable {
        let encodings: [String]
        let compression: String
        let hasDictionaryPage: Bool
        let nullCount: Int?
        let min: String?
        let max: String?
    }

    let numRows: Int
    let schema: [String: String]
    let columns: [String: [String?]]
    let rowGroups: [RowGroup]
    let createdBy: String?
    let keyValue: [String: String]
}

/// Reads a file with pyarrow (verifying page checksums) and prints every value in
/// the form ``ColumnSpec/render(_:_:)`` expects: integers in decimal, floats as
/// their IEEE bits in hex (NaN as "nan"), bytes and strings as hex, decimals as
/// the unscaled integer, temporal types as their stored integer.
private let pyarrowDumpScript = #"""
import decimal, json, struct, sys
import pyarrow as pa, pyarrow.parquet as pq

decimal.getcontext().prec = 200
path = sys.argv[1]
pf = pq.ParquetFile(path, page_checksum_verification=True)
table = pf.read()

def float_bits(code, icode):
    def render(v):
        # Statistics of halffloat columns come back as their raw bytes.
        v = struct.unpack(code, v)[0] if isinstance(v, bytes) else float(v)
        if v != v:
            return "nan"
        return format(struct.unpack(icode, struct.pack(code, v))[0], "x")
    return render

def renderer(typ):
    if pa.types.is_boolean(typ): return lambda v: "true" if v else "false"
    if pa.types.is_float16(typ): return float_bits("<e", "<H")
    if pa.types.is_float32(typ): return float_bits("<f", "<I")
    if pa.types.is_float64(typ): return float_bits("<d", "<Q")
    if pa.types.is_decimal(typ): return lambda v: str(int(v.scaleb(typ.scale)))
    if pa.types.is_string(typ) or pa.types.is_large_string(typ): return lambda v: (v if isinstance(v, bytes) else v.encode("utf-8")).hex()
    if pa.types.is_binary(typ) or pa.types.is_large_binary(typ) or pa.types.is_fixed_size_binary(typ): return lambda v: v.hex()
    return str

def plain(column):
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if isinstance(column.type, pa.BaseExtensionType):
        column = column.storage
    if pa.types.is_temporal(column.type):
        column = column.view(pa.int32() if column.type.bit_width == 32 else pa.int64())
    return column

columns = {}
for name in table.column_names:
    column = plain(table.column(name))
    render = renderer(column.type)
    columns[name] = [None if v is None else render(v) for v in column.to_pylist()]

row_groups = []
for i in range(pf.metadata.num_row_groups):
    group = pf.metadata.row_group(i)
    chunks = {}
    for j in range(group.num_columns):
        chunk = group.column(j)
        stats = chunk.statistics
        typ = plain(pa.array([], table.schema.field(chunk.path_in_schema).type)).type
        render = renderer(typ)
        has_bounds = stats is not None and stats.has_min_max
        chunks[chunk.path_in_schema] = {
            "encodings": sorted(chunk.encodings),
            "compression": chunk.compression,
            "has_dictionary_page": chunk.has_dictionary_page,
            "null_count": stats.null_count if stats is not None and stats.has_null_count else None,
            "min": render(stats.min) if has_bounds and not pa.types.is_temporal(typ) else None,
            "max": render(stats.max) if has_bounds and not pa.types.is_temporal(typ) else None,
        }
    row_groups.append({"num_rows": group.num_rows, "columns": chunks})

print(json.dumps({
    "num_rows": table.num_rows,
    "schema": {f.name: str(f.type) for f in table.schema},
    "columns": columns,
    "row_groups": row_groups,
    "created_by": pf.metadata.created_by,
    "key_value": {k.decode(): v.decode() for k, v in (pf.metadata.metadata or {}).items()},
}))
"""#

private func dumpWithPyarrow(_ path: String) throws -> PyarrowDump {
    let output = try Python.run(pyarrowDumpScript, arguments: [path])
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(PyarrowDump.self, from: output)
}

/// Writes `rows` rows of `specs` in batches cut at `cuts`, returns the file's path and footer.
private func writeFile(_ specs: [ColumnSpec], rows: Int, cuts: [Int] = [], options: ParquetWriteOptions, in directory: URL) async throws -> (String, FileMetaData) {
    let path = directory.appendingPathComponent("test.parquet").path
    let writer = try ParquetWriter(fields: specs.map(\.field), sink: try FileByteSink(path: path), options: options)
    let bounds = [0] + cuts.filter { $0 < rows } + [rows]
    for (start, end) in zip(bounds, bounds.dropFirst()) {
        try await writer.write(specs.map { $0.data(start..<end) })
    }
    return (path, try await writer.close())
}

struct WriterConfiguration: Sendable, CustomTestStringConvertible {
    enum Dictionary: Sendable { case off, on, tinyLimit }

    var codec: CompressionCodec
    var version: ParquetWriteOptions.DataPageVersion
    var dictionary: Dictionary
    var tinyPages: Bool

    var options: ParquetWriteOptions {
        var options = ParquetWriteOptions()
        options.compression = codec
        options.dataPageVersion = version
        options.dictionaryEnabled = dictionary != .off
        if dictionary == .tinyLimit { options.dictionaryPageSizeLimit = 64 }
        if tinyPages {
            options.dataPageSize = 100
            options.rowGroupSize = 16 << 10
        }
        return options
    }

    var testDescription: String { "\(codec) \(version) dictionary=\(dictionary) tiny=\(tinyPages)" }

    static let all: [WriterConfiguration] = CompressionCodec.writable.flatMap { codec in
        [ParquetWriteOptions.DataPageVersion.v1, .v2].flatMap { version in
            [Dictionary.off, .on, .tinyLimit].flatMap { dictionary in
                [false, true].map { WriterConfiguration(codec: codec, version: version, dictionary: dictionary, tinyPages: $0) }
            }
        }
    }
}

@Suite struct WriterEndToEndTests {
    @Test(arguments: WriterConfiguration.all)
    func everyTypeRoundTripsThroughPyarrow(_ configuration: WriterConfiguration) async throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = 1_000
        let (path, metadata) = try await writeFile(allColumns, rows: rows, cuts: [1, 600, 600, 777], options: configuration.options, in: directory)
        let dump = try dumpWithPyarrow(path)

        #expect(dump.numRows == rows)
        #expect(metadata.numRows == Int64(rows))
        for spec in allColumns {
            let expected = (0..<rows).map(spec.expected)
            let actual = dump.columns[spec.field.name] ?? []
            #expect(actual == expected, "column \(spec.field.name): first difference at row \(zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count))")
            if let arrowType = spec.arrowType { #expect(dump.schema[spec.field.name] == arrowType) }
        }
        #expect(dump.rowGroups.map(\.numRows).reduce(0, +) == rows)
        if configuration.tinyPages {
            #expect(dump.rowGroups.count > 1)
        } else {
            #expect(dump.rowGroups.count == 1)
        }
        for group in dump.rowGroups {
            for (name, chunk) in group.columns {
                #expect(chunk.compression == "\(configuration.codec)")
                let isBoolean = name == "flag" || name == "req_flag"
                #expect(chunk.hasDictionaryPage == (configuration.dictionary != .off && !isBoolean), "\(name)")
                #expect(chunk.encodings.contains("RLE_DICTIONARY") == chunk.hasDictionaryPage, "\(name)")
            }
        }
        if configuration.dictionary == .tinyLimit && configuration.tinyPages {
            // 300 distinct labels overflow a 64-byte dictionary after the first page: later pages fall back to PLAIN.
            let label = dump.rowGroups[0].columns["label"]!
            #expect(label.encodings.contains("RLE_DICTIONARY") && label.encodings.contains("PLAIN"))
            let stats = metadata.rowGroups[0].columns[allColumns.firstIndex { $0.field.name == "label" }!].metaData!.encodingStats!
            #expect(stats.contains { $0.pageType == (configuration.version == .v1 ? .dataPage : .dataPageV2) && $0.encoding == .plain })
        }
    }

    @Test func rowGroupsAndPagesAreCutBySize() async throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = ParquetWriteOptions()
        options.rowGroupSize = 800 // 100 rows of 8 bytes
        options.dataPageSize = 80 // 10 values
        options.dictionaryEnabled = false
        let spec = ColumnSpec(field("n", .int64, nullable: false)) { .int64(Int64($0)) }
        let (path, metadata) = try await writeFile([spec], rows: 1_050, cuts: [30, 250, 251], options: options, in: directory)
        let dump = try dumpWithPyarrow(path)
        #expect(dump.rowGroups.map(\.numRows) == Array(repeating: 100, count: 10) + [50])
        #expect(dump.columns["n"] == (0..<1_050).map { String($0) })
        for (index, group) in metadata.rowGroups.enumerated() {
            let column = group.columns[0].metaData!
            #expect(column.encodingStats == [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: index < 10 ? 10 : 5)])
            #expect(column.dictionaryPageOffset == nil)
            #expect(group.fileOffset == column.dataPageOffset)
            #expect(group.ordinal == Int16(index))
            if index > 0 {
                let previous = metadata.rowGroups[index - 1].columns[0].metaData!
                #expect(column.dataPageOffset == previous.dataPageOffset + previous.totalCompressedSize)
            } else {
                #expect(column.dataPageOffset == 4)
            }
        }
    }

    @Test func statisticsFollowEachTypesOrder() async throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let values: [(Cell, Cell, Cell, Cell)] = [
            (.int64(5), .double(.nan), .bytes(Array("b".utf8)), .int32(1)),
            (.int64(.min), .double(-0.0), .bytes(Array("ä".utf8)), .int32(-1)),
            (.int64(-3), .double(3.5), .bytes(Array("a".utf8)), .null),
            (.null, .double(0.0), .bytes(Array("zz".utf8)), .int32(7)),
        ]
        let specs = [
            ColumnSpec(field("i", .int64)) { values[$0].0 },
            ColumnSpec(field("d", .double)) { values[$0].1 },
            ColumnSpec(field("s", .byteArray, .string)) { values[$0].2 },
            ColumnSpec(field("u", .int32, .integer(bitWidth: 32, isSigned: false))) { values[$0].3 },
            ColumnSpec(field("dec", .byteArray, .decimal(scale: 0, precision: 10))) { [.bytes([0x01, 0x2C]), .bytes([0xFF]), .bytes([0x05]), .null][$0] },
            ColumnSpec(field("nan", .float)) { _ in .float(.nan) },
            ColumnSpec(field("nothing", .int32)) { _ in .null },
        ]
        for dictionary in [false, true] {
            var options = ParquetWriteOptions()
            options.dictionaryEnabled = dictionary
            let (path, _) = try await writeFile(specs, rows: 4, options: options, in: directory)
            let chunks = try dumpWithPyarrow(path).rowGroups[0].columns
            try FileManager.default.removeItem(atPath: path)
            let i = chunks["i"]!, d = chunks["d"]!, s = chunks["s"]!, u = chunks["u"]!, dec = chunks["dec"]!
            #expect((i.min, i.max, i.nullCount) == (String(Int64.min), "5", 1))
            #expect((d.min, d.max) == (String((-0.0 as Double).bitPattern, radix: 16), String((3.5 as Double).bitPattern, radix: 16)))
            #expect((s.min, s.max) == ("61", "c3a4"))
            #expect((u.min, u.max, u.nullCount) == ("1", String(UInt32.max), 1))
            #expect((dec.min, dec.max) == ("-1", "300"))
            #expect(chunks["nan"]!.min == nil)
            #expect(chunks["nothing"]!.min == nil)
            #expect(chunks["nothing"]!.nullCount == 4)
        }
    }

    @Test func sinkFailingMidFileAbortsIt() async throws {
        let sink = RecordingSink()
        sink.failAfterWrites = 3
        var options = ParquetWriteOptions()
        options.rowGroupSize = 80
        let writer = try ParquetWriter(fields: [field("n", .int64, nullable: false)], sink: sink, options: options)
        await #expect(throws: RecordingSink.Failure.self) {
            try await writer.write([ColumnData(storage: .int64(Array(0..<100)))])
        }
        #expect(sink.aborted)
        #expect(!sink.closed)
        await #expect(throws: ParquetError.self) { try await writer.close() }
    }

    @Test func fileSinkLeavesOnlyTheFinishedFile() async throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = ColumnSpec(field("n", .int64)) { $0 % 3 == 0 ? .null : .int64(Int64($0)) }
        let (path, _) = try await writeFile([spec], rows: 10, options: ParquetWriteOptions(), in: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [URL(fileURLWithPath: path).lastPathComponent])
        #expect(try dumpWithPyarrow(path).columns["n"] == (0..<10).map { $0 % 3 == 0 ? nil : String($0) })
    }

    @Test func emptyTableIsAValidFile() async throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let specs = allColumns.filter { $0.arrowType != nil }
        for cuts in [[], [0]] {
            var options = ParquetWriteOptions()
            options.keyValueMetadata = [KeyValue(key: "origin", value: "sluice tests")]
            options.createdBy = "sluice tests"
            let (path, metadata) = try await writeFile(specs, rows: 0, cuts: cuts, options: options, in: directory)
            let dump = try dumpWithPyarrow(path)
            try FileManager.default.removeItem(atPath: path)
            #expect(dump.numRows == 0)
            #expect(metadata.rowGroups.isEmpty)
            #expect(dump.createdBy == "sluice tests")
            #expect(dump.keyValue["origin"] == "sluice tests")
            for spec in specs {
                #expect(dump.schema[spec.field.name] == spec.arrowType)
                #expect(dump.columns[spec.field.name] == [])
            }
        }
    }

    @Test func footerDescribesTheBytes() async throws {
        let sink = InMemoryByteSink()
        let writer = try ParquetWriter(fields: [field("s", .byteArray, .string), field("n", .int32, nullable: false)], sink: sink)
        let strings = (0..<500).map { "s\($0 % 7)" }
        try await writer.write([
            ColumnData(storage: .byteArray(ByteArrayBuffer(strings.map(\.utf8))), validity: (0..<500).map { $0 % 10 != 0 }),
            ColumnData(storage: .int32((0..<500).map { Int32($0 % 3) })),
        ])
        let metadata = try await writer.close()
        let bytes = sink.bytes
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let footerLength = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8 | Int(bytes[bytes.count - 6]) << 16 | Int(bytes[bytes.count - 5]) << 24
        let decoded = try bytes.withUnsafeBytes { try FileMetaData(thriftBytes: UnsafeRawBufferPointer(rebasing: $0[(bytes.count - 8 - footerLength)..<(bytes.count - 8)])) }
        #expect(decoded == metadata)
        #expect(decoded.version == 2)
        #expect(decoded.numRows == 500)
        let strings0 = decoded.rowGroups[0].columns[0].metaData!
        #expect(strings0.dictionaryPageOffset == 4)
        #expect(strings0.dataPageOffset > 4)
        #expect(strings0.statistics?.nullCount == 50)
        #expect(strings0.statistics?.minValue == Array("s0".utf8))
        #expect(strings0.statistics?.maxValue == Array("s6".utf8))
        #expect(strings0.encodingStats?.contains(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1)) == true)
        let numbers = decoded.rowGroups[0].columns[1].metaData!
        #expect(numbers.dictionaryPageOffset == 4 + strings0.totalCompressedSize)
        #expect(numbers.statistics?.min == [0, 0, 0, 0])
        #expect(numbers.statistics?.max == [2, 0, 0, 0])
        #expect(decoded.rowGroups[0].totalCompressedSize == strings0.totalCompressedSize + numbers.totalCompressedSize)
        #expect(decoded.columnOrders == [.typeDefined, .typeDefined])

        // Every page header parses and every stored CRC matches its page body.
        for chunk in decoded.rowGroups[0].columns.map({ $0.metaData! }) {
            var offset = Int(chunk.dictionaryPageOffset ?? chunk.dataPageOffset)
            let end = offset + Int(chunk.totalCompressedSize)
            while offset < end {
                let (header, length) = try bytes.withUnsafeBytes { try PageHeader.decode(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
                let body = offset + length..<(offset + length + Int(header.compressedPageSize))
                let crc = bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[body])) }
                #expect(header.crc == Int32(bitPattern: crc))
                offset = body.upperBound
            }
            #expect(offset == end)
        }
    }
}
