import Testing
@testable import SluiceSearch

@Suite struct HNSWIndexTests {
    @Test func recallAgainstExactSearch() throws {
        let rows = SearchFixtures.rows(count: 3000, stream: 21)
        let hnsw = try SearchFixtures.hnsw(rows)
        let exact = try SearchFixtures.exact(rows)
        let queries = SearchFixtures.rows(count: 100, stream: 22)
        var total = 0.0
        for query in queries {
            total += SearchFixtures.recall(try hnsw.search(query, k: 10, ef: 64), try exact.search(query, k: 10))
        }
        let recall = total / Double(queries.count)
        #expect(recall >= 0.95, "recall@10 at ef 64 was \(recall)")
    }

    @Test func scoresAreCosineSimilarities() throws {
        let rows = SearchFixtures.rows(count: 300, stream: 23)
        let hnsw = try SearchFixtures.hnsw(rows)
        let query = SearchFixtures.rows(count: 1, stream: 24)[0]
        let hits = try hnsw.search(query, k: 5)
        #expect(hits.count == 5)
        for hit in hits {
            let row = rows[Int(hit.id.dropFirst())!]
            #expect(abs(Double(hit.score) - ExactVectorIndexTests.naiveCosine(query, row)) < 1e-5)
        }
        #expect(hits.map(\.score) == hits.map(\.score).sorted(by: >))
    }

    @Test func insertsAfterBuildAndDeletesAreHonoured() throws {
        let rows = SearchFixtures.rows(count: 1000, stream: 25)
        let hnsw = try SearchFixtures.hnsw(Array(rows.prefix(800)))
        // Inserted after the build: each finds itself first.
        for i in 800..<1000 { try hnsw.insert(id: "v\(i)", vector: rows[i]) }
        for i in stride(from: 800, to: 1000, by: 7) {
            #expect(try hnsw.search(rows[i], k: 1).first?.id == "v\(i)")
        }
        // Deleted: never returned, even when the query is the deleted vector itself.
        let removed = Set(stride(from: 0, to: 1000, by: 3).map { "v\($0)" })
        for id in removed { #expect(hnsw.remove(id: id)) }
        #expect(!hnsw.remove(id: "v0"))
        #expect(hnsw.count == 1000 - removed.count)
        for i in stride(from: 0, to: 1000, by: 3) {
            let hits = try hnsw.search(rows[i], k: 20, ef: 64)
            #expect(hits.count == 20)
            #expect(hits.allSatisfy { !removed.contains($0.id) })
        }
        // Re-inserted with another vector: found at the new place, and only once.
        try hnsw.insert(id: "v1", vector: rows[2])
        let top = try hnsw.search(rows[2], k: 3)
        #expect(Set(top.prefix(2).map(\.id)) == ["v1", "v2"])
        #expect(try hnsw.search(rows[1], k: 50).filter { $0.id == "v1" }.count <= 1)
        #expect(hnsw.vector(for: "v1") == (try VectorMath.normalized(rows[2], dimension: SearchFixtures.dimension, id: nil)))
    }

    @Test func compactDropsTombstonesAndKeepsAnswers() throws {
        let rows = SearchFixtures.rows(count: 600, stream: 26)
        let hnsw = try SearchFixtures.hnsw(rows)
        let exact = try SearchFixtures.exact(rows)
        for i in stride(from: 0, to: 600, by: 2) {
            hnsw.remove(id: "v\(i)")
            exact.remove(id: "v\(i)")
        }
        try hnsw.insert(id: "v1", vector: rows[5])
        try exact.insert(id: "v1", vector: rows[5])
        #expect(hnsw.deletedCount == 301)
        hnsw.compact()
        #expect(hnsw.deletedCount == 0)
        #expect(hnsw.count == 300)
        var total = 0.0
        let queries = SearchFixtures.rows(count: 40, stream: 27)
        for query in queries {
            let hits = try hnsw.search(query, k: 10, ef: 64)
            #expect(hits.allSatisfy { Int($0.id.dropFirst())! % 2 == 1 })
            total += SearchFixtures.recall(hits, try exact.search(query, k: 10))
        }
        #expect(total / Double(queries.count) >= 0.95)
    }

    @Test func deletingEverythingThenInsertingStillFinds() throws {
        let rows = SearchFixtures.rows(count: 30, stream: 28)
        let hnsw = try SearchFixtures.hnsw(Array(rows.prefix(20)))
        for i in 0..<20 { hnsw.remove(id: "v\(i)") }
        #expect(try hnsw.search(rows[0], k: 5).isEmpty)
        for i in 20..<30 { try hnsw.insert(id: "v\(i)", vector: rows[i]) }
        let hits = try hnsw.search(rows[25], k: 10)
        #expect(Set(hits.map(\.id)) == Set((20..<30).map { "v\($0)" }))
        #expect(hits.first?.id == "v25")
    }

    @Test func sameInputsBuildTheSameGraph() throws {
        let rows = SearchFixtures.rows(count: 500, stream: 29)
        let a = try SearchFixtures.hnsw(rows), b = try SearchFixtures.hnsw(rows)
        #expect(a.level0Links == b.level0Links)
        #expect(a.upperLinks == b.upperLinks)
        #expect(a.levels.contains { $0 > 0 }, "some nodes sit on upper layers")
    }

    @Test func rejectsInvalidParameters() {
        #expect(throws: VectorIndexError.self) { try HNSWIndex(dimension: 0) }
        #expect(throws: VectorIndexError.self) { try HNSWIndex(dimension: 8, m: 1) }
        #expect(throws: VectorIndexError.self) { try HNSWIndex(dimension: 8, efSearch: 0) }
    }
}
