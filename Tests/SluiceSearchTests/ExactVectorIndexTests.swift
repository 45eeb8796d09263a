import Testing
@testable import SluiceSearch

@Suite struct ExactVectorIndexTests {
    /// Cosine similarity in Double straight from the definition, with no normalization shortcut.
    static func naiveCosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    @Test func matchesANaiveReference() throws {
        // Unnormalized inputs of assorted scale, so normalization is exercised too.
        let rows = SearchFixtures.rows(count: 400, stream: 11).enumerated().map { i, row in row.map { $0 * Float(1 + i % 5) } }
        let index = try SearchFixtures.exact(rows)
        for query in SearchFixtures.rows(count: 20, stream: 12) {
            let hits = try index.search(query, k: 10)
            let reference = rows.indices.map { (id: "v\($0)", score: Self.naiveCosine(query, rows[$0])) }
                .sorted { $0.score > $1.score }.prefix(10)
            #expect(hits.map(\.id) == reference.map(\.id))
            for (hit, expected) in zip(hits, reference) {
                #expect(abs(Double(hit.score) - expected.score) < 1e-5)
            }
        }
    }

    @Test func removeAndReplace() throws {
        let rows = SearchFixtures.rows(count: 50, stream: 13)
        let index = try SearchFixtures.exact(rows)
        #expect(index.remove(id: "v3"))
        #expect(!index.remove(id: "v3"))
        #expect(index.count == 49)
        #expect(try index.search(rows[3], k: 50).allSatisfy { $0.id != "v3" })
        try index.insert(id: "v7", vector: rows[20])
        #expect(index.count == 49)
        let top = try index.search(rows[20], k: 2)
        #expect(Set(top.map(\.id)) == ["v7", "v20"])
        #expect(top.allSatisfy { abs($0.score - 1) < 1e-5 })
    }

    @Test func rejectsBadVectors() throws {
        let index = try ExactVectorIndex(dimension: 3)
        #expect(throws: VectorIndexError.dimensionMismatch(expected: 3, actual: 2)) { try index.insert(id: "a", vector: [1, 2]) }
        #expect(throws: VectorIndexError.zeroVector(id: "a")) { try index.insert(id: "a", vector: [0, 0, 0]) }
        #expect(throws: VectorIndexError.nonFiniteValue(id: "a")) { try index.insert(id: "a", vector: [1, .nan, 0]) }
        #expect(throws: VectorIndexError.zeroVector(id: nil)) { try index.search([0, 0, 0], k: 1) }
        #expect(try index.search([1, 0, 0], k: 5).isEmpty)
    }
}
