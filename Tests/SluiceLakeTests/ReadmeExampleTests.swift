import Foundation
import Testing
import SluiceCore
@testable import SluiceLake

/// The README's "Reading lake files" example, on a folder location instead of S3.
@Suite struct LakeReadmeExampleTests {
    @Test func readsACSVThroughALocation() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("raw"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("id;isin;price\n1;CH0012032048;251.4\n2;US0378331005;\n".utf8)
            .write(to: folder.appendingPathComponent("raw/trades.csv"))

        let store = try PrefixedObjectStore.open(LakeLocation.parse(folder.path + "/raw"))
        let reader = try await LakeFileReader.open("trades.csv", in: store)
        var rows = 0
        var types: [DataType] = []
        for try await batch in reader.remainingBatches {
            rows += batch.rowCount
            types = batch.fields.map(\.type)
            #expect(batch.column(named: "price")?.isNull(1) == true)
        }
        #expect(rows == 2)
        #expect(types == [.int64, .string, .float64])
    }
}
