import Foundation
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// Readers below `restricted` asking demo scenario 3's AML question: the request is refused
/// by policy before any data moves, and the refusal is audited.
@Suite("End to end: refusal by classification") struct RefusalTests {
    @Test(arguments: [Role.biAnalyst, .riskManager], WarehouseBackend.allCases)
    func amlInvestigationIsRefusedBeforeAnyDataMoves(role: Role, backend: WarehouseBackend) async throws {
        let specs = try SpecText.get()
        let aml = try specs.scenario(3)
        #expect(!(specs.readers[aml.classification] ?? []).contains(role), "the spec lets \(role) read \(aml.classification)")
        let plan = try await ScenarioPlans.plan(aml.question, as: Requester(user: "e2e.\(role.rawValue)", role: role))
        #expect(plan.spec.sources.contains { $0.table == "aml_alerts" }, "the plan reads \(plan.spec.sources.map(\.table))")

        let world = try await ProvisionWorld.make(backend)
        let lakeBefore = try Python.runTool("file_digests.py", arguments: [try await DemoLake.folder()])
        let steps = StepLog()
        let outcome = try await world.executor(progress: { steps.record($0) }).provision(plan.request())

        #expect(outcome.status == .refused)
        let message = try #require(outcome.error)
        #expect(message.contains("restricted") && message.contains("aml_alerts") && message.contains(role.rawValue), "refusal: \(message)")
        #expect(outcome.registration == nil && outcome.rowCount == nil && outcome.rowsStaged.isEmpty && outcome.grants.isEmpty)
        #expect(outcome.failedStep == nil || outcome.failedStep == .compile)
        #expect(!steps.started.contains(.stage) && !steps.started.contains(.build) && !steps.started.contains(.grant),
                "steps started after the refusal: \(steps.started)")

        let records = try await world.auditRecords()
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.status == .refused && record.requestID == outcome.requestID)
        #expect(record.error == message)
        #expect(record.role == role.rawValue && record.question == aml.question)
        #expect(record.classification == .restricted)
        #expect(record.grants.isEmpty && record.rowCount == nil)
        try await world.expectAuditChainIntact(entries: 1)

        try await world.expectNothingLeftBehind(marts: [])
        #expect(try await world.warehouse.registry.currentMarts().isEmpty)
        #expect(try await world.warehouse.registry.versions(of: "dm_\(plan.spec.name)").isEmpty)
        let lakeAfter = try Python.runTool("file_digests.py", arguments: [try await DemoLake.folder()])
        #expect(lakeAfter == lakeBefore, "the lake changed")
        await world.close()
    }
}

/// The steps an executor reported starting, in order.
final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [ProvisionProgress] = []

    func record(_ progress: ProvisionProgress) { lock.withLock { reports.append(progress) } }

    var started: [ProvisionStep] {
        lock.withLock {
            reports.compactMap { report in
                if case let .started(step) = report { return step }
                return nil
            }
        }
    }
}
