import Foundation
import SluiceGovernance

/// One request to provision a mart.
public struct ProvisionRequest: Sendable {
    /// Unique per request (a UUID unless given); names the audit entry and the staging tables.
    public var requestID: String
    public var requestedAt: Date
    public var requester: Requester
    /// The question, when the spec came from one (`sluice ask`).
    public var question: String?
    /// The search results the plan used (table names, best first).
    public var searchResults: [String]
    public var spec: MartSpec
    /// Show everything, move no data, audit nothing.
    public var dryRun: Bool
    /// Steps timed before the executor ran (`search`, `plan`), carried into the audit.
    public var priorTimingsMs: [String: Double]

    public init(requestID: String = UUID().uuidString.lowercased(), requestedAt: Date = Date(), requester: Requester,
                question: String? = nil, searchResults: [String] = [], spec: MartSpec, dryRun: Bool = false,
                priorTimingsMs: [String: Double] = [:]) {
        self.requestID = requestID
        self.requestedAt = requestedAt
        self.requester = requester
        self.question = question
        self.searchResults = searchResults
        self.spec = spec
        self.dryRun = dryRun
        self.priorTimingsMs = priorTimingsMs
    }
}

/// The executor's steps, in order. Timings and progress use these names.
public enum ProvisionStep: String, Sendable, Codable, CaseIterable {
    /// Resolve the spec, decide access and masking, write the SQL.
    case compile
    /// Copy the needed columns of the needed lake tables into `lake.*`.
    case stage
    /// Create the mart under its build name and index it.
    case build
    /// Publish atomically: replace the mart, register it with lineage, apply grants.
    case grant
    /// Drop the staging tables (on every path).
    case cleanup
}

/// Progress for long work, for a command to print.
public enum ProvisionProgress: Sendable, Equatable {
    case started(ProvisionStep)
    /// Rows staged so far for a table, and the table's catalog row count.
    case staged(table: String, rows: Int, expected: Int)
    case finished(ProvisionStep, milliseconds: Double)
}

/// How a request ended. Refusals and failures are outcomes, not thrown errors: they are
/// audited like successes.
public struct ProvisionOutcome: Sendable {
    public var requestID: String
    /// `succeeded`, `refused` or `failed`; a dry run that compiles reports `succeeded`.
    public var status: AuditStatus
    public var dryRun: Bool
    public var compiled: CompiledMart?
    public var registration: MartRegistration?
    /// The refusal or the error, for people.
    public var error: String?
    /// Which step failed, when one did.
    public var failedStep: ProvisionStep?
    public var rowCount: Int?
    /// Source table → rows staged.
    public var rowsStaged: [String: Int]
    public var grants: [String]
    /// Step → milliseconds, `total` included.
    public var timingsMs: [String: Double]
    /// The audit entry written (`nil` for a dry run).
    public var auditEntry: AuditEntry?

    public init(requestID: String, status: AuditStatus, dryRun: Bool, compiled: CompiledMart?, registration: MartRegistration?,
                error: String?, failedStep: ProvisionStep?, rowCount: Int?, rowsStaged: [String: Int], grants: [String],
                timingsMs: [String: Double], auditEntry: AuditEntry?) {
        self.requestID = requestID
        self.status = status
        self.dryRun = dryRun
        self.compiled = compiled
        self.registration = registration
        self.error = error
        self.failedStep = failedStep
        self.rowCount = rowCount
        self.rowsStaged = rowsStaged
        self.grants = grants
        self.timingsMs = timingsMs
        self.auditEntry = auditEntry
    }
}
