import Foundation

/// Where and how to reach a server that speaks OpenAI's embeddings API
/// (`POST {baseURL}/embeddings`): OpenAI itself, Ollama, vLLM, LM Studio, llama.cpp's
/// server, text-embeddings-inference and other compatible servers.
///
/// ```swift
/// let ollama = OpenAIEmbeddingConfiguration(
///     baseURL: "http://127.0.0.1:11434/v1", model: "nomic-embed-text",
///     queryPrefix: "search_query: ", documentPrefix: "search_document: ")
/// let embedder = try await OpenAICompatibleEmbedder.connect(ollama, callLog: nil)
/// ```
///
/// Usually built from the settings file and the environment with
/// ``resolve(config:environment:)``.
public struct OpenAIEmbeddingConfiguration: Sendable, Equatable {
    /// Base URL up to `/v1`: `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (Ollama).
    public var baseURL: String
    public var model: String
    public var apiKey: String?
    /// Requested (OpenAI's `dimensions`) and expected vector length; probed when `nil`.
    public var dimensions: Int?
    public var batchSize: Int
    /// Put before every question: some models are trained with task prefixes and embed
    /// badly without them (nomic-embed-text: `search_query: `, E5: `query: `).
    public var queryPrefix: String
    /// Put before every catalog document (nomic-embed-text: `search_document: `, E5: `passage: `).
    public var documentPrefix: String
    /// How often to try a request that failed for a reason that may pass.
    public var retry: EmbeddingRetryPolicy
    /// The longest one request may take, connecting and answering included. Generous by
    /// default: a CPU-only server embedding a full batch can take a while.
    public var requestTimeout: Duration

    public init(baseURL: String, model: String, apiKey: String? = nil, dimensions: Int? = nil, batchSize: Int = 64,
                queryPrefix: String = "", documentPrefix: String = "", retry: EmbeddingRetryPolicy = EmbeddingRetryPolicy(),
                requestTimeout: Duration = .seconds(120)) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.dimensions = dimensions
        self.batchSize = batchSize
        self.queryPrefix = queryPrefix
        self.documentPrefix = documentPrefix
        self.retry = retry
        self.requestTimeout = requestTimeout
    }

    /// The base URL in one spelling: scheme and host lowercased, the scheme's default port
    /// and trailing slashes dropped (`HTTP://LocalHost:80/v1/` → `http://localhost/v1`), so
    /// two spellings of one server make one model identity.
    ///
    /// - Throws: ``EmbeddingError/configuration(setting:reason:)`` for a URL that is not
    ///   `http` or `https` with a host, or that carries credentials, a query or a fragment.
    public func normalizedBaseURL(setting: String = "embedding.url") throws -> String {
        let text = baseURL.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https"
        else {
            throw EmbeddingError.configuration(setting: setting, reason: "\(String(reflecting: baseURL)) is not an http or https URL")
        }
        guard var host = components.host?.lowercased(), !host.isEmpty else {
            throw EmbeddingError.configuration(setting: setting, reason: "\(String(reflecting: baseURL)) names no host")
        }
        // Credentials in the URL would travel into the call log and the model identity.
        guard components.user == nil, components.password == nil else {
            throw EmbeddingError.configuration(setting: setting, reason: "the URL carries credentials; give the key as api_key or SLUICE_EMBEDDING_API_KEY instead")
        }
        guard components.query == nil, components.fragment == nil else {
            throw EmbeddingError.configuration(setting: setting, reason: "\(String(reflecting: baseURL)) has a query or fragment; give the base URL up to /v1")
        }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        var normalized = "\(scheme)://\(host)"
        if let port = components.port, port != (scheme == "https" ? 443 : 80) { normalized += ":\(port)" }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        return normalized + path
    }

    /// `{base URL}/embeddings`, the URL requests go to and errors name.
    public func embeddingsURL() throws -> String {
        try normalizedBaseURL() + "/embeddings"
    }

    /// ``EmbeddingModel/version`` for this configuration: the normalized base URL, and the
    /// prefixes when set. The same model name behind another server, or fed other prefixes,
    /// makes other vectors, which must not be searched together with these.
    public func modelVersion() throws -> String {
        var version = try normalizedBaseURL()
        if !queryPrefix.isEmpty { version += " query_prefix=\(String(reflecting: queryPrefix))" }
        if !documentPrefix.isEmpty { version += " document_prefix=\(String(reflecting: documentPrefix))" }
        return version
    }

    /// The prefix for texts embedded in `mode`.
    func prefix(for mode: EmbeddingMode) -> String {
        switch mode {
        case .query: queryPrefix
        case .document: documentPrefix
        }
    }

    /// Checks what ``OpenAICompatibleEmbedder/connect(_:callLog:)`` needs before any request.
    func validate() throws {
        _ = try normalizedBaseURL()
        guard !model.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw EmbeddingError.configuration(setting: "embedding.model", reason: "empty; name the model the server should use")
        }
        guard (1...Self.maximumBatchSize).contains(batchSize) else {
            throw EmbeddingError.configuration(setting: "embedding.batch_size", reason: Self.batchSizeRule(batchSize))
        }
        if let dimensions, dimensions < 1 {
            throw EmbeddingError.configuration(setting: "embedding.dimensions", reason: "must be a positive whole number, got \(dimensions)")
        }
    }

    /// OpenAI takes at most 2048 inputs per request; compatible servers take no more.
    static let maximumBatchSize = 2048

    static func batchSizeRule(_ value: some CustomStringConvertible) -> String {
        "must be a whole number from 1 to \(maximumBatchSize) (texts per request), got \(value)"
    }
}
