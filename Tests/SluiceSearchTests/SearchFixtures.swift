import SluiceSearch

/// Small clustered data sets shared by the vector index tests (kept small: tests run in debug).
enum SearchFixtures {
    static let dimension = 48
    static let model = ClusteredVectors(dimension: dimension, latentDimension: 12, clusters: 16, seed: 7)

    static func rows(count: Int, stream: UInt64) -> [[Float]] {
        let flat = model.sample(count: count, stream: stream)
        return (0..<count).map { Array(flat[$0 * dimension..<($0 + 1) * dimension]) }
    }

    static func hnsw(_ rows: [[Float]], m: Int = 16, efConstruction: Int = 128) throws -> HNSWIndex {
        let index = try HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction)
        for (i, row) in rows.enumerated() { try index.insert(id: "v\(i)", vector: row) }
        return index
    }

    static func exact(_ rows: [[Float]]) throws -> ExactVectorIndex {
        let index = try ExactVectorIndex(dimension: dimension)
        for (i, row) in rows.enumerated() { try index.insert(id: "v\(i)", vector: row) }
        return index
    }

    /// Fraction of the exact top-k ids that the approximate results also hold.
    static func recall(_ approximate: [SearchHit], _ exact: [SearchHit]) -> Double {
        let expected = Set(exact.map(\.id))
        return Double(approximate.filter { expected.contains($0.id) }.count) / Double(max(1, expected.count))
    }
}
