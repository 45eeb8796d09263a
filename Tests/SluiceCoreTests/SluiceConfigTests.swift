import Foundation
import Testing
import SluiceCore

@Suite struct SluiceConfigTests {
    /// A fresh folder holding `files` (relative path → text), removed afterwards.
    private func withFolder<T>(_ files: [String: String] = [:], _ body: (String) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-config-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (name, text) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return try body(root)
    }

    private func configError(_ body: () throws -> Void) -> SluiceError? {
        do {
            try body()
            Issue.record("expected an invalid config error")
        } catch let error as SluiceError {
            return error
        } catch {
            Issue.record("expected a SluiceError, got \(error)")
        }
        return nil
    }

    @Test func parsesTheCatalogAndWarehouseSections() throws {
        let text = """
            {"catalog": {"url": "postgres://pipeline_agent@db.internal/sluice", "vector_index": "diskann"},
             "warehouse": {"url": "postgres://pipeline_agent:pw@db.internal/marts", "role_passwords": {"bi_analyst": "b", "risk_manager": "r"}}}
            """
        let config = try SluiceConfig.parse(Data(text.utf8), path: "/etc/sluice.json")
        #expect(config.catalog == SluiceConfig.CatalogSection(url: "postgres://pipeline_agent@db.internal/sluice", vectorIndex: .diskann))
        #expect(config.warehouse == SluiceConfig.WarehouseSection(url: "postgres://pipeline_agent:pw@db.internal/marts",
                                                                  rolePasswords: ["bi_analyst": "b", "risk_manager": "r"]))
        #expect(!config.catalog.holdsSecret && config.warehouse.holdsSecret)
        let misspelt = configError { _ = try SluiceConfig.parse(Data(#"{"warehouse": {"role_password": {}}}"#.utf8), path: "/etc/sluice.json") }
        #expect(misspelt.map { "\($0)" }?.contains("warehouse.role_password") == true, "\(String(describing: misspelt))")
    }

    @Test func parsesEveryS3Setting() throws {
        let text = """
            {"s3": {"endpoint": "http://127.0.0.1:18333", "region": "eu-central-2", "access_key_id": "AK",
                    "secret_access_key": "SK", "session_token": "TOK", "addressing": "virtual"},
             "server": {"port": "later issues add sections"}, "future": 3}
            """
        let config = try SluiceConfig.parse(Data(text.utf8), path: "/etc/sluice.json")
        #expect(config.path == "/etc/sluice.json")
        #expect(config.s3 == SluiceConfig.S3Section(
            endpoint: "http://127.0.0.1:18333", region: "eu-central-2", accessKeyID: "AK",
            secretAccessKey: "SK", sessionToken: "TOK", addressing: .virtual))
        #expect(try SluiceConfig.parse(Data("{}".utf8), path: "x").s3 == SluiceConfig.S3Section())
        #expect(try SluiceConfig.parse(Data(#"{"s3": null}"#.utf8), path: "x").s3 == SluiceConfig.S3Section())
    }

    @Test func unknownS3KeyIsAnErrorNamingIt() {
        let error = configError { _ = try SluiceConfig.parse(Data(#"{"s3": {"secret_acess_key": "x"}}"#.utf8), path: "/cfg.json") }
        guard case .invalidConfig(let file, let field, let reason)? = error else { return }
        #expect(file == "/cfg.json" && field == "s3.secret_acess_key")
        #expect(reason.contains("secret_access_key"))
        #expect(error!.description.hasPrefix("config file /cfg.json: s3.secret_acess_key: unknown setting"))
    }

    @Test func wrongTypesNameTheFieldAndFile() {
        let cases: [(String, String?)] = [
            (#"{"s3": {"region": 42}}"#, "s3.region"),
            (#"{"s3": {"endpoint": ["http://a"]}}"#, "s3.endpoint"),
            (#"{"s3": "http://a"}"#, "s3"),
            (#"{"s3": {"addressing": "sideways"}}"#, "s3.addressing"),
            (#"["s3"]"#, nil),
            (#"{"s3": {"region": "#, nil),
        ]
        for (text, expectedField) in cases {
            let error = configError { _ = try SluiceConfig.parse(Data(text.utf8), path: "/home/a/.sluice/config.json") }
            guard case .invalidConfig(let file, let field, _)? = error else { continue }
            #expect(file == "/home/a/.sluice/config.json", "\(text)")
            #expect(field == expectedField, "\(text): \(error!)")
        }
    }

    @Test func missingDefaultFileIsEmptyConfig() throws {
        try withFolder { root in
            let config = try SluiceConfig.load(environment: [:], currentDirectory: root)
            #expect(config == SluiceConfig())
        }
    }

    @Test func locatesExplicitThenEnvironmentThenEmbeddedFolder() throws {
        let files = [
            ".sluice/config.json": #"{"s3": {"region": "embedded"}}"#,
            "env.json": #"{"s3": {"region": "from-env"}}"#,
            "explicit.json": #"{"s3": {"region": "explicit"}}"#,
        ]
        try withFolder(files) { root in
            let embedded = try SluiceConfig.load(environment: [:], currentDirectory: root)
            #expect(embedded.s3.region == "embedded" && embedded.path == root + "/.sluice/config.json")
            let named = try SluiceConfig.load(environment: ["SLUICE_CONFIG": root + "/env.json"], currentDirectory: root)
            #expect(named.s3.region == "from-env" && named.path == root + "/env.json")
            let relative = try SluiceConfig.load(environment: ["SLUICE_CONFIG": "env.json"], currentDirectory: root)
            #expect(relative.s3.region == "from-env")
            let explicit = try SluiceConfig.load(explicitPath: "explicit.json", environment: ["SLUICE_CONFIG": "env.json"], currentDirectory: root)
            #expect(explicit.s3.region == "explicit")
        }
    }

    @Test func namedFileThatIsMissingIsAnError() throws {
        try withFolder { root in
            for (explicit, environment) in [("nope.json", [String: String]()), (nil, ["SLUICE_CONFIG": root + "/nope.json"])] {
                let error = configError { _ = try SluiceConfig.load(explicitPath: explicit, environment: environment, currentDirectory: root) }
                #expect(error == .invalidConfig(file: root + "/nope.json", field: nil, reason: "does not exist"))
            }
        }
    }

    @Test func secretsReadableByOthersGiveAWarning() throws {
        try withFolder(["c.json": #"{"s3": {"access_key_id": "AK", "secret_access_key": "SK"}}"#]) { root in
            let path = root + "/c.json"
            #expect(try SluiceConfig.load(explicitPath: path, environment: [:]).warnings.isEmpty)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let warnings = try SluiceConfig.load(explicitPath: path, environment: [:]).warnings
            #expect(warnings.count == 1 && warnings[0].contains("chmod 600 \(path)"))
        }
    }

    @Test func parsesEveryEmbeddingSetting() throws {
        let text = """
            {"embedding": {"provider": "openai", "url": "http://127.0.0.1:11434/v1", "model": "nomic-embed-text",
                           "api_key": "KEY", "dimensions": 768, "batch_size": 32,
                           "query_prefix": "search_query: ", "document_prefix": "search_document: "}}
            """
        let config = try SluiceConfig.parse(Data(text.utf8), path: "/etc/sluice.json")
        #expect(config.embedding == SluiceConfig.EmbeddingSection(
            provider: .openai, url: "http://127.0.0.1:11434/v1", model: "nomic-embed-text", apiKey: "KEY",
            dimensions: 768, batchSize: 32, queryPrefix: "search_query: ", documentPrefix: "search_document: "))
        #expect(config.s3 == SluiceConfig.S3Section())
        #expect(try SluiceConfig.parse(Data(#"{"embedding": {"provider": "offline"}}"#.utf8), path: "x").embedding.provider == .offline)
        #expect(try SluiceConfig.parse(Data(#"{"embedding": null}"#.utf8), path: "x").embedding == SluiceConfig.EmbeddingSection())
    }

    @Test func badEmbeddingSettingsNameTheField() {
        let cases: [(String, String, String)] = [
            (#"{"embedding": {"api-key": "x"}}"#, "embedding.api-key", "unknown setting; the embedding section takes api_key, batch_size, dimensions, document_prefix, model, provider, query_prefix, url"),
            (#"{"embedding": {"provider": "cohere"}}"#, "embedding.provider", #"expected "offline" or "openai", got "cohere""#),
            (#"{"embedding": {"dimensions": "768"}}"#, "embedding.dimensions", "expected a whole number"),
            (#"{"embedding": {"batch_size": 1.5}}"#, "embedding.batch_size", "expected a whole number, got 1.5"),
            (#"{"embedding": {"url": 3}}"#, "embedding.url", "expected a string"),
        ]
        for (text, expectedField, expectedReason) in cases {
            let error = configError { _ = try SluiceConfig.parse(Data(text.utf8), path: "/cfg.json") }
            guard case .invalidConfig(let file, let field, let reason)? = error else { continue }
            #expect(file == "/cfg.json" && field == expectedField, "\(text): \(error!)")
            #expect(reason == expectedReason, "\(text): \(reason)")
        }
    }

    @Test func anEmbeddingKeyReadableByOthersGivesAWarning() throws {
        try withFolder(["c.json": #"{"embedding": {"provider": "openai", "api_key": "sk-1"}}"#, "n.json": #"{"embedding": {"provider": "openai"}}"#]) { root in
            let path = root + "/c.json"
            #expect(try SluiceConfig.load(explicitPath: path, environment: [:]).warnings.isEmpty)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let warnings = try SluiceConfig.load(explicitPath: path, environment: [:]).warnings
            #expect(warnings == ["\(path) holds an embedding API key but its permissions are 644; run `chmod 600 \(path)` so only you can read it"])
            // No key, nothing to warn about.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: root + "/n.json")
            #expect(try SluiceConfig.load(explicitPath: root + "/n.json", environment: [:]).warnings.isEmpty)
        }
    }
}
