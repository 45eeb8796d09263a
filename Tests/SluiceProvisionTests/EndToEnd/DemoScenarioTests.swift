import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// The three demo scenarios of `../shared/spec/demo-lake.md`, end to end: the question is
/// searched as its requester, planned by the deterministic planner and provisioned into the
/// embedded warehouse; then the mart, its grants, its PII, the registry with lineage and the
/// audit chain are checked against the specs' own tables.
@Suite("End to end: the demo scenarios") struct DemoScenarioTests {
    @Test(arguments: [1, 2, 3], WarehouseBackend.allCases)
    func scenarioProvisionsAGovernedMart(number: Int, backend: WarehouseBackend) async throws {
        let specs = try SpecText.get()
        let (scenario, plan) = try await ScenarioPlans.scenario(number)
        let world = try await ProvisionWorld.make(backend)
        let outcome = try await world.executor().provision(plan.request())
        try #require(outcome.status == .succeeded, "\(scenario.testDescription) ended \(outcome.status): \(outcome.error ?? "")")
        let registration = try #require(outcome.registration)

        // Classification and grants, from the two specs' tables.
        let readers = try #require(specs.readers[scenario.classification])
        #expect(registration.classification == scenario.classification)
        #expect(outcome.compiled?.decision.classification == scenario.classification)
        #expect(registration.grants.count == readers.count && Set(registration.grants) == readers)
        #expect(outcome.grants.count == readers.count, "grants: \(outcome.grants)")
        for role in readers {
            #expect(outcome.grants.contains { $0.hasPrefix("\(role.rawValue):") && $0.contains(registration.name) }, "grants: \(outcome.grants)")
        }
        for role in Role.allCases where !readers.contains(role) {
            let error = await #expect(throws: WarehouseError.self, "\(role) may not read a \(scenario.classification) mart") {
                try await world.rows(of: registration.name, as: role)
            }
            #expect(error?.kind == .notGranted)
        }

        // The mart as its requester reads it.
        let mart = try await world.rows(of: registration.name, as: scenario.role)
        #expect(!mart.rows.isEmpty)
        #expect(mart.rows.count == registration.rowCount && outcome.rowCount == registration.rowCount)
        #expect(mart.columns == registration.lineage.columns.map(\.outputColumn))
        try await expectPII(in: mart, plan: plan, scenario: scenario, registration: registration, world: world)

        try await world.expectNothingLeftBehind(marts: [registration.name])

        // The registry: version 1, current, with the lake objects it read.
        let versions = try await world.warehouse.registry.versions(of: registration.name)
        #expect(versions.map(\.version) == [1] && versions.map(\.isCurrent) == [true])
        #expect(versions.first?.requestID == outcome.requestID && versions.first?.lineage == registration.lineage)
        #expect(try await world.warehouse.registry.currentMarts().map(\.name) == [registration.name])
        #expect(try MartSpec.decode(registration.specJSON) == plan.spec)
        try await expectLineage(registration.lineage, of: plan.spec, world: world)

        // One audit entry, saying what happened, in an intact chain.
        let records = try await world.auditRecords()
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.status == .succeeded && record.error == nil)
        #expect(record.requestID == outcome.requestID)
        #expect(record.requester == scenario.requester && record.role == scenario.role.rawValue)
        #expect(record.question == scenario.question)
        #expect(record.searchResults == plan.searchResults)
        #expect(record.classification == scenario.classification)
        #expect(record.grants == outcome.grants)
        #expect(record.masking == registration.masking.mapValues(\.rawValue))
        #expect(record.rowCount == registration.rowCount)
        #expect(!record.compiledSQL.isEmpty)
        #expect(try record.martSpec.map { try MartSpec.decode($0) } == plan.spec)
        let entries = try await world.warehouse.auditLog.entries()
        #expect(!entries.contains { $0.recordJSON.contains(ProvisionWorld.pseudonymSecret) }, "the pseudonym key is in the audit")
        try await world.expectAuditChainIntact(entries: 1)
        await world.close()
    }

    /// Scenario 1's numbers, computed a second way: the KPI's SQL template from the
    /// annotations, run by Python's sqlite3 over the lake as pyarrow reads it, must give the
    /// mart's rows (read by the compliance officer, a reader of every level).
    @Test(arguments: WarehouseBackend.allCases)
    func portfolioExposureEqualsTheKPITemplateRunByPython(backend: WarehouseBackend) async throws {
        let (scenario, plan) = try await ScenarioPlans.scenario(1)
        #expect(plan.recommendation.kpi?.id == "portfolio_exposure", "search chose \(plan.recommendation.kpi?.id ?? "no KPI")")
        let world = try await ProvisionWorld.make(backend)
        let pattern = try #require(world.contents.kpiPatterns.first { $0.id == "portfolio_exposure" })
        let outcome = try await world.executor().provision(plan.request())
        try #require(outcome.status == .succeeded, "\(scenario.testDescription): \(outcome.error ?? "")")
        let registration = try #require(outcome.registration)
        let mart = try await world.rows(of: registration.name, as: .complianceOfficer)

        struct Reference: Decodable {
            let columns: [String]
            let rows: [[LakeValue]]
        }
        let reference = try JSONDecoder().decode(Reference.self, from: Python.runTool(
            "kpi_template_rows.py", arguments: [try await DemoLake.folder()], stdin: Data(pattern.template.utf8)))

        let keys = ["sector", "segment", "currency"]
        let measures = mart.columns.filter { reference.columns.contains($0) && !keys.contains($0) }
        try #require(keys.allSatisfy(mart.columns.contains), "the mart's columns \(mart.columns) lack the template's keys \(keys)")
        #expect(measures.contains { $0.hasSuffix("_count") } && measures.contains("market_value"),
                "the mart shares no count or sum with the template: mart \(mart.columns), template \(reference.columns)")

        func key(_ values: [String?]) -> String { values.map { $0 ?? "NULL" }.joined(separator: " | ") }
        var expected: [String: [String: LakeValue]] = [:]
        for row in reference.rows {
            let named = Dictionary(uniqueKeysWithValues: zip(reference.columns, row))
            expected[key(keys.map { named[$0]?.text })] = named
        }
        #expect(mart.rows.count == reference.rows.count)
        for row in mart.rows {
            let named = Dictionary(uniqueKeysWithValues: zip(mart.columns, row))
            let rowKey = key(keys.map { named[$0].flatMap { $0 == .null ? nil : $0.description } })
            guard let want = expected[rowKey] else {
                Issue.record("the mart has a row \(rowKey) the template does not")
                continue
            }
            for measure in measures {
                let got = try #require(named[measure]), wanted = try #require(want[measure])
                switch (got, wanted) {
                case let (.integer(a), .integer(b)):
                    #expect(a == b, "\(rowKey) \(measure)")
                case (.integer, .real), (.real, .integer), (.real, .real):
                    let a = Self.number(got), b = Self.number(wanted)
                    #expect(abs(a - b) <= 1e-9 * max(abs(a), abs(b)), "\(rowKey) \(measure): mart \(a), template \(b)")
                default:
                    Issue.record("\(rowKey) \(measure): mart \(got), template \(wanted)")
                }
            }
        }
        await world.close()
    }

    private static func number(_ value: QueryValue) -> Double {
        switch value {
        case let .integer(number): Double(number)
        case let .real(number): number
        default: .nan
        }
    }

    private static func number(_ value: LakeValue) -> Double {
        switch value {
        case let .integer(number): Double(number)
        case let .real(number): number
        default: .nan
        }
    }

    /// Masked for a requester without the PII privilege: no raw value anywhere, and every PII
    /// output value the masking function's output for some raw value of its column. In clear
    /// for the compliance officer: every PII output value a raw value of its column.
    private func expectPII(in mart: QueryResult, plan: PlannedQuestion, scenario: SpecText.Scenario,
                           registration: MartRegistration, world: ProvisionWorld) async throws {
        let specs = try SpecText.get()
        let raw = try await LakeRows.piiValues()
        let allRaw = try await LakeRows.allPIIValues()
        let outputs = PIIExpectations.plainPIIOutputs(of: plan.spec, pii: specs.piiColumns)
        // Whatever the plan computes from a PII column, the lineage names the mask on the way
        // (none for a privileged reader).
        let piiNames = Set(specs.piiColumns.map(\.qualifiedName))
        for column in registration.lineage.columns where !piiNames.isDisjoint(with: column.sourceColumns) {
            #expect((column.masking == nil) == scenario.piiInClear,
                    "\(column.outputColumn) from \(column.sourceColumns): \(column.transformation), masking \(String(describing: column.masking))")
        }
        if scenario.piiInClear {
            #expect(!outputs.isEmpty, "scenario \(scenario.number)'s mart shows no PII column, so clear cannot be told from masked")
            #expect(registration.masking.isEmpty, "masking for a privileged reader: \(registration.masking)")
            for (output, column) in outputs {
                let values = try mart.column(output).filter { $0 != .null }.map(\.description)
                let rawValues = Set(try #require(raw[column]).compactMap { $0 })
                #expect(!values.isEmpty, "\(output) is empty")
                for value in values { #expect(rawValues.contains(value), "\(output): \(String(reflecting: value)) is not a raw \(column.qualifiedName)") }
            }
        } else {
            let leaks = PIIExpectations.leaks(in: mart, raw: allRaw)
            #expect(leaks.isEmpty, "raw PII in scenario \(scenario.number)'s mart: \(leaks.prefix(10))")
            for (output, column) in outputs {
                let rule = try PIIExpectations.rule(of: column, in: world.contents)
                #expect(registration.masking[output] == rule, "masking of \(output): \(String(describing: registration.masking[output]))")
                let masked = Set(try #require(raw[column]).compactMap { rule.apply($0, key: world.pseudonymKey?.key) })
                for value in try mart.column(output) where value != .null {
                    #expect(masked.contains(value.description), "\(output): \(value) is not \(rule) of any raw \(column.qualifiedName)")
                }
            }
        }
    }

    /// Every object of every source table is named with the ETag the lake gives now (the
    /// folder store's `head`, read here, not through the catalog), its size and the
    /// catalog's content hash; every output column has its lineage.
    private func expectLineage(_ lineage: MartLineage, of spec: MartSpec, world: ProvisionWorld) async throws {
        let tables = Set(spec.sources.map(\.table))
        #expect(Set(lineage.sources.map(\.table)) == tables)
        for table in tables {
            let metadata = try #require(world.contents.table(named: table))
            #expect(lineage.sources.filter { $0.table == table }.count == metadata.objects.count, "\(table): \(lineage.sources)")
            for object in metadata.objects {
                let head = try await world.lake.head(object.key)
                let source = lineage.sources.first { $0.table == table && $0.uri.hasSuffix("/" + object.key) }
                #expect(source != nil, "no lineage source for \(table)'s object \(object.key): \(lineage.sources.map(\.uri))")
                guard let source else { continue }
                #expect(source.uri.hasPrefix(world.lake.location), "\(source.uri) is not in \(world.lake.location)")
                #expect(head.etag != nil && source.etag == head.etag, "\(object.key): lineage ETag \(source.etag ?? "none"), lake \(head.etag ?? "none")")
                #expect(source.size == head.size)
                #expect(source.contentHash == metadata.contentHash)
                #expect(!source.columns.isEmpty && source.columns.allSatisfy { column in world.contents.columns(of: table).contains { $0.name == column } })
            }
        }
    }
}
