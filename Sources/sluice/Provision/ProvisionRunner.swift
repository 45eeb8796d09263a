import SluiceCatalog
import SluiceProvision
import SluiceSearch

/// What a command is told while a request runs, in the order it happens.
enum ProvisionEvent: Sendable {
    case searched(SearchResponse, milliseconds: Double)
    case planned(PlannedMart, milliseconds: Double)
    /// No plan could be made (nothing answered the question, or the planner refused it).
    case planFailed(String)
    /// The compile step's result for this very request: what will be staged, built and
    /// granted, with its SQL and masking, or the refusal. Known before any data moves.
    case compiled(ProvisionOutcome)
    case progress(ProvisionProgress)
}

typealias ProvisionEvents = @Sendable (ProvisionEvent) -> Void

/// Runs one request through the executor so that a command can show the compiled mart (SQL,
/// masking, grants) before the data moves, then each step as it happens.
///
/// The executor reports its compiled mart only in the outcome, at the end. So the request is
/// first run as a dry run under the same request id, which compiles exactly what the real run
/// will (the staging names derive from the id) and moves and audits nothing; then, unless the
/// request itself is a dry run, for real. A refused or failing request runs for real too, so
/// that its refusal or failure is audited.
struct ProvisionRunner {
    let session: ProvisionSession
    let catalog: CatalogContents

    func run(_ request: ProvisionRequest, events: @escaping ProvisionEvents) async throws -> ProvisionOutcome {
        var preview = request
        preview.dryRun = true
        let compiled = try await session.executor(catalog: catalog).provision(preview)
        events(.compiled(compiled))
        if request.dryRun { return compiled }
        return try await session.executor(catalog: catalog, progress: { events(.progress($0)) }).provision(request)
    }
}
