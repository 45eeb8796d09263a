import Foundation
import SluiceGovernance

/// What the executor has learned about one request so far; becomes the audit record and the outcome.
struct ExecutionReport {
    let request: ProvisionRequest
    let compiled: CompiledMart?
    var status: AuditStatus = .succeeded
    var error: String?
    var failedStep: ProvisionStep?
    var classification: Classification?
    var compiledSQL: [String] = []
    var rowsStaged: [String: Int] = [:]
    var rowCount: Int?
    var grants: [String] = []
    var registration: MartRegistration?

    init(request: ProvisionRequest, compiled: CompiledMart?) {
        self.request = request
        self.compiled = compiled
        classification = compiled?.decision.classification
    }

    /// Records the first failure: its step, and its text for people (`stage failed: …`).
    mutating func fail(at step: ProvisionStep, _ error: any Error) {
        guard status != .failed else { return }
        status = .failed
        failedStep = step
        self.error = "\(step.rawValue) failed: \(AuditText.describe(error))"
    }

    func auditRecord(timingsMs: [String: Double]) -> AuditRecord {
        AuditRecord(
            requestID: request.requestID, requestedAt: request.requestedAt, requester: request.requester.user,
            role: request.requester.role.rawValue, question: request.question, searchResults: request.searchResults,
            martSpec: AuditText.specJSON(request.spec), compiledSQL: compiledSQL, classification: classification,
            masking: (compiled?.masking ?? [:]).mapValues(\.rawValue), grants: grants, status: status, error: error,
            rowCount: rowCount, timingsMs: timingsMs)
    }

    func outcome(timingsMs: [String: Double], auditEntry: AuditEntry?) -> ProvisionOutcome {
        ProvisionOutcome(
            requestID: request.requestID, status: status, dryRun: request.dryRun, compiled: compiled,
            registration: status == .refused ? nil : registration, error: error, failedStep: failedStep, rowCount: rowCount,
            rowsStaged: rowsStaged, grants: grants, timingsMs: timingsMs, auditEntry: auditEntry)
    }
}

/// The text forms the audit keeps.
enum AuditText {
    /// The spec as JSON with sorted keys: what the audit and the registry keep.
    ///
    /// Encodes with `JSONEncoder` until ``MartSpec/canonicalJSON(pretty:)`` is written; the two
    /// agree as long as the spec's `Codable` form is its documented JSON.
    static func specJSON(_ spec: MartSpec) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(spec) else { return String(describing: spec) }
        return String(decoding: data, as: UTF8.self)
    }

    /// An error for people: cancellation in words, anything else as it describes itself.
    static func describe(_ error: any Error) -> String {
        error is CancellationError ? "cancelled" : String(describing: error)
    }
}
