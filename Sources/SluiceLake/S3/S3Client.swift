import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One S3 request, before addressing and signing.
struct S3Request: Sendable {
    var method: HTTPMethod
    /// The object; `nil` for requests on the bucket itself (list, create, delete bucket).
    var key: String?
    var query: [(name: String, value: String)] = []
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    /// Statuses besides 2xx that are answers rather than failures (416 for a range past the end).
    var accepted: Set<Int> = []
    /// The most response body bytes to take.
    var responseLimit = 16 * 1024 * 1024
    /// Names the request in messages: `GET`, `ListObjectsV2`, `UploadPart 3`.
    var operation: String

    init(_ method: HTTPMethod, key: String?, operation: String? = nil) {
        self.method = method
        self.key = key
        self.operation = operation ?? method.rawValue
    }
}

struct S3Response: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
}

/// Sends requests for one bucket: builds the URL for the configured addressing style,
/// signs, retries what may pass, and turns refusals into ``LakeError``s.
struct S3Client: Sendable {
    let bucket: String
    let configuration: S3Configuration
    /// `s3://bucket`, the location every error names.
    let location: String
    private let http: HTTPClient
    private let signer: SigV4Signer?
    private let scheme: String
    /// The `Host` header, which is signed: the server's host and any non-default port,
    /// with the bucket in front for virtual-hosted addressing.
    private let host: String
    private let bucketPath: String
    /// The server's URL, for messages.
    let endpoint: String

    init(bucket: String, configuration: S3Configuration, http: HTTPClient) {
        self.bucket = bucket
        self.configuration = configuration
        self.location = "s3://\(bucket)"
        self.http = http
        self.signer = configuration.credentials.map { SigV4Signer(credentials: $0, region: configuration.region) }
        let base = configuration.endpoint ?? URL(string: "https://s3.\(configuration.region).amazonaws.com")!
        let scheme = base.scheme?.lowercased() ?? "https"
        var host = base.host ?? ""
        if host.contains(":") { host = "[\(host)]" }
        if let port = base.port, port != (scheme == "https" ? 443 : 80) { host += ":\(port)" }
        self.scheme = scheme
        self.endpoint = "\(scheme)://\(host)"
        // A bucket name with dots breaks TLS wildcard certificates as a subdomain, so
        // such buckets use path-style addressing even where virtual-hosted is asked for.
        if configuration.addressing == .virtualHosted, !bucket.contains(".") {
            self.host = "\(bucket).\(host)"
            self.bucketPath = ""
        } else {
            self.host = host
            self.bucketPath = "/" + S3URIEncoding.component(bucket)
        }
    }

    /// Sends `request`, retrying transient failures per the configured ``S3RetryPolicy``.
    /// Throws ``LakeError`` for a refusal or when the tries run out.
    func send(_ request: S3Request) async throws -> S3Response {
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await execute(request)
                if (200..<300).contains(response.status) || request.accepted.contains(response.status) {
                    return response
                }
                let failure = S3ErrorResponse(status: response.status, body: response.body)
                if failure.isTransient, attempt < policy.maxAttempts {
                    try await Task.sleep(for: policy.delay(after: attempt))
                    continue
                }
                throw error(failure, request)
            } catch let error as LakeError {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch {
                if Self.isTransient(error), attempt < policy.maxAttempts, !Task.isCancelled {
                    try await Task.sleep(for: policy.delay(after: attempt))
                    continue
                }
                let tries = attempt == 1 ? "" : " after \(attempt) attempts"
                throw LakeError(.io, location: location, key: request.key, message: "\(request.operation) at \(endpoint) failed\(tries): \(error)")
            }
        }
    }

    /// The ``LakeError`` for a refusal the server explained in `failure`.
    func error(_ failure: S3ErrorResponse, _ request: S3Request) -> LakeError {
        LakeError(failure.kind, location: location, key: request.key, code: failure.code, message: failure.summary(operation: request.operation, endpoint: endpoint))
    }

    /// The URL `request` goes to and its path, which is what the signature covers.
    /// The query is written in canonical form, so what is sent is exactly what is signed.
    func address(of request: S3Request) -> (url: String, path: String) {
        let path = bucketPath + (request.key.map { "/" + S3URIEncoding.path($0) } ?? (bucketPath.isEmpty ? "/" : ""))
        let query = S3URIEncoding.canonicalQuery(request.query)
        return ("\(scheme)://\(host)\(path)" + (query.isEmpty ? "" : "?" + query), path)
    }

    private func execute(_ request: S3Request) async throws -> S3Response {
        let (url, path) = address(of: request)
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = request.method
        var headers = [(name: "host", value: host)] + request.headers
        if let signer {
            headers += signer.signingHeaders(
                method: request.method.rawValue, path: path, query: request.query, headers: headers,
                payloadHash: SigV4Signer.payloadHash(request.body), date: Date()
            )
        }
        for header in headers { outgoing.headers.add(name: header.name, value: header.value) }
        if request.method == .PUT || request.method == .POST {
            outgoing.body = .bytes(request.body)
        }
        let response = try await http.execute(outgoing, timeout: Self.timeAmount(configuration.requestTimeout))
        let status = Int(response.status.code)
        // An error document can be longer than the bytes asked for (a 10-byte range), so
        // the caller's limit applies to answers only.
        let limit = (200..<300).contains(status) ? request.responseLimit : max(request.responseLimit, Self.errorBodyLimit)
        let body = try await response.body.collect(upTo: limit)
        return S3Response(status: status, headers: response.headers, body: Array(body.readableBytesView))
    }

    /// Transport failures worth another try: timeouts and dropped or refused connections.
    /// Mistakes in the request itself (a malformed URL) would fail the same way again.
    private static func isTransient(_ error: any Error) -> Bool {
        if error is NIOTooManyBytesError { return false }
        guard let error = error as? HTTPClientError else {
            // NIO's connection and I/O errors: refused, reset, closed mid-response.
            return true
        }
        return [
            .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .remoteConnectionClosed,
            .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
        ].contains(error)
    }

    private static let errorBodyLimit = 1024 * 1024

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
