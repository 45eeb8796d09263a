/// Copies that may read and write up to 16 bytes past their end.
///
/// The output and literal buffers carry ``slack`` spare bytes so short copies can
/// move whole 8- or 16-byte words instead of calling `memcpy` per sequence. The
/// stray bytes land beyond the write cursor and are overwritten later.
enum ZstdCopy {
    static let slack = 32

    /// Beyond this, `memcpy` beats the word loop.
    private static let bulkThreshold = 64

    /// Non-overlapping copy.
    @inline(__always)
    static func literals(_ target: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
        if count > bulkThreshold {
            target.update(from: source, count: count)
        } else {
            words16(target, from: source, count: count)
        }
    }

    /// 16-byte words; correct while the source trails the target by at least 16 bytes.
    @inline(__always)
    private static func words16(_ target: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
        var to = UnsafeMutableRawPointer(target)
        var from = UnsafeRawPointer(source)
        let end = to + count
        repeat {
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (to + 8).storeBytes(of: (from + 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
            to += 16
            from += 16
        } while to < end
    }

    /// 8-byte words; correct while the source trails the target by at least 8
    /// bytes, since each word then reads only bytes written before it.
    @inline(__always)
    private static func words8(_ target: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
        var to = UnsafeMutableRawPointer(target)
        var from = UnsafeRawPointer(source)
        let end = to + count
        repeat {
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to += 8
            from += 8
        } while to < end
    }

    /// Copies `count` bytes from `offset` bytes back, where source and target may
    /// overlap (a short offset repeats a pattern).
    @inline(__always)
    static func match(_ target: UnsafeMutablePointer<UInt8>, offset: Int, count: Int) {
        let source = UnsafePointer(target - offset)
        if offset >= count, count > bulkThreshold {
            target.update(from: source, count: count)
        } else if offset >= 16 {
            words16(target, from: source, count: count)
        } else if offset >= 8 {
            words8(target, from: source, count: count)
        } else {
            // A short period: lay down 8 bytes one by one, then copy words from a
            // whole number of periods back, which is at least 8 bytes away.
            for index in 0..<min(8, count) { target[index] = source[index] }
            if count > 8 {
                let period = offset * ((8 + offset - 1) / offset)
                words8(target + 8, from: target + 8 - period, count: count - 8)
            }
        }
    }
}
