import AsyncHTTPClient
import NIOCore

extension S3Store {
    /// The HTTP client every ``S3Store`` shares unless given another: one connection
    /// pool for the process, never shut down, like `HTTPClient.shared`, but set up
    /// for signed object storage rather than browsing:
    ///
    /// - A refused connection fails at once instead of being retried by the pool until
    ///   the request's deadline, so ``S3RetryPolicy`` alone decides how often to retry
    ///   and an unreachable endpoint is reported in seconds, not minutes.
    /// - Redirects are not followed: a signature covers the host, so a redirected
    ///   request would fail anyway, with a less telling error than the redirect's own.
    /// - Responses are never decompressed: an object stored with `Content-Encoding: gzip`
    ///   must come back byte for byte, or ranged reads would address the wrong bytes.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(60)),
            decompression: .disabled
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
