/// Builds a ``KeySketch`` from a stream of value hashes: it keeps the `capacity` smallest
/// distinct hashes seen so far in a max-heap, so a hash above the current largest kept one,
/// which is nearly every hash once the heap is full, costs a single comparison.
struct KeySketchBuilder {
    let capacity: Int
    /// The kept hashes as a binary max-heap.
    private var heap: [UInt64] = []
    private var kept = Set<UInt64>()

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds the ``KeySketch/hash(_:)`` of one value.
    @inline(__always)
    mutating func insert(_ hash: UInt64) {
        if heap.count < capacity {
            guard kept.insert(hash).inserted else { return }
            heap.append(hash)
            siftUp(heap.count - 1)
        } else if let largest = heap.first, hash < largest, !kept.contains(hash) {
            kept.remove(largest)
            kept.insert(hash)
            heap[0] = hash
            siftDown(0)
        }
    }

    var sketch: KeySketch {
        KeySketch(capacity: capacity, hashes: heap)
    }

    private mutating func siftUp(_ start: Int) {
        var position = start
        while position > 0 {
            let parent = (position - 1) / 2
            guard heap[position] > heap[parent] else { return }
            heap.swapAt(position, parent)
            position = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var position = start
        while true {
            let left = 2 * position + 1, right = left + 1
            var largest = position
            if left < heap.count && heap[left] > heap[largest] { largest = left }
            if right < heap.count && heap[right] > heap[largest] { largest = right }
            if largest == position { return }
            heap.swapAt(position, largest)
            position = largest
        }
    }
}
