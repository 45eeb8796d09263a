#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer sends its bytes, in order: a file, an object-store upload, a buffer.
///
/// ``close()`` is called once after the last write; ``abort()`` instead of it when
/// writing failed, so a sink can throw away what it has (a temporary file, a
/// multipart upload) and nothing half-written is left behind.
public protocol ByteSink: AnyObject {
    func write(_ bytes: [UInt8]) async throws
    func close() async throws
    func abort() async
}

/// Collects everything in memory.
public final class InMemoryByteSink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var isClosed = false

    public init() {}

    public func write(_ chunk: [UInt8]) async throws {
        guard !isClosed else { throw ParquetError(.io, "write after close", context: ["<memory>"]) }
        bytes.append(contentsOf: chunk)
    }

    public func close() async throws { isClosed = true }
    public func abort() async { bytes = []; isClosed = true }
}

/// Writes a local file atomically: bytes go to a temporary file beside the
/// destination, which replaces the destination by `rename` on ``close()``.
/// ``abort()`` removes the temporary file and leaves the destination untouched.
public final class FileByteSink: ByteSink {
    public let path: String
    private let temporaryPath: String
    private var fd: Int32

    public init(path: String) throws {
        self.path = path
        self.temporaryPath = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot create: \(String(cString: strerror(errno)))", context: [path])
        }
        self.fd = fd
    }

    deinit {
        if fd >= 0 {
            Glibc.close(fd)
            unlink(temporaryPath)
        }
    }

    public func write(_ bytes: [UInt8]) async throws {
        try writeSync(bytes)
    }

    public func writeSync(_ bytes: [UInt8]) throws {
        guard fd >= 0 else { throw ParquetError(.io, "write after close", context: [path]) }
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ParquetError(.io, "write failed: \(String(cString: strerror(errno)))", context: [path])
                }
                done += n
            }
        }
    }

    public func close() async throws {
        guard fd >= 0 else { return }
        let syncFailed = fsync(fd) != 0
        let closeFailed = Glibc.close(fd) != 0
        fd = -1
        if syncFailed || closeFailed {
            unlink(temporaryPath)
            throw ParquetError(.io, "cannot flush: \(String(cString: strerror(errno)))", context: [path])
        }
        guard rename(temporaryPath, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ParquetError(.io, "cannot move into place: \(message)", context: [path])
        }
    }

    public func abort() async {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
        unlink(temporaryPath)
    }
}
