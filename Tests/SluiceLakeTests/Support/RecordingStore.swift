import Foundation
import Parquet
@testable import SluiceLake

/// Delegates to another store and records every GET: the range asked for and the
/// bytes that came back, so tests can count what a reader costs.
final class RecordingStore: ObjectStore, @unchecked Sendable {
    // Tests drive the store from one task at a time; the lock keeps the Sendable promise honest.
    private let lock = NSLock()
    private var recorded: [(range: Range<Int>?, bytes: Int)] = []
    let base: any ObjectStore

    init(base: any ObjectStore) { self.base = base }

    var ranges: [Range<Int>?] { lock.withLock { recorded.map(\.range) } }
    var gets: Int { lock.withLock { recorded.count } }
    var bytesRead: Int { lock.withLock { recorded.reduce(0) { $0 + $1.bytes } } }

    var location: String { base.location }
    func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> { base.list(prefix: prefix) }
    func head(_ key: String) async throws -> ObjectInfo { try await base.head(key) }
    func writer(for key: String) async throws -> any ByteSink { try await base.writer(for: key) }
    func delete(_ key: String) async throws { try await base.delete(key) }

    func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] {
        let bytes = try await base.get(key, range: range)
        lock.withLock { recorded.append((range, bytes.count)) }
        return bytes
    }
}
