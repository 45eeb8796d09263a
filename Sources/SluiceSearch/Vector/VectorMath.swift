/// The distance kernel and the input checks shared by the vector indexes.
enum VectorMath {
    /// Dot product of two `count`-long vectors.
    ///
    /// Two 8-lane accumulators let the CPU overlap independent multiply-adds; unaligned
    /// SIMD loads avoid any alignment demand on the flat storage. Separate multiply and
    /// add (not `addingProduct`) because without a fused-multiply-add target feature
    /// that call becomes a libm `fmaf` per lane.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= count {
            let offset = i &* 4
            acc0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD8<Float>.self)
            i &+= 16
        }
        var sum = (acc0 + acc1).sum()
        while i < count {
            sum += a[i] * b[i]
            i &+= 1
        }
        return sum
    }

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
