import Foundation
import SluiceTestSupport
import Testing
@testable import Parquet

/// The codecs with a pyarrow counterpart of the same format.
enum TestCodec: String, CaseIterable, Sendable {
    case snappy
    case lz4Raw = "lz4_raw"
    case gzip

    func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        try bytes.withUnsafeBytes { input in
            switch self {
            case .snappy: Snappy.compress(input)
            case .lz4Raw: LZ4.compressRaw(input)
            case .gzip: try Gzip.compress(input)
            }
        }
    }

    func decompress(_ bytes: [UInt8], size: Int) throws -> [UInt8] {
        try bytes.withUnsafeBytes { input in
            switch self {
            case .snappy: try Snappy.decompress(input, uncompressedSize: size)
            case .lz4Raw: try LZ4.decompressRaw(input, uncompressedSize: size)
            case .gzip: try Gzip.decompress(input, uncompressedSize: size)
            }
        }
    }

    /// How error messages name the codec.
    var messagePrefix: String { self == .lz4Raw ? "lz4" : rawValue }
}

@Suite struct CodecTests {
    // MARK: Agreement with pyarrow

    @Test(arguments: TestCodec.allCases)
    func decodesWhatPyarrowEncodes(_ codec: TestCodec) throws {
        let samples = CodecSamples.all
        let compressed = try CodecOracle.compress(samples.map(\.bytes), codec: codec.rawValue)
        for (sample, packed) in zip(samples, compressed) {
            let decoded = try codec.decompress(packed, size: sample.bytes.count)
            #expect(decoded == sample.bytes, "\(codec) sample \(sample.name)")
        }
    }

    @Test(arguments: TestCodec.allCases)
    func pyarrowDecodesWhatWeEncode(_ codec: TestCodec) throws {
        let samples = CodecSamples.all
        let ours = try samples.map { try codec.compress($0.bytes) }
        let decoded = try CodecOracle.decompress(zip(ours, samples).map { ($0, $1.bytes.count) }, codec: codec.rawValue)
        #expect(decoded.count == samples.count)
        for (sample, result) in zip(samples, decoded) {
            #expect(result == sample.bytes, "\(codec) sample \(sample.name)")
        }
        // Our own decoder must agree too, so the writer's pages read back without pyarrow.
        for (sample, packed) in zip(samples, ours) {
            #expect(try codec.decompress(packed, size: sample.bytes.count) == sample.bytes, "\(codec) sample \(sample.name)")
        }
    }

    /// The compressors are real LZ77 searches: close to the reference ratio, not just valid.
    @Test(arguments: TestCodec.allCases)
    func compressesAboutAsWellAsPyarrow(_ codec: TestCodec) throws {
        let samples = CodecSamples.all.filter { $0.bytes.count >= 1000 }
        let theirs = try CodecOracle.compress(samples.map(\.bytes), codec: codec.rawValue)
        // Our LZ4 compressor probes one candidate per position, so it may trail the reference a little.
        let (numerator, denominator) = codec == .lz4Raw ? (13, 10) : (11, 10)
        for (sample, reference) in zip(samples, theirs) {
            let ours = try codec.compress(sample.bytes)
            #expect(ours.count <= reference.count * numerator / denominator + 64,
                    "\(codec) sample \(sample.name): \(ours.count) bytes, pyarrow \(reference.count)")
        }
    }

    @Test func parquetTestingPagesDecodeAsPyarrowDecodesThem() throws {
        let files = ["hadoop_lz4_compressed.parquet", "hadoop_lz4_compressed_larger.parquet", "non_hadoop_lz4_compressed.parquet",
                     "lz4_raw_compressed.parquet", "lz4_raw_compressed_larger.parquet", "concatenated_gzip_members.parquet"]
        for file in files {
            let pages = try CodecOracle.pages(ofTestFile: file)
            #expect(!pages.isEmpty, "\(file)")
            for page in pages {
                let decoded = try page.compressed.withUnsafeBytes { input in
                    switch page.codec {
                    case "LZ4_HADOOP": try LZ4.decompressHadoopOrRaw(input, uncompressedSize: page.plain.count)
                    case "LZ4": try LZ4.decompressRaw(input, uncompressedSize: page.plain.count)
                    case "GZIP": try Gzip.decompress(input, uncompressedSize: page.plain.count)
                    default: throw ParquetError.unsupported("test does not expect codec \(page.codec)")
                    }
                }
                #expect(decoded == page.plain, "\(file) \(page.codec) page")
            }
        }
    }

    /// The page-level entry point the reader and writer use routes to these codecs.
    @Test(arguments: [CompressionCodec.snappy, .gzip, .lz4Raw])
    func compressionCodecRoundTrips(_ codec: CompressionCodec) throws {
        let data = CodecSamples.mixed(100_000, seed: 12)
        let packed = try data.withUnsafeBytes { try codec.compress($0) }
        #expect(packed.count < data.count)
        #expect(try packed.withUnsafeBytes { try codec.decompress($0, uncompressedSize: data.count) } == data)
    }

    // MARK: LZ4 with Hadoop framing

    @Test func hadoopFramesAndBareBlocksBothDecode() throws {
        let data = CodecSamples.mixed(200_000, seed: 11)
        let pieces = [Array(data[..<70_000]), Array(data[70_000..<70_001]), Array(data[70_001...])]
        let blocks = try CodecOracle.compress([data] + pieces, codec: "lz4_raw")
        func frame(_ plain: [UInt8], _ block: [UInt8]) -> [UInt8] {
            bigEndian(plain.count) + bigEndian(block.count) + block
        }
        let single = frame(data, blocks[0])
        let several = zip(pieces, blocks[1...]).flatMap { frame($0, $1) }
        for input in [single, several, blocks[0]] {
            let decoded = try input.withUnsafeBytes { try LZ4.decompressHadoopOrRaw($0, uncompressedSize: data.count) }
            #expect(decoded == data)
        }
        // Frames that do not add up to the page size are not Hadoop framing, and not a valid bare block either.
        let short = frame(pieces[0], blocks[1])
        #expect(throws: ParquetError.self) {
            try short.withUnsafeBytes { try LZ4.decompressHadoopOrRaw($0, uncompressedSize: data.count) }
        }
    }

    // MARK: Every element form, including those the compressors never emit

    @Test func snappyDecodesEveryElementForm() throws {
        for seed in UInt64(0)..<40 {
            let (stream, expected) = ReferenceStreams.snappy(seed: seed)
            let decoded = try stream.withUnsafeBytes { try Snappy.decompress($0, uncompressedSize: expected.count) }
            #expect(decoded == expected, "seed \(seed)")
        }
    }

    @Test func lz4DecodesEveryElementForm() throws {
        for seed in UInt64(0)..<40 {
            let (stream, expected) = ReferenceStreams.lz4(seed: seed)
            let decoded = try stream.withUnsafeBytes { try LZ4.decompressRaw($0, uncompressedSize: expected.count) }
            #expect(decoded == expected, "seed \(seed)")
        }
    }

    @Test func gzipDecodesConcatenatedMembersAndZlibStreams() throws {
        let parts = [CodecSamples.text(50_000, seed: 21), [], CodecSamples.mixed(30_000, seed: 22)]
        let members = try CodecOracle.compress(parts, codec: "gzip").flatMap { $0 }
        let whole = parts.flatMap { $0 }
        #expect(try TestCodec.gzip.decompress(members, size: whole.count) == whole)
        let zlibStream = try [UInt8](Python.run("import sys, zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))",
                                                stdin: Data(whole)))
        #expect(try TestCodec.gzip.decompress(zlibStream, size: whole.count) == whole)
    }

    // MARK: Hostile input

    @Test(arguments: TestCodec.allCases)
    func truncatedInputThrows(_ codec: TestCodec) throws {
        let data = CodecSamples.mixed(20_000, seed: 31)
        let compressed = try codec.compress(data)
        var cuts = Array(stride(from: 0, to: compressed.count, by: max(1, compressed.count / 300)))
        cuts += (max(0, compressed.count - 40)..<compressed.count)
        for cut in cuts {
            #expect(throws: ParquetError.self, "\(codec) cut at \(cut) of \(compressed.count)") {
                try codec.decompress(Array(compressed[..<cut]), size: data.count)
            }
        }
    }

    @Test(arguments: TestCodec.allCases)
    func wrongUncompressedSizeThrows(_ codec: TestCodec) throws {
        let data = CodecSamples.text(10_000, seed: 32)
        let compressed = try codec.compress(data)
        for size in [-1, 0, 1, data.count - 1, data.count + 1, data.count * 2] {
            #expect(throws: ParquetError.self, "\(codec) size \(size)") { try codec.decompress(compressed, size: size) }
        }
        let error = #expect(throws: ParquetError.self) { try codec.decompress(compressed, size: data.count - 1) }
        #expect(error?.message.hasPrefix(codec.messagePrefix) == true, "\(String(describing: error))")
    }

    /// Snappy and LZ4 have no checksum, so a corrupted stream may decode; it must then still fill exactly the page.
    @Test(arguments: TestCodec.allCases)
    func corruptedInputThrowsOrKeepsTheSize(_ codec: TestCodec) throws {
        let data = CodecSamples.mixed(8_000, seed: 33)
        let compressed = try codec.compress(data)
        var generator = SplitMix64(seed: 34)
        for _ in 0..<600 {
            var damaged = compressed
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            expectThrowsOrFills(data.count) { try codec.decompress(damaged, size: data.count) }
            expectThrowsOrFills(data.count) {
                try damaged.withUnsafeBytes { try LZ4.decompressHadoopOrRaw($0, uncompressedSize: data.count) }
            }
        }
    }

    @Test(arguments: TestCodec.allCases)
    func randomBytesNeverCrash(_ codec: TestCodec) throws {
        var generator = SplitMix64(seed: 35)
        for _ in 0..<500 {
            let garbage = CodecSamples.bytes(Int.random(in: 0...300, using: &generator), seed: generator.next())
            let size = Int.random(in: 0...2000, using: &generator)
            expectThrowsOrFills(size) { try codec.decompress(garbage, size: size) }
            expectThrowsOrFills(size) {
                try garbage.withUnsafeBytes { try LZ4.decompressHadoopOrRaw($0, uncompressedSize: size) }
            }
        }
    }

    @Test func hostileLengthsAreRejectedWithoutAllocating() throws {
        // A Snappy literal claiming 4 GiB, and an LZ4 length run of 255s far past the output.
        let snappy: [UInt8] = [0x0A, 63 << 2, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2]
        #expect(throws: ParquetError.self) { try TestCodec.snappy.decompress(snappy, size: 10) }
        let lz4: [UInt8] = [0xF0] + [UInt8](repeating: 255, count: 10_000) + [1]
        #expect(throws: ParquetError.self) { try TestCodec.lz4Raw.decompress(lz4, size: 100) }
        // Copies reaching before the start of the output.
        #expect(throws: ParquetError.self) { try TestCodec.snappy.decompress([0x08, 0x00, 0x61, 0x0D, 0x05], size: 8) }
        #expect(throws: ParquetError.self) { try TestCodec.lz4Raw.decompress([0x14, 0x61, 0x02, 0x00, 0x00], size: 9) }
        // Offset zero.
        #expect(throws: ParquetError.self) { try TestCodec.snappy.decompress([0x08, 0x00, 0x61, 0x0D, 0x00], size: 8) }
        #expect(throws: ParquetError.self) { try TestCodec.lz4Raw.decompress([0x14, 0x61, 0x00, 0x00, 0x00], size: 9) }
    }

    private func expectThrowsOrFills(_ size: Int, _ body: () throws -> [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let output = try body()
            #expect(output.count == size, sourceLocation: sourceLocation)
        } catch is ParquetError {
        } catch {
            Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        }
    }

    private func bigEndian(_ value: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt32(value).bigEndian) { Array($0) }
    }
}

/// Streams built element by element, with the output each must decode to,
/// covering forms real compressors rarely or never produce: 4-byte Snappy
/// offsets, long literal lengths with extra bytes, non-minimal encodings,
/// overlapping copies at every short distance, and copies ending at the very end.
enum ReferenceStreams {
    static func snappy(seed: UInt64) -> (stream: [UInt8], expected: [UInt8]) {
        var generator = SplitMix64(seed: seed)
        var expected: [UInt8] = []
        var body: [UInt8] = []
        for _ in 0..<Int.random(in: 1...200, using: &generator) {
            if expected.isEmpty || Int.random(in: 0..<3, using: &generator) == 0 {
                let length = [Int.random(in: 1...16, using: &generator), Int.random(in: 17...70, using: &generator),
                              Int.random(in: 200...70_000, using: &generator)][Int.random(in: 0..<3, using: &generator) % (seed % 2 == 0 ? 2 : 3)]
                let literal = CodecSamples.bytes(length, seed: generator.next())
                // Length bytes: the minimal count, or (equally valid) more.
                let minimal = length - 1 < 60 ? 0 : (length - 1 < 256 ? 1 : (length - 1 < 65_536 ? 2 : 3))
                let extra = Int.random(in: minimal...4, using: &generator)
                if extra == 0 {
                    body.append(UInt8((length - 1) << 2))
                } else {
                    body.append(UInt8((59 + extra) << 2))
                    for i in 0..<extra { body.append(UInt8(truncatingIfNeeded: (length - 1) >> (8 * i))) }
                }
                body += literal
                expected += literal
            } else {
                let kind = Int.random(in: 1...3, using: &generator)
                let nearby = Int.random(in: 0..<2, using: &generator) == 0
                let maxOffset = min(expected.count, kind == 1 ? 2047 : (kind == 2 ? 65_535 : Int.max))
                let offset = nearby ? Int.random(in: 1...min(maxOffset, 20), using: &generator) : Int.random(in: 1...maxOffset, using: &generator)
                let length = kind == 1 ? Int.random(in: 4...11, using: &generator) : Int.random(in: 1...64, using: &generator)
                switch kind {
                case 1: body += [UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5), UInt8(offset & 0xFF)]
                case 2: body += [UInt8(2 | (length - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8)]
                default: body += [UInt8(3 | (length - 1) << 2)] + (0..<4).map { UInt8(truncatingIfNeeded: offset >> (8 * $0)) }
                }
                for _ in 0..<length { expected.append(expected[expected.count - offset]) }
            }
        }
        var preamble: [UInt8] = []
        var length = expected.count
        while length >= 0x80 {
            preamble.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        preamble.append(UInt8(length))
        return (preamble + body, expected)
    }

    static func lz4(seed: UInt64) -> (stream: [UInt8], expected: [UInt8]) {
        var generator = SplitMix64(seed: seed)
        var expected: [UInt8] = []
        var stream: [UInt8] = []
        func appendLength(_ value: Int) {
            var remaining = value
            while remaining >= 255 {
                stream.append(255)
                remaining -= 255
            }
            stream.append(UInt8(remaining))
        }
        let sequences = Int.random(in: 0...150, using: &generator)
        for index in 0...sequences {
            let isLast = index == sequences
            let literalCount = expected.isEmpty && !isLast
                ? Int.random(in: 1...40, using: &generator)
                : [Int.random(in: 0...16, using: &generator), Int.random(in: 15...600, using: &generator)][Int.random(in: 0..<2, using: &generator)]
            let literals = CodecSamples.bytes(literalCount, seed: generator.next())
            let tokenIndex = stream.count
            stream.append(UInt8(min(literalCount, 15) << 4))
            if literalCount >= 15 { appendLength(literalCount - 15) }
            stream += literals
            expected += literals
            if isLast { break }
            let maxOffset = min(expected.count, 65_535)
            let offset = Int.random(in: 0..<2, using: &generator) == 0
                ? Int.random(in: 1...min(maxOffset, 20), using: &generator) : Int.random(in: 1...maxOffset, using: &generator)
            let matchLength = [Int.random(in: 4...18, using: &generator), Int.random(in: 19...1000, using: &generator)][Int.random(in: 0..<2, using: &generator)]
            stream += [UInt8(offset & 0xFF), UInt8(offset >> 8)]
            stream[tokenIndex] |= UInt8(min(matchLength - 4, 15))
            if matchLength - 4 >= 15 { appendLength(matchLength - 19) }
            for _ in 0..<matchLength { expected.append(expected[expected.count - offset]) }
        }
        return (stream, expected)
    }
}
