/// Raw-pointer view of an HNSW graph's flat storage, and the two searches built on it.
///
/// Links live in two flat `Int32` arrays: layer 0 gives every node a block of
/// `2M + 1` slots, the upper layers give a node of top layer L a run of L blocks of
/// `M + 1` slots (found through `upperOffset`). Slot 0 of a block is the neighbour count,
/// the rest are neighbour node numbers. Node `n`'s unit vector is at `n · dimension` in
/// one flat `Float` array. The view holds pointers into those arrays only for the duration
/// of one operation (see `HNSWIndex.withGraph`), so the hot loop does no retain/release,
/// bounds or uniqueness checks.
struct GraphView {
    let vectors: UnsafePointer<Float>
    let level0: UnsafeMutablePointer<Int32>
    let upper: UnsafeMutablePointer<Int32>?
    let upperOffset: UnsafePointer<Int>
    let deleted: UnsafePointer<Bool>
    let dimension: Int
    let level0Stride: Int
    let upperStride: Int

    @inline(__always)
    func vector(_ node: Int32) -> UnsafePointer<Float> { vectors + Int(node) &* dimension }

    /// The link block of `node` on `level`: `[count, neighbour, neighbour, …]`.
    @inline(__always)
    func links(_ node: Int32, level: Int) -> UnsafeMutablePointer<Int32> {
        if level == 0 { return level0 + Int(node) &* level0Stride }
        return upper! + (upperOffset[Int(node)] &+ (level &- 1) &* upperStride)
    }

    /// Cosine distance between unit vectors: 1 − cosine similarity (0 = same direction).
    @inline(__always)
    func distance(_ query: UnsafePointer<Float>, _ node: Int32) -> Float {
        1 - VectorMath.dot(query, vector(node), count: dimension)
    }

    @inline(__always)
    func distance(_ a: Int32, _ b: Int32) -> Float {
        1 - VectorMath.dot(vector(a), vector(b), count: dimension)
    }

    /// Greedy descent on one upper layer: move to any closer neighbour until none is closer.
    func greedyClosest(query: UnsafePointer<Float>, from entry: Int32, distance entryDistance: Float, level: Int) -> (node: Int32, distance: Float) {
        var current = entry, currentDistance = entryDistance
        var improved = true
        while improved {
            improved = false
            let block = links(current, level: level)
            let count = Int(block[0])
            var j = 1
            while j <= count {
                let neighbour = block[j]
                let d = distance(query, neighbour)
                if d < currentDistance {
                    currentDistance = d
                    current = neighbour
                    improved = true
                }
                j &+= 1
            }
        }
        return (current, currentDistance)
    }

    /// Best-first beam search of width `ef` on one layer (HNSW's SEARCH-LAYER).
    ///
    /// `candidates` is the frontier (a min-heap, stored negated), `results` the best `ef`
    /// found so far (a max-heap whose top is the worst kept). With `excludeDeleted`,
    /// removed nodes are still walked through, since they hold the graph together, but
    /// never kept as results, and the search does not stop until it has `ef` live results
    /// or runs out of frontier. Leaves the answer in `results`.
    func searchLayer(query: UnsafePointer<Float>, entry: Int32, entryDistance: Float, ef: Int, level: Int,
                     excludeDeleted: Bool, nodeCount: Int,
                     visited: inout VisitedSet, candidates: inout MaxHeap, results: inout MaxHeap) {
        visited.reset(nodeCount: nodeCount)
        candidates.removeAll()
        results.removeAll()
        visited.withMarker { marker in
            _ = marker.insert(entry)
            var bound = Float.infinity
            if !excludeDeleted || !deleted[Int(entry)] {
                results.push(entryDistance, entry)
                bound = entryDistance
            }
            candidates.push(-entryDistance, entry)
            while !candidates.isEmpty {
                let current = candidates.top
                if -current.key > bound && (results.count >= ef || !excludeDeleted) { break }
                candidates.pop()
                let block = links(current.node, level: level)
                let count = Int(block[0])
                // The vectors are scattered over the whole store: asking for the next one
                // while comparing this one hides most of the memory latency (as hnswlib does).
                if count > 0 { VectorMath.prefetch(vector(block[1])) }
                var j = 1
                while j <= count {
                    let neighbour = block[j]
                    if j < count { VectorMath.prefetch(vector(block[j &+ 1])) }
                    j &+= 1
                    guard marker.insert(neighbour) else { continue }
                    let d = distance(query, neighbour)
                    if results.count < ef || d < bound {
                        candidates.push(-d, neighbour)
                        if !excludeDeleted || !deleted[Int(neighbour)] {
                            results.push(d, neighbour)
                            if results.count > ef { results.pop() }
                        }
                        if !results.isEmpty { bound = results.topKey }
                    }
                }
            }
        }
    }

    /// HNSW's neighbour-selection heuristic (Malkov & Yashunin, algorithm 4, as in hnswlib).
    ///
    /// Walking `sorted` closest first, a candidate is kept only if it is closer to the base
    /// than to every neighbour already kept. This spreads links across directions instead of
    /// spending them all inside the nearest cluster, which is what keeps recall high on
    /// clustered data: some links always lead out of the cluster.
    func selectNeighbors(_ sorted: [MaxHeap.Element], limit: Int) -> [Int32] {
        if sorted.count <= limit { return sorted.map(\.node) }
        var kept: [Int32] = []
        kept.reserveCapacity(limit)
        for candidate in sorted {
            var diverse = true
            for other in kept where distance(candidate.node, other) < candidate.key {
                diverse = false
                break
            }
            if diverse {
                kept.append(candidate.node)
                if kept.count >= limit { break }
            }
        }
        return kept
    }

    /// Replaces `node`'s links on `level` with `neighbours`.
    func setLinks(_ node: Int32, level: Int, _ neighbours: [Int32]) {
        let block = links(node, level: level)
        block[0] = Int32(neighbours.count)
        for (i, neighbour) in neighbours.enumerated() { block[i + 1] = neighbour }
    }

    /// Adds `newcomer` to `node`'s links on `level`; when the block is full, re-runs the
    /// heuristic over the old links plus the newcomer so the node keeps its best `limit`.
    func addLink(from node: Int32, to newcomer: Int32, level: Int, limit: Int) {
        let block = links(node, level: level)
        let count = Int(block[0])
        if count < limit {
            block[count + 1] = newcomer
            block[0] = Int32(count + 1)
            return
        }
        var pool: [MaxHeap.Element] = [MaxHeap.Element(key: distance(node, newcomer), node: newcomer)]
        pool.reserveCapacity(count + 1)
        for j in 1...count { pool.append(MaxHeap.Element(key: distance(node, block[j]), node: block[j])) }
        pool.sort { $0.key < $1.key }
        setLinks(node, level: level, selectNeighbors(pool, limit: limit))
    }
}
