import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Parquet

/// An ``ObjectStore`` over one bucket of an S3-compatible server.
///
/// Requests are signed with AWS Signature V4 (``SigV4Signer``), transient failures are
/// retried with backoff (``S3RetryPolicy``), and every error is a ``LakeError`` that
/// names the endpoint, bucket, key, HTTP status and S3 error code:
///
/// ```text
/// s3://bank-lake/raw/clients.parquet: GET at http://127.0.0.1:18333 failed: HTTP 404, The specified key does not exist. (NoSuchKey)
/// ```
///
/// Keys are relative to the bucket. Reads are single GETs, ranged when a range is
/// given; writes stream through ``writer(for:)``, which switches to a multipart upload
/// above ``S3Configuration/multipartThreshold``.
///
/// The store is a value holding a shared `HTTPClient` (by default
/// ``sharedHTTPClient``, which lives as long as the process and needs no shutdown),
/// so copies are cheap and concurrent use from many tasks is safe.
public struct S3Store: ObjectStore {
    public let bucket: String
    public var configuration: S3Configuration { client.configuration }
    public var location: String { client.location }
    let client: S3Client

    /// - Throws: ``LakeError/Kind/invalidLocation`` for a name S3 would refuse.
    public init(bucket: String, configuration: S3Configuration, httpClient: HTTPClient = S3Store.sharedHTTPClient) throws {
        if let problem = Self.bucketNameProblem(bucket) {
            throw LakeError(.invalidLocation, location: "s3://\(bucket)", message: "invalid bucket name: \(problem)")
        }
        self.bucket = bucket
        self.client = S3Client(bucket: bucket, configuration: configuration, http: httpClient)
    }

    /// Why S3 would refuse `name` as a bucket name, or `nil`: 3–63 characters of
    /// lowercase letters, digits, `.` and `-`, starting and ending with a letter or digit.
    public static func bucketNameProblem(_ name: String) -> String? {
        guard (3...63).contains(name.utf8.count) else { return "a bucket name has 3 to 63 characters" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard name.allSatisfy(allowed.contains) else { return "only lowercase letters, digits, '.' and '-' are allowed" }
        guard let first = name.first, let last = name.last, first.isLetter || first.isNumber, last.isLetter || last.isNumber else {
            return "a bucket name starts and ends with a letter or digit"
        }
        return nil
    }

    // MARK: ObjectStore

    public func list(prefix: String) -> AsyncThrowingStream<ObjectInfo, any Error> {
        let client = client
        return pagedListing(startingAt: ListCursor.first) { cursor in
            var request = S3Request(.GET, key: nil, operation: "ListObjectsV2")
            request.query = [("list-type", "2"), ("max-keys", String(client.configuration.maxKeys)), ("encoding-type", "url")]
            if !prefix.isEmpty { request.query.append(("prefix", prefix)) }
            if case .after(let token) = cursor { request.query.append(("continuation-token", token)) }
            let response = try await client.send(request)
            guard let page = try? S3ListPage(parsing: response.body) else {
                throw LakeError(.malformedData, location: client.location, key: prefix.isEmpty ? nil : prefix, message: "ListObjectsV2 at \(client.endpoint) returned a response that is not a ListBucketResult")
            }
            return (page.objects, page.continuationToken.map(ListCursor.after))
        }
    }

    /// Where a listing resumes: the start, or after the page that returned a continuation token.
    private enum ListCursor: Sendable {
        case first
        case after(String)
    }

    public func head(_ key: String) async throws -> ObjectInfo {
        try validate(key)
        let response = try await client.send(S3Request(.HEAD, key: key))
        guard let size = response.headers.first(name: "content-length").flatMap({ Int($0) }) else {
            throw LakeError(.malformedData, location: location, key: key, message: "HEAD at \(client.endpoint) returned no Content-Length")
        }
        return ObjectInfo(
            key: key,
            size: size,
            etag: response.headers.first(name: "etag").map(Self.unquotedETag),
            lastModified: response.headers.first(name: "last-modified").flatMap(Self.parseHTTPDate)
        )
    }

    public func get(_ key: String, range: Range<Int>?) async throws -> [UInt8] {
        try validate(key)
        if let range, range.isEmpty {
            // HTTP has no empty range; a HEAD still reports a missing key.
            _ = try await head(key)
            return []
        }
        var request = S3Request(.GET, key: key)
        request.responseLimit = range?.count ?? Int.max
        if let range {
            request.headers = [("range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")]
            // 416: the range starts at or past the end. As with a folder, that is no bytes.
            request.accepted = [416]
        }
        let response = try await client.send(request)
        return response.status == 416 ? [] : response.body
    }

    public func writer(for key: String) async throws -> any ByteSink {
        try validate(key)
        return S3UploadSink(client: client, key: key)
    }

    public func delete(_ key: String) async throws {
        try validate(key)
        _ = try await client.send(S3Request(.DELETE, key: key))
    }

    // MARK: Buckets

    /// Creates the bucket; one that already exists and is ours is not an error.
    public func createBucket() async throws {
        var request = S3Request(.PUT, key: nil, operation: "CreateBucket")
        // Outside us-east-1, AWS wants the region restated in the body.
        if configuration.region != "us-east-1" {
            let region = XMLTree.escape(configuration.region)
            request.body = Array("<CreateBucketConfiguration><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>".utf8)
        }
        request.accepted = [409]
        let response = try await client.send(request)
        if response.status == 409 {
            let failure = S3ErrorResponse(status: response.status, body: response.body)
            if failure.code != "BucketAlreadyOwnedByYou" { throw client.error(failure, request) }
        }
    }

    /// Deletes the bucket, which must be empty.
    public func deleteBucket() async throws {
        _ = try await client.send(S3Request(.DELETE, key: nil, operation: "DeleteBucket"))
    }

    // MARK: Helpers

    /// S3 keys are 1 to 1,024 bytes of UTF-8; anything else would be refused by the server
    /// with a less helpful message.
    private func validate(_ key: String) throws {
        guard !key.isEmpty, key.utf8.count <= 1024 else {
            throw LakeError(.invalidKey, location: location, key: key, message: "an S3 key has 1 to 1,024 bytes")
        }
    }

    /// ETags arrive quoted (`"9b2cf535f27731c974343645a3985328"`); ``ObjectInfo`` holds them bare.
    static func unquotedETag(_ etag: String) -> String {
        etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    /// `Last-Modified: Mon, 23 Nov 2026 13:15:04 GMT` (RFC 7231's IMF-fixdate).
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
