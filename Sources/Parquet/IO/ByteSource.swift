#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random access to the bytes of one object: a local file, an object in a bucket, a buffer.
///
/// The Parquet reader only ever asks for ranges, so opening a remote file costs one
/// or two small reads for the footer, and a column chunk costs one read of exactly
/// its bytes. Implementations must be safe to call concurrently.
public protocol RandomAccessByteSource: Sendable {
    /// A name for error messages: a path or a URI.
    var name: String { get }
    /// Total size in bytes, known when the source is opened.
    var size: Int { get }
    /// The bytes of `range`; the range always lies within `0..<size`.
    func read(_ range: Range<Int>) async throws -> [UInt8]
}

/// Bytes held in memory.
public struct InMemoryByteSource: RandomAccessByteSource {
    public let name: String
    public let bytes: [UInt8]
    public var size: Int { bytes.count }

    public init(_ bytes: [UInt8], name: String = "<memory>") {
        self.bytes = bytes
        self.name = name
    }

    public func read(_ range: Range<Int>) async throws -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw ParquetError(.io, "read \(range) outside 0..<\(bytes.count)", context: [name])
        }
        return Array(bytes[range])
    }
}

/// A local file read with `pread`, so concurrent reads of different ranges do not interfere.
public final class FileByteSource: RandomAccessByteSource, @unchecked Sendable {
    // `fd` is written once in init and closed in deinit; pread needs no locking.
    private let fd: Int32
    public let name: String
    public let size: Int

    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot open: \(String(cString: strerror(errno)))", context: [path])
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ParquetError(.io, "cannot stat: \(message)", context: [path])
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw ParquetError(.io, "is a directory, not a file", context: [path])
        }
        self.fd = fd
        self.name = path
        self.size = Int(info.st_size)
    }

    deinit { close(fd) }

    public func read(_ range: Range<Int>) async throws -> [UInt8] {
        try readSync(range)
    }

    /// The synchronous form, for callers that are not in an async context.
    public func readSync(_ range: Range<Int>) throws -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= size else {
            throw ParquetError(.io, "read \(range) outside 0..<\(size)", context: [name])
        }
        var failure: Int32 = 0
        let result = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            var done = 0
            while done < range.count {
                let n = pread(fd, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { failure = -1; break }
                done += n
            }
            initialized = failure == 0 ? range.count : 0
        }
        if failure == -1 {
            throw ParquetError(.io, "file shrank while reading \(range)", context: [name])
        } else if failure != 0 {
            throw ParquetError(.io, "read failed: \(String(cString: strerror(failure)))", context: [name])
        }
        return result
    }
}
