import Foundation
import SluiceCore
import Parquet

/// What a ``LakeLocation`` names once the store is asked: one object, or a prefix of many.
public enum ResolvedLocation: Sendable {
    case object(store: any ObjectStore, key: String)
    case prefix(store: any ObjectStore, prefix: String)

    public var store: any ObjectStore {
        switch self {
        case .object(let store, _), .prefix(let store, _): return store
        }
    }
}

extension LakeLocation {
    /// Asks the store whether this location names one object.
    ///
    /// A folder location names an object when its path is a file; the object then lives
    /// in a folder store over the parent folder. An S3 location names an object when its
    /// prefix is an existing key. Anything else is a prefix, possibly of nothing.
    public func resolve(
        s3Configuration: S3Configuration? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        config: SluiceConfig = SluiceConfig()
    ) async throws -> ResolvedLocation {
        switch kind {
        case .folder(let root):
            if case .success(let info) = POSIXFile.status(of: root), !POSIXFile.isDirectory(info) {
                let (parent, name) = Self.split(root)
                return .object(store: FolderStore(root: parent), key: name)
            }
            return .prefix(store: FolderStore(root: root), prefix: prefix)
        case .s3:
            let store = try openStore(s3Configuration: s3Configuration, environment: environment, config: config)
            if !prefix.isEmpty, !prefix.hasSuffix("/") {
                do {
                    _ = try await store.head(prefix)
                    return .object(store: store, key: prefix)
                } catch let error as LakeError where error.kind == .notFound {
                    // Not a key: a prefix such as `raw` for the objects under `raw/`.
                }
            }
            return .prefix(store: store, prefix: prefix)
        }
    }

    /// An absolute path's folder and last component: `/data/a.csv` → (`/data`, `a.csv`).
    static func split(_ path: String) -> (parent: String, name: String) {
        let slash = path.lastIndex(of: "/")!
        let parent = slash == path.startIndex ? "/" : String(path[..<slash])
        return (parent, String(path[path.index(after: slash)...]))
    }
}

/// Copies objects between any two stores, folder or S3, streaming each through
/// ``ObjectStore/writer(for:)`` in chunks so memory stays flat for any object size.
///
/// The rules follow `cp -r` and `aws s3 cp`:
///
/// - One object to a folder, or to an S3 prefix ending in `/`, keeps its name:
///   `cp s3://b/raw/a.csv lake/` writes `lake/a.csv`.
/// - One object to anything else is written under that name: `cp lake/a.csv s3://b/in/b.csv`.
/// - A prefix copies every object under it, keeping their paths below the prefix:
///   `cp s3://b/raw lake/raw` writes `s3://b/raw/x/y.csv` to `lake/raw/x/y.csv`.
public struct LakeCopy: Sendable {
    /// One object to copy.
    public struct Item: Sendable, Equatable {
        public var sourceKey: String
        public var destinationKey: String
        public var size: Int
    }

    /// How far a copy has come, for progress reports.
    public struct Progress: Sendable {
        public var bytesCopied: Int
        public var totalBytes: Int
        public var objectsCopied: Int
        public var totalObjects: Int
    }

    public let source: any ObjectStore
    public let destination: any ObjectStore
    public let items: [Item]
    /// Bytes read and written per step; one ranged GET each from S3.
    public var chunkSize = 8 * 1024 * 1024

    public var totalBytes: Int { items.reduce(0) { $0 + $1.size } }

    /// Works out what to copy where, listing the source when it is a prefix.
    ///
    /// `destinationIsFolder` says the destination was written with a trailing `/`,
    /// which makes it a folder or prefix even before it exists.
    ///
    /// - Throws: ``LakeError/Kind/notFound`` when the source names nothing.
    public static func plan(
        from source: LakeLocation,
        to destination: LakeLocation,
        destinationIsFolder: Bool = false,
        s3Configuration: S3Configuration? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        config: SluiceConfig = SluiceConfig()
    ) async throws -> LakeCopy {
        let resolvedSource = try await source.resolve(s3Configuration: s3Configuration, environment: environment, config: config)
        switch resolvedSource {
        case .object(let store, let key):
            let info = try await store.head(key)
            let name = String(key.split(separator: "/").last ?? Substring(key))
            let (target, targetKey) = try await singleObjectTarget(destination, name: name, isFolder: destinationIsFolder, s3Configuration: s3Configuration, environment: environment, config: config)
            return LakeCopy(source: store, destination: target, items: [Item(sourceKey: key, destinationKey: targetKey, size: info.size)])
        case .prefix(let store, let prefix):
            // `raw` copies what is under `raw/`, not `raw-old/…`.
            let base = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
            let target = try destination.openStore(s3Configuration: s3Configuration, environment: environment, config: config)
            let targetBase = destination.prefix.isEmpty || destination.prefix.hasSuffix("/") ? destination.prefix : destination.prefix + "/"
            var items: [Item] = []
            for try await object in store.list(prefix: base) {
                let relative = String(decoding: object.key.utf8.dropFirst(base.utf8.count), as: UTF8.self)
                items.append(Item(sourceKey: object.key, destinationKey: targetBase + relative, size: object.size))
            }
            guard !items.isEmpty else {
                throw LakeError(.notFound, location: source.description, message: "nothing to copy: no objects under this location")
            }
            return LakeCopy(source: store, destination: target, items: items)
        }
    }

    /// Where one object named `name` goes in `destination`.
    private static func singleObjectTarget(
        _ destination: LakeLocation, name: String, isFolder: Bool,
        s3Configuration: S3Configuration?, environment: [String: String], config: SluiceConfig
    ) async throws -> (any ObjectStore, String) {
        switch destination.kind {
        case .folder(let root):
            var existingFolder = false
            if case .success(let info) = POSIXFile.status(of: root) { existingFolder = POSIXFile.isDirectory(info) }
            if isFolder || existingFolder { return (FolderStore(root: root), name) }
            let (parent, name) = LakeLocation.split(root)
            return (FolderStore(root: parent), name)
        case .s3:
            let store = try destination.openStore(s3Configuration: s3Configuration, environment: environment, config: config)
            let prefix = destination.prefix
            return (store, prefix.isEmpty || prefix.hasSuffix("/") ? prefix + name : prefix)
        }
    }

    /// Copies every item in order; `progress` is called after each chunk.
    public func run(progress: (Progress) -> Void = { _ in }) async throws {
        var state = Progress(bytesCopied: 0, totalBytes: totalBytes, objectsCopied: 0, totalObjects: items.count)
        for item in items {
            try await copy(item) { chunk in
                state.bytesCopied += chunk
                progress(state)
            }
            state.objectsCopied += 1
            progress(state)
        }
    }

    private func copy(_ item: Item, chunkCopied: (Int) -> Void) async throws {
        let sink = try await destination.writer(for: item.destinationKey)
        do {
            var offset = 0
            while offset < item.size {
                let end = min(offset + chunkSize, item.size)
                let bytes = try await source.get(item.sourceKey, range: offset..<end)
                guard bytes.count == end - offset else {
                    throw LakeError(.io, location: source.location, key: item.sourceKey, message: "the object shrank while being copied")
                }
                try await sink.write(bytes)
                chunkCopied(bytes.count)
                offset = end
            }
            try await sink.close()
        } catch {
            await sink.abort()
            throw error
        }
    }
}
