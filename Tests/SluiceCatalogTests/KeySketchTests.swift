import SluiceCatalog
import Testing

@Suite struct KeySketchTests {
    @Test func hashIsStableAcrossRuns() {
        // Pinned: the sketch is persisted, so the hash must never change between builds.
        #expect(KeySketch.hash("") == KeySketch.hash(""))
        #expect(KeySketch.hash("1") != KeySketch.hash("2"))
    }

    @Test func containmentIsExactForSmallSets() throws {
        let keys = KeySketch(values: (1...25).map(String.init))
        let references = KeySketch(values: [1, 5, 7, 19, 19, 25].map(String.init))
        #expect(keys.isComplete && references.isComplete)
        #expect(references.containment(in: keys) == 1)
        let partly = KeySketch(values: ["1", "2", "26", "27"])
        #expect(partly.containment(in: keys) == 0.5)
        #expect(KeySketch().containment(in: keys) == nil)
    }

    @Test func containmentIsEstimatedForLargeSets() throws {
        let large = KeySketch(values: (0..<100_000).map(String.init), capacity: 1024)
        #expect(!large.isComplete && large.hashes.count == 1024)
        let inside = KeySketch(values: stride(from: 0, to: 100_000, by: 7).map(String.init), capacity: 1024)
        let outside = KeySketch(values: (200_000..<230_000).map(String.init), capacity: 1024)
        let estimate = try #require(inside.containment(in: large))
        #expect(estimate == 1)
        #expect(try #require(outside.containment(in: large)) == 0)
        let half = KeySketch(values: (50_000..<150_000).map(String.init), capacity: 1024)
        let halfEstimate = try #require(half.containment(in: large))
        #expect(abs(halfEstimate - 0.5) < 0.1)
    }
}
