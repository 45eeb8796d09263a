import Foundation
import Parquet
import SluiceCore

/// A view of another store below a key prefix, so code that writes `clients.parquet`
/// can target `s3://bucket/lake/` or a subfolder without knowing about the prefix.
///
/// Keys given to and returned by this store are relative to the prefix.
public struct PrefixedObjectStore: ObjectStore {
    public let base: any ObjectStore
    /// Ends with `/`.
    public let prefix: String

    public init(base: any ObjectStore, prefix: String) {
        self.base = base
        self.prefix = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    }

    /// A location with a prefix opens as a prefixed view; one without as its store.
    /// S3 settings are found as ``LakeLocation/openStore(s3Configuration:environment:config:)`` finds them.
    public static func open(
        _ location: LakeLocation,
        s3Configuration: S3Configuration? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        config: SluiceConfig = SluiceConfig()
    ) throws -> any ObjectStore {
        let store = try location.openStore(s3Configuration: s3Configuration, environment: environment, config: config)
        return location.prefix.isEmpty ? store : PrefixedObjectStore(base: store, prefix: location.prefix)
    }

    public var location: String {
        (base.location.hasSuffix("/") ? base.location : base.location + "/") + prefix
    }

    public func list(prefix keyPrefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> {
        let inner = base.list(prefix: prefix + keyPrefix)
        let dropped = prefix.count
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await var info in inner {
                        info.key = String(info.key.dropFirst(dropped))
                        continuation.yield(info)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func head(_ key: String) async throws -> ObjectInfo {
        var info = try await base.head(prefix + key)
        info.key = key
        return info
    }

    public func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] {
        try await base.get(prefix + key, range: range)
    }

    public func writer(for key: String) async throws -> any ByteSink {
        try await base.writer(for: prefix + key)
    }

    public func delete(_ key: String) async throws {
        try await base.delete(prefix + key)
    }
}
