import Foundation
import SluiceTestSupport
import Testing
@testable import SluiceSearch

@Suite struct HNSWPersistenceTests {
    /// An index with upper layers, deletions and a replaced id, so every part of the format is used.
    static func savedIndex() throws -> (index: HNSWIndex, path: String, rows: [[Float]]) {
        let rows = SearchFixtures.rows(count: 400, stream: 31)
        let index = try SearchFixtures.hnsw(rows, m: 8, efConstruction: 64)
        index.remove(id: "v10")
        try index.insert(id: "v11", vector: rows[12])
        index.efSearch = 40
        let path = try Python.temporaryDirectory().appendingPathComponent("index.hnsw").path
        try index.write(to: path)
        return (index, path, rows)
    }

    @Test func roundTripGivesIdenticalResults() throws {
        let (index, path, rows) = try Self.savedIndex()
        let loaded = try HNSWIndex.load(path: path)
        #expect(loaded.dimension == index.dimension && loaded.m == 8 && loaded.efConstruction == 64 && loaded.efSearch == 40)
        #expect(loaded.count == index.count && loaded.deletedCount == index.deletedCount)
        #expect(!loaded.contains(id: "v10"))
        for query in SearchFixtures.rows(count: 30, stream: 32) {
            for ef in [10, 40, 100] {
                #expect(try loaded.search(query, k: 10, ef: ef) == (try index.search(query, k: 10, ef: ef)))
            }
        }
        // Inserting after loading continues exactly as the original would.
        try index.insert(id: "late", vector: rows[0])
        try loaded.insert(id: "late", vector: rows[0])
        #expect(loaded.level0Links == index.level0Links)
        #expect(loaded.upperLinks == index.upperLinks)
    }

    @Test func overwritesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let (index, path, _) = try Self.savedIndex()
        index.remove(id: "v20")
        try index.write(to: path)
        #expect(try !HNSWIndex.load(path: path).contains(id: "v20"))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["index.hnsw"])
    }

    @Test func emptyIndexRoundTrips() throws {
        let path = try Python.temporaryDirectory().appendingPathComponent("empty.hnsw").path
        try HNSWIndex(dimension: 5).write(to: path)
        let loaded = try HNSWIndex.load(path: path)
        #expect(loaded.count == 0)
        #expect(try loaded.search([1, 0, 0, 0, 0], k: 3).isEmpty)
    }

    static func loadError(_ path: String) -> String? {
        do {
            _ = try HNSWIndex.load(path: path)
            return nil
        } catch let error as VectorIndexError {
            guard case .unreadableFile(let named, _) = error, named == path else { return "wrong error: \(error)" }
            return error.description
        } catch {
            return "unexpected error type: \(error)"
        }
    }

    @Test func truncatedFilesAreReportedNotCrashed() throws {
        let (_, path, _) = try Self.savedIndex()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = path + ".cut"
        // Every prefix through the header, then a spread of cuts through the body.
        let lengths = Array(0..<120) + stride(from: 120, to: bytes.count, by: 997) + [bytes.count - 1]
        for length in lengths {
            try bytes.prefix(length).write(to: URL(fileURLWithPath: cut))
            let message = Self.loadError(cut)
            #expect(message?.contains(cut) == true, "length \(length): \(message ?? "loaded")")
        }
        try bytes.prefix(200).write(to: URL(fileURLWithPath: cut))
        #expect(Self.loadError(cut)?.contains("truncated") == true)
    }

    @Test func corruptFilesAreReported() throws {
        let (_, path, _) = try Self.savedIndex()
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let bad = path + ".bad"
        func corrupted(_ edit: (inout Data) -> Void) throws -> String? {
            var bytes = original
            edit(&bytes)
            try bytes.write(to: URL(fileURLWithPath: bad))
            return Self.loadError(bad)
        }
        let badMagic = try corrupted { $0[0] = UInt8(ascii: "X") }
        #expect(badMagic?.contains("bad magic") == true)
        let badVersion = try corrupted { $0[8] = 9 }
        #expect(badVersion?.contains("format version 9") == true)
        // A flipped bit anywhere in the body: the checksum catches it.
        for offset in stride(from: 60, to: original.count - 8, by: original.count / 13) {
            let message = try corrupted { $0[offset] ^= 0x10 }
            #expect(message != nil && message!.contains(bad), "flip at \(offset): \(message ?? "loaded")")
        }
        let trailing = try corrupted { $0.append(0) }
        #expect(trailing?.contains("unexpected bytes") == true)
        let missing = path + ".missing"
        #expect(Self.loadError(missing)?.contains(missing) == true)
    }
}
