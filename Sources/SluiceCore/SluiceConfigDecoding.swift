import Foundation

/// The file's top level: only the sections this build knows are decoded, the rest skipped.
struct ConfigFileDocument: Decodable {
    var s3: SluiceConfig.S3Section?
    var embedding: SluiceConfig.EmbeddingSection?
    var planner: SluiceConfig.PlannerSection?
    var governance: SluiceConfig.GovernanceSection?
    var catalog: SluiceConfig.CatalogSection?
    var warehouse: SluiceConfig.WarehouseSection?

    private enum Keys: String, CodingKey { case s3, embedding, planner, governance, catalog, warehouse }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        s3 = try container.decodeIfPresent(SluiceConfig.S3Section.self, forKey: .s3)
        embedding = try container.decodeIfPresent(SluiceConfig.EmbeddingSection.self, forKey: .embedding)
        planner = try container.decodeIfPresent(SluiceConfig.PlannerSection.self, forKey: .planner)
        governance = try container.decodeIfPresent(SluiceConfig.GovernanceSection.self, forKey: .governance)
        catalog = try container.decodeIfPresent(SluiceConfig.CatalogSection.self, forKey: .catalog)
        warehouse = try container.decodeIfPresent(SluiceConfig.WarehouseSection.self, forKey: .warehouse)
    }
}

/// Any key, so the keys a section has can be compared with the known ones.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws for the first key of the section at `decoder` (alphabetically) that `known` lacks,
/// naming it as `section.key` and listing the keys the section takes.
private func rejectUnknownKeys(in decoder: any Decoder, section: String, known: [String]) throws {
    let present = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
    if let unknown = present.sorted().first(where: { !known.contains($0) }) {
        throw ConfigFieldError(
            field: "\(section).\(unknown)",
            reason: "unknown setting; the \(section) section takes \(known.sorted().joined(separator: ", "))"
        )
    }
}

extension SluiceConfig.S3Section: Decodable {
    private enum Keys: String, CodingKey, CaseIterable {
        case endpoint, region, addressing
        case accessKeyID = "access_key_id"
        case secretAccessKey = "secret_access_key"
        case sessionToken = "session_token"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, section: "s3", known: Keys.allCases.map(\.rawValue))
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

extension SluiceConfig.EmbeddingSection: Decodable {
    private enum Keys: String, CodingKey, CaseIterable {
        case provider, url, model, dimensions
        case apiKey = "api_key"
        case batchSize = "batch_size"
        case queryPrefix = "query_prefix"
        case documentPrefix = "document_prefix"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, section: "embedding", known: Keys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(
            url: try container.decodeIfPresent(String.self, forKey: .url),
            model: try container.decodeIfPresent(String.self, forKey: .model),
            apiKey: try container.decodeIfPresent(String.self, forKey: .apiKey),
            dimensions: try Self.wholeNumber(in: container, forKey: .dimensions),
            batchSize: try Self.wholeNumber(in: container, forKey: .batchSize),
            queryPrefix: try container.decodeIfPresent(String.self, forKey: .queryPrefix),
            documentPrefix: try container.decodeIfPresent(String.self, forKey: .documentPrefix)
        )
        if let text = try container.decodeIfPresent(String.self, forKey: .provider) {
            guard let provider = Provider(rawValue: text) else {
                let names = Provider.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw ConfigFieldError(field: "embedding.provider", reason: "expected \(names), got \"\(text)\"")
            }
            self.provider = provider
        }
    }

    /// A JSON number without a fraction. Read as a `Double` first: decoding `1.5` as an
    /// `Int` fails on Linux without naming the field, and the field is what the user needs.
    private static func wholeNumber(in container: KeyedDecodingContainer<Keys>, forKey key: Keys) throws -> Int? {
        let field = "embedding.\(key.rawValue)"
        let value: Double?
        do {
            value = try container.decodeIfPresent(Double.self, forKey: key)
        } catch DecodingError.typeMismatch {
            throw ConfigFieldError(field: field, reason: "expected a whole number")
        }
        guard let value else { return nil }
        guard let whole = Int(exactly: value) else {
            throw ConfigFieldError(field: field, reason: "expected a whole number, got \(value)")
        }
        return whole
    }
}

extension SluiceConfig.PlannerSection: Decodable {
    private enum Keys: String, CodingKey, CaseIterable {
        case provider, url, model
        case apiKey = "api_key"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, section: "planner", known: Keys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(
            url: try container.decodeIfPresent(String.self, forKey: .url),
            model: try container.decodeIfPresent(String.self, forKey: .model),
            apiKey: try container.decodeIfPresent(String.self, forKey: .apiKey)
        )
        if let text = try container.decodeIfPresent(String.self, forKey: .provider) {
            guard let provider = Provider(rawValue: text) else {
                let names = Provider.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw ConfigFieldError(field: "planner.provider", reason: "expected \(names), got \"\(text)\"")
            }
            self.provider = provider
        }
    }
}

extension SluiceConfig.GovernanceSection: Decodable {
    private enum Keys: String, CodingKey, CaseIterable {
        case pseudonymKey = "pseudonym_key"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, section: "governance", known: Keys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(pseudonymKey: try container.decodeIfPresent(String.self, forKey: .pseudonymKey))
    }
}

extension SluiceConfig.CatalogSection: Decodable {
    private enum Keys: String, CodingKey, CaseIterable {
        case url
        case vectorIndex = "vector_index"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, section: "catalog", known: Keys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(url: try container.decodeIfPresent(String.self, forKey: .url))
        if let text = try container.decodeIfPresent(String.self, forKey: .vectorIndex) {
            guard let index = VectorIndex(rawValue: text) else {
                let names = VectorIndex.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw ConfigFieldError(field: "catalog.vector_index", reason: "expected \(names), got \"\(text)\"")
            }
            vectorIndex = index
        }
    }
}

extension SluiceConfig.WarehouseSection: Decodable {
    private enum Keys: String, CodingKey, CaseIterable {
        case url
        case rolePasswords = "role_passwords"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, section: "warehouse", known: Keys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(url: try container.decodeIfPresent(String.self, forKey: .url),
                  rolePasswords: try container.decodeIfPresent([String: String].self, forKey: .rolePasswords) ?? [:])
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
