import CVectorKernels

/// The distance kernel and the input checks shared by the vector indexes.
enum VectorMath {
    /// Dot product of two `count`-long vectors.
    ///
    /// The kernel is C (`CVectorKernels`), compiled once per instruction set and chosen at
    /// run time: Swift's baseline x86-64 target has only SSE2, which makes a 384-float dot
    /// product four times as many steps as AVX-512 needs. The call is not inlined; at the
    /// dimensions embeddings have, the product itself dwarfs the call.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        sluice_dot_f32(a, b, count)
    }

    /// Starts loading the first cache lines of a vector that is about to be compared.
    @inline(__always)
    static func prefetch(_ vector: UnsafePointer<Float>) {
        sluice_prefetch(vector, 256)
    }

    /// Which dot-product kernel this CPU runs: `avx512`, `avx2-fma` or `portable`.
    static var kernelName: String { String(cString: sluice_dot_kernel_name()) }

    /// `vector` scaled to unit length, after checking it can be: right length, finite, not zero.
    static func normalized(_ vector: [Float], dimension: Int, id: String?) throws -> [Float] {
        guard vector.count == dimension else {
            throw VectorIndexError.dimensionMismatch(expected: dimension, actual: vector.count)
        }
        var squares: Double = 0
        for value in vector {
            guard value.isFinite else { throw VectorIndexError.nonFiniteValue(id: id) }
            squares += Double(value) * Double(value)
        }
        guard squares > 0 else { throw VectorIndexError.zeroVector(id: id) }
        let scale = Float(1 / squares.squareRoot())
        return vector.map { $0 * scale }
    }
}

/// The CPU kernel behind every vector comparison, for benchmark reports.
public enum VectorKernel {
    /// `avx512`, `avx2-fma` or `portable`.
    public static var name: String { VectorMath.kernelName }
}
