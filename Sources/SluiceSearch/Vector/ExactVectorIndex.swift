/// Brute-force cosine search: the query is compared with every stored vector.
///
/// Exact by construction, so it is both the index for small catalogs (a few thousand
/// vectors take well under a millisecond) and the ground truth that ``HNSWIndex`` recall
/// is measured against. Vectors are normalized on insert and kept in one flat `[Float]`
/// (row `i` at `i * dimension`), so a search is a streaming pass of SIMD dot products
/// over contiguous memory with a bounded heap keeping the best `k`.
public final class ExactVectorIndex: VectorIndex {
    public let dimension: Int
    private var vectors: [Float] = []
    private var ids: [String] = []
    private var rowOfID: [String: Int] = [:]

    public init(dimension: Int) throws {
        guard dimension > 0 else { throw VectorIndexError.invalidParameter("dimension must be positive, got \(dimension)") }
        self.dimension = dimension
    }

    public var count: Int { ids.count }

    public func contains(id: String) -> Bool { rowOfID[id] != nil }

    public func insert(id: String, vector: [Float]) throws {
        let unit = try VectorMath.normalized(vector, dimension: dimension, id: id)
        if let row = rowOfID[id] {
            vectors.replaceSubrange(row * dimension..<(row + 1) * dimension, with: unit)
        } else {
            rowOfID[id] = ids.count
            ids.append(id)
            vectors.append(contentsOf: unit)
        }
    }

    /// Removal moves the last row into the hole, so storage stays dense and removal is O(dimension).
    @discardableResult
    public func remove(id: String) -> Bool {
        guard let row = rowOfID.removeValue(forKey: id) else { return false }
        let last = ids.count - 1
        if row != last {
            let moved = ids[last]
            ids[row] = moved
            rowOfID[moved] = row
            for j in 0..<dimension { vectors[row * dimension + j] = vectors[last * dimension + j] }
        }
        ids.removeLast()
        vectors.removeLast(dimension)
        return true
    }

    public func search(_ query: [Float], k: Int) throws -> [SearchHit] {
        let unit = try VectorMath.normalized(query, dimension: dimension, id: nil)
        guard k > 0, !ids.isEmpty else { return [] }
        // Max-heap on negated similarity = min-heap on similarity: its top is the worst of the best k.
        var best = MaxHeap(capacity: k + 1)
        let d = dimension
        vectors.withUnsafeBufferPointer { rows in
            unit.withUnsafeBufferPointer { q in
                guard let base = rows.baseAddress, let qp = q.baseAddress else { return }
                for row in 0..<ids.count {
                    let similarity = VectorMath.dot(qp, base + row &* d, count: d)
                    if best.count < k {
                        best.push(-similarity, Int32(row))
                    } else if -similarity < best.topKey {
                        best.replaceTop(-similarity, Int32(row))
                    }
                }
            }
        }
        return best.elements.map { SearchHit(id: ids[Int($0.node)], score: -$0.key) }.sorted(by: SearchHit.ranksBefore)
    }
}
