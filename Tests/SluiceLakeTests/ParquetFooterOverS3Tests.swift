import Foundation
import SluiceTestSupport
import Parquet
import Testing
@testable import SluiceLake

/// Opening a remote Parquet file reads its footer with ranged GETs: one when the
/// footer fits in the reader's first tail read, two when it does not.
@Suite struct ParquetFooterOverS3Tests {
    static let dataFolder = Python.sharedRoot.appendingPathComponent("parquet-testing/data")

    @Test func footersCostAtMostTwoGETs() async throws {
        let names = ["alltypes_plain.parquet", "nested_structs.rust.parquet", "delta_binary_packed.parquet", "datapage_v2.snappy.parquet"]
        try await TestS3.withBucket { bucket in
            for name in names {
                let bytes = try [UInt8](Data(contentsOf: Self.dataFolder.appendingPathComponent(name)))
                try await bucket.put("lake/\(name)", bytes: bytes)
            }
            try await bucket.put("lake/big-footer.parquet", bytes: try Self.fileWithLargeFooter())

            for name in names + ["big-footer.parquet"] {
                let counting = RequestCountingStore(base: bucket)
                let source = try await counting.byteSource(for: "lake/\(name)")
                let reader = try await ParquetFileReader.open(source)
                let gets = counting.counts.gets
                let bytes = counting.counts.bytesRead
                #expect(counting.counts.heads == 1)
                #expect(reader.metadata.schema.count > 0)
                #expect(gets <= 2, "\(name): \(gets) GETs")
                #expect(gets == (name == "big-footer.parquet" ? 2 : 1), "\(name): \(gets) GETs, \(bytes) bytes")
            }
        }
    }

    /// `alltypes_plain.parquet` with 100 KB of key-value metadata added to its footer, so
    /// the footer is larger than the reader's first 64 KiB read of the tail.
    static func fileWithLargeFooter() throws -> [UInt8] {
        let original = try [UInt8](Data(contentsOf: dataFolder.appendingPathComponent("alltypes_plain.parquet")))
        let footerLength = original[(original.count - 8)..<(original.count - 4)].enumerated()
            .reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let footerStart = original.count - 8 - footerLength
        var metadata = try original[footerStart..<(original.count - 8)].withUnsafeBytes { try FileMetaData(thriftBytes: $0) }
        metadata.keyValueMetadata = (metadata.keyValueMetadata ?? []) + [KeyValue(key: "padding", value: String(repeating: "x", count: 100_000))]
        let footer = metadata.thriftEncoded()
        let length = UInt32(footer.count)
        return Array(original[..<footerStart]) + footer + (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + Array("PAR1".utf8)
    }
}
