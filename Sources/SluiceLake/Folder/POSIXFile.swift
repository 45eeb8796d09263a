#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation

/// The system calls behind the folder store, with `errno` turned into ``LakeError``.
enum POSIXFile {
    /// A failed call's `errno`.
    struct Errno: Error {
        var code: Int32
    }

    /// A ``LakeError`` for a failed system call: a missing file is ``LakeError/Kind/notFound``,
    /// a permission problem ``LakeError/Kind/accessDenied``, anything else ``LakeError/Kind/io``.
    static func error(_ code: Int32, _ action: String, location: String, key: String?) -> LakeError {
        let kind: LakeError.Kind
        switch code {
        case ENOENT, ENOTDIR: kind = .notFound
        case EACCES, EPERM: kind = .accessDenied
        default: kind = .io
        }
        let reason = kind == .notFound ? "no such object" : String(cString: strerror(code))
        return LakeError(kind, location: location, key: key, message: "cannot \(action): \(reason)")
    }

    /// `stat` of `path` (following symbolic links), or the errno it failed with.
    static func status(of path: String) -> Result<stat, Errno> {
        var info = stat()
        return stat(path, &info) == 0 ? .success(info) : .failure(Errno(code: errno))
    }

    static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }
    static func isRegularFile(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG }

    /// What a listing or HEAD reports for a regular file.
    ///
    /// The ETag is not a content hash: hashing every file a listing touches would read
    /// the whole lake. It hashes size, modification time (ns) and inode, which change
    /// whenever the folder store replaces an object (the rename brings a new inode) or
    /// anyone rewrites it in place (a new mtime). Like an S3 multipart ETag, equal ETags
    /// mean "unchanged", while equal content may still have different ETags.
    static func objectInfo(key: String, _ info: stat) -> ObjectInfo {
        #if canImport(Darwin)
        let mtime = info.st_mtimespec
        #else
        let mtime = info.st_mtim
        #endif
        let seconds = Int64(mtime.tv_sec)
        let nanoseconds = Int64(mtime.tv_nsec)
        var identity = [UInt8]()
        for field in [Int64(info.st_size), seconds &* 1_000_000_000 &+ nanoseconds, Int64(bitPattern: UInt64(info.st_ino))] {
            withUnsafeBytes(of: field.littleEndian) { identity.append(contentsOf: $0) }
        }
        let digest = SHA256.hash(data: identity).prefix(16)
        let etag = digest.map { String(format: "%02x", $0) }.joined()
        let modified = Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanoseconds) / 1e9)
        return ObjectInfo(key: key, size: Int(info.st_size), etag: etag, lastModified: modified)
    }

    /// Reads `count` bytes at `offset`, stopping early at the end of the file.
    static func read(_ fd: Int32, offset: Int, count: Int) -> Result<[UInt8], Errno> {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                done += n
            }
            initialized = done
        }
        return failure == 0 ? .success(bytes) : .failure(Errno(code: failure))
    }

    /// Writes all of `bytes`, retrying short writes and interrupted calls.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
    }

    /// `close(2)`, callable from types that have a `close()` of their own.
    @discardableResult
    static func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }

    /// Flushes a directory so a rename into it survives a crash.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
