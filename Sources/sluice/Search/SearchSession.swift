import Foundation
import SluiceCatalog
import SluiceCore
import SluiceSQLite
import SluiceSearch

/// The state a search-side command works on: the state folder opened with the `catalog`
/// and `rag_monitor` schemas, its three stores, and the embedder the settings choose.
///
/// The embedder is the offline ``HashedNGramEmbedder`` unless the settings name an
/// OpenAI-compatible provider (``OpenAIEmbeddingConfiguration/resolve(config:environment:)``);
/// every call to such a provider is recorded in `rag_monitor.embedding_calls`.
struct SearchSession {
    let database: SluiceDatabase
    let catalog: SQLiteCatalogStore
    let embeddings: SQLiteEmbeddingStore
    let monitor: SQLiteSearchMonitor
    /// `nil` when the command needs none (lexical search, history, feedback).
    let embedder: (any Embedder)?
    let engine: CatalogSearchEngine
    private let remote: OpenAICompatibleEmbedder?

    /// Opens `--catalog` and, when `embedderSettings` is given, the embedder its settings
    /// file chooses; without settings the session has no embedder (lexical search,
    /// history, feedback), so no provider is ever contacted for nothing.
    static func open(catalog: CatalogOptions, embedderSettings settings: ConfigOptions?) async throws -> SearchSession {
        try await open(database: SluiceDatabase(directory: catalog.catalog, schemas: [.catalog, .ragMonitor]),
                       embedderConfig: settings?.load())
    }

    /// A session over a state folder opened by the caller (with at least the `catalog` and
    /// `rag_monitor` schemas), with the embedder `config` chooses, or none when it is `nil`.
    /// Provisioning commands open the folder once with the warehouse's schemas too and search through it.
    static func open(database: SluiceDatabase, embedderConfig config: SluiceConfig?) async throws -> SearchSession {
        let monitor = try SQLiteSearchMonitor(database: database)
        var embedder: (any Embedder)?
        var remote: OpenAICompatibleEmbedder?
        if let config {
            if let configuration = try OpenAIEmbeddingConfiguration.resolve(config: config,
                                                                            environment: ProcessInfo.processInfo.environment) {
                let connected = try await OpenAICompatibleEmbedder.connect(configuration) { record in
                    // What left the machine is audited; a failed write must not fail the search,
                    // but it must not pass unnoticed either.
                    do {
                        try await monitor.logEmbeddingCall(record)
                    } catch {
                        FileHandle.standardError.write(Data("warning: embedding call to \(record.endpoint) not recorded: \(error)\n".utf8))
                    }
                }
                remote = connected
                embedder = connected
            } else {
                embedder = HashedNGramEmbedder()
            }
        }
        let catalogStore = try SQLiteCatalogStore(database: database)
        let embeddings = try SQLiteEmbeddingStore(database: database)
        let engine = CatalogSearchEngine(catalog: catalogStore, embeddings: embeddings, embedder: embedder, monitor: monitor)
        return SearchSession(database: database, catalog: catalogStore, embeddings: embeddings, monitor: monitor,
                             embedder: embedder, engine: engine, remote: remote)
    }

    /// Runs `body` with a session and closes the provider connection after it, also on error.
    static func with<T>(catalog: CatalogOptions, embedderSettings: ConfigOptions?,
                        _ body: (SearchSession) async throws -> T) async throws -> T {
        let session = try await open(catalog: catalog, embedderSettings: embedderSettings)
        do {
            let result = try await body(session)
            try await session.shutdown()
            return result
        } catch {
            try? await session.shutdown()
            throw error
        }
    }

    /// Closes the embedding provider's connection, when there is one.
    func shutdown() async throws {
        try await remote?.shutdown()
    }

    /// The catalog, refused with the engine's message when nothing was scanned yet.
    func loadCatalog() async throws -> CatalogContents {
        let contents = try await catalog.load()
        guard contents.tables.contains(where: { $0.lifecycle == .active }) else {
            throw SearchEngineError.emptyCatalog(location: catalog.location)
        }
        return contents
    }
}
