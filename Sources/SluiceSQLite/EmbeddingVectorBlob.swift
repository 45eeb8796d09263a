import Foundation

/// The stored form of an embedding vector (`catalog.embeddings.vector`): each value as an
/// IEEE-754 float32, 4 bytes little-endian, in vector order.
///
/// Raw floats rather than JSON or text keep a 1536-dimension vector at 6 KiB, store every
/// value exactly (the bit pattern, not a decimal rendering), and read as-is from any
/// language: `struct.unpack('<1536f', blob)` in Python, `numpy.frombuffer(blob, '<f4')`.
enum EmbeddingVectorBlob {
    static func data(for vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * 4)
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The values in `data`, or `nil` when its length is not a multiple of 4.
    static func vector(from data: Data) -> [Float]? {
        guard data.count % 4 == 0 else { return nil }
        var vector: [Float] = []
        vector.reserveCapacity(data.count / 4)
        var index = data.startIndex
        while index < data.endIndex {
            var bits: UInt32 = 0
            for shift in 0..<4 {
                bits |= UInt32(data[index + shift]) << (8 * UInt32(shift))
            }
            vector.append(Float(bitPattern: bits))
            index += 4
        }
        return vector
    }
}
