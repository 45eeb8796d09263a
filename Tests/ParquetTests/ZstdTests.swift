import Foundation
import Testing
@testable import Parquet

/// Cross-checks the pure-Swift Zstandard codec against the reference library (via pyarrow).
@Suite struct ZstdTests {
    // MARK: - Data sets

    /// A small deterministic generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func random(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var generator = SplitMix(state: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func text(_ count: Int, seed: UInt64 = 2) -> [UInt8] {
        let words = ["parquet", "column", "the", "of", "zstandard", "row", "group", "page", "and", "dictionary",
                     "value", "encoding", "a", "to", "schema", "footer", "statistics", "null", "offset", "index"]
        var generator = SplitMix(state: seed)
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
        var generator = SplitMix(state: seed)
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

    @Test(arguments: samples.map(\.name))
    func decodesReferenceFrames(sample name: String) throws {
        let bytes = Self.samples.first { $0.name == name }!.bytes
        let levels = [1, 3, 9, 19]
        let frames = try Self.referenceCompress(bytes, levels: levels)
        #expect(frames.count == levels.count)
        for (level, frame) in zip(levels, frames) {
            let decoded = try Self.decompress(frame, size: bytes.count)
            #expect(decoded == bytes, "level \(level)")
        }
    }
}
