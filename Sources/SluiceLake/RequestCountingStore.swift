import Foundation
import Parquet

/// Requests made through a ``RequestCountingStore``, by kind.
public struct RequestCounts: Sendable, Equatable, Codable {
    public var heads = 0
    public var gets = 0
    /// Listings started; one listing may fetch several pages from the server.
    public var lists = 0
    /// Objects written (one ``ObjectStore/writer(for:)`` each, however many parts it uploads).
    public var writes = 0
    public var deletes = 0
    /// Bytes that GETs returned.
    public var bytesRead = 0

    public init() {}

    /// Every request counted, whatever its kind.
    public var total: Int { heads + gets + lists + writes + deletes }
}

/// Wraps any ``ObjectStore`` and counts what goes through it, so the cost of a read
/// path — how many round trips, how many bytes — can be measured rather than guessed.
/// A footer-only pass over remote Parquet files, for one, should cost one HEAD and
/// one or two GETs per file; this store is how that claim is checked.
///
/// Counting is safe from concurrent tasks. Each GET's range is kept too (see
/// ``getRanges``), so wrap a store for a measurement, not for a long-lived process.
public final class RequestCountingStore: ObjectStore, @unchecked Sendable {
    public let base: any ObjectStore
    // The counters change from whatever tasks use the store; the lock is what makes the
    // `@unchecked Sendable` promise true.
    private let lock = NSLock()
    private var current = RequestCounts()
    private var ranges: [Range<Int>?] = []

    public init(base: any ObjectStore) { self.base = base }

    /// The counts so far.
    public var counts: RequestCounts { lock.withLock { current } }

    /// The range of every GET so far, in the order they completed; `nil` for a whole object.
    public var getRanges: [Range<Int>?] { lock.withLock { ranges } }

    public var location: String { base.location }

    public func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> {
        lock.withLock { current.lists += 1 }
        return base.list(prefix: prefix)
    }

    public func head(_ key: String) async throws -> ObjectInfo {
        lock.withLock { current.heads += 1 }
        return try await base.head(key)
    }

    public func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] {
        let bytes = try await base.get(key, range: range)
        lock.withLock {
            current.gets += 1
            current.bytesRead += bytes.count
            ranges.append(range)
        }
        return bytes
    }

    public func writer(for key: String) async throws -> any ByteSink {
        lock.withLock { current.writes += 1 }
        return try await base.writer(for: key)
    }

    public func delete(_ key: String) async throws {
        lock.withLock { current.deletes += 1 }
        try await base.delete(key)
    }
}
