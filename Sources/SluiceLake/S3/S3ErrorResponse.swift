/// What an S3 server said when it refused a request: the HTTP status and, from the
/// XML body, the error code and message.
///
/// ```xml
/// <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>…</Error>
/// ```
///
/// HEAD responses have no body, so for them only the status is known.
struct S3ErrorResponse: Sendable {
    var status: Int
    var code: String?
    var message: String?

    init(status: Int, body: [UInt8]) {
        self.status = status
        if !body.isEmpty, let document = XMLTree(parsing: body), document.name == "Error" {
            code = document.text(of: "Code")
            message = document.text(of: "Message")
        }
    }

    /// An `<Error>` document in a 200 response: CompleteMultipartUpload reports failures
    /// this way, because it may have sent the 200 before the work was done.
    static func embedded(in body: [UInt8]) -> S3ErrorResponse? {
        let response = S3ErrorResponse(status: 200, body: body)
        return response.code == nil ? nil : response
    }

    var kind: LakeError.Kind {
        switch code {
        case "NoSuchKey", "NoSuchBucket", "NoSuchUpload": return .notFound
        case "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "ExpiredToken", "InvalidToken": return .accessDenied
        default:
            switch status {
            case 404: return .notFound
            case 401, 403: return .accessDenied
            default: return .remote
            }
        }
    }

    /// Whether trying again later may succeed: server trouble and throttling, not refusals.
    var isTransient: Bool {
        switch code {
        case "SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout": return true
        default: return [500, 502, 503, 504].contains(status)
        }
    }

    /// The message of the ``LakeError``: what was attempted where, and the server's words.
    func summary(operation: String, endpoint: String) -> String {
        var text = "\(operation) at \(endpoint) failed: HTTP \(status)"
        if let message, !message.isEmpty {
            text += ", \(message)"
        } else if code == nil, operation.hasPrefix("HEAD") {
            text += " (a HEAD response carries no error details)"
        }
        return text
    }
}
