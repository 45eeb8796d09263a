import Foundation
import Parquet

/// What a listing or a HEAD request says about one object.
public struct ObjectInfo: Sendable, Equatable {
    /// The key relative to the store's root (folder) or bucket (S3), `/`-separated.
    public var key: String
    public var size: Int
    /// The S3 ETag (quotes removed); for a folder store a hash of size, modification time and inode.
    public var etag: String?
    public var lastModified: Date?

    public init(key: String, size: Int, etag: String? = nil, lastModified: Date? = nil) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// A flat namespace of byte objects: a local folder or an S3-compatible bucket.
///
/// Keys are `/`-separated paths relative to the store's root. Every method throws
/// ``LakeError`` naming the store, the key and, for S3, the error code.
public protocol ObjectStore: Sendable {
    /// Where the store points, as a URI: `file:///data/lake` or `s3://bucket/prefix`.
    var location: String { get }

    /// Every object whose key starts with `prefix`, once each, in key order, fetched page by page.
    ///
    /// Key order is UTF-8 byte order on AWS and in a folder store. Servers that keep a
    /// real folder tree may differ: SeaweedFS walks each folder's entries by name, so
    /// `a/b` comes before `a-b`. In every order the keys under one folder are adjacent.
    func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error>

    func head(_ key: String) async throws -> ObjectInfo

    /// The whole object, or `range` of it.
    func get(_ key: String, range: Range<Int>?) async throws -> [UInt8]

    /// A sink that creates or replaces `key` when closed; until then readers see the old
    /// object (or none), and ``ByteSink/abort()`` leaves no trace. Large objects are
    /// streamed (S3: multipart upload above a threshold).
    func writer(for key: String) async throws -> any ByteSink

    /// Removes `key`; removing a missing key is not an error (as in S3).
    func delete(_ key: String) async throws
}

extension ObjectStore {
    public func get(_ key: String) async throws -> [UInt8] {
        try await get(key, range: nil)
    }

    /// Writes `bytes` to `key` in one go.
    public func put(_ key: String, bytes: [UInt8]) async throws {
        let sink = try await writer(for: key)
        do {
            try await sink.write(bytes)
            try await sink.close()
        } catch {
            await sink.abort()
            throw error
        }
    }

    /// Random access to one object for the Parquet reader: one HEAD, then ranged GETs.
    public func byteSource(for key: String) async throws -> ObjectByteSource {
        let info = try await head(key)
        return ObjectByteSource(store: self, key: key, size: info.size)
    }
}

/// An object read through ranged GETs: opening a Parquet footer costs one or two requests.
public struct ObjectByteSource: RandomAccessByteSource {
    public let store: any ObjectStore
    public let key: String
    public let size: Int

    public init(store: any ObjectStore, key: String, size: Int) {
        self.store = store
        self.key = key
        self.size = size
    }

    public var name: String {
        store.location.hasSuffix("/") ? store.location + key : store.location + "/" + key
    }

    public func read(_ range: Range<Int>) async throws -> [UInt8] {
        if range.isEmpty { return [] }
        return try await store.get(key, range: range)
    }
}

/// Errors of the lake layer. Each names the store location and key at fault.
public struct LakeError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case notFound, accessDenied, invalidKey, invalidLocation, io, remote, malformedData
    }

    public var kind: Kind
    public var location: String
    public var key: String?
    /// For S3: the error code from the response body (`NoSuchBucket`, `SignatureDoesNotMatch`, …).
    public var code: String?
    public var message: String

    public init(_ kind: Kind, location: String, key: String? = nil, code: String? = nil, message: String) {
        self.kind = kind
        self.location = location
        self.key = key
        self.code = code
        self.message = message
    }

    public var description: String {
        var subject = location
        if let key { subject += (location.hasSuffix("/") ? "" : "/") + key }
        let codePart = code.map { " (\($0))" } ?? ""
        return "\(subject): \(message)\(codePart)"
    }
}
