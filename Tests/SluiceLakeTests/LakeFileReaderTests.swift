import Foundation
import SluiceCore
import Testing
@testable import SluiceLake

@Suite struct LakeFileReaderTests {
    @Test(arguments: [("a.parquet", LakeFileFormat.parquet), ("x/B.CSV", .csv), ("t.tsv", .tsv), ("j.Json", .json), ("l.jsonl", .json), ("n.NDJSON", .json)])
    func detectsTheFormatByExtension(key: String, format: LakeFileFormat) throws {
        #expect(try LakeFileFormat(key: key, location: "memory://test") == format)
    }

    @Test func anUnknownExtensionIsAClearError() async throws {
        for key in ["data.csv.gz", "README", "dir.csv/notes.txt"] {
            let error = await lakeError { _ = try LakeFileFormat(key: key, location: "memory://test") }
            #expect(error?.key == key)
            #expect(error?.message == "unknown file format: Sluice reads .csv, .json, .jsonl, .ndjson, .parquet, .tsv")
        }
    }

    @Test func readsEveryFormatThroughOneDoor() async throws {
        let store = MemoryObjectStore()
        let batch = try RecordBatch(columns: [
            try Column(field: Field("id", .int64), values: .int([1, 2])),
            try Column(field: Field("name", .string), values: .bytes(ByteColumn(strings: ["a", "b"]))),
        ])
        let writer = try await ParquetBatchWriter(fields: batch.fields, sink: try await store.writer(for: "t.parquet"))
        try await writer.write(batch)
        try await writer.close()
        store.store("t.csv", Array("id,name\n1,a\n2,b\n".utf8))
        store.store("t.ndjson", Array("{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n".utf8))
        store.store("t.json", Array("[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"}]".utf8))
        for key in ["t.parquet", "t.csv", "t.ndjson", "t.json"] {
            let table = try await ReadTable.read(try await LakeFileReader.open(key, in: store))
            #expect(table.fields.map(\.name) == ["id", "name"], "\(key)")
            #expect(table.ints("id") == [1, 2], "\(key)")
            #expect(table.strings("name") == ["a", "b"], "\(key)")
        }
    }
}
