#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Parquet

/// Writes one object of a ``FolderStore``: into a hidden temporary file beside the
/// destination, moved into place by `rename` on ``close()``.
///
/// `rename` within a folder is atomic, so readers see the old object or the new one.
/// ``close()`` flushes the file before the rename and the folder after it, so after a
/// crash the key holds one whole version. ``abort()``, or dropping the sink unclosed,
/// removes the temporary file.
///
/// Parquet's `FileByteSink` does the same for plain paths; this sink differs where a
/// store needs it to: temporary names a listing can recognise and skip, and errors
/// that are ``LakeError``s naming the store and key.
final class FolderObjectSink: ByteSink {
    private static let temporaryMarker = ".sluice-tmp-"

    private let path: String
    private let temporaryPath: String
    private let key: String
    private let location: String
    private var fd: Int32

    /// Whether `name` is the temporary file of a write in progress (or of one a crash interrupted).
    static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(temporaryMarker)
    }

    init(path: String, key: String, location: String) throws {
        let slash = path.lastIndex(of: "/")!
        let folder = path[...slash]
        let name = path[path.index(after: slash)...]
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        self.path = path
        self.temporaryPath = "\(folder).\(name)\(Self.temporaryMarker)\(suffix)"
        self.key = key
        self.location = location
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXFile.error(errno, "create a temporary file", location: location, key: key) }
    }

    deinit {
        if fd >= 0 {
            POSIXFile.closeDescriptor(fd)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: [UInt8]) async throws {
        guard fd >= 0 else { throw LakeError(.io, location: location, key: key, message: "write after close") }
        if let code = POSIXFile.writeAll(fd, bytes) {
            throw POSIXFile.error(code, "write", location: location, key: key)
        }
    }

    func close() async throws {
        guard fd >= 0 else { return }
        let descriptor = fd
        fd = -1
        let syncFailure: Int32? = fsync(descriptor) == 0 ? nil : errno
        let closeFailure: Int32? = POSIXFile.closeDescriptor(descriptor) == 0 ? nil : errno
        if let code = syncFailure ?? closeFailure {
            unlink(temporaryPath)
            throw POSIXFile.error(code, "flush", location: location, key: key)
        }
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw POSIXFile.error(code, "move the written object into place", location: location, key: key)
        }
        POSIXFile.syncDirectory(String(path[..<path.lastIndex(of: "/")!]))
    }

    func abort() async {
        guard fd >= 0 else { return }
        POSIXFile.closeDescriptor(fd)
        fd = -1
        unlink(temporaryPath)
    }
}
