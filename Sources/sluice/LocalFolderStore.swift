import Foundation
import Parquet
import SluiceLake

/// A local folder as an ``ObjectStore``, enough for `lake generate` to write a lake:
/// keys are `/`-separated paths under `root`, writes go through ``FileByteSink``
/// (temporary file + rename), and keys that could escape the root are refused.
struct LocalFolderStore: ObjectStore {
    let root: URL

    init(root path: String, create: Bool) throws {
        root = URL(fileURLWithPath: path).standardizedFileURL
        if create {
            do {
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            } catch {
                throw LakeError(.io, location: "file://" + root.path, message: "cannot create the folder: \(error.localizedDescription)")
            }
        }
    }

    var location: String { "file://" + root.path }

    private func path(for key: String) throws -> String {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard !key.isEmpty, !key.hasPrefix("/"), !key.contains("\0"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw LakeError(.invalidKey, location: location, key: key, message: "keys are relative paths without empty, '.' or '..' parts")
        }
        return root.appendingPathComponent(key).path
    }

    func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> {
        AsyncThrowingStream { continuation in
            var keys: [ObjectInfo] = []
            if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) {
                let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
                for case let url as URL in walker {
                    let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
                    guard values?.isRegularFile == true else { continue }
                    let key = String(url.standardizedFileURL.path.dropFirst(rootPath.count))
                    // In-flight temporary files of FileByteSink are not objects yet.
                    if key.hasPrefix(prefix), !key.contains(".tmp-") {
                        keys.append(ObjectInfo(key: key, size: values?.fileSize ?? 0))
                    }
                }
            }
            for info in keys.sorted(by: { $0.key < $1.key }) { continuation.yield(info) }
            continuation.finish()
        }
    }

    func head(_ key: String) async throws -> ObjectInfo {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: try path(for: key))
        } catch let error as LakeError {
            throw error
        } catch {
            throw LakeError(.notFound, location: location, key: key, message: "no such object")
        }
        return ObjectInfo(key: key, size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
                          lastModified: attributes[.modificationDate] as? Date)
    }

    func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] {
        let source = try FileByteSource(path: try path(for: key))
        return try await source.read(range ?? 0..<source.size)
    }

    func writer(for key: String) async throws -> any ByteSink {
        let target = try path(for: key)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return try FileByteSink(path: target)
    }

    func delete(_ key: String) async throws {
        let target = try path(for: key)
        guard FileManager.default.fileExists(atPath: target) else { return }
        try FileManager.default.removeItem(atPath: target)
    }
}
