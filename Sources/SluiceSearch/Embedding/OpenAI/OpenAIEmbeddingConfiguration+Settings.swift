import Foundation
import SluiceCore

extension OpenAIEmbeddingConfiguration {
    /// The remote provider the settings ask for, or `nil` when search should use the
    /// built-in offline embedder (provider `offline` or not set).
    ///
    /// Each value comes from its environment variable when that is set and not empty,
    /// else from the settings file's `embedding` section:
    ///
    /// | setting | variable | file key |
    /// |---|---|---|
    /// | provider (`offline`, `openai`) | `SLUICE_EMBEDDING_PROVIDER` | `provider` |
    /// | base URL up to `/v1` (required) | `SLUICE_EMBEDDING_URL` | `url` |
    /// | model (required) | `SLUICE_EMBEDDING_MODEL` | `model` |
    /// | API key | `SLUICE_EMBEDDING_API_KEY` | `api_key` |
    /// | vector length | `SLUICE_EMBEDDING_DIMENSIONS` | `dimensions` |
    /// | texts per request (64) | | `batch_size` |
    /// | question / document prefix | | `query_prefix`, `document_prefix` |
    ///
    /// `OPENAI_API_KEY` is the last resort for the key, after the file: a key written into
    /// the file belongs to the server the file names, while `OPENAI_API_KEY` is often set
    /// for other tools and should not be handed to a server it was never meant for.
    ///
    /// - Throws: ``EmbeddingError/configuration(setting:reason:)`` naming the variable or
    ///   the file key at fault: an unknown provider, a missing URL or model, a URL that is
    ///   not http(s), a number that is not a positive whole number.
    public static func resolve(config: SluiceConfig, environment: [String: String]) throws -> OpenAIEmbeddingConfiguration? {
        let settings = EmbeddingSettings(section: config.embedding, file: config.path, environment: environment)
        guard try settings.provider() == .openai else { return nil }
        let url = try settings.required(variable: "SLUICE_EMBEDDING_URL", key: "url", file: \.url,
                                        hint: "the server's base URL up to /v1, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama)")
        let model = try settings.required(variable: "SLUICE_EMBEDDING_MODEL", key: "model", file: \.model,
                                          hint: "the embedding model to ask for, such as text-embedding-3-small or nomic-embed-text")
        let apiKey = settings.variable("SLUICE_EMBEDDING_API_KEY") ?? settings.nonEmpty(config.embedding.apiKey) ?? settings.variable("OPENAI_API_KEY")
        let configuration = OpenAIEmbeddingConfiguration(
            baseURL: url.value, model: model.value, apiKey: apiKey,
            dimensions: try settings.dimensions(),
            batchSize: try settings.batchSize(),
            queryPrefix: config.embedding.queryPrefix ?? "",
            documentPrefix: config.embedding.documentPrefix ?? ""
        )
        // Checked here too so that the error names where the URL came from.
        _ = try configuration.normalizedBaseURL(setting: url.setting)
        return configuration
    }
}

/// The `embedding` section and the environment, read with errors that name the variable
/// or the file key (and the file) a value came from.
private struct EmbeddingSettings {
    let section: SluiceConfig.EmbeddingSection
    let file: String?
    let environment: [String: String]

    func variable(_ name: String) -> String? {
        nonEmpty(environment[name])
    }

    func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    /// `embedding.url in /home/me/.sluice/config.json`, or just the key without a file.
    func fileSetting(_ key: String) -> String {
        "embedding.\(key)" + (file.map { " in \($0)" } ?? "")
    }

    func provider() throws -> SluiceConfig.EmbeddingSection.Provider? {
        guard let text = variable("SLUICE_EMBEDDING_PROVIDER") else { return section.provider }
        guard let provider = SluiceConfig.EmbeddingSection.Provider(rawValue: text.lowercased()) else {
            let names = SluiceConfig.EmbeddingSection.Provider.allCases.map(\.rawValue).joined(separator: " or ")
            throw EmbeddingError.configuration(setting: "SLUICE_EMBEDDING_PROVIDER", reason: "expected \(names), got \(String(reflecting: text))")
        }
        return provider
    }

    /// A value the openai provider cannot do without, with where it came from.
    func required(variable name: String, key: String, file path: KeyPath<SluiceConfig.EmbeddingSection, String?>,
                  hint: String) throws -> (value: String, setting: String) {
        if let value = variable(name) { return (value, name) }
        if let value = nonEmpty(section[keyPath: path]) { return (value, fileSetting(key)) }
        throw EmbeddingError.configuration(
            setting: "embedding.\(key)",
            reason: "missing; the openai provider needs \(hint): set \(name) or \(key) in the settings file's embedding section"
        )
    }

    func dimensions() throws -> Int? {
        if let text = variable("SLUICE_EMBEDDING_DIMENSIONS") {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else {
                throw EmbeddingError.configuration(setting: "SLUICE_EMBEDDING_DIMENSIONS", reason: "expected a positive whole number, got \(String(reflecting: text))")
            }
            return value
        }
        if let value = section.dimensions, value < 1 {
            throw EmbeddingError.configuration(setting: fileSetting("dimensions"), reason: "expected a positive whole number, got \(value)")
        }
        return section.dimensions
    }

    func batchSize() throws -> Int {
        guard let value = section.batchSize else { return 64 }
        guard (1...OpenAIEmbeddingConfiguration.maximumBatchSize).contains(value) else {
            throw EmbeddingError.configuration(setting: fileSetting("batch_size"), reason: OpenAIEmbeddingConfiguration.batchSizeRule(value))
        }
        return value
    }
}
