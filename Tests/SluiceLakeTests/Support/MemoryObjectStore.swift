import Foundation
import Parquet
@testable import SluiceLake

/// An ``ObjectStore`` in memory, for tests: objects appear only when their writer
/// closes, as the contract asks, and can be saved to a folder for pyarrow.
final class MemoryObjectStore: ObjectStore, @unchecked Sendable {
    // Tests drive the store from one task at a time, but the protocol is Sendable; the lock keeps it honest.
    private let lock = NSLock()
    private var objects: [String: [UInt8]] = [:]

    var location: String { "memory://test" }

    var keys: [String] { lock.withLock { objects.keys.sorted() } }

    func bytes(_ key: String) -> [UInt8]? { lock.withLock { objects[key] } }

    func store(_ key: String, _ bytes: [UInt8]) { lock.withLock { objects[key] = bytes } }

    func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> {
        let matching = lock.withLock { objects.filter { $0.key.hasPrefix(prefix) }.map { ObjectInfo(key: $0.key, size: $0.value.count) } }
        return AsyncThrowingStream { continuation in
            for info in matching.sorted(by: { $0.key < $1.key }) { continuation.yield(info) }
            continuation.finish()
        }
    }

    func head(_ key: String) async throws -> ObjectInfo {
        guard let bytes = bytes(key) else { throw LakeError(.notFound, location: location, key: key, message: "no such object") }
        return ObjectInfo(key: key, size: bytes.count)
    }

    func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] {
        guard let bytes = bytes(key) else { throw LakeError(.notFound, location: location, key: key, message: "no such object") }
        return Array(bytes[range ?? 0..<bytes.count])
    }

    func writer(for key: String) async throws -> any ByteSink { Writer(store: self, key: key) }

    func delete(_ key: String) async throws { _ = lock.withLock { objects.removeValue(forKey: key) } }

    /// Writes every object under `folder`, keys as relative paths.
    func save(to folder: URL) throws {
        for key in keys {
            let url = folder.appendingPathComponent(key)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes(key)!).write(to: url)
        }
    }

    private final class Writer: ByteSink {
        let store: MemoryObjectStore
        let key: String
        var buffer: [UInt8] = []

        init(store: MemoryObjectStore, key: String) {
            self.store = store
            self.key = key
        }

        func write(_ bytes: [UInt8]) async throws { buffer += bytes }
        func close() async throws { store.store(key, buffer) }
        func abort() async { buffer = [] }
    }
}

/// Delegates to a ``MemoryObjectStore``, except that writing one key fails, as a full disk or a dropped upload would.
struct FailingStore: ObjectStore {
    struct Failure: Error {}

    let base: MemoryObjectStore
    let failingKey: String

    var location: String { base.location }
    func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> { base.list(prefix: prefix) }
    func head(_ key: String) async throws -> ObjectInfo { try await base.head(key) }
    func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] { try await base.get(key, range: range) }
    func delete(_ key: String) async throws { try await base.delete(key) }

    func writer(for key: String) async throws -> any ByteSink {
        let sink = try await base.writer(for: key)
        return key == failingKey ? BrokenSink(base: sink) : sink
    }

    private final class BrokenSink: ByteSink {
        let base: any ByteSink
        init(base: any ByteSink) { self.base = base }
        func write(_ bytes: [UInt8]) async throws { throw Failure() }
        func close() async throws { throw Failure() }
        func abort() async { await base.abort() }
    }
}
