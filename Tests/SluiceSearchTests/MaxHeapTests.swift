import Testing
@testable import SluiceSearch

@Suite struct MaxHeapTests {
    @Test func popsInDescendingOrderAndBoundsWithReplaceTop() {
        var generator = GaussianGenerator(seed: 5)
        let keys = (0..<500).map { _ in generator.next() }
        var heap = MaxHeap()
        for (i, key) in keys.enumerated() { heap.push(key, Int32(i)) }
        var popped: [Float] = []
        while !heap.isEmpty { popped.append(heap.pop().key) }
        #expect(popped == keys.sorted(by: >))

        // Keeping the 10 smallest keys with replaceTop, as the exact index does.
        var best = MaxHeap()
        for (i, key) in keys.enumerated() {
            if best.count < 10 { best.push(key, Int32(i)) } else if key < best.topKey { best.replaceTop(key, Int32(i)) }
        }
        #expect(best.elements.map(\.key).sorted() == Array(keys.sorted().prefix(10)))
    }
}
