import Foundation

/// One page of a `ListObjectsV2` response.
struct S3ListPage: Sendable {
    var objects: [ObjectInfo]
    /// Where the next page starts; `nil` on the last page.
    var continuationToken: String?

    /// Reads a `ListBucketResult` document.
    ///
    /// Keys arrive URL-encoded when the server honoured `encoding-type=url` (which
    /// Sluice asks for, because XML 1.0 cannot carry every character a key may hold);
    /// the `EncodingType` element says whether it did, and only then are keys decoded.
    init(parsing body: [UInt8]) throws {
        guard let document = XMLTree(parsing: body), document.name == "ListBucketResult" else {
            throw S3ListPage.Malformed()
        }
        let encoded = document.text(of: "EncodingType") == "url"
        objects = try document.children("Contents").map { entry in
            guard let rawKey = entry.text(of: "Key"), let size = entry.text(of: "Size").flatMap({ Int($0) }) else {
                throw S3ListPage.Malformed()
            }
            guard let key = encoded ? Self.formDecoded(rawKey) : rawKey else { throw S3ListPage.Malformed() }
            return ObjectInfo(
                key: key,
                size: size,
                etag: entry.text(of: "ETag").map(S3Store.unquotedETag),
                lastModified: entry.text(of: "LastModified").flatMap(Self.parseTimestamp)
            )
        }
        let truncated = document.text(of: "IsTruncated") == "true"
        continuationToken = truncated ? document.text(of: "NextContinuationToken") : nil
        if truncated, continuationToken == nil { throw S3ListPage.Malformed() }
    }

    struct Malformed: Error {}

    /// S3's URL encoding of keys is form encoding: a space is `+`, a plus is `%2B`.
    private static func formDecoded(_ text: String) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// ISO 8601 with or without fractional seconds: `2026-11-23T13:15:04.000Z`.
    static func parseTimestamp(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }
}
