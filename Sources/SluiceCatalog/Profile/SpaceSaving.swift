/// The most frequent values of a stream too diverse to count exactly, in bounded memory:
/// the Space-Saving algorithm (Metwally, Agrawal, El Abbadi, 2005).
///
/// It keeps `capacity` counters. A value that has one adds to it; a new value takes over
/// the counter with the smallest count and adds to that count. So a count is never less
/// than the value's true frequency and overstates it by at most the count it inherited;
/// every value occurring more than `total / capacity` times is sure to hold a counter.
/// Profiles report these counts as approximate.
///
/// Values are 64-bit keys (the value itself for scalars, its hash for byte strings);
/// ``offer(_:occurrences:)`` says when a counter changed hands, so a caller can keep
/// the value a key stands for next to the counter.
struct SpaceSaving {
    let capacity: Int
    /// Key per counter.
    private(set) var keys: [UInt64] = []
    /// Count per counter.
    private(set) var counts: [Int] = []
    /// Counter indices as a binary min-heap on their counts, so the smallest is at the root.
    private var heap: [Int] = []
    /// Where each counter sits in ``heap``.
    private var heapPosition: [Int] = []
    private var counterOfKey: [UInt64: Int] = [:]

    init(capacity: Int) {
        precondition(capacity > 0, "Space-Saving needs at least one counter")
        self.capacity = capacity
        counterOfKey.reserveCapacity(capacity)
    }

    /// Adds `occurrences` of `key`. Returns the counter that now holds it, and whether the
    /// counter was just given to this key (a new value, or one that displaced another).
    @discardableResult
    mutating func offer(_ key: UInt64, occurrences: Int = 1) -> (counter: Int, isNewKey: Bool) {
        if let counter = counterOfKey[key] {
            counts[counter] += occurrences
            siftDown(heapPosition[counter])
            return (counter, false)
        }
        if keys.count < capacity {
            let counter = keys.count
            keys.append(key)
            counts.append(occurrences)
            heap.append(counter)
            heapPosition.append(heap.count - 1)
            siftUp(heap.count - 1)
            counterOfKey[key] = counter
            return (counter, true)
        }
        let counter = heap[0]
        counterOfKey[keys[counter]] = nil
        keys[counter] = key
        counts[counter] += occurrences
        counterOfKey[key] = counter
        siftDown(0)
        return (counter, true)
    }

    private mutating func siftUp(_ start: Int) {
        var position = start
        while position > 0 {
            let parent = (position - 1) / 2
            guard counts[heap[position]] < counts[heap[parent]] else { return }
            swapHeap(position, parent)
            position = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var position = start
        while true {
            let left = 2 * position + 1, right = left + 1
            var smallest = position
            if left < heap.count && counts[heap[left]] < counts[heap[smallest]] { smallest = left }
            if right < heap.count && counts[heap[right]] < counts[heap[smallest]] { smallest = right }
            if smallest == position { return }
            swapHeap(position, smallest)
            position = smallest
        }
    }

    private mutating func swapHeap(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        heapPosition[heap[a]] = a
        heapPosition[heap[b]] = b
    }
}
