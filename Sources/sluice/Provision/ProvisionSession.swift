import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceCore
import SluiceGovernance
import SluiceLake
import SluiceProvision
import SluiceSearch

/// Which planner turns a question into a mart spec: `--planner deterministic|llm`.
enum PlannerChoice: String, CaseIterable, ExpressibleByArgument {
    /// KPI templates and column semantics; no model is called.
    case deterministic
    /// The chat model the settings' `planner` section (or `SLUICE_PLANNER_*`) names.
    case llm
}

/// Everything a provisioning command works with, opened once from `--catalog`, `--warehouse`
/// and `--config`: the backend with the catalog, the search log and the warehouse's schemas
/// (``Backend``: the embedded folder on one pool, or PostgreSQL); the search engine; the
/// warehouse holding the pseudonym key; the lake opener; and the planner.
///
/// ```swift
/// try await ProvisionSession.with(catalog: catalogOptions, settings: settings, planner: nil) { session in
///     let result = try await AskPipeline(session: session).run(question: "…", requester: requester)
/// }
/// ```
///
/// - The pseudonym key is ``PseudonymKey/resolve(environment:configured:)`` of
///   `SLUICE_PSEUDONYM_KEY` and the settings' `governance.pseudonym_key`. Without one, a plan
///   that needs the keyed `hash` is refused by the compiler, saying where to set it.
/// - The lake is opened from each table's catalog location (a folder, `file://` or `s3://`),
///   with S3 credentials from the standard AWS variables and the settings' `s3` section.
/// - The planner is the chat model when the settings configure one
///   (``ChatPlannerConfiguration/resolve(config:environment:)``), else the deterministic one;
///   a ``PlannerChoice`` overrides. Every call to the model is recorded in
///   `rag_monitor.planner_calls`.
struct ProvisionSession {
    let search: SearchSession
    let config: SluiceConfig
    let warehouse: any Warehouse
    let pseudonymKey: PseudonymKey?
    let planner: any MartPlanner
    /// `deterministic`, or `llm <model> at <url>`: what the plan step reports.
    let plannerName: String
    private let chatPlanner: ChatModelPlanner?

    /// Opens the session; `embedder` says whether searching is needed (it may contact an
    /// embedding provider), so commands that provision a given spec never do.
    static func open(catalog: CatalogOptions, settings: ConfigOptions, planner choice: PlannerChoice? = nil,
                     embedder: Bool = true) async throws -> ProvisionSession {
        let config = try settings.load()
        let environment = ProcessInfo.processInfo.environment
        let key = try PseudonymKey.resolve(environment: environment, configured: config.governance.pseudonymKey)
        let backend = try await Backend.open(catalog: catalog.catalogLocation(settings: config),
                                             warehouse: catalog.warehouseLocation(settings: config), includeWarehouse: true,
                                             vectorIndex: catalog.vectorIndex(settings: config))
        let search: SearchSession, warehouse: any Warehouse
        do {
            search = try await SearchSession.open(backend: backend, embedderConfig: embedder ? config : nil, ownsBackend: true)
            warehouse = try backend.warehouse(pseudonymKey: key)
        } catch {
            await backend.close()
            throw error
        }

        var chatPlanner: ChatModelPlanner?
        if choice != .deterministic, let chat = try ChatPlannerConfiguration.resolve(config: config, environment: environment) {
            let monitor = search.monitor
            chatPlanner = ChatModelPlanner(configuration: chat) { record in
                await Self.record(record, in: monitor)
            }
        } else if choice == .llm {
            try? await search.shutdown()
            throw CommandError("""
                --planner llm needs a chat model, and none is configured: set the settings' planner section \
                ({"planner": {"provider": "openai", "url": "http://127.0.0.1:11434/v1", "model": "…"}}) \
                or SLUICE_PLANNER_PROVIDER=openai with SLUICE_PLANNER_URL and SLUICE_PLANNER_MODEL
                """)
        }
        let planner: any MartPlanner = chatPlanner ?? DeterministicPlanner()
        let name = chatPlanner.map { "llm \($0.configuration.model) at \($0.configuration.url)" } ?? PlannerChoice.deterministic.rawValue
        return ProvisionSession(search: search, config: config, warehouse: warehouse, pseudonymKey: key,
                                planner: planner, plannerName: name, chatPlanner: chatPlanner)
    }

    /// Runs `body` with a session and closes its connections to providers after it, also on error.
    static func with<T>(catalog: CatalogOptions, settings: ConfigOptions, planner: PlannerChoice? = nil, embedder: Bool = true,
                        _ body: (ProvisionSession) async throws -> T) async throws -> T {
        let session = try await open(catalog: catalog, settings: settings, planner: planner, embedder: embedder)
        do {
            let result = try await body(session)
            try await session.shutdown()
            return result
        } catch {
            try? await session.shutdown()
            throw error
        }
    }

    func shutdown() async throws {
        try await chatPlanner?.shutdown()
        try await search.shutdown()
    }

    /// The lake objects of a table, from its catalog location: keys are relative to that
    /// location, so an `s3://bucket/prefix/` lake opens as a view below its prefix.
    var openLake: ProvisionExecutor.LakeOpener {
        let config = config
        return { lakeURI in try PrefixedObjectStore.open(LakeLocation.parse(lakeURI), config: config) }
    }

    /// An executor over this session's warehouse for `catalog` under the standard policy.
    func executor(catalog: CatalogContents, progress: ProvisionExecutor.Progress? = nil) -> ProvisionExecutor {
        ProvisionExecutor(warehouse: warehouse, catalog: catalog, policy: .standard, pseudonymKeyAvailable: pseudonymKey != nil,
                          openLake: openLake, progress: progress)
    }

    /// The catalog, refused when nothing was scanned yet.
    func loadCatalog() async throws -> CatalogContents {
        try await search.loadCatalog()
    }

    /// What left the machine is recorded; a failed write must not fail the request, but it
    /// must not pass unnoticed either.
    private static func record(_ call: PlannerCallRecord, in monitor: any PlannerCallLog) async {
        do {
            try await monitor.logPlannerCall(call)
        } catch {
            FileHandle.standardError.write(Data("warning: planner call to \(call.endpoint) not recorded: \(error)\n".utf8))
        }
    }
}
