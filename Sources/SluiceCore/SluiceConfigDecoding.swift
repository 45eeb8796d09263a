import Foundation

/// The file's top level: only the sections this build knows are decoded, the rest skipped.
struct ConfigFileDocument: Decodable {
    var s3: SluiceConfig.S3Section?

    private enum Keys: String, CodingKey { case s3 }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        s3 = try container.decodeIfPresent(SluiceConfig.S3Section.self, forKey: .s3)
    }
}

extension SluiceConfig.S3Section: Decodable {
    private enum Keys: String, CodingKey, CaseIterable {
        case endpoint, region, addressing
        case accessKeyID = "access_key_id"
        case secretAccessKey = "secret_access_key"
        case sessionToken = "session_token"
    }

    /// Any key, so the keys the file has can be compared with the known ones.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let known = Set(Keys.allCases.map(\.rawValue))
        let present = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = present.sorted().first(where: { !known.contains($0) }) {
            throw ConfigFieldError(
                field: "s3.\(unknown)",
                reason: "unknown setting; the s3 section takes \(Keys.allCases.map(\.rawValue).sorted().joined(separator: ", "))"
            )
        }
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(
            endpoint: try container.decodeIfPresent(String.self, forKey: .endpoint),
            region: try container.decodeIfPresent(String.self, forKey: .region),
            accessKeyID: try container.decodeIfPresent(String.self, forKey: .accessKeyID),
            secretAccessKey: try container.decodeIfPresent(String.self, forKey: .secretAccessKey),
            sessionToken: try container.decodeIfPresent(String.self, forKey: .sessionToken)
        )
        if let text = try container.decodeIfPresent(String.self, forKey: .addressing) {
            guard let addressing = Addressing(rawValue: text) else {
                throw ConfigFieldError(field: "s3.addressing", reason: "expected \"path\" or \"virtual\", got \"\(text)\"")
            }
            self.addressing = addressing
        }
    }
}

/// A problem with one field, before the file's path is known to attach to it.
struct ConfigFieldError: Error {
    var field: String?
    var reason: String

    /// Turns what JSONDecoder says into a ``SluiceError/invalidConfig(file:field:reason:)``
    /// with the dotted field name (`s3.region`) and the JSON type that was expected.
    static func describing(_ error: DecodingError, file: String) -> SluiceError {
        func field(_ path: [any CodingKey]) -> String? {
            path.isEmpty ? nil : path.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context):
            let name = field(context.codingPath)
            let expected = type is String.Type ? "a string" : "a JSON object"
            return .invalidConfig(file: file, field: name, reason: name == nil ? "the file must hold a JSON object" : "expected \(expected)")
        case .valueNotFound(_, let context), .keyNotFound(_, let context):
            return .invalidConfig(file: file, field: field(context.codingPath), reason: "a value is missing")
        case .dataCorrupted(let context):
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
            return .invalidConfig(file: file, field: field(context.codingPath), reason: "not valid JSON: \(detail)")
        @unknown default:
            return .invalidConfig(file: file, field: nil, reason: "\(error)")
        }
    }
}
