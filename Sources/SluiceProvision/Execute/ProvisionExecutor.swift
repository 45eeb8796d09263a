import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake

/// Runs a provisioning request against a warehouse: compile → stage → build → grant
/// (publish) → cleanup, auditing every outcome.
///
/// Guarantees, on every path (success, refusal, error, task cancellation):
/// - a refusal happens in `compile`, before any data moves;
/// - staging tables are dropped, and a build table that was not published is dropped;
/// - readers see either the previous version of the mart or the new one, never a partial one
///   (the warehouse's ``Warehouse/publish(buildName:registration:)`` is one transaction);
/// - exactly one audit entry is appended (none for a dry run), with the status, the error
///   and the timings; the pseudonym key never appears in it.
///
/// Staging reads only the needed columns of each source table's objects through
/// `openLake` (the catalog's ``SluiceCatalog/TableMetadata/lakeURI`` → an object store),
/// adding partition key columns from `key=value` folder names.
///
/// ```swift
/// let executor = ProvisionExecutor(warehouse: warehouse, catalog: contents, pseudonymKeyAvailable: false,
///                                  openLake: { uri in try LakeLocation(parsing: uri).openStore() })
/// let outcome = try await executor.provision(ProvisionRequest(requester: requester, spec: spec))
/// outcome.status          // .succeeded, .refused or .failed
/// outcome.grants          // ["bi_analyst: SELECT on data_mart.dm_portfolio_exposure", …]
/// ```
///
/// Names are derived from the request ID: staging tables `lake.r<id>_<n>_<table>` and the build
/// `data_mart.dm_<name>__b<id>`, where `<id>` is the ID's first 8 letters and digits (a UUID's
/// first group), so concurrent requests need IDs that differ there.
///
/// Cleanup and the audit append run in tasks of their own: in a cancelled task the
/// warehouse's calls would refuse to start, and both must happen anyway. A cancelled request
/// ends as an outcome with status `failed` and the error `cancelled`.
public final class ProvisionExecutor: Sendable {
    public typealias LakeOpener = @Sendable (_ lakeURI: String) throws -> any ObjectStore
    public typealias Progress = @Sendable (ProvisionProgress) -> Void
    /// Called at the start of each step; throwing makes that step fail. For tests that check
    /// what a failure at each step leaves behind.
    public typealias FaultInjector = @Sendable (ProvisionStep) throws -> Void

    public let warehouse: any Warehouse
    public let catalog: CatalogContents
    public let policy: AccessPolicy
    public let pseudonymKeyAvailable: Bool
    private let openLake: LakeOpener
    private let progress: Progress?
    private let faultInjector: FaultInjector?

    public init(warehouse: any Warehouse, catalog: CatalogContents, policy: AccessPolicy = .standard,
                pseudonymKeyAvailable: Bool, openLake: @escaping LakeOpener,
                progress: Progress? = nil, faultInjector: FaultInjector? = nil) {
        self.warehouse = warehouse
        self.catalog = catalog
        self.policy = policy
        self.pseudonymKeyAvailable = pseudonymKeyAvailable
        self.openLake = openLake
        self.progress = progress
        self.faultInjector = faultInjector
    }

    /// Compiles with ``MartCompiler`` and, unless it is a dry run, provisions.
    ///
    /// - Throws: only when the outcome cannot be audited (the audit log itself fails); every
    ///   other failure is an outcome with status `failed`.
    public func provision(_ request: ProvisionRequest) async throws -> ProvisionOutcome {
        var clock = StepClock(progress: progress)
        let compiled: CompiledMart
        do {
            compiled = try await clock.run(.compile) {
                try faultInjector?(.compile)
                let compiler = MartCompiler(policy: policy, dialect: warehouse.dialect, pseudonymKeyAvailable: pseudonymKeyAvailable)
                return try compiler.compile(request.spec, catalog: catalog, requester: request.requester,
                                            stagingPrefix: "r" + Self.shortID(request.requestID))
            }
        } catch let refusal as ProvisionRefusal {
            var report = ExecutionReport(request: request, compiled: nil)
            report.status = .refused
            report.error = refusal.message
            report.classification = refusal.decision?.classification
            return try await finish(report, clock: clock)
        } catch {
            var report = ExecutionReport(request: request, compiled: nil)
            report.fail(at: .compile, error)
            return try await finish(report, clock: clock)
        }
        guard !request.dryRun else {
            let report = ExecutionReport(request: request, compiled: compiled)
            return report.outcome(timingsMs: Self.timings(request, clock), auditEntry: nil)
        }
        return try await execute(compiled, request: request, clock: clock)
    }

    /// Everything after compiling: stage, build, grant, cleanup, audit. Internal so tests can
    /// hand it a ``CompiledMart`` of their own.
    func execute(_ compiled: CompiledMart, request: ProvisionRequest) async throws -> ProvisionOutcome {
        try await execute(compiled, request: request, clock: StepClock(progress: progress))
    }

    private func execute(_ compiled: CompiledMart, request: ProvisionRequest, clock: StepClock) async throws -> ProvisionOutcome {
        var clock = clock
        var report = ExecutionReport(request: request, compiled: compiled)
        let buildName = "\(compiled.tableName)__b\(Self.shortID(request.requestID))"
        report.compiledSQL = warehouse.buildStatements(compiled, buildName: buildName)
        var sources: [LineageSource] = []
        var published = false
        do {
            try await clock.run(.stage) {
                try faultInjector?(.stage)
                for table in compiled.staging {
                    let stager = LakeStager(warehouse: warehouse, openLake: openLake, progress: progress,
                                            expectedRows: catalog.table(named: table.sourceTable)?.rowCount ?? 0)
                    let staged = try await stager.stage(table)
                    report.rowsStaged[table.sourceTable, default: 0] += staged.rows
                    sources += staged.sources
                }
            }
            report.rowCount = try await clock.run(.build) {
                try faultInjector?(.build)
                return try await warehouse.buildMart(compiled, buildName: buildName)
            }
            try await clock.run(.grant) {
                try faultInjector?(.grant)
                let registration = try await registration(for: compiled, request: request, rowCount: report.rowCount ?? 0,
                                                          compiledSQL: report.compiledSQL, sources: sources)
                report.grants = try await warehouse.publish(buildName: buildName, registration: registration)
                report.registration = registration
                published = true
            }
        } catch {
            report.fail(at: clock.current ?? .stage, error)
        }

        // Cleanup runs whatever happened above, in a task that a cancellation of this one cannot stop.
        let cleanupClock = clock
        let (cleanupError, finishedClock) = await Task { [warehouse, faultInjector, published] in
            var clock = cleanupClock
            var failure: (any Error)?
            do {
                try await clock.run(.cleanup) {
                    // An injected failure still leaves the cleanup to do, and is reported after it.
                    do { try faultInjector?(.cleanup) } catch { failure = error }
                    try await warehouse.dropStaging(compiled.staging)
                    if !published { try await warehouse.dropBuild(buildName) }
                    if let failure { throw failure }
                }
            } catch {
                failure = error
            }
            return (failure.map { String(describing: $0) }, clock)
        }.value
        clock = finishedClock
        if let cleanupError {
            if report.status == .failed {
                // The first failure stays the one reported; what cleanup left behind is said too.
                report.error = (report.error ?? "") + "; cleanup also failed: \(cleanupError)"
            } else {
                report.status = .failed
                report.failedStep = .cleanup
                report.error = "cleanup failed: \(cleanupError)"
                    + (published ? " (data_mart.\(compiled.tableName) version \(report.registration?.version ?? 0) was published before it)" : "")
            }
        }
        return try await audit(report, clock: clock)
    }

    /// The registration that ``Warehouse/publish(buildName:registration:)`` records.
    private func registration(for compiled: CompiledMart, request: ProvisionRequest, rowCount: Int, compiledSQL: [String],
                              sources: [LineageSource]) async throws -> MartRegistration {
        guard let classification = compiled.decision.classification else {
            throw ExecutionError(message: "\(compiled.tableName) has no classification (it reads no source), so it cannot be granted")
        }
        return MartRegistration(
            name: compiled.tableName, version: try await warehouse.registry.nextVersion(of: compiled.tableName),
            requestID: request.requestID, requester: compiled.requester, question: request.question,
            classification: classification, grants: compiled.decision.grants, specJSON: AuditText.specJSON(compiled.spec),
            compiledSQL: compiledSQL.joined(separator: ";\n"), rowCount: rowCount,
            // The registry keeps milliseconds: a registration then reads back equal.
            createdAt: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000),
            masking: compiled.masking, lineage: MartLineage(sources: sources, columns: compiled.outputColumns.map(\.lineage)))
    }

    /// The outcome of a request that ended in `compile`: audited, unless it is a dry run, which
    /// audits nothing whatever its outcome.
    private func finish(_ report: ExecutionReport, clock: StepClock) async throws -> ProvisionOutcome {
        guard report.request.dryRun else { return try await audit(report, clock: clock) }
        return report.outcome(timingsMs: Self.timings(report.request, clock), auditEntry: nil)
    }

    /// Appends the one audit entry of a request, in a task of its own (see the type's notes).
    private func audit(_ report: ExecutionReport, clock: StepClock) async throws -> ProvisionOutcome {
        let timings = Self.timings(report.request, clock)
        let record = report.auditRecord(timingsMs: timings)
        let entry = try await Task { [warehouse] in try await warehouse.auditLog.append(record) }.value
        return report.outcome(timingsMs: timings, auditEntry: entry)
    }

    /// Prior timings, this run's steps, and `total`: the prior ones plus this run's time.
    private static func timings(_ request: ProvisionRequest, _ clock: StepClock) -> [String: Double] {
        var timings = request.priorTimingsMs.merging(clock.timingsMs) { _, new in new }
        timings["total"] = request.priorTimingsMs.values.reduce(0, +) + clock.elapsedMs
        return timings
    }

    /// The first 8 letters and digits of a request ID, lowercased: a UUID's first group.
    static func shortID(_ requestID: String) -> String {
        let characters = requestID.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return characters.isEmpty ? "0" : String(characters.prefix(8))
    }
}

/// A failure of the executor's own, for the outcome's error text.
struct ExecutionError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
