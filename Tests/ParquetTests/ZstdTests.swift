import Foundation
import SluiceTestSupport
import Testing
@testable import Parquet

/// Cross-checks the pure-Swift Zstandard codec against the reference library (via pyarrow).
@Suite struct ZstdTests {
    // MARK: - Data sets


    static func random(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func text(_ count: Int, seed: UInt64 = 2) -> [UInt8] {
        let words = ["parquet", "column", "the", "of", "zstandard", "row", "group", "page", "and", "dictionary",
                     "value", "encoding", "a", "to", "schema", "footer", "statistics", "null", "offset", "index"]
        var generator = SplitMix64(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 16)
        while bytes.count < count {
            bytes += Array(words.randomElement(using: &generator)!.utf8)
            bytes.append(Int.random(in: 0..<12, using: &generator) == 0 ? 10 : 32)
        }
        return Array(bytes.prefix(count))
    }

    /// Little-endian int64s drifting slowly, like a sorted id or timestamp column.
    static func numeric(_ count: Int, seed: UInt64 = 3) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var value: Int64 = 1_700_000_000_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            value += Int64.random(in: 0..<1000, using: &generator)
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }
        return Array(bytes.prefix(count))
    }

    static let samples: [(name: String, bytes: [UInt8])] = [
        ("empty", []),
        ("one byte", [42]),
        ("tiny", Array("hello, zstd".utf8)),
        ("zeros", [UInt8](repeating: 0, count: 200_000)),
        ("repetitive", Array((0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 7 + $0 / 4096) })),
        ("random", random(300_000)),
        ("text", text(400_000)),
        ("numeric", numeric(400_000)),
        ("mixed", text(50_000) + random(50_000, seed: 9) + numeric(100_000) + [UInt8](repeating: 7, count: 1000)),
        ("large text", text(3_000_000, seed: 11)),
    ]

    static let sampleNames = samples.map(\.name)

    static func sample(_ name: String) -> [UInt8] {
        samples.first { $0.name == name }?.bytes ?? []
    }

    // MARK: - Reference helpers

    static let compressScript = """
    import sys, struct, pyarrow
    data = sys.stdin.buffer.read()
    for level in [int(a) for a in sys.argv[1:]]:
        out = pyarrow.Codec('zstd', compression_level=level).compress(data, asbytes=True)
        sys.stdout.buffer.write(struct.pack('<I', len(out)) + out)
    """

    /// The reference compressor's output at each level.
    static func referenceCompress(_ bytes: [UInt8], levels: [Int]) throws -> [[UInt8]] {
        let output = [UInt8](try Python.run(compressScript, arguments: levels.map(String.init), stdin: Data(bytes)))
        var frames: [[UInt8]] = []
        var offset = 0
        while offset + 4 <= output.count {
            let size = Int(output[offset]) | Int(output[offset + 1]) << 8 | Int(output[offset + 2]) << 16 | Int(output[offset + 3]) << 24
            frames.append(Array(output[(offset + 4)..<(offset + 4 + size)]))
            offset += 4 + size
        }
        return frames
    }

    static func referenceDecompress(_ frame: [UInt8], size: Int) throws -> [UInt8] {
        let script = """
        import sys, pyarrow
        data = sys.stdin.buffer.read()
        sys.stdout.buffer.write(pyarrow.decompress(data, decompressed_size=int(sys.argv[1]), codec='zstd', asbytes=True))
        """
        return [UInt8](try Python.run(script, arguments: [String(size)], stdin: Data(frame)))
    }

    static func decompress(_ frame: [UInt8], size: Int) throws -> [UInt8] {
        try frame.withUnsafeBytes { try Zstd.decompress($0, uncompressedSize: size) }
    }

    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { Zstd.compress($0) }
    }

    // MARK: - Decoding

    @Test(arguments: sampleNames)
    func decodesReferenceFrames(sample name: String) throws {
        let bytes = Self.sample(name)
        let levels = [1, 3, 9, 19]
        let frames = try Self.referenceCompress(bytes, levels: levels)
        #expect(frames.count == levels.count)
        for (level, frame) in zip(levels, frames) {
            let decoded = try Self.decompress(frame, size: bytes.count)
            #expect(decoded == bytes, "level \(level)")
        }
    }
}

// MARK: - Format corners and hostile input

extension ZstdTests {
    /// A frame of raw and RLE blocks built by hand: `blocks` are (type, size, payload).
    static func handmadeFrame(contentSize: Int, checksumOf content: [UInt8]? = nil,
                              blocks: [(type: Int, size: Int, payload: [UInt8])]) -> [UInt8] {
        var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
        // Single segment with a 2-byte content size (stored minus 256) or a 1-byte one.
        let checksumFlag: UInt8 = content == nil ? 0 : 0x04
        if contentSize >= 256 {
            frame += [0x60 | checksumFlag, UInt8((contentSize - 256) & 0xFF), UInt8((contentSize - 256) >> 8)]
        } else {
            frame += [0x20 | checksumFlag, UInt8(contentSize)]
        }
        for (index, block) in blocks.enumerated() {
            let header = block.size << 3 | block.type << 1 | (index == blocks.count - 1 ? 1 : 0)
            frame += [UInt8(header & 0xFF), UInt8(header >> 8 & 0xFF), UInt8(header >> 16)]
            frame += block.payload
        }
        if let content {
            let hash = content.withUnsafeBytes { XXH64.hash($0) }
            frame += (0..<4).map { UInt8(truncatingIfNeeded: hash >> (8 * $0)) }
        }
        return frame
    }

    @Test func xxh64MatchesKnownVectors() {
        let vectors: [([UInt8], UInt64)] = [
            ([], 0xEF46_DB37_51D8_E999),
            (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B),
            (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
            (Array("Nobody inspects the spammish repetition".utf8), 0xFBCE_A83C_8A37_8BF1),
            (Array(repeating: Array(0...255), count: 3).flatMap { $0 }, 0x8E03_C838_C596_036F),
        ]
        for (bytes, expected) in vectors {
            #expect(bytes.withUnsafeBytes { XXH64.hash($0) } == expected, "\(bytes.count) bytes")
        }
        #expect(Array("abc".utf8).withUnsafeBytes { XXH64.hash($0, seed: 12345) } == 0x0170_0E64_F6F2_3509)
    }

    @Test func decodesRawAndRLEBlocksAndVerifiesChecksums() throws {
        let content = Array("raw block".utf8) + [UInt8](repeating: 0x41, count: 300)
        let blocks = [(type: 0, size: 9, payload: Array("raw block".utf8)), (type: 1, size: 300, payload: [0x41])]
        let plain = Self.handmadeFrame(contentSize: content.count, blocks: blocks)
        #expect(try Self.decompress(plain, size: content.count) == content)
        let checked = Self.handmadeFrame(contentSize: content.count, checksumOf: content, blocks: blocks)
        #expect(try Self.decompress(checked, size: content.count) == content)
        #expect(try Self.referenceDecompress(checked, size: content.count) == content)
        var tampered = checked
        tampered[tampered.count - 1] ^= 1
        #expect(throws: ParquetError.corrupt("zstd: content checksum mismatch")) {
            try Self.decompress(tampered, size: content.count)
        }
    }

    @Test func decodesConcatenatedAndSkippableFrames() throws {
        let first = Self.text(150_000), second = Self.numeric(70_000)
        let frames = try Self.referenceCompress(first, levels: [3]) + (try Self.referenceCompress(second, levels: [19]))
        let skippable: [UInt8] = [0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9]
        let stream = skippable + frames[0] + skippable + frames[1] + skippable
        #expect(try Self.decompress(stream, size: first.count + second.count) == first + second)
    }

    @Test func roundTripsThroughTheCodecAPIAndConcatenatedOwnFrames() throws {
        let first = Self.text(70_000, seed: 51), second = Self.numeric(20_000, seed: 52)
        let compressed = try first.withUnsafeBytes { try CompressionCodec.zstd.compress($0) }
        let decoded = try compressed.withUnsafeBytes { try CompressionCodec.zstd.decompress($0, uncompressedSize: first.count) }
        #expect(decoded == first)
        let stream = Self.compress(first) + Self.compress([]) + Self.compress(second)
        #expect(try Self.decompress(stream, size: first.count + second.count) == first + second)
        #expect(try Self.referenceDecompress(stream, size: first.count + second.count) == first + second)
    }

    @Test func rejectsDictionariesAndWrongSizes() throws {
        let dictionaryFrame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x21, 0x07, 0x01, 0x01, 0x00, 0x00]
        #expect(throws: ParquetError.unsupported("zstd dictionaries not supported")) {
            try Self.decompress(dictionaryFrame, size: 0)
        }
        let bytes = Self.text(10_000)
        let frame = try Self.referenceCompress(bytes, levels: [3])[0]
        for size in [0, 1, bytes.count - 1, bytes.count + 1, bytes.count * 2] {
            #expect(throws: ParquetError.self, "size \(size)") { try Self.decompress(frame, size: size) }
        }
        #expect(throws: ParquetError.self) { try Self.decompress([], size: 1) }
        #expect(try Self.decompress([], size: 0) == [])
        #expect(throws: ParquetError.self) { try Self.decompress([1, 2, 3, 4, 5], size: 0) }
        // Claims beyond the format's maximum expansion fail before allocating.
        #expect(throws: ParquetError.self) { try Self.decompress(frame, size: Int(Int32.max)) }
    }

    /// Frames exercising every block and table mode the reference emits.
    static func hostileCorpus() throws -> [(frame: [UInt8], size: Int)] {
        var corpus: [(frame: [UInt8], size: Int)] = []
        for bytes in [text(60_000), numeric(40_000), mixedSmall()] {
            for frame in try referenceCompress(bytes, levels: [1, 3, 19]) { corpus.append((frame, bytes.count)) }
            corpus.append((compress(bytes), bytes.count))
        }
        return corpus
    }

    static func mixedSmall() -> [UInt8] {
        text(3000, seed: 5) + random(500, seed: 6) + [UInt8](repeating: 3, count: 700) + numeric(2000, seed: 7)
    }

    @Test func truncatedFramesThrow() throws {
        for (frame, size) in try Self.hostileCorpus() {
            let step = max(1, frame.count / 300)
            for length in stride(from: 0, to: frame.count, by: step) {
                #expect(throws: ParquetError.self, "truncated to \(length) of \(frame.count)") {
                    try Self.decompress(Array(frame.prefix(length)), size: size)
                }
            }
        }
    }

    @Test func corruptedFramesNeverCrash() throws {
        var generator = SplitMix64(seed: 99)
        for (frame, size) in try Self.hostileCorpus() {
            for round in 0..<300 {
                var damaged = frame
                for _ in 0...(round % 3) {
                    let index = Int.random(in: 0..<damaged.count, using: &generator)
                    damaged[index] ^= UInt8.random(in: 1...255, using: &generator)
                }
                // Without a checksum some damage goes unnoticed; all that matters is
                // that decoding throws or returns exactly `size` bytes.
                if let decoded = try? Self.decompress(damaged, size: size) {
                    #expect(decoded.count == size)
                }
            }
        }
    }
}

// MARK: - Encoding

extension ZstdTests {
    @Test(arguments: sampleNames)
    func encodesFramesTheReferenceDecodes(sample name: String) throws {
        let bytes = Self.sample(name)
        let frame = Self.compress(bytes)
        #expect(try Self.referenceDecompress(frame, size: bytes.count) == bytes)
        #expect(try Self.decompress(frame, size: bytes.count) == bytes)
    }

    @Test func compressesRedundantDataAndBoundsIncompressibleData() throws {
        for (name, bytes) in Self.samples where ["zeros", "repetitive", "text", "numeric"].contains(name) {
            #expect(Self.compress(bytes).count < bytes.count / 2, "\(name)")
        }
        let random = Self.random(1_000_000, seed: 4)
        // Raw blocks cost 3 bytes each, plus the frame header and checksum.
        #expect(Self.compress(random).count <= random.count + 3 * 8 + 20)
    }

    @Test func huffmanLengthsStayCompleteUnderTheCap() {
        // Fibonacci frequencies make the unrestricted tree as deep as possible.
        var frequencies = [Int](repeating: 0, count: 256)
        var (a, b) = (1, 1)
        for symbol in 0..<40 {
            frequencies[symbol * 3] = a
            (a, b) = (b, a + b)
        }
        let lengths = ZstdHuffmanEncoder.limitedLengths(frequencies, limit: 11)
        #expect(lengths.allSatisfy { $0 <= 11 })
        #expect(lengths.indices.allSatisfy { (lengths[$0] > 0) == (frequencies[$0] > 0) })
        #expect(lengths.reduce(0) { $0 + ($1 == 0 ? 0 : 1 << (11 - Int($1))) } == 1 << 11)
    }

    @Test func huffmanLiteralsRoundTripThroughTheReference() throws {
        // Skewed text keeps literals after matching, so Huffman-coded sections appear.
        var generator = SplitMix64(seed: 21)
        let alphabet = Array("eeeeeeeeeetttttaaaooiinnsshrdlcumwfgypbvkjxqz ,.\n".utf8)
        let skewed = (0..<200_000).map { _ in alphabet.randomElement(using: &generator)! }
        let frame = Self.compress(skewed)
        #expect(frame.count < skewed.count * 3 / 4)
        #expect(try Self.referenceDecompress(frame, size: skewed.count) == skewed)
        #expect(try Self.decompress(frame, size: skewed.count) == skewed)
        let small = Array(skewed.prefix(200))
        #expect(try Self.referenceDecompress(Self.compress(small), size: small.count) == small)
        // High byte values need FSE-compressed weights (the 4-bit form stops at 128 symbols).
        for spread in [4, 16, 31] {
            let high = (0..<100_000).map { _ in
                UInt8(128 + (0..<4).reduce(0) { sum, _ in sum + Int.random(in: 0...spread, using: &generator) })
            }
            let highFrame = Self.compress(high)
            #expect(highFrame.count < high.count * 7 / 8, "spread \(spread)")
            #expect(try Self.referenceDecompress(highFrame, size: high.count) == high)
            #expect(try Self.decompress(highFrame, size: high.count) == high)
        }
    }
}

extension ZstdTests {
    @Test func fittedFSEDescriptionsReadBack() throws {
        var generator = SplitMix64(seed: 31)
        for round in 0..<200 {
            let symbols = Int.random(in: 2...53, using: &generator)
            var frequencies = (0..<symbols).map { _ in Int.random(in: 0...1000, using: &generator) }
            // Long zero runs exercise the repeat flags.
            for index in 0..<symbols where index % 5 == round % 5 { frequencies[index] = 0 }
            frequencies[0] += 1
            frequencies[symbols - 1] += 1
            let log = ZstdFSEDistribution.accuracyLog(sampleCount: frequencies.reduce(0, +), distinct: symbols, maxAccuracyLog: 9)
            let distribution = ZstdFSEDistribution.normalized(frequencies, accuracyLog: log)
            let description = distribution.description()
            let (read, used) = try description.withUnsafeBufferPointer {
                try ZstdFSEDistribution.read($0.baseAddress!, count: $0.count, maxSymbol: 52, maxAccuracyLog: 9)
            }
            #expect(used == description.count)
            #expect(read.accuracyLog == log)
            #expect(Array(read.counts.prefix(symbols)) == distribution.counts)
            #expect(read.counts.dropFirst(symbols).allSatisfy { $0 == 0 })
        }
    }
}

extension ZstdTests {
    @Test func encodesEdgeSizesTheReferenceDecodes() throws {
        // Frame content size fields switch at 256 and 65792; literal headers at 32
        // and 4096; Huffman stream counts at 256 and 1024; blocks at 128 KiB.
        let sizes = [1, 2, 7, 8, 9, 16, 31, 32, 33, 255, 256, 257, 1023, 1024, 4095, 4096, 65791, 65792, 131_072, 131_073]
        let source = Self.text(131_073, seed: 41)
        for size in sizes {
            let bytes = Array(source.prefix(size))
            let frame = Self.compress(bytes)
            #expect(try Self.referenceDecompress(frame, size: size) == bytes, "size \(size)")
            #expect(try Self.decompress(frame, size: size) == bytes, "size \(size)")
        }
    }

    /// More than 0x7F00 sequences need the 3-byte count; real data rarely gets there.
    @Test func encodesLargeSequenceCounts() throws {
        var sequences = ZstdSequences()
        sequences.append(literalLength: 4, matchLength: 3, offsetValue: 4 + 3)
        for _ in 0..<32_600 { sequences.append(literalLength: 0, matchLength: 3, offsetValue: 4 + 3) }
        let content = Array("abcd".utf8).cycled(4 + 3 * 32_601)
        var block: [UInt8] = [4 << 3, 0x61, 0x62, 0x63, 0x64]  // 4 raw literals
        sequences.encodeSection(into: &block)
        #expect(block[5] == 255)
        var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x80 | 0x20]
        frame += (0..<4).map { UInt8(truncatingIfNeeded: content.count >> (8 * $0)) }
        let header = block.count << 3 | 2 << 1 | 1
        frame += [UInt8(header & 0xFF), UInt8(header >> 8 & 0xFF), UInt8(header >> 16)] + block
        #expect(try Self.referenceDecompress(frame, size: content.count) == content)
        #expect(try Self.decompress(frame, size: content.count) == content)
    }
}

private extension Array {
    func cycled(_ count: Int) -> [Element] {
        (0..<count).map { self[$0 % self.count] }
    }
}
