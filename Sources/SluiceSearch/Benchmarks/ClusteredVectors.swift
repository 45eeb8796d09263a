import Foundation

/// Deterministic synthetic embeddings with the structure real ones have, for benchmarks and tests.
///
/// Uniform random vectors are the wrong test for a vector index: in 384 dimensions they are
/// all nearly orthogonal, so "nearest" is noise and every method looks alike. Real sentence
/// embeddings sit near a low-dimensional surface and bunch into topics. This model does the
/// same: `clusters` topic centres in a `latentDimension`-dimensional space, each point a
/// centre plus Gaussian spread, lifted to `dimension` by a fixed random matrix, plus ambient
/// Gaussian noise, normalized to unit length. Everything derives from `seed`, so the Swift
/// and Python sides of `sluice bench search` (which exchange files) and the tests see the
/// same vectors on every machine.
public struct ClusteredVectors: Sendable {
    public let dimension: Int
    public let latentDimension: Int
    public let clusters: Int
    /// Standard deviation of a point around its centre, per latent coordinate (centres have 1).
    public let clusterSpread: Float
    /// Standard deviation of the ambient noise per output coordinate.
    public let noise: Float
    private let centres: [Float]   // clusters × latentDimension
    private let lift: [Float]      // dimension × latentDimension

    public init(dimension: Int = 384, latentDimension: Int = 32, clusters: Int = 64,
                clusterSpread: Float = 0.5, noise: Float = 0.3, seed: UInt64 = 42) {
        self.dimension = dimension
        self.latentDimension = latentDimension
        self.clusters = clusters
        self.clusterSpread = clusterSpread
        self.noise = noise
        var random = GaussianGenerator(seed: seed)
        centres = (0..<clusters * latentDimension).map { _ in random.next() }
        // Entries with variance 1/latentDimension keep each lifted coordinate at unit scale.
        let scale = 1 / Float(latentDimension).squareRoot()
        lift = (0..<dimension * latentDimension).map { _ in random.next() * scale }
    }

    /// `count` unit vectors, flat (row `i` at `i * dimension`); each `stream` is an independent draw.
    public func sample(count: Int, stream: UInt64) -> [Float] {
        var random = GaussianGenerator(seed: stream &* 0x9e37_79b9_7f4a_7c15 &+ 1)
        var out = [Float](repeating: 0, count: count * dimension)
        var latent = [Float](repeating: 0, count: latentDimension)
        for row in 0..<count {
            let cluster = Int(random.nextBits() % UInt64(clusters))
            for j in 0..<latentDimension {
                latent[j] = centres[cluster * latentDimension + j] + clusterSpread * random.next()
            }
            var squares: Float = 0
            for i in 0..<dimension {
                var value = noise * random.next()
                for j in 0..<latentDimension { value += lift[i * latentDimension + j] * latent[j] }
                out[row * dimension + i] = value
                squares += value * value
            }
            let inverse = 1 / squares.squareRoot()
            for i in 0..<dimension { out[row * dimension + i] *= inverse }
        }
        return out
    }
}

/// Standard normal draws from SplitMix64 bits by the Box–Muller transform: small, seedable and
/// identical on every platform (unlike `SystemRandomNumberGenerator`).
struct GaussianGenerator {
    private var state: UInt64
    private var spare: Float?

    init(seed: UInt64) { state = seed }

    mutating func nextBits() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return HNSWLevels.splitMix64(state &- 0x9e37_79b9_7f4a_7c15)
    }

    mutating func next() -> Float {
        if let value = spare {
            spare = nil
            return value
        }
        // u1 in (0, 1] keeps the logarithm finite.
        let u1 = (Double(nextBits() >> 11) + 1) / 9_007_199_254_740_992.0
        let u2 = Double(nextBits() >> 11) / 9_007_199_254_740_992.0
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        spare = Float(radius * Foundation.sin(2 * Double.pi * u2))
        return Float(radius * Foundation.cos(2 * Double.pi * u2))
    }
}
