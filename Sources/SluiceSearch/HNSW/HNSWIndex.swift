/// Approximate cosine nearest-neighbour search with a Hierarchical Navigable Small World graph.
///
/// HNSW (Malkov & Yashunin, 2016) keeps every vector as a node of a layered proximity graph.
/// Layer 0 holds all nodes with up to `2·M` links each; each higher layer holds a random
/// ~1/M of the layer below with up to `M` links. A search greedily descends the sparse
/// upper layers to land near the query, then runs a best-first beam search of width
/// `efSearch` on layer 0. Cost grows roughly with log(count), not count.
///
/// The knobs, and what moving them costs:
/// - `m` (default 16): links per node. More links → better recall, more memory, slower build.
/// - `efConstruction` (default 128): beam width while inserting. Wider → a better graph,
///   slower inserts; it does not change query cost.
/// - `efSearch` (default 64, or per query): beam width while searching, at least `k`.
///   Wider → higher recall, proportionally slower queries. The one knob to tune at run time.
///
/// Vectors are normalized on insert, so similarity is a dot product over one flat `[Float]`.
/// Removal marks a node deleted: it still routes searches (pulling it out would cut paths
/// through the graph) but never appears in results. Inserting an existing id deletes the
/// old node and adds a new one. Deleted nodes cost memory and a little speed until
/// ``compact()`` rebuilds the graph from the live vectors. The graph is deterministic:
/// node levels come from a hash of `seed` and the id (see `HNSWLevels`), so the same
/// inserts in the same order give the same graph and the same answers.
///
/// Not thread-safe (searches reuse scratch buffers): confine an instance to one task.
/// ``write(to:)`` and ``load(path:)`` persist it in a versioned, checksummed binary file.
public final class HNSWIndex: VectorIndex {
    public let dimension: Int
    /// Links per node on the upper layers; layer 0 allows twice as many.
    public let m: Int
    /// Beam width used while inserting.
    public let efConstruction: Int
    /// Default beam width for ``search(_:k:)``; ``search(_:k:ef:)`` overrides it per query.
    public var efSearch: Int
    /// Seeds the level assignment.
    public let seed: UInt64

    // Node storage, indexed by internal node number (insertion order). See GraphView for the layout.
    var vectors: [Float] = []
    var nodeIDs: [String] = []
    var levels: [UInt8] = []
    var deleted: [Bool] = []
    var level0Links: [Int32] = []
    var upperLinks: [Int32] = []
    var upperOffset: [Int] = []
    var nodeOfID: [String: Int32] = [:]
    var entryPoint: Int32 = -1
    var maxLevel = -1

    // Reused between operations so a search allocates nothing but its result array.
    private var visited = VisitedSet()
    private var candidates = MaxHeap()
    private var results = MaxHeap()

    var level0Stride: Int { 2 * m + 1 }
    var upperStride: Int { m + 1 }

    /// - Parameters:
    ///   - dimension: length of every vector.
    ///   - m: links per node (2…1024).
    ///   - efConstruction: insert beam width (≥ 1; values below `m` are raised to `m`).
    ///   - efSearch: default query beam width (≥ 1).
    ///   - seed: determines node levels.
    public init(dimension: Int, m: Int = 16, efConstruction: Int = 128, efSearch: Int = 64, seed: UInt64 = 100) throws {
        guard dimension > 0 else { throw VectorIndexError.invalidParameter("dimension must be positive, got \(dimension)") }
        guard (2...1024).contains(m) else { throw VectorIndexError.invalidParameter("m must be in 2...1024, got \(m)") }
        guard efConstruction >= 1 else { throw VectorIndexError.invalidParameter("efConstruction must be at least 1, got \(efConstruction)") }
        guard efSearch >= 1 else { throw VectorIndexError.invalidParameter("efSearch must be at least 1, got \(efSearch)") }
        self.dimension = dimension
        self.m = m
        self.efConstruction = max(efConstruction, m)
        self.efSearch = efSearch
        self.seed = seed
    }

    /// Live ids (deleted nodes excluded).
    public var count: Int { nodeOfID.count }

    /// Nodes kept only as tombstones: removed or replaced, not yet compacted away.
    public var deletedCount: Int { nodeIDs.count - nodeOfID.count }

    public func contains(id: String) -> Bool { nodeOfID[id] != nil }

    /// The stored (unit-length) vector for `id`, or nil.
    public func vector(for id: String) -> [Float]? {
        guard let node = nodeOfID[id] else { return nil }
        let start = Int(node) * dimension
        return Array(vectors[start..<start + dimension])
    }

    public func insert(id: String, vector: [Float]) throws {
        let unit = try VectorMath.normalized(vector, dimension: dimension, id: id)
        if let old = nodeOfID.removeValue(forKey: id) { deleted[Int(old)] = true }
        appendNode(id: id, unit: unit)
    }

    @discardableResult
    public func remove(id: String) -> Bool {
        guard let node = nodeOfID.removeValue(forKey: id) else { return false }
        deleted[Int(node)] = true
        return true
    }

    public func search(_ query: [Float], k: Int) throws -> [SearchHit] {
        try search(query, k: k, ef: efSearch)
    }

    /// The `k` nearest live vectors, searching with beam width `max(ef, k)`.
    public func search(_ query: [Float], k: Int, ef: Int) throws -> [SearchHit] {
        let unit = try VectorMath.normalized(query, dimension: dimension, id: nil)
        guard k > 0, !nodeOfID.isEmpty, entryPoint >= 0 else { return [] }
        let width = max(ef, k)
        let excludeDeleted = deletedCount > 0
        let nodeCount = nodeIDs.count
        let (entry, top) = (entryPoint, maxLevel)
        var visited = takeVisited(), candidates = takeCandidates(), results = takeResults()
        defer { giveBack(visited, candidates, results) }
        withGraph { graph in
            unit.withUnsafeBufferPointer { q in
                let query = q.baseAddress!
                var current = (node: entry, distance: graph.distance(query, entry))
                var level = top
                while level > 0 {
                    current = graph.greedyClosest(query: query, from: current.node, distance: current.distance, level: level)
                    level -= 1
                }
                graph.searchLayer(query: query, entry: current.node, entryDistance: current.distance, ef: width, level: 0,
                                  excludeDeleted: excludeDeleted, nodeCount: nodeCount,
                                  visited: &visited, candidates: &candidates, results: &results)
            }
        }
        // Drop the worst first, so ids are looked up and sorted for the k kept only.
        while results.count > k { results.pop() }
        return results.elements.map { SearchHit(id: nodeIDs[Int($0.node)], score: 1 - $0.key) }.sorted(by: SearchHit.ranksBefore)
    }

    /// Rebuilds the graph from the live vectors alone, dropping every tombstone.
    ///
    /// Worth running after many removals or replacements: tombstones still cost a distance
    /// computation whenever a search walks through them. Live ids are reinserted in their
    /// current order with their current levels, so the result is deterministic.
    public func compact() {
        guard deletedCount > 0 else { return }
        let live = (0..<nodeIDs.count).filter { !deleted[$0] }
        let oldVectors = vectors, oldIDs = nodeIDs
        vectors = []; nodeIDs = []; levels = []; deleted = []
        level0Links = []; upperLinks = []; upperOffset = []
        nodeOfID = [:]; entryPoint = -1; maxLevel = -1
        vectors.reserveCapacity(live.count * dimension)
        for node in live {
            let start = node * dimension
            appendNode(id: oldIDs[node], unit: Array(oldVectors[start..<start + dimension]))
        }
    }

    // MARK: - Construction

    /// Adds a node for an already-normalized vector and links it into every layer up to its level.
    private func appendNode(id: String, unit: [Float]) {
        let node = Int32(nodeIDs.count)
        let level = HNSWLevels.level(for: id, seed: seed, m: m)
        vectors.append(contentsOf: unit)
        nodeIDs.append(id)
        levels.append(UInt8(level))
        deleted.append(false)
        level0Links.append(contentsOf: repeatElement(0, count: level0Stride))
        upperOffset.append(level > 0 ? upperLinks.count : -1)
        if level > 0 { upperLinks.append(contentsOf: repeatElement(0, count: level * upperStride)) }
        nodeOfID[id] = node

        guard entryPoint >= 0 else {
            entryPoint = node
            maxLevel = level
            return
        }
        let (entry, top, width, nodeCount, m) = (entryPoint, maxLevel, efConstruction, nodeIDs.count, m)
        var visited = takeVisited(), candidates = takeCandidates(), results = takeResults()
        defer { giveBack(visited, candidates, results) }
        withGraph { graph in
            let query = graph.vector(node)
            var current = (node: entry, distance: graph.distance(query, entry))
            var layer = top
            while layer > level {
                current = graph.greedyClosest(query: query, from: current.node, distance: current.distance, level: layer)
                layer -= 1
            }
            // Construction walks and links deleted nodes too (as hnswlib does): excluding them
            // could leave a new node with no links when only tombstones surround it.
            for layer in stride(from: min(level, top), through: 0, by: -1) {
                graph.searchLayer(query: query, entry: current.node, entryDistance: current.distance, ef: width, level: layer,
                                  excludeDeleted: false, nodeCount: nodeCount,
                                  visited: &visited, candidates: &candidates, results: &results)
                let sorted = results.elements.sorted { $0.key < $1.key }
                let neighbours = graph.selectNeighbors(sorted, limit: m)
                graph.setLinks(node, level: layer, neighbours)
                let limit = layer == 0 ? 2 * m : m
                for neighbour in neighbours where neighbour != node {
                    graph.addLink(from: neighbour, to: node, level: layer, limit: limit)
                }
                current = (sorted[0].node, sorted[0].key)
            }
        }
        if level > maxLevel {
            maxLevel = level
            entryPoint = node
        }
    }

    // MARK: - Storage access

    /// Runs `body` with raw pointers into the flat storage; nothing may resize it meanwhile.
    private func withGraph<R>(_ body: (GraphView) -> R) -> R {
        let (d, s0, su) = (dimension, level0Stride, upperStride)
        return vectors.withUnsafeBufferPointer { v in
            level0Links.withUnsafeMutableBufferPointer { l0 in
                upperLinks.withUnsafeMutableBufferPointer { up in
                    upperOffset.withUnsafeBufferPointer { offsets in
                        deleted.withUnsafeBufferPointer { gone in
                            body(GraphView(vectors: v.baseAddress!, level0: l0.baseAddress!, upper: up.baseAddress,
                                           upperOffset: offsets.baseAddress!, deleted: gone.baseAddress!,
                                           dimension: d, level0Stride: s0, upperStride: su))
                        }
                    }
                }
            }
        }
    }

    // The scratch buffers are moved out for an operation and back afterwards, so the hot
    // loop works on uniquely referenced locals (no copy-on-write, no exclusivity checks).
    private func takeVisited() -> VisitedSet { defer { visited = VisitedSet() }; return visited }
    private func takeCandidates() -> MaxHeap { defer { candidates = MaxHeap() }; return candidates }
    private func takeResults() -> MaxHeap { defer { results = MaxHeap() }; return results }

    private func giveBack(_ visited: VisitedSet, _ candidates: MaxHeap, _ results: MaxHeap) {
        self.visited = visited
        self.candidates = candidates
        self.results = results
    }
}
