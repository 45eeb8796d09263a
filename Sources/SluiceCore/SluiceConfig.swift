import Foundation

/// Sluice's settings file: JSON, read once per command.
///
/// Schema (every key optional):
///
/// ```json
/// {
///   "s3": {
///     "endpoint": "http://127.0.0.1:18333",
///     "region": "us-east-1",
///     "access_key_id": "SLUICE…",
///     "secret_access_key": "…",
///     "session_token": "…",
///     "addressing": "path"
///   },
///   "embedding": {
///     "provider": "openai",
///     "url": "http://127.0.0.1:11434/v1",
///     "model": "nomic-embed-text",
///     "api_key": "…",
///     "dimensions": 768,
///     "batch_size": 64,
///     "query_prefix": "search_query: ",
///     "document_prefix": "search_document: "
///   },
///   "planner": {
///     "provider": "openai",
///     "url": "http://127.0.0.1:11434/v1",
///     "model": "qwen2.5:7b-instruct",
///     "api_key": "…"
///   },
///   "governance": {
///     "pseudonym_key": "…at least 16 bytes…"
///   },
///   "catalog": {
///     "url": "postgres://pipeline_agent@db.internal:5432/sluice?statement_timeout=60s&pool=8",
///     "vector_index": "hnsw"
///   },
///   "warehouse": {
///     "url": "postgres://pipeline_agent@db.internal:5432/sluice",
///     "role_passwords": {"bi_analyst": "…", "risk_manager": "…", "compliance_officer": "…", "pipeline_agent": "…"}
///   }
/// }
/// ```
///
/// `addressing` is `"path"` or `"virtual"`; `embedding.provider` is `"offline"` (the built-in
/// embedder, the default) or `"openai"` (any server speaking OpenAI's `/v1/embeddings`);
/// `planner.provider` is `"deterministic"` (the default: KPI templates and column
/// semantics) or `"openai"` (a chat model behind OpenAI's `/v1/chat/completions` proposes
/// the mart spec, which is validated like any other). `governance.pseudonym_key` is the
/// secret of the `hash` masking function.
/// `catalog.url` and `warehouse.url` put the catalog and the warehouse in PostgreSQL when
/// no `--catalog` is given (a `--catalog` or `--warehouse` flag wins); `role_passwords` are
/// what `sluice pg init` sets (`SLUICE_PG_PASSWORD_<ROLE>` wins).
/// Unknown top-level keys are allowed, so a file written for a later Sluice still loads; an unknown key inside a section is an
/// error, because a misspelt `secret_acess_key` would otherwise be silently ignored.
/// `null` counts as absent.
///
/// Where the file is found: ``locate(explicitPath:environment:currentDirectory:)``.
/// How its values combine with environment variables is up to the layer that uses them;
/// the variables win (see `S3Configuration.init(environment:config:)` and
/// `OpenAIEmbeddingConfiguration.resolve(config:environment:)`).
public struct SluiceConfig: Sendable, Equatable {
    /// The `s3` section; `nil` fields were not set in the file.
    public struct S3Section: Sendable, Equatable {
        public enum Addressing: String, Sendable, CaseIterable {
            case path, virtual
        }

        public var endpoint: String?
        public var region: String?
        public var accessKeyID: String?
        public var secretAccessKey: String?
        public var sessionToken: String?
        public var addressing: Addressing?

        public init(
            endpoint: String? = nil, region: String? = nil, accessKeyID: String? = nil,
            secretAccessKey: String? = nil, sessionToken: String? = nil, addressing: Addressing? = nil
        ) {
            self.endpoint = endpoint
            self.region = region
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
            self.addressing = addressing
        }

        /// Whether the section holds anything an onlooker could sign requests with.
        public var holdsSecret: Bool { secretAccessKey != nil || sessionToken != nil }
    }

    /// The `embedding` section: which embedding provider search uses; `nil` fields were
    /// not set in the file. Numbers are checked for range where they are used, so that
    /// the same message covers a bad environment variable.
    public struct EmbeddingSection: Sendable, Equatable {
        public enum Provider: String, Sendable, CaseIterable {
            /// The built-in embedder: no server, nothing leaves the machine.
            case offline
            /// A server speaking OpenAI's `/v1/embeddings` (OpenAI, Ollama, vLLM, …).
            case openai
        }

        public var provider: Provider?
        /// Base URL up to `/v1`.
        public var url: String?
        public var model: String?
        public var apiKey: String?
        public var dimensions: Int?
        public var batchSize: Int?
        public var queryPrefix: String?
        public var documentPrefix: String?

        public init(
            provider: Provider? = nil, url: String? = nil, model: String? = nil, apiKey: String? = nil,
            dimensions: Int? = nil, batchSize: Int? = nil, queryPrefix: String? = nil, documentPrefix: String? = nil
        ) {
            self.provider = provider
            self.url = url
            self.model = model
            self.apiKey = apiKey
            self.dimensions = dimensions
            self.batchSize = batchSize
            self.queryPrefix = queryPrefix
            self.documentPrefix = documentPrefix
        }

        /// Whether the section holds a key that would let an onlooker spend the account.
        public var holdsSecret: Bool { apiKey.map { !$0.isEmpty } ?? false }
    }

    /// The `planner` section: who turns a question and its recommendation into a mart spec.
    public struct PlannerSection: Sendable, Equatable {
        public enum Provider: String, Sendable, CaseIterable {
            /// KPI pattern templates and column semantics; no model is called.
            case deterministic
            /// A chat model behind OpenAI's `/v1/chat/completions` (OpenAI, Ollama, vLLM, …).
            case openai
        }

        public var provider: Provider?
        /// Base URL up to `/v1`.
        public var url: String?
        public var model: String?
        public var apiKey: String?

        public init(provider: Provider? = nil, url: String? = nil, model: String? = nil, apiKey: String? = nil) {
            self.provider = provider
            self.url = url
            self.model = model
            self.apiKey = apiKey
        }

        public var holdsSecret: Bool { apiKey.map { !$0.isEmpty } ?? false }
    }

    /// The `governance` section.
    public struct GovernanceSection: Sendable, Equatable {
        /// The secret of the `hash` masking function; `SLUICE_PSEUDONYM_KEY` wins over it.
        public var pseudonymKey: String?

        public init(pseudonymKey: String? = nil) {
            self.pseudonymKey = pseudonymKey
        }

        public var holdsSecret: Bool { pseudonymKey.map { !$0.isEmpty } ?? false }
    }

    /// The `catalog` section: where the catalog lives when not in the `--catalog` folder.
    public struct CatalogSection: Sendable, Equatable {
        /// The approximate index PostgreSQL keeps on each model's vectors.
        public enum VectorIndex: String, Sendable, CaseIterable {
            /// pgvector's HNSW (the default).
            case hnsw
            /// pgvectorscale's StreamingDiskANN, for catalogs too large for HNSW in memory.
            case diskann
        }

        /// A `postgres://` URL (the password may be left to `PGPASSWORD`).
        public var url: String?
        public var vectorIndex: VectorIndex?

        public init(url: String? = nil, vectorIndex: VectorIndex? = nil) {
            self.url = url
            self.vectorIndex = vectorIndex
        }

        public var holdsSecret: Bool { url.map(SluiceConfig.urlHoldsPassword) ?? false }
    }

    /// The `warehouse` section: the PostgreSQL database marts are provisioned into, and the
    /// passwords `sluice pg init` gives the roles it creates.
    public struct WarehouseSection: Sendable, Equatable {
        /// A `postgres://` URL; without one the warehouse is where the catalog is.
        public var url: String?
        /// Role name → password; `SLUICE_PG_PASSWORD_<ROLE>` wins over it.
        public var rolePasswords: [String: String]

        public init(url: String? = nil, rolePasswords: [String: String] = [:]) {
            self.url = url
            self.rolePasswords = rolePasswords
        }

        public var holdsSecret: Bool { (url.map(SluiceConfig.urlHoldsPassword) ?? false) || !rolePasswords.isEmpty }
    }

    /// Whether a URL carries a password (`scheme://user:password@host`).
    static func urlHoldsPassword(_ url: String) -> Bool {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return false }
        return url[scheme.upperBound..<at].contains(":")
    }

    /// The file the settings came from; `nil` when there was none.
    public var path: String?
    public var s3: S3Section
    public var embedding: EmbeddingSection
    public var planner: PlannerSection
    public var governance: GovernanceSection
    public var catalog: CatalogSection
    public var warehouse: WarehouseSection
    /// Problems worth telling the user that do not stop the command, such as a file
    /// holding a secret that other users can read. Callers print them.
    public var warnings: [String]

    public init(path: String? = nil, s3: S3Section = S3Section(), embedding: EmbeddingSection = EmbeddingSection(),
                planner: PlannerSection = PlannerSection(), governance: GovernanceSection = GovernanceSection(),
                catalog: CatalogSection = CatalogSection(), warehouse: WarehouseSection = WarehouseSection(), warnings: [String] = []) {
        self.path = path
        self.catalog = catalog
        self.warehouse = warehouse
        self.s3 = s3
        self.embedding = embedding
        self.planner = planner
        self.governance = governance
        self.warnings = warnings
    }

    /// The settings file a command should read, or `nil` for none.
    ///
    /// In order: `explicitPath` (a `--config` option), else `$SLUICE_CONFIG`, else
    /// `.sluice/config.json` in `currentDirectory` — the embedded state folder — when it
    /// exists. Relative paths are taken from `currentDirectory`.
    public static func locate(
        explicitPath: String?,
        environment: [String: String],
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> (path: String, required: Bool)? {
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : currentDirectory + "/" + path
        }
        if let explicitPath, !explicitPath.isEmpty { return (absolute(explicitPath), true) }
        if let named = environment["SLUICE_CONFIG"], !named.isEmpty { return (absolute(named), true) }
        let embedded = absolute(".sluice/config.json")
        return FileManager.default.fileExists(atPath: embedded) ? (embedded, false) : nil
    }

    /// Finds and reads the settings file; no file means empty settings.
    ///
    /// A file named explicitly (`explicitPath` or `$SLUICE_CONFIG`) must exist: a typo
    /// in its name would otherwise drop every setting without a word.
    ///
    /// - Throws: ``SluiceError/invalidConfig(file:field:reason:)`` naming the file and,
    ///   where one is at fault, the field.
    public static func load(
        explicitPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> SluiceConfig {
        guard let (path, required) = locate(explicitPath: explicitPath, environment: environment, currentDirectory: currentDirectory) else {
            return SluiceConfig()
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !required, !FileManager.default.fileExists(atPath: path) { return SluiceConfig() }
            throw SluiceError.invalidConfig(file: path, field: nil, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        var config = try parse(data, path: path)
        let secrets = (config.s3.holdsSecret ? ["S3 secrets"] : []) + (config.embedding.holdsSecret ? ["an embedding API key"] : [])
            + (config.planner.holdsSecret ? ["a planner API key"] : []) + (config.governance.holdsSecret ? ["the pseudonym key"] : [])
            + (config.catalog.holdsSecret || config.warehouse.holdsSecret ? ["PostgreSQL passwords"] : [])
        if !secrets.isEmpty, let warning = ConfigFilePermissions.exposureWarning(path: path, holding: secrets.joined(separator: " and ")) {
            config.warnings.append(warning)
        }
        return config
    }

    /// Reads settings from JSON text; `path` names the file in errors.
    public static func parse(_ data: Data, path: String) throws -> SluiceConfig {
        do {
            let file = try JSONDecoder().decode(ConfigFileDocument.self, from: data)
            return SluiceConfig(path: path, s3: file.s3 ?? S3Section(), embedding: file.embedding ?? EmbeddingSection(),
                                planner: file.planner ?? PlannerSection(), governance: file.governance ?? GovernanceSection(),
                                catalog: file.catalog ?? CatalogSection(), warehouse: file.warehouse ?? WarehouseSection())
        } catch let error as ConfigFieldError {
            throw SluiceError.invalidConfig(file: path, field: error.field, reason: error.reason)
        } catch let error as DecodingError {
            throw ConfigFieldError.describing(error, file: path)
        }
    }
}
