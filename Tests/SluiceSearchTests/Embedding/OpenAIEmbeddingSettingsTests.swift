import Foundation
import SluiceCore
import SluiceSearch
import Testing

/// How the settings file's `embedding` section and the environment pick the provider.
@Suite struct OpenAIEmbeddingSettingsTests {
    private let file = SluiceConfig(path: "/home/me/.sluice/config.json", embedding: .init(
        provider: .openai, url: "http://127.0.0.1:11434/v1", model: "nomic-embed-text", apiKey: "file-key",
        dimensions: 768, batchSize: 16, queryPrefix: "search_query: ", documentPrefix: "search_document: "))

    private func configurationError(_ body: () throws -> Void) -> (setting: String, reason: String)? {
        do {
            try body()
            Issue.record("expected a configuration error")
        } catch let EmbeddingError.configuration(setting, reason) {
            return (setting, reason)
        } catch {
            Issue.record("expected a configuration error, got \(error)")
        }
        return nil
    }

    @Test func offlineOrUnsetMeansNoRemoteProvider() throws {
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: SluiceConfig(), environment: [:]) == nil)
        var offline = file
        offline.embedding.provider = .offline
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: offline, environment: [:]) == nil)
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: file, environment: ["SLUICE_EMBEDDING_PROVIDER": "offline"]) == nil)
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: SluiceConfig(), environment: ["SLUICE_EMBEDDING_URL": "http://a/v1"]) == nil)
    }

    @Test func theFileAloneGivesEverySetting() throws {
        let configuration = try #require(try OpenAIEmbeddingConfiguration.resolve(config: file, environment: ["OPENAI_API_KEY": "env-openai"]))
        #expect(configuration == OpenAIEmbeddingConfiguration(
            baseURL: "http://127.0.0.1:11434/v1", model: "nomic-embed-text", apiKey: "file-key", dimensions: 768, batchSize: 16,
            queryPrefix: "search_query: ", documentPrefix: "search_document: "))
    }

    @Test func theEnvironmentWins() throws {
        let environment = [
            "SLUICE_EMBEDDING_PROVIDER": "OpenAI", "SLUICE_EMBEDDING_URL": "https://api.openai.com/v1",
            "SLUICE_EMBEDDING_MODEL": "text-embedding-3-small", "SLUICE_EMBEDDING_API_KEY": "env-key", "SLUICE_EMBEDDING_DIMENSIONS": "512",
        ]
        var offline = file
        offline.embedding.provider = .offline
        let configuration = try #require(try OpenAIEmbeddingConfiguration.resolve(config: offline, environment: environment))
        #expect(configuration.baseURL == "https://api.openai.com/v1" && configuration.model == "text-embedding-3-small")
        #expect(configuration.apiKey == "env-key" && configuration.dimensions == 512)
        #expect(configuration.batchSize == 16 && configuration.queryPrefix == "search_query: ", "what only the file sets stays")

        let bare = try #require(try OpenAIEmbeddingConfiguration.resolve(config: SluiceConfig(), environment: environment))
        #expect(bare.batchSize == 64 && bare.queryPrefix.isEmpty && bare.documentPrefix.isEmpty)
    }

    /// OPENAI_API_KEY is the last resort: after the dedicated variable and after the file.
    @Test func theOpenAIKeyVariableIsTheLastResort() throws {
        let openai = ["SLUICE_EMBEDDING_PROVIDER": "openai", "SLUICE_EMBEDDING_URL": "https://api.openai.com/v1",
                      "SLUICE_EMBEDDING_MODEL": "text-embedding-3-small", "OPENAI_API_KEY": "sk-openai"]
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: SluiceConfig(), environment: openai)?.apiKey == "sk-openai")
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: file, environment: openai)?.apiKey == "file-key")
        var dedicated = openai
        dedicated["SLUICE_EMBEDDING_API_KEY"] = "sk-sluice"
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: file, environment: dedicated)?.apiKey == "sk-sluice")
        #expect(try OpenAIEmbeddingConfiguration.resolve(config: SluiceConfig(), environment: openai.filter { $0.key != "OPENAI_API_KEY" })?.apiKey == nil)
    }

    @Test func missingURLOrModelNamesTheSetting() {
        for (key, missing) in [("url", "SLUICE_EMBEDDING_URL"), ("model", "SLUICE_EMBEDDING_MODEL")] {
            var config = file
            if key == "url" { config.embedding.url = nil } else { config.embedding.model = "" }
            let error = configurationError { _ = try OpenAIEmbeddingConfiguration.resolve(config: config, environment: [:]) }
            #expect(error?.setting == "embedding.\(key)")
            #expect(error?.reason.hasPrefix("missing;") == true && error?.reason.contains(missing) == true, "\(error?.reason ?? "")")
        }
    }

    @Test func badValuesNameTheVariableOrTheFileKey() {
        let cases: [([String: String], (inout SluiceConfig) -> Void, String)] = [
            (["SLUICE_EMBEDDING_PROVIDER": "cohere"], { _ in }, "SLUICE_EMBEDDING_PROVIDER"),
            (["SLUICE_EMBEDDING_DIMENSIONS": "many"], { _ in }, "SLUICE_EMBEDDING_DIMENSIONS"),
            (["SLUICE_EMBEDDING_DIMENSIONS": "-3"], { _ in }, "SLUICE_EMBEDDING_DIMENSIONS"),
            ([:], { $0.embedding.dimensions = 0 }, "embedding.dimensions in /home/me/.sluice/config.json"),
            ([:], { $0.embedding.batchSize = 0 }, "embedding.batch_size in /home/me/.sluice/config.json"),
            ([:], { $0.embedding.batchSize = 5000 }, "embedding.batch_size in /home/me/.sluice/config.json"),
            ([:], { $0.embedding.url = "127.0.0.1:11434/v1" }, "embedding.url in /home/me/.sluice/config.json"),
            (["SLUICE_EMBEDDING_URL": "ftp://example.com/v1"], { _ in }, "SLUICE_EMBEDDING_URL"),
        ]
        for (environment, change, setting) in cases {
            var config = file
            change(&config)
            let error = configurationError { _ = try OpenAIEmbeddingConfiguration.resolve(config: config, environment: environment) }
            #expect(error?.setting == setting, "\(environment) → \(error.map { "\($0)" } ?? "no error")")
        }
    }

    @Test func baseURLsAreNormalizedForTheModelIdentity() throws {
        func version(_ url: String, query: String = "", document: String = "") throws -> String {
            try OpenAIEmbeddingConfiguration(baseURL: url, model: "m", queryPrefix: query, documentPrefix: document).modelVersion()
        }
        #expect(try version("HTTP://LocalHost:80/v1/") == "http://localhost/v1")
        #expect(try version("https://API.openai.com:443/v1") == "https://api.openai.com/v1")
        #expect(try version("http://127.0.0.1:11434/v1") == "http://127.0.0.1:11434/v1")
        #expect(try version("http://[::1]:8000/v1") == "http://[::1]:8000/v1")
        #expect(try version("http://h/v1", query: "q: ", document: "d: ") == #"http://h/v1 query_prefix="q: " document_prefix="d: ""#)
        #expect(try OpenAIEmbeddingConfiguration(baseURL: "http://h/v1/", model: "m").embeddingsURL() == "http://h/v1/embeddings")
    }
}
