import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4, the scheme every S3-compatible server checks.
///
/// A signature is an HMAC-SHA256 over a canonical form of the request, keyed by a key
/// derived from the secret, the date, the region and the service. The canonical form is:
///
/// ```text
/// GET                                  method
/// /bank-lake/raw/my%20file.csv         path, each key byte encoded once (S3 never double-encodes)
/// max-keys=2&prefix=J                  query, encoded, sorted
/// host:127.0.0.1:18333                 headers, lowercased, sorted, one per line
/// x-amz-content-sha256:e3b0…
/// x-amz-date:20261123T120000Z
///                                      (blank line)
/// host;x-amz-content-sha256;x-amz-date signed header names
/// e3b0…                                SHA-256 of the body, hex
/// ```
///
/// The server rebuilds the same text from what it received, so the signer must encode
/// exactly as the request is sent: see ``S3URIEncoding``.
struct SigV4Signer: Sendable {
    let credentials: S3Credentials
    let region: String
    let service = "s3"

    /// SHA-256 of an empty body, the payload hash of every GET, HEAD and DELETE.
    static let emptyPayloadHash = hex(SHA256.hash(data: [UInt8]()))

    static func payloadHash(_ body: [UInt8]) -> String {
        body.isEmpty ? emptyPayloadHash : hex(SHA256.hash(data: body))
    }

    /// The headers to add to a request: `x-amz-date`, `x-amz-content-sha256`,
    /// `x-amz-security-token` when there is a session token, and `authorization`.
    ///
    /// - Parameters:
    ///   - path: the request path exactly as sent, already encoded.
    ///   - headers: the headers to sign, `host` among them; names in any case.
    func signingHeaders(
        method: String,
        path: String,
        query: [(name: String, value: String)],
        headers: [(name: String, value: String)],
        payloadHash: String,
        date: Date
    ) -> [(name: String, value: String)] {
        let timestamp = Self.timestamp(date)
        let day = String(timestamp.prefix(8))
        var added: [(name: String, value: String)] = [("x-amz-date", timestamp), ("x-amz-content-sha256", payloadHash)]
        if let token = credentials.sessionToken { added.append(("x-amz-security-token", token)) }

        let signed = (headers + added)
            .map { (name: $0.name.lowercased(), value: Self.trimmed($0.value)) }
            .sorted { $0.name < $1.name }
        let signedNames = signed.map(\.name).joined(separator: ";")
        let canonicalRequest = [
            method,
            path,
            S3URIEncoding.canonicalQuery(query),
            signed.map { "\($0.name):\($0.value)\n" }.joined(),
            signedNames,
            payloadHash,
        ].joined(separator: "\n")

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256",
            timestamp,
            scope,
            Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(day: day)))
        added.append((
            "authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedNames), Signature=\(signature)"
        ))
        return added
    }

    /// The key for one day, region and service, derived from the secret by chained HMACs,
    /// so a leaked signing key is worth one day in one region, not the secret.
    private func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }

    /// Header values are signed with surrounding space removed and inner runs of spaces collapsed.
    private static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
