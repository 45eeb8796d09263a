/// Byte-moving primitives shared by the LZ77-family codecs (``Snappy`` and ``LZ4``).
///
/// Both formats describe output as a sequence of *literals* (bytes copied from the
/// input) and *matches* (bytes copied from earlier in the output, `offset` bytes
/// back, possibly overlapping the bytes being written so that a short pattern
/// repeats). Decoding speed is dominated by how those two copies are done, so the
/// decoders use word-sized copies that may write a little past the logical end of
/// a copy. Callers take the fast forms only when at least ``fastCopySlack`` bytes
/// of room remain after the copy; the overshoot then lands in output that a later
/// copy overwrites, and the exact forms handle the tail of the buffer.
enum LZ77 {
    /// Bytes a fast copy may write past the end of what it logically copies.
    static let fastCopySlack = 16

    @inline(__always)
    static func load64(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
    }

    @inline(__always)
    static func load32(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
    }

    @inline(__always)
    static func store64(_ p: UnsafeMutablePointer<UInt8>, _ value: UInt64) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: UInt64.self)
    }

    /// Copies 16 bytes; source and destination must not overlap.
    @inline(__always)
    static func copy16(from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) {
        let chunk = UnsafeRawPointer(source).loadUnaligned(as: SIMD16<UInt8>.self)
        UnsafeMutableRawPointer(destination).storeBytes(of: chunk, as: SIMD16<UInt8>.self)
    }

    /// Copies `count` literal bytes that the caller has checked fit both buffers.
    ///
    /// Short literals far from both ends move in whole 16-byte chunks, which beats a
    /// `memcpy` call at these sizes; the rest go through `memcpy`.
    @inline(__always)
    static func copyLiteral(
        from source: UnsafePointer<UInt8>, sourceEnd: UnsafePointer<UInt8>,
        to destination: UnsafeMutablePointer<UInt8>, destinationEnd: UnsafeMutablePointer<UInt8>, count: Int
    ) {
        if count <= 64 && sourceEnd - source >= count &+ fastCopySlack && destinationEnd - destination >= count &+ fastCopySlack {
            var copied = 0
            repeat {
                copy16(from: source + copied, to: destination + copied)
                copied &+= 16
            } while copied < count
        } else {
            UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: count)
        }
    }

    /// Appends `length` bytes that repeat the output starting `offset` bytes back.
    ///
    /// Requires `1 <= offset <= bytes already written before destination` and
    /// `length + fastCopySlack` writable bytes at `destination`.
    @inline(__always)
    static func copyMatchFast(to destination: UnsafeMutablePointer<UInt8>, offset: Int, length: Int) {
        var source = UnsafePointer(destination - offset)
        var output = destination
        let end = destination + length
        if offset >= 16 {
            // Each 16-byte chunk reads only bytes written before it starts.
            repeat {
                copy16(from: source, to: output)
                source += 16
                output += 16
            } while output < end
            return
        }
        if offset < 8 {
            // A pattern shorter than a word: copy a word from the pattern start and
            // advance by the pattern distance, which doubles it, until it spans a word.
            // The bytes of each word past the distance are rewritten by the next step.
            var distance = offset
            while distance < 8 {
                store64(output, load64(source))
                output += distance
                distance &+= distance
                if output >= end { return }
            }
        }
        repeat {
            store64(output, load64(source))
            source += 8
            output += 8
        } while output < end
    }

    /// ``copyMatchFast(to:offset:length:)`` without any writes past `length`, for the end of a buffer.
    @inline(__always)
    static func copyMatchExact(to destination: UnsafeMutablePointer<UInt8>, offset: Int, length: Int) {
        let source = destination - offset
        for i in 0..<length { destination[i] = source[i] }
    }

    /// How many bytes at `a` equal those at `b`, comparing no further than `bLimit` for `b`.
    ///
    /// `a` must precede `b` in the same buffer, so reading as far as `b` reads is safe for both.
    @inline(__always)
    static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, bLimit: UnsafePointer<UInt8>) -> Int {
        var matched = 0
        while bLimit - (b + matched) >= 8 {
            let difference = load64(a + matched) ^ load64(b + matched)
            if difference != 0 {
                return matched &+ (UInt64(littleEndian: difference).trailingZeroBitCount >> 3)
            }
            matched &+= 8
        }
        while b + matched < bLimit && a[matched] == b[matched] { matched &+= 1 }
        return matched
    }
}
