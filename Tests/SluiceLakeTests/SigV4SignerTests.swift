import Foundation
import Testing
@testable import SluiceLake

/// The signing examples of the Amazon S3 API reference ("Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk"), reproduced exactly.
@Suite struct SigV4SignerTests {
    let signer = SigV4Signer(
        credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1"
    )
    let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    let host = ("host", "examplebucket.s3.amazonaws.com")

    private func authorization(_ headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name == "authorization" }?.value
    }

    @Test func getObjectWithRange() {
        let headers = signer.signingHeaders(
            method: "GET", path: "/test.txt", query: [], headers: [host, ("Range", "bytes=0-9")],
            payloadHash: SigV4Signer.emptyPayloadHash, date: date
        )
        #expect(authorization(headers) == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(headers.contains { $0 == ("x-amz-date", "20130524T000000Z") })
    }

    @Test func putObjectWithAnEncodedKey() {
        let body = Array("Welcome to Amazon S3.".utf8)
        let payloadHash = SigV4Signer.payloadHash(body)
        #expect(payloadHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let headers = signer.signingHeaders(
            method: "PUT", path: "/" + S3URIEncoding.path("test$file.text"), query: [],
            headers: [host, ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
            payloadHash: payloadHash, date: date
        )
        #expect(authorization(headers)?.hasSuffix("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd") == true)
    }

    @Test func getBucketLifecycleWithAnEmptyQueryValue() {
        let headers = signer.signingHeaders(
            method: "GET", path: "/", query: [("lifecycle", "")], headers: [host],
            payloadHash: SigV4Signer.emptyPayloadHash, date: date
        )
        #expect(authorization(headers)?.hasSuffix("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543") == true)
    }

    @Test func listObjectsWithSortedQuery() {
        let headers = signer.signingHeaders(
            method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")], headers: [host],
            payloadHash: SigV4Signer.emptyPayloadHash, date: date
        )
        #expect(authorization(headers)?.hasSuffix("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    @Test func sessionTokenIsSentAndSigned() {
        var credentials = signer.credentials
        credentials.sessionToken = "FQoGZXIvYXdzE//token"
        let headers = SigV4Signer(credentials: credentials, region: "us-east-1").signingHeaders(
            method: "GET", path: "/", query: [], headers: [host], payloadHash: SigV4Signer.emptyPayloadHash, date: date
        )
        #expect(headers.contains { $0 == ("x-amz-security-token", "FQoGZXIvYXdzE//token") })
        #expect(authorization(headers)?.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token") == true)
    }

    @Test func uriEncoding() {
        #expect(S3URIEncoding.path("a b/c+d%e~f_g.h-i/ü/日") == "a%20b/c%2Bd%25e~f_g.h-i/%C3%BC/%E6%97%A5")
        #expect(S3URIEncoding.component("a/b=c&d e") == "a%2Fb%3Dc%26d%20e")
        #expect(S3URIEncoding.canonicalQuery([("uploadId", "x y"), ("partNumber", "2"), ("acl", "")]) == "acl=&partNumber=2&uploadId=x%20y")
    }
}
