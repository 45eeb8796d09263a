import Foundation
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import Testing

/// The same request twice: the second build replaces the first atomically as version 2.
@Suite("End to end: rebuild") struct RebuildTests {
    @Test(arguments: WarehouseBackend.allCases)
    func aRebuildIsVersionTwoReplacingVersionOne(backend: WarehouseBackend) async throws {
        let (scenario, plan) = try await ScenarioPlans.scenario(1)
        let world = try await ProvisionWorld.make(backend)
        let first = try await world.executor().provision(plan.request())
        try #require(first.status == .succeeded, "\(first.error ?? "")")
        let name = try #require(first.registration).name
        let firstRows = try await world.rows(of: name, as: scenario.role)

        // A reader querying all through the rebuild sees version 1 or version 2, whole, every
        // time: never a missing mart, never a half-built one.
        let rebuilding = Flag()
        let (readerStarted, signalStarted) = AsyncStream.makeStream(of: Void.self)
        let reader = Task { () async throws -> Int in
            var reads = 0
            repeat {
                let rows = try await world.rows(of: name, as: scenario.role)
                #expect(rows == firstRows, "read \(reads) during the rebuild")
                reads += 1
                if reads == 1 { signalStarted.finish() }
            } while !rebuilding.isSet
            return reads
        }
        // The rebuild starts once the reader is reading, so the two always overlap.
        for await _ in readerStarted {}
        let second = try await world.executor().provision(plan.request())
        rebuilding.set()
        _ = try await reader.value
        try #require(second.status == .succeeded, "\(second.error ?? "")")
        #expect(second.registration?.name == name && second.registration?.version == 2)

        let versions = try await world.warehouse.registry.versions(of: name)
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.isCurrent) == [false, true])
        #expect(versions.map(\.requestID) == [first.requestID, second.requestID])
        #expect(versions.allSatisfy { $0.droppedAt == nil })
        let current = try await world.warehouse.registry.currentMarts()
        #expect(current.map(\.name) == [name] && current.map(\.version) == [2])
        #expect(try await world.warehouse.registry.nextVersion(of: name) == 3)

        #expect(try await world.rows(of: name, as: scenario.role) == firstRows)
        try await world.expectNothingLeftBehind(marts: [name])
        let records = try await world.auditRecords()
        #expect(records.map(\.status) == [.succeeded, .succeeded])
        #expect(records.map(\.requestID) == [first.requestID, second.requestID])
        try await world.expectAuditChainIntact(entries: 2)
        await world.close()
    }
}

/// A one-way switch shared between tasks.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
