import Foundation
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import Testing

/// Demo scenario 1 provisioned through the real compiler and warehouse with a fault thrown
/// at the start of each step, and with the request's task cancelled mid-way: whatever
/// happens, staging is dropped, no build table stays, readers see the previous version of
/// the mart (or none) whole, and exactly one audit entry says what failed.
@Suite("End to end: failure injection") struct FailureInjectionTests {
    /// Every step, with and without an earlier version of the mart published.
    static let faults = ProvisionStep.allCases.flatMap { step in [false, true].map { (step: step, afterAPreviousVersion: $0) } }

    @Test(arguments: faults, WarehouseBackend.allCases)
    func aFaultAtAStepLeavesNothingBehind(fault: (step: ProvisionStep, afterAPreviousVersion: Bool), backend: WarehouseBackend) async throws {
        let (step, afterAPreviousVersion) = fault
        let (_, plan) = try await ScenarioPlans.scenario(1)
        let world = try await ProvisionWorld.make(backend)
        let martName = "dm_\(plan.spec.name)"
        var previous: QueryResult?
        if afterAPreviousVersion {
            let first = try await world.executor().provision(plan.request())
            try #require(first.status == .succeeded, "\(first.error ?? "")")
            previous = try await world.rows(of: martName, as: plan.requester.role)
        }

        let executor = world.executor(faultInjector: { if $0 == step { throw InjectedFault() } })
        let outcome = try await executor.provision(plan.request())
        #expect(outcome.status == .failed && outcome.failedStep == step, "ended \(outcome.status) at \(String(describing: outcome.failedStep))")
        #expect(outcome.error?.contains(InjectedFault.message) == true, "error: \(outcome.error ?? "none")")

        let records = try await world.auditRecords()
        #expect(records.count == (afterAPreviousVersion ? 2 : 1))
        let record = try #require(records.last)
        #expect(record.requestID == outcome.requestID && record.status == .failed)
        let error = record.error ?? ""
        #expect(error.contains(InjectedFault.message) && error.contains(step.rawValue), "the audit's error names the step and the fault: \(error)")
        try await world.expectAuditChainIntact(entries: records.count)

        let versions = try await world.warehouse.registry.versions(of: martName)
        let published = versions.contains { $0.requestID == outcome.requestID }
        if step == .cleanup && published {
            // Cleanup starts after the publish transaction committed: the new version is the
            // whole mart, current and readable, and staging was still dropped.
            #expect(versions.map(\.version) == (afterAPreviousVersion ? [1, 2] : [1]))
            #expect(versions.map(\.isCurrent).last == true && versions.dropLast().allSatisfy { !$0.isCurrent })
            let mart = try await world.rows(of: martName, as: plan.requester.role)
            #expect(mart.rows.count == versions.last?.rowCount)
        } else {
            #expect(!published, "a request that failed at \(step) published a version")
            #expect(versions.map(\.version) == (afterAPreviousVersion ? [1] : []))
            #expect(versions.allSatisfy { $0.isCurrent })
            if let previous {
                #expect(try await world.rows(of: martName, as: plan.requester.role) == previous, "the previous version changed")
            } else {
                // No reader can read a mart that was never published; the error names it.
                let error = await #expect(throws: WarehouseError.self) { try await world.rows(of: martName, as: plan.requester.role) }
                #expect(error?.message.contains(martName) == true, "\(String(describing: error))")
            }
        }
        try await world.expectNothingLeftBehind(marts: afterAPreviousVersion || published ? [martName] : [])
        await world.close()
    }

    /// The request's task is cancelled as `step` starts (from inside the executor, so the
    /// moment is exact): the request ends failed and audited, and leaves nothing behind.
    @Test(arguments: [ProvisionStep.stage, .build], WarehouseBackend.allCases)
    func aCancelledRequestLeavesNothingBehind(at step: ProvisionStep, backend: WarehouseBackend) async throws {
        let (_, plan) = try await ScenarioPlans.scenario(1)
        let world = try await ProvisionWorld.make(backend)
        let canceller = TaskCanceller()
        let executor = world.executor(faultInjector: { if $0 == step { canceller.cancel() } })
        let (start, go) = AsyncStream.makeStream(of: Void.self)
        let task = Task { () async throws -> ProvisionOutcome in
            // Waits until the canceller holds this task, so the step can always reach it.
            for await _ in start { break }
            return try await executor.provision(plan.request())
        }
        canceller.hold(task)
        go.yield()
        go.finish()

        // A cancelled request is an outcome like any failure (the executor throws only when it
        // cannot audit); what it left behind is checked either way.
        let result = await task.result
        if case let .failure(error) = result {
            Issue.record("provision threw \(error) for a request cancelled at \(step) instead of returning a failed outcome")
        }
        let outcome = try? result.get()
        #expect(canceller.cancelled, "the executor never started \(step)")
        #expect(outcome?.status == .failed && outcome?.registration == nil, "a cancelled request ended \(String(describing: outcome?.status))")
        let records = try await world.auditRecords()
        #expect(records.count == 1 && records.first?.status == .failed, "audit: \(records.map(\.status))")
        #expect(outcome == nil || records.first?.requestID == outcome?.requestID)
        try await world.expectAuditChainIntact(entries: 1)
        #expect(try await world.warehouse.registry.versions(of: "dm_\(plan.spec.name)").isEmpty)
        try await world.expectNothingLeftBehind(marts: [])
        await world.close()
    }
}

/// Cancels a provisioning task from inside it.
final class TaskCanceller: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<ProvisionOutcome, any Error>?
    private var didCancel = false

    func hold(_ task: Task<ProvisionOutcome, any Error>) { lock.withLock { self.task = task } }

    func cancel() {
        lock.withLock {
            didCancel = true
            task?.cancel()
        }
    }

    var cancelled: Bool { lock.withLock { didCancel } }
}
