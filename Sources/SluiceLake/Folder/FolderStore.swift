#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Parquet

/// An ``ObjectStore`` over a local folder: the embedded lake.
///
/// Keys are paths relative to ``root``, checked by the rules of ``FolderKey`` so none
/// can reach outside it. The store behaves like an S3 bucket where the two differ:
///
/// - Writes are atomic. ``writer(for:)`` writes a hidden temporary file beside the
///   destination and renames it into place on close, so a reader sees the old file or
///   the new one, never half of one; folders are created as needed.
/// - Listings are flat and ordered by UTF-8 bytes, like `ListObjectsV2`: folders are not
///   objects, only the files under them are. Temporary files of unfinished writes are
///   never listed.
/// - Deleting the last file of a folder removes the folder, as if it had never
///   existed, and deleting a missing key is not an error.
///
/// ```swift
/// let lake = FolderStore(root: "lake")
/// try await lake.put("raw/clients.csv", bytes: Array("id,name\n1,Ada\n".utf8))
/// for try await object in lake.list(prefix: "raw/") { print(object.key, object.size) }
/// ```
public struct FolderStore: ObjectStore {
    /// The folder's absolute path, without a trailing `/`. It need not exist until the first write.
    public let root: String
    public let location: String
    /// How many objects one step of a listing gathers before handing them over.
    public var pageSize: Int

    /// A store over `root`; a relative path is taken from the current directory.
    public init(root: String, pageSize: Int = 1000) {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        var standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        while standardized.count > 1, standardized.hasSuffix("/") { standardized.removeLast() }
        self.root = standardized
        self.location = "file://" + (standardized.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? standardized)
        self.pageSize = max(1, pageSize)
    }

    /// The file that holds `key`, after checking that the key stays inside the root.
    public func path(for key: String) throws -> String {
        try FolderKey.validate(key, location: location)
        return root == "/" ? "/" + key : root + "/" + key
    }

    public func head(_ key: String) async throws -> ObjectInfo {
        let path = try path(for: key)
        switch POSIXFile.status(of: path) {
        case .failure(let failure):
            throw POSIXFile.error(failure.code, "read", location: location, key: key)
        case .success(let info):
            try requireRegularFile(info, key: key)
            return POSIXFile.objectInfo(key: key, info)
        }
    }

    public func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] {
        let path = try path(for: key)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXFile.error(errno, "read", location: location, key: key) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIXFile.error(errno, "read", location: location, key: key) }
        try requireRegularFile(info, key: key)
        // As with an HTTP range, the part of `range` past the end of the object is dropped.
        let size = Int(info.st_size)
        let wanted = (range ?? 0..<size).clamped(to: 0..<max(size, 0))
        if wanted.isEmpty { return [] }
        switch POSIXFile.read(fd, offset: wanted.lowerBound, count: wanted.count) {
        case .success(let bytes): return bytes
        case .failure(let failure): throw POSIXFile.error(failure.code, "read", location: location, key: key)
        }
    }

    public func writer(for key: String) async throws -> any ByteSink {
        let path = try path(for: key)
        let folder = String(path[..<path.lastIndex(of: "/")!])
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw LakeError(.io, location: location, key: key, message: "cannot create the folder for the object: \(folderProblem(folder))")
        }
        return try FolderObjectSink(path: path, key: key, location: location)
    }

    public func delete(_ key: String) async throws {
        let path = try path(for: key)
        if unlink(path) != 0 {
            switch errno {
            // Nothing to delete, or a folder, which is not an object either.
            case ENOENT, ENOTDIR, EISDIR: return
            case let code: throw POSIXFile.error(code, "delete", location: location, key: key)
            }
        }
        removeEmptyFolders(above: path)
    }

    public func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> {
        let store = self
        return pagedListing(startingAt: Walk.start) { walk in try store.listingPage(walk, prefix: prefix) }
    }

    // MARK: - Helpers

    private func requireRegularFile(_ info: stat, key: String) throws {
        if POSIXFile.isDirectory(info) {
            throw LakeError(.notFound, location: location, key: key, message: "no such object (it is a folder)")
        }
        guard POSIXFile.isRegularFile(info) else {
            throw LakeError(.io, location: location, key: key, message: "not a regular file")
        }
    }

    /// Why a folder could not be created: usually a file standing where a folder must go.
    private func folderProblem(_ folder: String) -> String {
        var ancestor = folder
        while ancestor.count > root.count {
            if case .success(let info) = POSIXFile.status(of: ancestor), !POSIXFile.isDirectory(info) {
                return "\(ancestor) is a file"
            }
            ancestor = String(ancestor[..<ancestor.lastIndex(of: "/")!])
        }
        return "cannot create \(folder)"
    }

    /// Folders exist only to hold objects, so they go when their last object goes.
    /// `rmdir` refuses a non-empty folder, which ends the climb.
    private func removeEmptyFolders(above path: String) {
        var folder = String(path[..<path.lastIndex(of: "/")!])
        while folder.count > root.count, rmdir(folder) == 0 {
            folder = String(folder[..<folder.lastIndex(of: "/")!])
        }
    }
}

// MARK: - Listing

extension FolderStore {
    /// A depth-first walk paused between pages: the entries still to visit, the next on top.
    enum Walk: Sendable {
        case start
        case pending([Entry])
    }

    struct Entry: Sendable {
        var key: String
        var isFolder: Bool
        /// Folders sort as `name/`, which puts `a/b` after `a-b` and before `a0`,
        /// so visiting sorted entries depth-first yields keys in S3's byte order.
        var sortKey: String { isFolder ? key + "/" : key }
    }

    func listingPage(_ walk: Walk, prefix: String) throws -> (objects: [ObjectInfo], next: Walk?) {
        var stack: [Entry]
        switch walk {
        case .start:
            // Start in the deepest folder the prefix names in full: `raw/cli` walks `raw`.
            let folder = prefix.lastIndex(of: "/").map { String(prefix[..<$0]) } ?? ""
            if !folder.isEmpty { try FolderKey.validate(folder, location: location) }
            stack = [Entry(key: folder, isFolder: true)]
        case .pending(let entries):
            stack = entries
        }
        var objects: [ObjectInfo] = []
        while objects.count < pageSize, let entry = stack.popLast() {
            if entry.isFolder {
                stack.append(contentsOf: try children(of: entry.key, matching: prefix).reversed())
            } else if case .success(let info) = POSIXFile.status(of: root + "/" + entry.key), POSIXFile.isRegularFile(info) {
                objects.append(POSIXFile.objectInfo(key: entry.key, info))
            }
        }
        return (objects, stack.isEmpty ? nil : .pending(stack))
    }

    /// The entries of folder `key` that hold or lead to keys starting with `prefix`, in key order.
    private func children(of key: String, matching prefix: String) throws -> [Entry] {
        let folder = key.isEmpty ? root : root + "/" + key
        guard let directory = opendir(folder) else {
            // A folder removed mid-walk, or a lake not yet written to, holds no objects.
            if errno == ENOENT || errno == ENOTDIR { return [] }
            throw POSIXFile.error(errno, "list", location: location, key: key.isEmpty ? nil : key)
        }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let record = readdir(directory) {
            let name = withUnsafeBytes(of: record.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", !FolderObjectSink.isTemporary(name), FolderKey.problem(in: name) == nil else { continue }
            let childKey = key.isEmpty ? name : key + "/" + name
            // Follow symbolic links to files; never descend through one, so a link cannot loop the walk.
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0 else { continue }
            let isLink = (info.st_mode & S_IFMT) == S_IFLNK
            let isFolder = !isLink && POSIXFile.isDirectory(info)
            let matches = isFolder
                ? (childKey + "/").hasKeyPrefix(prefix) || prefix.hasKeyPrefix(childKey + "/")
                : childKey.hasKeyPrefix(prefix)
            if matches { entries.append(Entry(key: childKey, isFolder: isFolder)) }
        }
        return entries.sorted { $0.sortKey.keyPrecedes($1.sortKey) }
    }
}
