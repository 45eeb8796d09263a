@testable import SluiceSearch
import SluiceTestSupport
import Testing

@Suite struct VectorKernelTests {
    /// Every length exercises a different split between the wide loop, the 16-lane step and
    /// the scalar tail; the reference sums in Double, so only float rounding may differ.
    @Test(arguments: [0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 48, 63, 64, 100, 384, 385, 1536])
    func dotProductMatchesADoubleReference(length: Int) {
        var random = SplitMix64(seed: UInt64(length) &+ 11)
        let a = (0..<length).map { _ in Float.random(in: -1...1, using: &random) }
        let b = (0..<length).map { _ in Float.random(in: -1...1, using: &random) }
        let reference = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let magnitude = zip(a, b).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
        let kernel = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in VectorMath.dot(pa.baseAddress ?? UnsafePointer(bitPattern: 8)!, pb.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: length) }
        }
        #expect(abs(Double(kernel) - reference) <= 1e-5 * max(1, magnitude), "length \(length): \(kernel) vs \(reference)")
    }

    @Test func kernelIsNamed() {
        #expect(["avx512", "avx2-fma", "portable"].contains(VectorKernel.name))
    }
}
