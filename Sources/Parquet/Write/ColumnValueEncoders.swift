/// The type-specific half of writing a column chunk: turning the non-null values
/// of a page into PLAIN bytes or dictionary indices, and feeding statistics.
///
/// ``ColumnChunkWriter`` does everything that does not depend on the value type
/// (page cutting, levels, compression, headers, the fallback from dictionary to
/// PLAIN) through this protocol, once, generically; each physical type
/// contributes only the few lines that touch its values. Null positions hold
/// placeholders that are never encoded: values are taken from the non-null runs
/// of the page's range.
///
/// The dictionary-building methods first copy `values` into a local (no copy of
/// the storage, just a reference): the dictionary grows inside a closure over the
/// values' buffer, and reading them through `self` there would overlap the
/// mutating access to `self`.
protocol ColumnValueEncoder {
    /// Booleans have two values; a dictionary would only add a page.
    static var supportsDictionary: Bool { get }
    var dictionaryCount: Int { get }
    /// The PLAIN size of the dictionary page, compared with ``ParquetWriteOptions/dictionaryPageSizeLimit``.
    var dictionaryPlainSize: Int { get }

    func appendPlain(_ range: Range<Int>, validity: [Bool]?, to output: inout [UInt8])
    /// Adds the page's values to the dictionary as needed and appends their entry numbers.
    mutating func appendDictionaryIndices(_ range: Range<Int>, validity: [Bool]?, to indices: inout [UInt32])
    func appendDictionaryPage(to output: inout [UInt8])
    func includeValues(in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator)
    func includeDictionary(into statistics: inout StatisticsAccumulator)
}

/// Calls `body` with each maximal run of non-null positions in `range`.
@inline(__always)
func forEachNonNullRun(in range: Range<Int>, validity: [Bool]?, _ body: (Range<Int>) -> Void) {
    guard let validity else {
        if !range.isEmpty { body(range) }
        return
    }
    var index = range.lowerBound
    while index < range.upperBound {
        while index < range.upperBound && !validity[index] { index += 1 }
        let start = index
        while index < range.upperBound && validity[index] { index += 1 }
        if start < index { body(start..<index) }
    }
}

/// The numeric types PLAIN-encodes as their little-endian bits, and how statistics take them.
protocol PlainNumeric: DictionaryKey {
    static func encodePlain(_ values: ArraySlice<Self>, into output: inout [UInt8])
    static func include(_ values: [Self], in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator)
}

extension Int32: PlainNumeric {
    static func encodePlain(_ values: ArraySlice<Int32>, into output: inout [UInt8]) { PlainEncoding.encode(values, into: &output) }
    static func include(_ values: [Int32], in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        statistics.include(values, in: ranges, validity: validity)
    }
}

extension Int64: PlainNumeric {
    static func encodePlain(_ values: ArraySlice<Int64>, into output: inout [UInt8]) { PlainEncoding.encode(values, into: &output) }
    static func include(_ values: [Int64], in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        statistics.include(values, in: ranges, validity: validity)
    }
}

extension Float: PlainNumeric {
    static func encodePlain(_ values: ArraySlice<Float>, into output: inout [UInt8]) { PlainEncoding.encode(values, into: &output) }
    static func include(_ values: [Float], in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        statistics.include(values, in: ranges, validity: validity)
    }
}

extension Double: PlainNumeric {
    static func encodePlain(_ values: ArraySlice<Double>, into output: inout [UInt8]) { PlainEncoding.encode(values, into: &output) }
    static func include(_ values: [Double], in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        statistics.include(values, in: ranges, validity: validity)
    }
}

/// INT32, INT64, FLOAT and DOUBLE columns.
struct NumericValueEncoder<Value: PlainNumeric>: ColumnValueEncoder {
    let values: [Value]
    private var dictionary = FixedWidthDictionary<Value>()

    init(_ values: [Value]) {
        self.values = values
    }

    static var supportsDictionary: Bool { true }
    var dictionaryCount: Int { dictionary.values.count }
    var dictionaryPlainSize: Int { dictionary.plainSize }

    func appendPlain(_ range: Range<Int>, validity: [Bool]?, to output: inout [UInt8]) {
        forEachNonNullRun(in: range, validity: validity) { Value.encodePlain(values[$0], into: &output) }
    }

    mutating func appendDictionaryIndices(_ range: Range<Int>, validity: [Bool]?, to indices: inout [UInt32]) {
        let values = self.values
        values.withUnsafeBufferPointer { values in
            forEachNonNullRun(in: range, validity: validity) { run in
                for index in run { indices.append(dictionary.index(of: values[index])) }
            }
        }
    }

    func appendDictionaryPage(to output: inout [UInt8]) {
        Value.encodePlain(dictionary.values[...], into: &output)
    }

    func includeValues(in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        Value.include(values, in: ranges, validity: validity, into: &statistics)
    }

    func includeDictionary(into statistics: inout StatisticsAccumulator) {
        Value.include(dictionary.values, in: [dictionary.values.indices], validity: nil, into: &statistics)
    }
}

/// BOOLEAN columns: always PLAIN (bit-packed).
struct BooleanValueEncoder: ColumnValueEncoder {
    let values: [Bool]

    static var supportsDictionary: Bool { false }
    var dictionaryCount: Int { 0 }
    var dictionaryPlainSize: Int { 0 }

    func appendPlain(_ range: Range<Int>, validity: [Bool]?, to output: inout [UInt8]) {
        if validity == nil {
            PlainEncoding.encode(values[range], into: &output)
        } else {
            // Bits pack across runs, so the page's values are gathered first.
            var present: [Bool] = []
            present.reserveCapacity(range.count)
            forEachNonNullRun(in: range, validity: validity) { present.append(contentsOf: values[$0]) }
            PlainEncoding.encode(present[...], into: &output)
        }
    }

    mutating func appendDictionaryIndices(_ range: Range<Int>, validity: [Bool]?, to indices: inout [UInt32]) {
        preconditionFailure("booleans are never dictionary-encoded")
    }

    func appendDictionaryPage(to output: inout [UInt8]) {
        preconditionFailure("booleans are never dictionary-encoded")
    }

    func includeValues(in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        statistics.include(values, in: ranges, validity: validity)
    }

    func includeDictionary(into statistics: inout StatisticsAccumulator) {}
}

/// BYTE_ARRAY columns: PLAIN is a u32 length before each value.
struct ByteArrayValueEncoder: ColumnValueEncoder {
    let values: ByteArrayBuffer
    private var dictionary = ByteArrayDictionary()

    init(_ values: ByteArrayBuffer) {
        self.values = values
    }

    static var supportsDictionary: Bool { true }
    var dictionaryCount: Int { dictionary.count }
    var dictionaryPlainSize: Int { dictionary.entries.bytes.count + 4 * dictionary.count }

    func appendPlain(_ range: Range<Int>, validity: [Bool]?, to output: inout [UInt8]) {
        forEachNonNullRun(in: range, validity: validity) { PlainEncoding.encode(values, range: $0, into: &output) }
    }

    mutating func appendDictionaryIndices(_ range: Range<Int>, validity: [Bool]?, to indices: inout [UInt32]) {
        let values = self.values
        values.offsets.withUnsafeBufferPointer { offsets in
            values.bytes.withUnsafeBytes { bytes in
                forEachNonNullRun(in: range, validity: validity) { run in
                    for index in run {
                        let value = UnsafeRawBufferPointer(rebasing: bytes[offsets[index]..<offsets[index + 1]])
                        indices.append(dictionary.index(of: value))
                    }
                }
            }
        }
    }

    func appendDictionaryPage(to output: inout [UInt8]) {
        PlainEncoding.encode(dictionary.entries, range: 0..<dictionary.count, into: &output)
    }

    func includeValues(in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        statistics.include(values, in: ranges, validity: validity)
    }

    func includeDictionary(into statistics: inout StatisticsAccumulator) {
        statistics.include(dictionary.entries, in: [0..<dictionary.count], validity: nil)
    }
}

/// FIXED_LEN_BYTE_ARRAY columns: PLAIN is the bytes alone, the width being in the schema.
struct FixedLenValueEncoder: ColumnValueEncoder {
    let values: FixedBuffer
    private var dictionary = ByteArrayDictionary()

    init(_ values: FixedBuffer) {
        self.values = values
    }

    static var supportsDictionary: Bool { true }
    var dictionaryCount: Int { dictionary.count }
    var dictionaryPlainSize: Int { dictionary.entries.bytes.count }

    func appendPlain(_ range: Range<Int>, validity: [Bool]?, to output: inout [UInt8]) {
        let width = values.width
        forEachNonNullRun(in: range, validity: validity) { output.append(contentsOf: values.bytes[($0.lowerBound * width)..<($0.upperBound * width)]) }
    }

    mutating func appendDictionaryIndices(_ range: Range<Int>, validity: [Bool]?, to indices: inout [UInt32]) {
        let values = self.values
        let width = values.width
        values.bytes.withUnsafeBytes { bytes in
            forEachNonNullRun(in: range, validity: validity) { run in
                for index in run {
                    let value = UnsafeRawBufferPointer(rebasing: bytes[(index * width)..<((index + 1) * width)])
                    indices.append(dictionary.index(of: value))
                }
            }
        }
    }

    func appendDictionaryPage(to output: inout [UInt8]) {
        output.append(contentsOf: dictionary.entries.bytes)
    }

    func includeValues(in ranges: [Range<Int>], validity: [Bool]?, into statistics: inout StatisticsAccumulator) {
        statistics.include(values, in: ranges, validity: validity)
    }

    func includeDictionary(into statistics: inout StatisticsAccumulator) {
        statistics.include(dictionary.entries, in: [0..<dictionary.count], validity: nil)
    }
}
