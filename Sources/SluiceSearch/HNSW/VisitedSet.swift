/// Which graph nodes one search has already seen, cleared in O(1) between searches.
///
/// Each node has a 16-bit tag; a node counts as visited when its tag equals the current
/// generation. Starting a new search just bumps the generation, so the array is wiped
/// only once every 65,535 searches instead of once per search (the cost that would
/// otherwise dominate small-ef queries on a large graph).
struct VisitedSet {
    private var tags: [UInt16] = []
    private var generation: UInt16 = 0

    /// Starts a new search over `nodeCount` nodes.
    mutating func reset(nodeCount: Int) {
        if tags.count < nodeCount {
            tags.append(contentsOf: repeatElement(0, count: nodeCount - tags.count))
        }
        if generation == UInt16.max {
            for i in tags.indices { tags[i] = 0 }
            generation = 0
        }
        generation &+= 1
    }

    /// Runs `body` with a marker that answers "first visit?" and marks the node.
    mutating func withMarker<R>(_ body: (inout Marker) throws -> R) rethrows -> R {
        let current = generation
        return try tags.withUnsafeMutableBufferPointer { buffer in
            var marker = Marker(tags: buffer.baseAddress!, generation: current)
            return try body(&marker)
        }
    }

    struct Marker {
        let tags: UnsafeMutablePointer<UInt16>
        let generation: UInt16

        /// Marks `node` visited; returns false when it already was.
        @inline(__always)
        func insert(_ node: Int32) -> Bool {
            if tags[Int(node)] == generation { return false }
            tags[Int(node)] = generation
            return true
        }
    }
}
