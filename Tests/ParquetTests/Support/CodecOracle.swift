import Foundation
import SluiceTestSupport
@testable import Parquet

/// pyarrow's codecs, through `Tests/tools/codec_oracle.py`, batched so that one
/// Python start serves a whole test.
enum CodecOracle {
    static func compress(_ inputs: [[UInt8]], codec: String) throws -> [[UInt8]] {
        var request = Data()
        for input in inputs { append(input, to: &request) }
        return try records(Python.runTool("codec_oracle.py", arguments: ["compress", codec], stdin: request))
    }

    static func decompress(_ inputs: [(compressed: [UInt8], size: Int)], codec: String) throws -> [[UInt8]] {
        var request = Data()
        for input in inputs {
            appendLength(input.size, to: &request)
            append(input.compressed, to: &request)
        }
        return try records(Python.runTool("codec_oracle.py", arguments: ["decompress", codec], stdin: request))
    }

    /// Every compressed page of a parquet-testing file, with pyarrow's decoding of it.
    static func pages(ofTestFile name: String) throws -> [(codec: String, compressed: [UInt8], plain: [UInt8])] {
        let path = try testDataDirectory.appendingPathComponent(name).path
        let fields = try records(Python.runTool("codec_oracle.py", arguments: ["pages", path]))
        return stride(from: 0, to: fields.count - 2, by: 3).map {
            (String(decoding: fields[$0], as: UTF8.self), fields[$0 + 1], fields[$0 + 2])
        }
    }

    /// `shared/parquet-testing/data` beside the checkout, or beside an ancestor of it (a worktree checkout is nested deeper).
    private static var testDataDirectory: URL {
        get throws {
            var directory = Python.packageRoot
            while directory.path != "/" {
                directory.deleteLastPathComponent()
                let candidate = directory.appendingPathComponent("shared/parquet-testing/data")
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            }
            throw PythonError(message: "parquet-testing data not found beside \(Python.packageRoot.path) or its ancestors")
        }
    }

    private static func appendLength(_ length: Int, to data: inout Data) {
        withUnsafeBytes(of: UInt64(length).littleEndian) { data.append(contentsOf: $0) }
    }

    private static func append(_ bytes: [UInt8], to data: inout Data) {
        appendLength(bytes.count, to: &data)
        data.append(contentsOf: bytes)
    }

    private static func records(_ data: Data) throws -> [[UInt8]] {
        let bytes = [UInt8](data)
        var result: [[UInt8]] = []
        var position = 0
        while position < bytes.count {
            guard bytes.count - position >= 8 else { throw PythonError(message: "codec oracle: truncated record length") }
            var length = 0
            for i in 0..<8 { length |= Int(bytes[position + i]) << (8 * i) }
            position += 8
            guard length <= bytes.count - position else { throw PythonError(message: "codec oracle: truncated record") }
            result.append(Array(bytes[position..<(position + length)]))
            position += length
        }
        return result
    }
}

/// A small deterministic generator (SplitMix64) so failures reproduce.

/// Inputs with the shapes codecs meet: nothing, almost nothing, runs, noise, text,
/// column-like integers, and sizes either side of Snappy's 64 KiB block.
enum CodecSamples {
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func text(_ count: Int, seed: UInt64) -> [UInt8] {
        let words = ["parquet", "column", "page", "the", "of", "snappy", "data", "row", "group", "a", "dictionary", "value",
                     "compression", "is", "and", "lake", "mart", "governed", "query", "\n"]
        var generator = SplitMix64(seed: seed)
        var result: [UInt8] = []
        result.reserveCapacity(count + 16)
        while result.count < count {
            result += Array(words.randomElement(using: &generator)!.utf8)
            result.append(0x20)
        }
        return Array(result.prefix(count))
    }

    /// Little-endian int64s that mostly increase, like a sorted id or timestamp column.
    static func integers(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var value: Int64 = 1_700_000_000_000
        var result: [UInt8] = []
        result.reserveCapacity(count + 8)
        while result.count < count {
            value += Int64.random(in: 0...1000, using: &generator)
            withUnsafeBytes(of: value.littleEndian) { result += $0 }
        }
        return Array(result.prefix(count))
    }

    /// Random stretches mixed with repeats of earlier stretches at every distance.
    static func mixed(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var result: [UInt8] = []
        result.reserveCapacity(count + 300)
        while result.count < count {
            if result.count > 16 && Bool.random(using: &generator) {
                let distance = Int.random(in: 1...min(result.count, 70_000), using: &generator)
                let length = Int.random(in: 1...300, using: &generator)
                for _ in 0..<length { result.append(result[result.count - distance]) }
            } else {
                for _ in 0..<Int.random(in: 1...40, using: &generator) { result.append(UInt8.random(in: 0...255, using: &generator)) }
            }
        }
        return Array(result.prefix(count))
    }

    static let all: [(name: String, bytes: [UInt8])] = {
        var samples: [(String, [UInt8])] = [
            ("empty", []),
            ("one byte", [42]),
            ("short", Array("hello, parquet".utf8)),
            ("zeros", [UInt8](repeating: 0, count: 100_000)),
            ("random", bytes(100_000, seed: 1)),
            ("text", text(200_000, seed: 2)),
            ("integers", integers(120_000, seed: 3)),
            ("mixed", mixed(300_000, seed: 4)),
            ("large mixed", mixed(3_000_000, seed: 5)),
        ]
        for period in [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 64, 65] {
            let pattern = bytes(period, seed: UInt64(100 + period))
            samples.append(("period \(period)", (0..<5_000).map { pattern[$0 % period] }))
        }
        for size in [65_535, 65_536, 65_537, 131_072, 131_075] {
            samples.append(("text \(size)", text(size, seed: UInt64(size))))
            samples.append(("mixed \(size)", mixed(size, seed: UInt64(size))))
        }
        return samples
    }()
}
