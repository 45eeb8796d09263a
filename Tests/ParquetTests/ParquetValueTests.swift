import Testing
@testable import Parquet

/// The JSON rendering rules, checked on hand-built columns (no file, no pyarrow).
@Suite struct ParquetValueTests {
    /// A one-column schema whose leaf carries the given annotation.
    private func descriptor(_ element: SchemaElement) throws -> ColumnDescriptor {
        try ParquetSchema(elements: [SchemaElement(name: "schema", numChildren: 1), element]).columns[0]
    }

    private func json(_ element: SchemaElement, _ storage: ColumnStorage, validity: [Bool]? = nil) throws -> [String] {
        let column = ParquetColumn(descriptor: try descriptor(element), data: ColumnData(storage: storage, validity: validity))
        return (0..<column.rowCount).map { column.value(at: $0).json }
    }

    @Test func integersBooleansAndNulls() throws {
        #expect(try json(SchemaElement(type: .int32, repetitionType: .optional, name: "a"), .int32([-7, 0]), validity: [true, false]) == ["-7", "null"])
        #expect(try json(SchemaElement(type: .int32, name: "a", convertedType: .uint32), .int32([-1])) == ["4294967295"])
        #expect(try json(SchemaElement(type: .int64, name: "a", logicalType: .integer(bitWidth: 64, isSigned: false)), .int64([-1])) == ["18446744073709551615"])
        #expect(try json(SchemaElement(type: .boolean, name: "a"), .boolean([true, false])) == ["true", "false"])
    }

    @Test func floatingPoint() throws {
        #expect(try json(SchemaElement(type: .float, name: "f"), .float([1.1, -0.0, .nan, .infinity, -.infinity]))
            == ["1.100000023841858", "-0.0", "\"NaN\"", "\"Infinity\"", "\"-Infinity\""])
        #expect(try json(SchemaElement(type: .double, name: "d"), .double([0.1, 1e300])) == ["0.1", "1e+300"])
        // FLOAT16 little-endian: 0x3C00 = 1.0, 0xC000 = -2.0, 0x0001 = smallest subnormal, 0x7E00 = NaN.
        let half = FixedBuffer(width: 2, bytes: [0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00, 0x00, 0x7E])
        #expect(try json(SchemaElement(type: .fixedLenByteArray, typeLength: 2, name: "h", logicalType: .float16), .fixedLenByteArray(half))
            == ["1.0", "-2.0", "5.960464477539063e-08", "\"NaN\""])
    }

    @Test func stringsAndBinary() throws {
        let strings = ByteArrayBuffer([Array("a\"b\\\n\u{1}é".utf8), [0x66, 0xFF]])
        #expect(try json(SchemaElement(type: .byteArray, name: "s", convertedType: .utf8), .byteArray(strings))
            == ["\"a\\\"b\\\\\\n\\u0001é\"", "\"f\u{FFFD}\""])
        #expect(try json(SchemaElement(type: .byteArray, name: "b"), .byteArray(ByteArrayBuffer([[], [0x4D], [0x4D, 0x61], [0x4D, 0x61, 0x6E]])))
            == ["\"\"", "\"TQ==\"", "\"TWE=\"", "\"TWFu\""])
        let uuid = FixedBuffer(width: 16, bytes: [0x12, 0x3E, 0x45, 0x67, 0xE8, 0x9B, 0x12, 0xD3, 0xA4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00])
        #expect(try json(SchemaElement(type: .fixedLenByteArray, typeLength: 16, name: "u", logicalType: .uuid), .fixedLenByteArray(uuid))
            == ["\"123e4567-e89b-12d3-a456-426614174000\""])
    }

    @Test func datesTimesAndTimestamps() throws {
        #expect(try json(SchemaElement(type: .int32, name: "d", convertedType: .date), .int32([0, -1, 19_723, -719_528, 2_932_897, Int32.min]))
            == ["\"1970-01-01\"", "\"1969-12-31\"", "\"2024-01-01\"", "\"0000-01-01\"", "\"10000-01-01\"", "\"-5877641-06-23\""])
        #expect(try json(SchemaElement(type: .int32, name: "t", convertedType: .timeMillis), .int32([3_723_004])) == ["\"01:02:03.004\""])
        #expect(try json(SchemaElement(type: .int64, name: "t", logicalType: .time(isAdjustedToUTC: false, unit: .nanos)), .int64([1]))
            == ["\"00:00:00.000000001\""])
        #expect(try json(SchemaElement(type: .int64, name: "ts", logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros)), .int64([-1, Int64.max]))
            == ["\"1969-12-31T23:59:59.999999Z\"", "\"294247-01-10T04:00:54.775807Z\""])
        #expect(try json(SchemaElement(type: .int64, name: "ts", logicalType: .timestamp(isAdjustedToUTC: false, unit: .millis)), .int64([Int64.min]))
            == ["\"-292275055-05-16T16:47:04.192\""])
        // INT96 keeps nanoseconds past the int64-nanosecond range (a Julian day in year 11,465,252).
        let int96: [Int96] = [Int96(nanosOfDay: 73_696_123_456_000, julianDay: 2_460_311), Int96(nanosOfDay: 52_364_157_935_616, julianDay: 4_189_318_567)]
        #expect(try json(SchemaElement(type: .int96, name: "i"), .int96(int96))
            == ["\"2024-01-01T20:28:16.123456000\"", "\"11465252-07-22T14:32:44.157935616\""])
    }

    @Test func decimals() throws {
        #expect(try json(SchemaElement(type: .int32, name: "d", convertedType: .decimal, scale: 2, precision: 4), .int32([100, -5, 0])) == ["\"1.00\"", "\"-0.05\"", "\"0.00\""])
        #expect(try json(SchemaElement(type: .int64, name: "d", logicalType: .decimal(scale: 0, precision: 18)), .int64([Int64.min])) == ["\"-9223372036854775808\""])
        // 10^38 - 1 and -(2^127) in 16 bytes; an empty value is zero.
        let big: [[UInt8]] = [
            [0x4B, 0x3B, 0x4C, 0xA8, 0x5A, 0x86, 0xC4, 0x7A, 0x09, 0x8A, 0x22, 0x3F, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x80] + Array(repeating: 0, count: 15),
            [],
        ]
        #expect(try json(SchemaElement(type: .byteArray, name: "d", logicalType: .decimal(scale: 3, precision: 38)), .byteArray(ByteArrayBuffer(big)))
            == ["\"99999999999999999999999999999999999.999\"", "\"-170141183460469231731687303715884105.728\"", "\"0.000\""])
        #expect(DecimalText.positional(negative: false, magnitudeDigits: "12", scale: -2) == "1200")
    }

    @Test func listsAndRows() throws {
        let schema = try ParquetSchema(elements: [
            SchemaElement(name: "schema", numChildren: 2),
            SchemaElement(type: .int64, repetitionType: .required, name: "id"),
            SchemaElement(repetitionType: .optional, name: "tags", numChildren: 1, logicalType: .list),
            SchemaElement(repetitionType: .repeated, name: "list", numChildren: 1),
            SchemaElement(type: .byteArray, repetitionType: .optional, name: "element", logicalType: .string),
        ])
        let ids = ParquetColumn(descriptor: schema.columns[0], data: ColumnData(storage: .int64([1, 2, 3])))
        let tags = ParquetColumn(
            descriptor: schema.columns[1],
            data: ColumnData(storage: .byteArray(ByteArrayBuffer([Array("x".utf8), [], Array("y".utf8)])), validity: [true, false, true]),
            lists: ListStructure(offsets: [0, 2, 2, 3], validity: [true, false, true])
        )
        #expect([ids, tags].jsonRow(0) == #"{"id":1,"tags":["x",null]}"#)
        #expect([ids, tags].jsonRow(1) == #"{"id":2,"tags":null}"#)
        #expect([ids, tags].jsonRow(2) == #"{"id":3,"tags":["y"]}"#)
    }

    @Test func statisticsDecodeThroughTheLogicalType() throws {
        let date = try descriptor(SchemaElement(type: .int32, name: "d", convertedType: .date))
        #expect(date.decodeStatistic([0x0B, 0x4D, 0x00, 0x00]) == .date(daysSinceEpoch: 19_723))
        #expect(date.decodeStatistic([0x01]) == nil)
        let text = try descriptor(SchemaElement(type: .byteArray, name: "s", logicalType: .string))
        #expect(text.decodeStatistic(Array("Kevin".utf8)) == .string("Kevin"))
        let decimal = try descriptor(SchemaElement(type: .fixedLenByteArray, typeLength: 2, name: "x", convertedType: .decimal, scale: 1, precision: 4))
        #expect(decimal.decodeStatistic([0xFF, 0xFE])?.json == "\"-0.2\"")
        let double = try descriptor(SchemaElement(type: .double, name: "x"))
        #expect(double.decodeStatistic([0, 0, 0, 0, 0, 0, 0xF0, 0x3F]) == .double(1))
    }
}
