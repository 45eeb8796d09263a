import Foundation
import Testing
@testable import SluiceLake

/// S3 behaviour the folder store has no counterpart for: credentials, buckets, the
/// server's error codes, retries.
@Suite struct S3StoreTests {
    @Test func wrongSecretKeyIsRefusedWithTheSignatureError() async throws {
        try await TestS3.withBucket { store in
            try await store.put("secret.csv", bytes: [1])
            var configuration = store.configuration
            configuration.credentials?.secretAccessKey = "not-the-secret-key-at-all-0123456789abcd"
            let impostor = try S3Store(bucket: store.bucket, configuration: configuration)

            let error = await lakeError { _ = try await impostor.get("secret.csv") }
            #expect(error?.kind == .accessDenied)
            #expect(["SignatureDoesNotMatch", "AccessDenied"].contains(error?.code ?? ""), "code \(error?.code ?? "nil")")
            #expect(error?.description.contains("HTTP 403") == true)

            let listError = await lakeError { _ = try await listKeys(impostor) }
            #expect(["SignatureDoesNotMatch", "AccessDenied"].contains(listError?.code ?? ""))
            let putError = await lakeError { try await impostor.put("other.csv", bytes: [2]) }
            #expect(putError?.kind == .accessDenied)
        }
    }

    @Test func unknownAccessKeyIsRefused() async throws {
        var configuration = try TestS3.configuration()
        configuration.credentials = S3Credentials(accessKeyID: "SLUICEUNKNOWNKEY0000", secretAccessKey: "whatever")
        let store = try S3Store(bucket: TestS3.uniqueBucketName(), configuration: configuration)
        let error = await lakeError { _ = try await listKeys(store) }
        #expect(error?.kind == .accessDenied)
        #expect(["InvalidAccessKeyId", "AccessDenied"].contains(error?.code ?? ""), "code \(error?.code ?? "nil")")
    }

    @Test func missingBucketIsNoSuchBucket() async throws {
        let store = try S3Store(bucket: TestS3.uniqueBucketName("missing"), configuration: TestS3.configuration())
        let listError = await lakeError { _ = try await listKeys(store) }
        #expect(listError?.kind == .notFound)
        #expect(listError?.code == "NoSuchBucket")
        let getError = await lakeError { _ = try await store.get("any.csv") }
        #expect(getError?.kind == .notFound)
        #expect(getError?.code == "NoSuchBucket")
    }

    @Test func errorsNameEndpointBucketKeyStatusAndCode() async throws {
        try await TestS3.withBucket { store in
            let error = await lakeError { _ = try await store.get("raw/missing.parquet") }
            let endpoint = try #require(store.configuration.endpoint?.absoluteString)
            let text = try #require(error?.description)
            #expect(text.hasPrefix("s3://\(store.bucket)/raw/missing.parquet: GET at \(endpoint) failed: HTTP 404"))
            #expect(text.hasSuffix("(NoSuchKey)"))
            #expect(error?.code == "NoSuchKey")
        }
    }

    @Test func createBucketTwiceIsFine() async throws {
        try await TestS3.withBucket { store in
            try await store.createBucket()
            try await store.put("x", bytes: [1])
            #expect(try await listKeys(store) == ["x"])
        }
    }

    @Test func connectionFailuresAreRetriedThenReported() async throws {
        // A port nothing listens on: every try is refused.
        let configuration = S3Configuration(
            endpoint: URL(string: "http://127.0.0.1:9"),
            credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"),
            retry: S3RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5))
        )
        let store = try S3Store(bucket: "unreachable", configuration: configuration)
        let error = await lakeError { _ = try await store.head("a.csv") }
        #expect(error?.kind == .io)
        #expect(error?.message.contains("HEAD at http://127.0.0.1:9 failed after 3 attempts") == true, "\(error?.message ?? "")")
    }

    @Test func invalidBucketNamesAreRejectedBeforeAnyRequest() throws {
        let configuration = S3Configuration(endpoint: URL(string: "http://127.0.0.1:9"))
        for name in ["ab", "UpperCase", "under_score", "-leading", String(repeating: "a", count: 64)] {
            #expect(throws: LakeError.self) { try S3Store(bucket: name, configuration: configuration) }
        }
        #expect(throws: Never.self) { try S3Store(bucket: "bank-lake.2026", configuration: configuration) }
    }
}

/// Addressing and configuration, without a server.
@Suite struct S3AddressingTests {
    private func client(_ configuration: S3Configuration, bucket: String = "bank-lake") -> S3Client {
        S3Client(bucket: bucket, configuration: configuration, http: S3Store.sharedHTTPClient)
    }

    @Test func pathStyleIsTheDefaultWithAnEndpoint() {
        let configuration = S3Configuration(endpoint: URL(string: "http://127.0.0.1:18333"))
        #expect(configuration.addressing == .path)
        var request = S3Request(.GET, key: "raw/my file+v2 ü.csv")
        request.query = [("versionId", "a/b c")]
        let address = client(configuration).address(of: request)
        #expect(address.path == "/bank-lake/raw/my%20file%2Bv2%20%C3%BC.csv")
        #expect(address.url == "http://127.0.0.1:18333/bank-lake/raw/my%20file%2Bv2%20%C3%BC.csv?versionId=a%2Fb%20c")
    }

    @Test func virtualHostedIsTheDefaultForAWS() {
        let configuration = S3Configuration(region: "eu-central-1")
        #expect(configuration.addressing == .virtualHosted)
        let address = client(configuration).address(of: S3Request(.GET, key: "raw/a.csv"))
        #expect(address.url == "https://bank-lake.s3.eu-central-1.amazonaws.com/raw/a.csv")
        #expect(address.path == "/raw/a.csv")
        let listing = client(configuration).address(of: S3Request(.GET, key: nil))
        #expect(listing.url == "https://bank-lake.s3.eu-central-1.amazonaws.com/")
    }

    @Test func dottedBucketsStayPathStyleForTLS() {
        let configuration = S3Configuration(region: "us-east-1")
        let address = client(configuration, bucket: "bank.lake").address(of: S3Request(.GET, key: "a"))
        #expect(address.url == "https://s3.us-east-1.amazonaws.com/bank.lake/a")
    }

    @Test func environmentVariables() throws {
        let configuration = try S3Configuration(environment: [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:18333/",
            "AWS_DEFAULT_REGION": "eu-west-3",
            "AWS_ACCESS_KEY_ID": "AKID",
            "AWS_SECRET_ACCESS_KEY": "SECRET",
            "AWS_SESSION_TOKEN": "TOKEN",
        ])
        #expect(configuration.endpoint?.absoluteString == "http://127.0.0.1:18333")
        #expect(configuration.region == "eu-west-3")
        #expect(configuration.credentials == S3Credentials(accessKeyID: "AKID", secretAccessKey: "SECRET", sessionToken: "TOKEN"))
        #expect(configuration.addressing == .path)

        let specific = try S3Configuration(environment: ["AWS_ENDPOINT_URL": "http://a:1", "AWS_ENDPOINT_URL_S3": "http://b:2", "AWS_REGION": "r1", "AWS_DEFAULT_REGION": "r2"])
        #expect(specific.endpoint?.absoluteString == "http://b:2")
        #expect(specific.region == "r1")
        #expect(specific.credentials == nil)

        #expect(throws: LakeError.self) { try S3Configuration(environment: ["AWS_ACCESS_KEY_ID": "only-half"]) }
        #expect(throws: LakeError.self) { try S3Configuration(environment: ["AWS_ENDPOINT_URL": "ftp://host"]) }
        #expect(throws: LakeError.self) { try S3Configuration(environment: ["AWS_ENDPOINT_URL": "http://host/some/path"]) }
    }

    @Test func partSizeNeverGoesBelowTheS3Minimum() {
        let configuration = S3Configuration(partSize: 1024, maxKeys: 5000)
        #expect(configuration.partSize == S3Configuration.minimumPartSize)
        #expect(configuration.maxKeys == 1000)
    }

    @Test func listPageDecodesURLEncodedKeys() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><EncodingType>url</EncodingType>\
            <IsTruncated>true</IsTruncated><NextContinuationToken>tok/en==</NextContinuationToken>\
            <Contents><Key>a+b%2Bc%25d%C3%BC</Key><Size>12</Size><ETag>&quot;abc&quot;</ETag><LastModified>2026-11-23T13:15:04.000Z</LastModified></Contents>\
            </ListBucketResult>
            """
        let page = try S3ListPage(parsing: Array(xml.utf8))
        #expect(page.objects.map(\.key) == ["a b+c%dü"])
        #expect(page.objects.first?.etag == "abc")
        #expect(page.objects.first?.size == 12)
        #expect(page.objects.first?.lastModified == Date(timeIntervalSince1970: 1_795_439_704))
        #expect(page.continuationToken == "tok/en==")
    }

    @Test func errorDocumentsGiveKindAndCode() {
        let body = Array("<?xml version=\"1.0\"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>".utf8)
        let failure = S3ErrorResponse(status: 503, body: body)
        #expect(failure.code == "SlowDown")
        #expect(failure.isTransient)
        #expect(failure.kind == .remote)
        #expect(!S3ErrorResponse(status: 403, body: []).isTransient)
        #expect(S3ErrorResponse(status: 404, body: []).kind == .notFound)
        #expect(S3ErrorResponse.embedded(in: Array("<CompleteMultipartUploadResult/>".utf8)) == nil)
        #expect(S3ErrorResponse.embedded(in: body)?.code == "SlowDown")
    }
}

/// Multipart uploads that never complete must not linger on the server, where they
/// would hold storage invisible to listings.
@Suite struct S3MultipartCleanupTests {
    /// The keys of the bucket's unfinished multipart uploads (ListMultipartUploads).
    private func pendingUploads(_ store: S3Store) async throws -> [String] {
        var request = S3Request(.GET, key: nil, operation: "ListMultipartUploads")
        request.query = [("uploads", "")]
        let response = try await store.client.send(request)
        let document = try #require(XMLTree(parsing: response.body))
        return document.children("Upload").compactMap { $0.text(of: "Key") }
    }

    private let tuning = StoreTuning(partSize: S3Configuration.minimumPartSize, multipartThreshold: S3Configuration.minimumPartSize)

    @Test func abortDiscardsTheUpload() async throws {
        try await TestS3.withBucket(tuning) { store in
            let sink = try await store.writer(for: "big.bin")
            try await sink.write(patternBytes(6 * 1024 * 1024))
            #expect(try await pendingUploads(store) == ["big.bin"])
            await sink.abort()
            #expect(try await pendingUploads(store).isEmpty)
        }
    }

    @Test func droppingAnUnclosedSinkDiscardsTheUploadInTheBackground() async throws {
        try await TestS3.withBucket(tuning) { store in
            do {
                let sink = try await store.writer(for: "dropped.bin")
                try await sink.write(patternBytes(6 * 1024 * 1024))
            }
            var pending = try await pendingUploads(store)
            for _ in 0..<50 where !pending.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                pending = try await pendingUploads(store)
            }
            #expect(pending.isEmpty)
        }
    }
}
