import Foundation
import Testing
@testable import SluiceLake

/// The stores the contract suite runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case folder, s3
    var testDescription: String { rawValue }
}

/// Settings that change how a test store pages and uploads, so paging and multipart
/// can be tested with a few small objects.
struct StoreTuning: Sendable {
    var pageSize = 1000
    var partSize = S3Configuration.minimumPartSize
    var multipartThreshold = 8 * 1024 * 1024
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// The S3 test server, as `scripts/services.sh env` describes it.
///
/// Without those variables the S3 tests fail rather than skip: they are the only proof
/// that signing, paging and multipart work against a real server.
enum TestS3 {
    static func configuration(_ tuning: StoreTuning = StoreTuning()) throws -> S3Configuration {
        let environment = ProcessInfo.processInfo.environment
        guard environment["AWS_ENDPOINT_URL"] != nil, environment["AWS_ACCESS_KEY_ID"] != nil, environment["AWS_SECRET_ACCESS_KEY"] != nil else {
            throw TestSetupError(description: """
                S3 tests need the test server and its credentials: run \
                `scripts/services.sh up && eval "$(scripts/services.sh env)"` before `swift test`
                """)
        }
        var configuration = try S3Configuration(environment: environment)
        configuration.maxKeys = tuning.pageSize
        configuration.partSize = tuning.partSize
        configuration.multipartThreshold = tuning.multipartThreshold
        // Keep a failing test fast: the server is local, so a retry that helps helps at once.
        configuration.retry = S3RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200))
        return configuration
    }

    /// A fresh bucket name per test, so tests run in parallel and leave nothing shared.
    static func uniqueBucketName(_ label: String = "t") -> String {
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        return "sluice-\(label)-\(suffix)"
    }

    /// Runs `body` with a new bucket, then deletes the bucket and what is in it.
    static func withBucket<T>(
        _ tuning: StoreTuning = StoreTuning(),
        _ body: (S3Store) async throws -> T
    ) async throws -> T {
        let store = try S3Store(bucket: uniqueBucketName(), configuration: configuration(tuning))
        try await store.createBucket()
        let result: T
        do {
            result = try await body(store)
        } catch {
            try? await remove(store)
            throw error
        }
        try await remove(store)
        return result
    }

    static func remove(_ store: S3Store) async throws {
        let keys = try await listKeys(store)
        try await forEachConcurrently(keys) { try await store.delete($0) }
        try await store.deleteBucket()
    }
}

/// Runs `body` with a store of `kind`, empty and private to the test, and cleans up after.
func withStore<T>(_ kind: StoreKind, _ tuning: StoreTuning = StoreTuning(), _ body: (any ObjectStore) async throws -> T) async throws -> T {
    switch kind {
    case .s3:
        return try await TestS3.withBucket(tuning, body)
    case .folder:
        return try await withTemporaryFolder { root in
            try await body(FolderStore(root: root, pageSize: tuning.pageSize))
        }
    }
}

/// A new empty folder, removed afterwards.
func withTemporaryFolder<T>(_ body: (String) async throws -> T) async throws -> T {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-lake-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    return try await body(root)
}

/// Runs `body` for every element, up to `width` at a time.
func forEachConcurrently<Element: Sendable>(_ elements: [Element], width: Int = 32, _ body: @escaping @Sendable (Element) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var iterator = elements.makeIterator()
        for _ in 0..<width {
            guard let element = iterator.next() else { break }
            group.addTask { try await body(element) }
        }
        while try await group.next() != nil {
            if let element = iterator.next() { group.addTask { try await body(element) } }
        }
    }
}

func listAll(_ store: any ObjectStore, prefix: String = "") async throws -> [ObjectInfo] {
    var objects: [ObjectInfo] = []
    for try await object in store.list(prefix: prefix) { objects.append(object) }
    return objects
}

func listKeys(_ store: any ObjectStore, prefix: String = "") async throws -> [String] {
    try await listAll(store, prefix: prefix).map(\.key)
}

/// Deterministic bytes that differ at every offset, so a misplaced range shows.
func patternBytes(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8 &+ Int(seed)) }
}

/// The `LakeError` `body` throws, or a recorded failure when it throws something else or nothing.
func lakeError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> LakeError? {
    do {
        try await body()
        Issue.record("expected a LakeError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as LakeError {
        return error
    } catch {
        Issue.record("expected a LakeError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
