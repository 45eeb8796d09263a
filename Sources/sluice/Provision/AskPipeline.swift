import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import SluiceSearch

/// `sluice ask` without the printing: search → plan → provision for one question, returning
/// every intermediate result and the time each step took.
///
/// ```swift
/// let result = try await AskPipeline(session: session).run(
///     question: "Show me portfolio exposure by sector and client segment",
///     requester: Requester(user: "maria.chen", role: .biAnalyst))
/// result.outcome.status          // .succeeded
/// result.timingsMs               // ["search": 41.2, "plan": 0.4, "compile": 1.9, "stage": 18.0, …, "total": 70.3]
/// ```
///
/// The search is logged like `sluice search`'s. Every request that is not a dry run is audited
/// exactly once: by the executor once there is a spec, or here when no plan could be made (the
/// entry then has status `failed`, the search results and the reason).
struct AskPipeline {
    let session: ProvisionSession
    var retrieval: RetrievalOptions = .default

    func run(question: String, requester: Requester, dryRun: Bool = false, requestID: String = UUID().uuidString.lowercased(),
             events: @escaping ProvisionEvents = { _ in }) async throws -> AskResult {
        let requestedAt = Date()
        let catalog = try await session.loadCatalog()
        let clock = ContinuousClock()

        var started = clock.now
        let response = try await session.search.engine.search(SearchRequest(
            question: question, requester: requester.user, role: requester.role, options: retrieval))
        let searchMs = Self.milliseconds(clock.now - started)
        events(.searched(response, milliseconds: searchMs))
        let searchResults = response.recommendation.tables.map(\.name)

        started = clock.now
        let planned: PlannedMart
        do {
            planned = try await session.planner.plan(question: question, recommendation: response.recommendation, catalog: catalog)
        } catch {
            let planMs = Self.milliseconds(clock.now - started)
            let reason = "plan failed: \(error)"
            events(.planFailed(reason))
            let timings = ["search": searchMs, "plan": planMs, "total": searchMs + planMs]
            var entry: AuditEntry?
            if !dryRun {
                entry = try await session.warehouse.auditLog.append(AuditRecord(
                    requestID: requestID, requestedAt: requestedAt, requester: requester.user, role: requester.role.rawValue,
                    question: question, searchResults: searchResults, status: .failed, error: reason, timingsMs: timings))
            }
            let outcome = ProvisionOutcome(requestID: requestID, status: .failed, dryRun: dryRun, compiled: nil, registration: nil,
                                           error: reason, failedStep: nil, rowCount: nil, rowsStaged: [:], grants: [],
                                           timingsMs: timings, auditEntry: entry)
            return AskResult(question: question, requester: requester, search: response, plan: nil, outcome: outcome)
        }
        let planMs = Self.milliseconds(clock.now - started)
        events(.planned(planned, milliseconds: planMs))

        let request = ProvisionRequest(requestID: requestID, requestedAt: requestedAt, requester: requester, question: question,
                                       searchResults: searchResults, spec: planned.spec, dryRun: dryRun,
                                       priorTimingsMs: ["search": searchMs, "plan": planMs])
        let outcome = try await ProvisionRunner(session: session, catalog: catalog).run(request, events: events)
        return AskResult(question: question, requester: requester, search: response, plan: planned, outcome: outcome)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

/// Everything one `ask` produced.
struct AskResult: Sendable {
    var question: String
    var requester: Requester
    var search: SearchResponse
    /// `nil` when no plan could be made (see ``ProvisionOutcome/error``).
    var plan: PlannedMart?
    var outcome: ProvisionOutcome

    var requestID: String { outcome.requestID }
    /// Step → milliseconds: `search`, `plan`, then the executor's steps and `total`.
    var timingsMs: [String: Double] { outcome.timingsMs }
}
