import Foundation
import SluiceCore

/// Keys that sign S3 requests: an access key pair, with a session token for temporary credentials.
public struct S3Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Sent as `x-amz-security-token` when the keys come from STS or an assumed role.
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// Where an ``S3Store`` sends requests and how.
///
/// Any S3-compatible server works: AWS itself when ``endpoint`` is `nil`, or SeaweedFS,
/// MinIO, Ceph and the like at their URL. The usual way to make one is from the
/// standard AWS variables, with Sluice's settings file filling in what they leave unset:
///
/// ```swift
/// let configuration = try S3Configuration(environment: ProcessInfo.processInfo.environment, config: SluiceConfig.load())
/// let store = try S3Store(bucket: "bank-lake", configuration: configuration)
/// ```
public struct S3Configuration: Sendable {
    /// How a request names its bucket.
    public enum Addressing: String, Sendable {
        /// `http://endpoint/bucket/key`: what self-hosted servers expect, since they
        /// have no wildcard DNS for bucket subdomains.
        case path
        /// `https://bucket.endpoint/key`: what AWS expects (path style is deprecated there).
        case virtualHosted
    }

    /// The server's base URL (`http://127.0.0.1:18333`); `nil` means AWS in ``region``.
    public var endpoint: URL?
    /// Part of every signature; AWS also uses it to pick the endpoint.
    public var region: String
    /// `nil` sends unsigned requests, which only public buckets accept.
    public var credentials: S3Credentials?
    public var addressing: Addressing
    /// Objects larger than this are uploaded in parts; smaller ones in one PUT.
    public var multipartThreshold: Int
    /// The size of each part but the last. S3 requires at least 5 MiB and allows
    /// 10,000 parts, so the default 8 MiB caps an object at about 78 GiB.
    public var partSize: Int
    /// Objects per `ListObjectsV2` page; S3 returns at most 1,000.
    public var maxKeys: Int
    public var retry: S3RetryPolicy
    /// The longest one HTTP request may take, body included.
    public var requestTimeout: Duration

    public static let minimumPartSize = 5 * 1024 * 1024

    /// - Parameter addressing: by default path style with an explicit endpoint and
    ///   virtual-hosted style for AWS.
    public init(
        endpoint: URL? = nil,
        region: String = "us-east-1",
        credentials: S3Credentials? = nil,
        addressing: Addressing? = nil,
        multipartThreshold: Int = 8 * 1024 * 1024,
        partSize: Int = 8 * 1024 * 1024,
        maxKeys: Int = 1000,
        retry: S3RetryPolicy = S3RetryPolicy(),
        requestTimeout: Duration = .seconds(120)
    ) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.addressing = addressing ?? (endpoint == nil ? .virtualHosted : .path)
        self.multipartThreshold = multipartThreshold
        self.partSize = max(partSize, Self.minimumPartSize)
        self.maxKeys = min(max(maxKeys, 1), 1000)
        self.retry = retry
        self.requestTimeout = requestTimeout
    }

    /// Reads the variables the AWS CLI and SDKs read, then the `s3` section of Sluice's
    /// settings file for what the variables leave unset:
    ///
    /// | variable | file (`s3.…`) | meaning |
    /// |---|---|---|
    /// | `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL` | `endpoint` | the server; absent means AWS |
    /// | `AWS_REGION`, else `AWS_DEFAULT_REGION` | `region` | the region; absent means `us-east-1` |
    /// | `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` | `access_key_id`, `secret_access_key` | the keys; both or neither (anonymous) |
    /// | `AWS_SESSION_TOKEN` | `session_token` | the token of temporary credentials |
    /// | — | `addressing` | `path` or `virtual`; absent means path with an endpoint, virtual for AWS |
    ///
    /// A variable wins over the file, as in the AWS tools, so a one-off
    /// `AWS_REGION=eu-west-1 sluice …` needs no edit. Credentials are taken as a set:
    /// keys in the variables bring only the variables' session token, never the file's,
    /// because a token belongs to the keys it was issued with. Empty values count as unset.
    ///
    /// - Throws: ``LakeError/Kind/invalidLocation`` for a variable's endpoint that is
    ///   not an `http(s)://host[:port]` URL, or for one key without the other;
    ///   ``SluiceError/invalidConfig(file:field:reason:)`` naming the file and field
    ///   for the same mistakes in the file.
    public init(environment: [String: String], config: SluiceConfig = SluiceConfig()) throws {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        let file = ConfiguredS3Settings(config)
        let endpoint: URL?
        if let text = value("AWS_ENDPOINT_URL_S3") ?? value("AWS_ENDPOINT_URL") {
            endpoint = try Self.parseEndpoint(text)
        } else {
            endpoint = try file.endpoint()
        }
        var credentials: S3Credentials?
        switch (value("AWS_ACCESS_KEY_ID"), value("AWS_SECRET_ACCESS_KEY")) {
        case let (id?, secret?):
            credentials = S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"))
        case (nil, nil):
            credentials = try file.credentials()
        default:
            let location = endpoint?.absoluteString ?? "s3"
            throw LakeError(.invalidLocation, location: location, message: "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither for anonymous access")
        }
        self.init(
            endpoint: endpoint,
            region: value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? file.region ?? "us-east-1",
            credentials: credentials,
            addressing: file.addressing
        )
    }

    /// Checks an endpoint URL: `http` or `https`, a host, an optional port, no path.
    public static func parseEndpoint(_ text: String) throws -> URL {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, url.path.isEmpty, url.query == nil
        else {
            throw LakeError(.invalidLocation, location: text, message: "an S3 endpoint is http(s)://host[:port], with no path")
        }
        return url
    }
}
