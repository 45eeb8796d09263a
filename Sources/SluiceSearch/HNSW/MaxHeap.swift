/// A binary max-heap of (key, node) pairs in one array, the priority queue of graph search.
///
/// A min-heap is the same heap with negated keys, which is how the candidate queue uses
/// it. Kept as a plain struct with `removeAll(keepingCapacity:)` so one heap serves every
/// search without reallocating.
struct MaxHeap {
    struct Element {
        var key: Float
        var node: Int32
    }

    private(set) var elements: [Element] = []

    init(capacity: Int = 0) {
        elements.reserveCapacity(capacity)
    }

    var count: Int { elements.count }
    var isEmpty: Bool { elements.isEmpty }
    /// The largest key. Only valid when the heap is not empty.
    var topKey: Float { elements[0].key }
    var top: Element { elements[0] }

    mutating func removeAll() { elements.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Float, _ node: Int32) {
        elements.append(Element(key: key, node: node))
        // Move the hole up instead of swapping: one write per level, on raw storage.
        elements.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child &- 1) >> 1
                guard heap[parent].key < key else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = Element(key: key, node: node)
        }
    }

    @discardableResult
    mutating func pop() -> Element {
        let top = elements[0]
        let last = elements.removeLast()
        if !elements.isEmpty {
            elements[0] = last
            siftDown(from: 0)
        }
        return top
    }

    /// Pop then push in one sift: the bounded "keep the best k" step.
    mutating func replaceTop(_ key: Float, _ node: Int32) {
        elements[0] = Element(key: key, node: node)
        siftDown(from: 0)
    }

    private mutating func siftDown(from start: Int) {
        elements.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            let moving = heap[start]
            var parent = start
            while true {
                let left = 2 &* parent &+ 1
                guard left < n else { break }
                let right = left &+ 1
                let larger = right < n && heap[right].key > heap[left].key ? right : left
                guard heap[larger].key > moving.key else { break }
                heap[parent] = heap[larger]
                parent = larger
            }
            heap[parent] = moving
        }
    }
}
