import Foundation
import SluiceCatalog

/// The stored form of a ``SluiceCatalog/KeySketch``'s hashes: 8 bytes per hash,
/// little-endian, in the sketch's ascending order. Fixed-width binary keeps a full
/// 1024-hash sketch at 8 KiB and lets any language read it (`struct.unpack('<nQ')`).
enum KeySketchBlob {
    static func data(for sketch: KeySketch) -> Data {
        var data = Data(capacity: sketch.hashes.count * 8)
        for hash in sketch.hashes {
            withUnsafeBytes(of: hash.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The hashes in `data`, or `nil` when its length is not a multiple of 8.
    static func hashes(from data: Data) -> [UInt64]? {
        guard data.count % 8 == 0 else { return nil }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(data.count / 8)
        var index = data.startIndex
        while index < data.endIndex {
            var hash: UInt64 = 0
            for shift in 0..<8 {
                hash |= UInt64(data[index + shift]) << (8 * UInt64(shift))
            }
            hashes.append(hash)
            index += 8
        }
        return hashes
    }
}
