import Foundation
import SluiceTestSupport
import Testing
@testable import Parquet


// MARK: - Helpers

private func rle(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> (values: [UInt32], consumed: Int) {
    var values = [UInt32](repeating: .max, count: count)
    let consumed = try bytes.withUnsafeBytes { input in
        try values.withUnsafeMutableBufferPointer { try RLEHybrid.decode(input, bitWidth: bitWidth, count: count, into: $0.baseAddress!) }
    }
    return (values, consumed)
}

private func rleEncoded(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: bitWidth, into: &bytes) }
    return bytes
}

/// Runs a decoder over `bytes`, returning what it appended to a fresh output and the bytes it consumed.
private func decoding<T>(_ bytes: [UInt8], into initial: T, _ decode: (UnsafeRawBufferPointer, inout T) throws -> Int) throws -> (T, Int) {
    var output = initial
    let consumed = try bytes.withUnsafeBytes { try decode($0, &output) }
    return (output, consumed)
}

/// Feeds every truncation and many seeded corruptions of `bytes` to `decode`: each must throw or succeed, never trap.
private func expectNoTrap(_ bytes: [UInt8], seed: UInt64, _ decode: ([UInt8]) throws -> Void) {
    for length in 0..<bytes.count { _ = try? decode(Array(bytes[..<length])) }
    var random = SplitMix64(seed: seed)
    for _ in 0..<300 where !bytes.isEmpty {
        var corrupt = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            corrupt[Int.random(in: 0..<corrupt.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        }
        _ = try? decode(corrupt)
    }
}

private func byteArrays(_ strings: [String]) -> ByteArrayBuffer { ByteArrayBuffer(strings.map { Array($0.utf8) }) }

private func randomByteArrays(count: Int, maxLength: Int, using random: inout SplitMix64) -> ByteArrayBuffer {
    // Few distinct stems so that DELTA_BYTE_ARRAY finds shared prefixes.
    let stems = (0..<5).map { _ in (0..<Int.random(in: 0...maxLength, using: &random)).map { _ in UInt8.random(in: 97...100, using: &random) } }
    return ByteArrayBuffer((0..<count).map { _ in
        stems.randomElement(using: &random)! + (0..<Int.random(in: 0...3, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    })
}

private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

/// The data page body pyarrow writes for `values` (see Tests/tools/arrow_page_values.py).
private func arrowPage(type: String, values: Any, encoding: String) throws -> [UInt8] {
    let request = try JSONSerialization.data(withJSONObject: ["type": type, "values": values, "encoding": encoding])
    let output = String(decoding: try Python.runTool("arrow_page_values.py", stdin: request), as: UTF8.self)
    let digits = Array(output.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
}

// MARK: - RLE / bit-packed hybrid

@Suite struct RLEHybridTests {
    @Test func bitWidthForMaxValue() {
        #expect(RLEHybrid.bitWidth(forMaxValue: 0) == 0)
        #expect(RLEHybrid.bitWidth(forMaxValue: 1) == 1)
        #expect(RLEHybrid.bitWidth(forMaxValue: 7) == 3)
        #expect(RLEHybrid.bitWidth(forMaxValue: 8) == 4)
        #expect(RLEHybrid.bitWidth(forMaxValue: .max) == 32)
    }

    @Test func decodesSpecExamples() throws {
        // 0...7 at width 3, one bit-packed group (Encodings.md, RLE section).
        let packed = try rle([0x03, 0b1000_1000, 0b1100_0110, 0b1111_1010], bitWidth: 3, count: 8)
        #expect(packed.values == Array(0...7))
        #expect(packed.consumed == 4)
        // An RLE run of four 5s, then a two-byte value at width 9.
        #expect(try rle([0x08, 0x05], bitWidth: 3, count: 4).values == [5, 5, 5, 5])
        #expect(try rle([0x06, 0x2C, 0x01], bitWidth: 9, count: 3).values == [300, 300, 300])
    }

    @Test func decodesLegacyBitPackedSpecExample() throws {
        var values = [UInt32](repeating: 0, count: 8)
        let consumed = try [UInt8]([0b0000_0101, 0b0011_1001, 0b0111_0111]).withUnsafeBytes { input in
            try values.withUnsafeMutableBufferPointer { try LegacyBitPacked.decode(input, bitWidth: 3, count: 8, into: $0.baseAddress!) }
        }
        #expect(values == Array(0...7))
        #expect(consumed == 3)
    }

    @Test(arguments: 0...32)
    func roundTripsEveryBitWidth(bitWidth: Int) throws {
        var random = SplitMix64(seed: UInt64(bitWidth))
        let maxValue: UInt32 = bitWidth == 32 ? .max : (1 << UInt32(bitWidth)) - 1
        for count in [0, 1, 7, 8, 9, 63, 100, 1000, 4099] {
            let noise = (0..<count).map { _ in UInt32.random(in: 0...maxValue, using: &random) }
            // Runs of random lengths mixed with noise, so both run kinds and their boundaries occur.
            var runs: [UInt32] = []
            while runs.count < count {
                let value = UInt32.random(in: 0...maxValue, using: &random)
                runs += Int.random(in: 0..<3, using: &random) == 0
                    ? (0..<Int.random(in: 1...20, using: &random)).map { _ in UInt32.random(in: 0...maxValue, using: &random) }
                    : Array(repeating: value, count: Int.random(in: 1...40, using: &random))
            }
            for values in [noise, Array(runs.prefix(count)), Array(repeating: maxValue, count: count)] {
                let bytes = rleEncoded(values, bitWidth: bitWidth)
                let decoded = try rle(bytes + [0xEE, 0xEE], bitWidth: bitWidth, count: count)
                #expect(decoded.values == values, "width \(bitWidth), count \(count)")
                #expect(decoded.consumed == bytes.count)
            }
        }
    }

    @Test func allowsShortFinalBitPackedGroup() throws {
        // Two groups declared (16 values) but only 10 needed: 3 bytes + 1 byte hold them at width 3.
        let bytes: [UInt8] = [0x05, 0b1000_1000, 0b1100_0110, 0b1111_1010, 0b0000_1010]
        let decoded = try rle(bytes, bitWidth: 3, count: 10)
        #expect(decoded.values == Array(0...7) + [2, 1])
        #expect(decoded.consumed == 5)
        let error = #expect(throws: ParquetError.self) { try rle(Array(bytes.prefix(4)), bitWidth: 3, count: 10) }
        #expect(error?.kind == .truncated)
        #expect(error?.message == "RLE: bit-packed run at byte 0 needs 4 bytes at byte 1, 3 left")
    }

    @Test func zeroLengthRunsTerminate() throws {
        let padding = [UInt8](repeating: 0, count: 1000)
        #expect(try rle(padding + [0x06, 0x01], bitWidth: 1, count: 3).values == [1, 1, 1])
        let error = #expect(throws: ParquetError.self) { try rle(padding, bitWidth: 1, count: 3) }
        #expect(error?.kind == .truncated)
        // Zero-group literal runs also make progress.
        #expect(throws: ParquetError.self) { try rle([UInt8](repeating: 0x01, count: 1000), bitWidth: 5, count: 1) }
    }

    @Test func rejectsValuesWiderThanTheBitWidthAndBadArguments() {
        let error = #expect(throws: ParquetError.self) { try rle([0x02, 0x09], bitWidth: 3, count: 1) }
        #expect(error?.message.hasPrefix("RLE: run value 9") == true)
        #expect(throws: ParquetError.self) { try rle([0x02, 0x01], bitWidth: 33, count: 1) }
        #expect(throws: ParquetError.self) { try rle([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], bitWidth: 3, count: 1) }
    }

    @Test func survivesHostileInput() {
        var random = SplitMix64(seed: 99)
        for bitWidth in [1, 3, 11, 32] {
            let maxValue: UInt32 = bitWidth == 32 ? .max : (1 << UInt32(bitWidth)) - 1
            let values = (0..<300).map { index in index % 50 < 20 ? 1 : UInt32.random(in: 0...maxValue, using: &random) }
            let bytes = rleEncoded(values, bitWidth: bitWidth)
            expectNoTrap(bytes, seed: UInt64(bitWidth)) { corrupt in
                _ = try rle(corrupt, bitWidth: bitWidth, count: values.count)
                var legacy = [UInt32](repeating: 0, count: values.count)
                _ = try corrupt.withUnsafeBytes { input in
                    try legacy.withUnsafeMutableBufferPointer { try LegacyBitPacked.decode(input, bitWidth: bitWidth, count: values.count, into: $0.baseAddress!) }
                }
            }
        }
    }

    @Test func decodesArrowDictionaryIndicesAndBooleans() throws {
        var random = SplitMix64(seed: 5)
        let values = (0..<3000).map { index in index % 300 < 100 ? Int64(7) : Int64.random(in: 0..<1500, using: &random) }
        let page = try arrowPage(type: "int64", values: values, encoding: "DICTIONARY")
        var dictionary: [Int64: UInt32] = [:]
        let expected = values.map { value in
            if let index = dictionary[value] { return index }
            dictionary[value] = UInt32(dictionary.count)
            return UInt32(dictionary.count - 1)
        }
        let decoded = try rle(Array(page.dropFirst()), bitWidth: Int(page[0]), count: values.count)
        #expect(decoded.values == expected)
        #expect(decoded.consumed == page.count - 1)

        let booleans = (0..<1000).map { index in index % 100 < 30 || Bool.random(using: &random) }
        let booleanPage = try arrowPage(type: "bool", values: booleans, encoding: "RLE")
        // Data page v1 booleans carry a 4-byte length before the runs.
        let bits = try rle(Array(booleanPage.dropFirst(4)), bitWidth: 1, count: booleans.count)
        #expect(bits.values == booleans.map { $0 ? 1 : 0 })
        #expect(bits.consumed + 4 == booleanPage.count)
    }
}

// MARK: - PLAIN

@Suite struct PlainEncodingTests {
    @Test func fixedWidthTypesRoundTrip() throws {
        var random = SplitMix64(seed: 1)
        for count in [0, 1, 7, 8, 9, 1000] {
            let ints32 = (0..<count).map { _ in Int32.random(in: .min ... .max, using: &random) } + [.min, .max]
            var bytes: [UInt8] = []
            PlainEncoding.encode(ints32[...], into: &bytes)
            #expect(bytes.count == 4 * ints32.count)
            let (decoded32, consumed32) = try decoding(bytes + [1, 2, 3], into: [Int32(42)]) { try PlainEncoding.decodeInt32($0, count: ints32.count, appendingTo: &$1) }
            #expect(decoded32 == [42] + ints32)
            #expect(consumed32 == bytes.count)

            let ints64 = (0..<count).map { _ in Int64.random(in: .min ... .max, using: &random) } + [.min, .max]
            bytes = []
            PlainEncoding.encode(ints64[...], into: &bytes)
            #expect(try decoding(bytes, into: []) { try PlainEncoding.decodeInt64($0, count: ints64.count, appendingTo: &$1) }.0 == ints64)

            let floats = (0..<count).map { _ in Float.random(in: -1e6...1e6, using: &random) } + [.infinity, -0.0]
            bytes = []
            PlainEncoding.encode(floats[...], into: &bytes)
            #expect(try decoding(bytes, into: []) { try PlainEncoding.decodeFloat($0, count: floats.count, appendingTo: &$1) }.0 == floats)

            let doubles = (0..<count).map { _ in Double.random(in: -1e300...1e300, using: &random) } + [.greatestFiniteMagnitude]
            bytes = []
            PlainEncoding.encode(doubles[...], into: &bytes)
            #expect(try decoding(bytes, into: []) { try PlainEncoding.decodeDouble($0, count: doubles.count, appendingTo: &$1) }.0 == doubles)

            let int96s = (0..<count).map { _ in Int96(nanosOfDay: random.next(), julianDay: UInt32.random(in: 0 ... .max, using: &random)) }
            bytes = []
            PlainEncoding.encode(int96s[...], into: &bytes)
            #expect(bytes.count == 12 * count)
            #expect(try decoding(bytes, into: []) { try PlainEncoding.decodeInt96($0, count: count, appendingTo: &$1) }.0 == int96s)
        }
    }

    @Test func layoutsMatchTheSpec() throws {
        var bytes: [UInt8] = []
        PlainEncoding.encode([Int96(nanosOfDay: 0x0102_0304_0506_0708, julianDay: 0x0A0B_0C0D)][...], into: &bytes)
        #expect(bytes == [8, 7, 6, 5, 4, 3, 2, 1, 0x0D, 0x0C, 0x0B, 0x0A])
        bytes = []
        PlainEncoding.encode([Int32(-2)][...], into: &bytes)
        #expect(bytes == [0xFE, 0xFF, 0xFF, 0xFF])
        bytes = []
        PlainEncoding.encode([true, false, false, true, true, false, false, false, true][...], into: &bytes)
        #expect(bytes == [0b0001_1001, 0b0000_0001])
    }

    @Test func booleansRoundTrip() throws {
        var random = SplitMix64(seed: 2)
        for count in [0, 1, 7, 8, 9, 1001] {
            let values = (0..<count).map { _ in Bool.random(using: &random) }
            var bytes: [UInt8] = []
            PlainEncoding.encode(values[...], into: &bytes)
            let (decoded, consumed) = try decoding(bytes + [0xFF], into: [true]) { try PlainEncoding.decodeBooleans($0, count: count, appendingTo: &$1) }
            #expect(decoded == [true] + values)
            #expect(consumed == (count + 7) / 8)
        }
    }

    @Test func byteArraysAndFixedRoundTrip() throws {
        var random = SplitMix64(seed: 3)
        for count in [0, 1, 9, 500] {
            let values = randomByteArrays(count: count, maxLength: 30, using: &random)
            var bytes: [UInt8] = []
            PlainEncoding.encode(values, range: 0..<count, into: &bytes)
            #expect(bytes.count == values.bytes.count + 4 * count)
            let initial = byteArrays(["prior"])
            let (decoded, consumed) = try decoding(bytes + [9, 9], into: initial) { try PlainEncoding.decodeByteArrays($0, count: count, appendingTo: &$1) }
            #expect(decoded == ByteArrayBuffer([Array("prior".utf8)] + (0..<count).map { Array(values[$0]) }))
            #expect(consumed == bytes.count)

            let fixed = (0..<count * 5).map { _ in UInt8.random(in: 0...255, using: &random) }
            let (decodedFixed, consumedFixed) = try decoding(fixed, into: [UInt8]()) { try PlainEncoding.decodeFixed($0, count: count, width: 5, appendingTo: &$1) }
            #expect(decodedFixed == fixed)
            #expect(consumedFixed == fixed.count)
        }
        var middle: [UInt8] = []
        PlainEncoding.encode(byteArrays(["a", "bc", "def", ""]), range: 1..<3, into: &middle)
        #expect(middle == [2, 0, 0, 0, 98, 99, 3, 0, 0, 0, 100, 101, 102])
    }

    @Test func rejectsShortInputAndHostileCounts() throws {
        var bytes: [UInt8] = []
        PlainEncoding.encode(byteArrays(["hello", "world"]), range: 0..<2, into: &bytes)
        for length in 0..<bytes.count {
            var output = byteArrays(["x"])
            #expect(throws: ParquetError.self) {
                try Array(bytes[..<length]).withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: 2, appendingTo: &output) }
            }
            // A failed decode leaves the output as it was.
            #expect(output == byteArrays(["x"]))
        }
        let error = #expect(throws: ParquetError.self) {
            try decoding([1, 2, 3], into: [Int64]()) { try PlainEncoding.decodeInt64($0, count: Int.max / 2, appendingTo: &$1) }
        }
        #expect(error?.kind == .truncated)
        #expect(throws: ParquetError.self) { try decoding([], into: [Int32]()) { try PlainEncoding.decodeInt32($0, count: -1, appendingTo: &$1) } }
        #expect(throws: ParquetError.self) { try decoding([1], into: [UInt8]()) { try PlainEncoding.decodeFixed($0, count: Int.max, width: 3, appendingTo: &$1) } }
        #expect(throws: ParquetError.self) { try decoding([1], into: [Bool]()) { try PlainEncoding.decodeBooleans($0, count: 9, appendingTo: &$1) } }
        expectNoTrap(bytes, seed: 4) { corrupt in
            _ = try decoding(corrupt, into: ByteArrayBuffer()) { try PlainEncoding.decodeByteArrays($0, count: 2, appendingTo: &$1) }
        }
    }
}

// MARK: - DELTA_BINARY_PACKED

@Suite struct DeltaBinaryPackedTests {
    /// The spec's two examples, re-laid out with a valid block (128 values in 4 miniblocks of 32).
    static let example1: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, /* block */ 0x02, 0, 0, 0, 0]
    static let example2: [UInt8] = [0x80, 0x01, 0x04, 0x08, 0x0E, /* block */ 0x03, 2, 0, 0, 0, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0]

    @Test func decodesSpecExamples() throws {
        let (first, firstConsumed) = try decoding(Self.example1, into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: 5, appendingTo: &$1) }
        #expect(first == [1, 2, 3, 4, 5])
        #expect(firstConsumed == Self.example1.count)
        let (second, secondConsumed) = try decoding(Self.example2, into: [Int64]()) { try DeltaBinaryPacked.decodeInt64($0, count: 8, appendingTo: &$1) }
        #expect(second == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(secondConsumed == Self.example2.count)
        // Widths of unused miniblocks may hold anything; their bodies are absent.
        var junkWidths = Self.example2
        junkWidths.replaceSubrange(7..<10, with: [0xFF, 0x41, 0x99])
        #expect(try decoding(junkWidths, into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: 8, appendingTo: &$1) }.0 == [7, 5, 3, 1, 2, 3, 4, 5])
    }

    @Test func encodesSpecExamplesExactly() {
        var bytes: [UInt8] = []
        DeltaBinaryPacked.encode([Int32(1), 2, 3, 4, 5][...], into: &bytes)
        #expect(bytes == Self.example1)
        bytes = []
        DeltaBinaryPacked.encode([Int64(7), 5, 3, 1, 2, 3, 4, 5][...], into: &bytes)
        #expect(bytes == Self.example2)
    }

    @Test func roundTripsIncludingOverflowingDeltas() throws {
        var random = SplitMix64(seed: 6)
        for count in [0, 1, 2, 31, 32, 33, 127, 128, 129, 1000, 5000] {
            let shapes64: [[Int64]] = [
                (0..<count).map { _ in Int64.random(in: .min ... .max, using: &random) },
                (0..<count).map { $0 % 2 == 0 ? .min : .max },
                Array(repeating: -5, count: count),
                (0..<count).map { Int64($0) * 1000 + Int64.random(in: -3...3, using: &random) },
            ]
            for values in shapes64 {
                var bytes: [UInt8] = []
                DeltaBinaryPacked.encode(values[...], into: &bytes)
                let (decoded, consumed) = try decoding(bytes + [0xAB], into: [Int64(1)]) { try DeltaBinaryPacked.decodeInt64($0, count: count, appendingTo: &$1) }
                #expect(decoded == [1] + values, "count \(count)")
                #expect(consumed == bytes.count)
            }
            let shapes32: [[Int32]] = [
                (0..<count).map { _ in Int32.random(in: .min ... .max, using: &random) },
                (0..<count).map { $0 % 3 == 0 ? .min : .max },
                Array(repeating: .max, count: count),
            ]
            for values in shapes32 {
                var bytes: [UInt8] = []
                DeltaBinaryPacked.encode(values[...], into: &bytes)
                let (decoded, consumed) = try decoding(bytes, into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: count, appendingTo: &$1) }
                #expect(decoded == values, "count \(count)")
                #expect(consumed == bytes.count)
            }
        }
    }

    @Test func decodingFewerValuesStillConsumesTheWholeStream() throws {
        let values = (0..<300).map { Int32($0 * $0) }
        var bytes: [UInt8] = []
        DeltaBinaryPacked.encode(values[...], into: &bytes)
        let (decoded, consumed) = try decoding(bytes + [7, 7], into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: 140, appendingTo: &$1) }
        #expect(decoded == Array(values.prefix(140)))
        #expect(consumed == bytes.count)
        let error = #expect(throws: ParquetError.self) {
            try decoding(bytes, into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: 301, appendingTo: &$1) }
        }
        #expect(error?.message == "DELTA_BINARY_PACKED: header holds 300 values, 301 expected")
    }

    @Test func rejectsCorruptHeadersAndWidths() {
        func decode64(_ bytes: [UInt8], count: Int) throws { _ = try decoding(bytes, into: [Int64]()) { try DeltaBinaryPacked.decodeInt64($0, count: count, appendingTo: &$1) } }
        let wide = #expect(throws: ParquetError.self) { try decode64([0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 70, 0, 0, 0] + [UInt8](repeating: 0, count: 300), count: 2) }
        #expect(wide?.message == "DELTA_BINARY_PACKED: miniblock bit width 70 at byte 6 exceeds 64")
        let wide32 = #expect(throws: ParquetError.self) {
            try decoding([0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 33, 0, 0, 0] + [UInt8](repeating: 0, count: 300), into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: 2, appendingTo: &$1) }
        }
        #expect(wide32?.message.contains("exceeds 32") == true)
        #expect(throws: ParquetError.self) { try decode64([0x08, 0x01, 0x05, 0x02, 0x02, 0x00], count: 5) }  // block size 8
        #expect(throws: ParquetError.self) { try decode64([0x80, 0x01, 0x03, 0x05, 0x02, 0x02, 0, 0, 0], count: 5) }  // 3 miniblocks
        #expect(throws: ParquetError.self) { try decode64([0x80, 0x01, 0x00, 0x05, 0x02], count: 5) }
        // A block that needs 32 * 10 / 8 = 40 bytes of miniblock but has fewer.
        let short = #expect(throws: ParquetError.self) { try decode64([0x80, 0x01, 0x04, 0x05, 0x02, 0x00, 10, 0, 0, 0] + [UInt8](repeating: 0, count: 39), count: 5) }
        #expect(short?.kind == .truncated)
    }

    @Test func survivesHostileInput() {
        var random = SplitMix64(seed: 8)
        let values = (0..<400).map { _ in Int64.random(in: -1_000_000...1_000_000, using: &random) }
        var bytes: [UInt8] = []
        DeltaBinaryPacked.encode(values[...], into: &bytes)
        expectNoTrap(bytes, seed: 9) { corrupt in
            _ = try decoding(corrupt, into: [Int64]()) { try DeltaBinaryPacked.decodeInt64($0, count: values.count, appendingTo: &$1) }
            _ = try decoding(corrupt, into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: 10, appendingTo: &$1) }
        }
    }

    @Test func decodesArrowOutput() throws {
        var random = SplitMix64(seed: 10)
        let int64s = (0..<2000).map { index in index < 1000 ? Int64(index) * 3 : Int64.random(in: .min ... .max, using: &random) } + [.min, .max, 0]
        let page64 = try arrowPage(type: "int64", values: int64s.map { NSNumber(value: $0) }, encoding: "DELTA_BINARY_PACKED")
        let (decoded64, consumed64) = try decoding(page64, into: [Int64]()) { try DeltaBinaryPacked.decodeInt64($0, count: int64s.count, appendingTo: &$1) }
        #expect(decoded64 == int64s)
        #expect(consumed64 == page64.count)

        let int32s = (0..<777).map { _ in Int32.random(in: .min ... .max, using: &random) }
        let page32 = try arrowPage(type: "int32", values: int32s.map { NSNumber(value: $0) }, encoding: "DELTA_BINARY_PACKED")
        let (decoded32, consumed32) = try decoding(page32, into: [Int32]()) { try DeltaBinaryPacked.decodeInt32($0, count: int32s.count, appendingTo: &$1) }
        #expect(decoded32 == int32s)
        #expect(consumed32 == page32.count)
        // Our encoder lays blocks out as Arrow does, so the bytes agree too.
        var ours: [UInt8] = []
        DeltaBinaryPacked.encode(int32s[...], into: &ours)
        #expect(ours == page32)
    }
}

// MARK: - Byte array encodings

@Suite struct DeltaByteArrayTests {
    @Test func deltaLengthSpecExample() throws {
        let values = byteArrays(["Hello", "World", "Foobar", "ABCDEF"])
        var bytes: [UInt8] = []
        DeltaLengthByteArray.encode(values, range: 0..<4, into: &bytes)
        #expect(bytes.suffix(22) == Array("HelloWorldFoobarABCDEF".utf8)[...])
        var lengths: [Int32] = []
        _ = try bytes.withUnsafeBytes { try DeltaBinaryPacked.decodeInt32($0, count: 4, appendingTo: &lengths) }
        #expect(lengths == [5, 5, 6, 6])
        let (decoded, consumed) = try decoding(bytes + [0], into: ByteArrayBuffer()) { try DeltaLengthByteArray.decode($0, count: 4, appendingTo: &$1) }
        #expect(decoded == values)
        #expect(consumed == bytes.count)
    }

    @Test func deltaStringsSpecExample() throws {
        let values = byteArrays(["axis", "axle", "babble", "babyhood"])
        var bytes: [UInt8] = []
        DeltaByteArray.encode(values, range: 0..<4, into: &bytes)
        #expect(bytes.suffix(17) == Array("axislebabbleyhood".utf8)[...])
        var prefixes: [Int32] = []
        let prefixBytes = try bytes.withUnsafeBytes { try DeltaBinaryPacked.decodeInt32($0, count: 4, appendingTo: &prefixes) }
        #expect(prefixes == [0, 2, 0, 3])
        var suffixes: [Int32] = []
        _ = try Array(bytes[prefixBytes...]).withUnsafeBytes { try DeltaBinaryPacked.decodeInt32($0, count: 4, appendingTo: &suffixes) }
        #expect(suffixes == [4, 2, 6, 5])
        let (decoded, consumed) = try decoding(bytes, into: byteArrays(["before"])) { try DeltaByteArray.decode($0, count: 4, appendingTo: &$1) }
        #expect(decoded == byteArrays(["before", "axis", "axle", "babble", "babyhood"]))
        #expect(consumed == bytes.count)
    }

    @Test func roundTripRandomValuesAndSubranges() throws {
        var random = SplitMix64(seed: 11)
        for count in [0, 1, 2, 129, 1500] {
            let values = randomByteArrays(count: count + 3, maxLength: 40, using: &random)
            let range = 2..<(count + 2)
            let expected = ByteArrayBuffer(range.map { Array(values[$0]) })
            var dlba: [UInt8] = []
            DeltaLengthByteArray.encode(values, range: range, into: &dlba)
            let (decodedLengths, consumedLengths) = try decoding(dlba + [1], into: ByteArrayBuffer()) { try DeltaLengthByteArray.decode($0, count: count, appendingTo: &$1) }
            #expect(decodedLengths == expected)
            #expect(consumedLengths == dlba.count)
            var dba: [UInt8] = []
            DeltaByteArray.encode(values, range: range, into: &dba)
            let (decodedStrings, consumedStrings) = try decoding(dba + [1], into: ByteArrayBuffer()) { try DeltaByteArray.decode($0, count: count, appendingTo: &$1) }
            #expect(decodedStrings == expected)
            #expect(consumedStrings == dba.count)
        }
    }

    @Test func emptyValuesTakeNoBytes() throws {
        let values = ByteArrayBuffer(Array(repeating: [UInt8](), count: 300))
        var plain: [UInt8] = [], dlba: [UInt8] = [], dba: [UInt8] = []
        PlainEncoding.encode(values, range: 0..<300, into: &plain)
        DeltaLengthByteArray.encode(values, range: 0..<300, into: &dlba)
        DeltaByteArray.encode(values, range: 0..<300, into: &dba)
        #expect(try decoding(plain, into: ByteArrayBuffer()) { try PlainEncoding.decodeByteArrays($0, count: 300, appendingTo: &$1) } == (values, plain.count))
        #expect(try decoding(dlba, into: ByteArrayBuffer()) { try DeltaLengthByteArray.decode($0, count: 300, appendingTo: &$1) } == (values, dlba.count))
        #expect(try decoding(dba, into: ByteArrayBuffer()) { try DeltaByteArray.decode($0, count: 300, appendingTo: &$1) } == (values, dba.count))
    }

    @Test func failedDecodesLeaveTheOutputAsItWas() {
        var random = SplitMix64(seed: 17)
        let values = randomByteArrays(count: 200, maxLength: 10, using: &random)
        var dlba: [UInt8] = [], dba: [UInt8] = []
        DeltaLengthByteArray.encode(values, range: 0..<200, into: &dlba)
        DeltaByteArray.encode(values, range: 0..<200, into: &dba)
        for length in stride(from: 0, to: dba.count, by: 7) {
            var output = byteArrays(["kept"])
            _ = try? Array(dlba.prefix(length)).withUnsafeBytes { try DeltaLengthByteArray.decode($0, count: 200, appendingTo: &output) }
            _ = try? Array(dba.prefix(length)).withUnsafeBytes { try DeltaByteArray.decode($0, count: 200, appendingTo: &output) }
            #expect(output == byteArrays(["kept"]) || length >= dlba.count)
            var ints: [Int32] = [1]
            _ = try? Array(dlba.prefix(length)).withUnsafeBytes { try DeltaBinaryPacked.decodeInt32($0, count: 200, appendingTo: &ints) }
            #expect(ints == [1] || ints.count == 201)
        }
    }

    @Test func rejectsImpossiblePrefixesAndLengths() throws {
        // Prefix lengths [1]: the first value has no predecessor to share with.
        var bytes: [UInt8] = []
        DeltaBinaryPacked.encode([Int32(1)][...], into: &bytes)
        DeltaBinaryPacked.encode([Int32(2)][...], into: &bytes)
        bytes += [65, 66]
        let error = #expect(throws: ParquetError.self) { try decoding(bytes, into: ByteArrayBuffer()) { try DeltaByteArray.decode($0, count: 1, appendingTo: &$1) } }
        #expect(error?.message == "DELTA_BYTE_ARRAY: value 0 has prefix length 1 but the previous value has 0 bytes")
        var lengths: [UInt8] = []
        DeltaBinaryPacked.encode([Int32(3), -1][...], into: &lengths)
        #expect(throws: ParquetError.self) { try decoding(lengths + [1, 2, 3], into: ByteArrayBuffer()) { try DeltaLengthByteArray.decode($0, count: 2, appendingTo: &$1) } }
        var long: [UInt8] = []
        DeltaBinaryPacked.encode([Int32(4)][...], into: &long)
        let short = #expect(throws: ParquetError.self) { try decoding(long + [1, 2, 3], into: ByteArrayBuffer()) { try DeltaLengthByteArray.decode($0, count: 1, appendingTo: &$1) } }
        #expect(short?.kind == .truncated)
    }

    @Test func survivesHostileInput() {
        var random = SplitMix64(seed: 12)
        let values = randomByteArrays(count: 60, maxLength: 12, using: &random)
        var dlba: [UInt8] = [], dba: [UInt8] = []
        DeltaLengthByteArray.encode(values, range: 0..<60, into: &dlba)
        DeltaByteArray.encode(values, range: 0..<60, into: &dba)
        expectNoTrap(dlba, seed: 13) { corrupt in
            _ = try decoding(corrupt, into: ByteArrayBuffer()) { try DeltaLengthByteArray.decode($0, count: 60, appendingTo: &$1) }
        }
        expectNoTrap(dba, seed: 14) { corrupt in
            _ = try decoding(corrupt, into: ByteArrayBuffer()) { try DeltaByteArray.decode($0, count: 60, appendingTo: &$1) }
        }
    }

    @Test func decodesArrowOutput() throws {
        var random = SplitMix64(seed: 15)
        let values = randomByteArrays(count: 700, maxLength: 25, using: &random)
        let hexValues = (0..<values.count).map { hex(Array(values[$0])) }
        for encoding in ["DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY"] {
            let page = try arrowPage(type: "binary", values: hexValues, encoding: encoding)
            let (decoded, consumed) = try decoding(page, into: ByteArrayBuffer()) { input, output in
                encoding == "DELTA_BYTE_ARRAY"
                    ? try DeltaByteArray.decode(input, count: values.count, appendingTo: &output)
                    : try DeltaLengthByteArray.decode(input, count: values.count, appendingTo: &output)
            }
            #expect(decoded == values, "\(encoding)")
            #expect(consumed == page.count)
        }
        let plain = try arrowPage(type: "binary", values: hexValues, encoding: "PLAIN")
        var ours: [UInt8] = []
        PlainEncoding.encode(values, range: 0..<values.count, into: &ours)
        #expect(ours == plain)
    }
}

// MARK: - BYTE_STREAM_SPLIT

@Suite struct ByteStreamSplitTests {
    @Test func specExample() throws {
        let values: [UInt8] = [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6]
        let split: [UInt8] = [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6]
        var bytes: [UInt8] = []
        values.withUnsafeBytes { ByteStreamSplit.encode($0, width: 4, into: &bytes) }
        #expect(bytes == split)
        let (decoded, consumed) = try decoding(split, into: [UInt8]()) { try ByteStreamSplit.decode($0, count: 3, width: 4, appendingTo: &$1) }
        #expect(decoded == values)
        #expect(consumed == 12)
    }

    @Test(arguments: [1, 2, 3, 4, 8, 12, 16])
    func roundTrips(width: Int) throws {
        var random = SplitMix64(seed: UInt64(width))
        for count in [0, 1, 5, 1000] {
            let values = (0..<count * width).map { _ in UInt8.random(in: 0...255, using: &random) }
            var bytes: [UInt8] = []
            values.withUnsafeBytes { ByteStreamSplit.encode($0, width: width, into: &bytes) }
            let (decoded, consumed) = try decoding(bytes + [1], into: [UInt8(9)]) { try ByteStreamSplit.decode($0, count: count, width: width, appendingTo: &$1) }
            #expect(decoded == [9] + values)
            #expect(consumed == values.count)
        }
        #expect(throws: ParquetError.self) { try decoding([1, 2, 3], into: [UInt8]()) { try ByteStreamSplit.decode($0, count: Int.max, width: width, appendingTo: &$1) } }
    }

    @Test func decodesArrowOutput() throws {
        var random = SplitMix64(seed: 16)
        let doubles = (0..<500).map { _ in Double.random(in: -1e9...1e9, using: &random) }
        let page = try arrowPage(type: "double", values: doubles, encoding: "BYTE_STREAM_SPLIT")
        let (decoded, consumed) = try decoding(page, into: [UInt8]()) { try ByteStreamSplit.decode($0, count: doubles.count, width: 8, appendingTo: &$1) }
        #expect(consumed == page.count)
        #expect(decoded == doubles.withUnsafeBytes { Array($0) })
    }
}
