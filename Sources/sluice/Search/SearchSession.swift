import Foundation
import SluiceCatalog
import SluiceCore
import SluiceProvision
import SluiceSearch

/// The state a search-side command works on: the catalog side of the backend (the state
/// folder's or the PostgreSQL database's `catalog` and `rag_monitor` schemas, see
/// ``Backend``), its three stores, and the embedder the settings choose. On PostgreSQL the
/// vector side of each search runs in the database.
///
/// The embedder is the offline ``HashedNGramEmbedder`` unless the settings name an
/// OpenAI-compatible provider (``OpenAIEmbeddingConfiguration/resolve(config:environment:)``);
/// every call to such a provider is recorded in `rag_monitor.embedding_calls`.
struct SearchSession {
    let backend: Backend
    var catalog: any CatalogStore { backend.catalog }
    var embeddings: any EmbeddingStore { backend.embeddings }
    var monitor: any SearchMonitor & PlannerCallLog { backend.monitor }
    /// `nil` when the command needs none (lexical search, history, feedback).
    let embedder: (any Embedder)?
    let engine: CatalogSearchEngine
    private let remote: OpenAICompatibleEmbedder?
    /// Whether ``shutdown()`` closes the backend (a provisioning session closes its own).
    private let ownsBackend: Bool

    /// Opens `--catalog` and, when `embedderSettings` is given, the embedder its settings
    /// file chooses; without settings the session has no embedder (lexical search,
    /// history, feedback), so no provider is ever contacted for nothing.
    static func open(catalog: CatalogOptions, embedderSettings settings: ConfigOptions?) async throws -> SearchSession {
        let config = try settings?.load()
        let backend = try await Backend.open(catalog: catalog.catalogLocation(settings: config), warehouse: nil, includeWarehouse: false,
                                             vectorIndex: catalog.vectorIndex(settings: config))
        do {
            return try await open(backend: backend, embedderConfig: config, ownsBackend: true)
        } catch {
            await backend.close()
            throw error
        }
    }

    /// A session over a backend opened by the caller, with the embedder `config` chooses, or
    /// none when it is `nil`. Provisioning commands open the backend once with the
    /// warehouse's schemas too and search through it.
    static func open(backend: Backend, embedderConfig config: SluiceConfig?, ownsBackend: Bool) async throws -> SearchSession {
        let monitor = backend.monitor
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
        let engine = CatalogSearchEngine(catalog: backend.catalog, embeddings: backend.embeddings, embedder: embedder, monitor: monitor,
                                         vectorSearch: backend.vectorSearch)
        return SearchSession(backend: backend, embedder: embedder, engine: engine, remote: remote, ownsBackend: ownsBackend)
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

    /// Closes the embedding provider's connection, when there is one, and the backend when the session opened it.
    func shutdown() async throws {
        do {
            try await remote?.shutdown()
        } catch {
            if ownsBackend { await backend.close() }
            throw error
        }
        if ownsBackend { await backend.close() }
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
