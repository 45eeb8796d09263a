import SluiceSearch
import Testing

@Suite struct DemoCatalogTests {
    /// The fixture every search test relies on holds the demo lake's searchable items.
    @Test func documentsCoverEveryKind() async throws {
        let documents = CatalogDocument.documents(from: try await DemoCatalog.contents())
        let counts = Dictionary(grouping: documents, by: \.id.kind).mapValues(\.count)
        #expect(counts[.table] == 14)
        #expect(counts[.column] == 132)
        #expect(counts[.relationship] == 16)
        #expect(counts[.kpi] == 10)
        #expect(documents.allSatisfy { !$0.text.isEmpty && $0.textHash.count == 64 })
    }
}
