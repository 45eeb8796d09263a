import Foundation
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// Names and literals written to break SQL: quotes, statement separators, comments,
/// backslashes and Unicode (accents, emoji, right-to-left text). A spec can only ever be
/// data: the mart gets exactly those names, the values come back verbatim, and nothing else
/// in the state folder changes but the new audit and registry rows.
@Suite("End to end: hostile input") struct HostileInputTests {
    static let alias = #"c"; DROP TABLE clients; --"#
    static let segmentName = #"it's "the" segment; --"#
    static let labelName = #"/* label */ \ Lefèvre 🚀"#
    static let countName = #"שלום count'); DROP TABLE x; --"#
    static let description = #"Mart of "clients"; DROP TABLE data_mart.x; -- /* */ \ 'Lefèvre' 🚀 مرحبا"#
    static let literal = #"'); DELETE FROM governance.provisioning_audit; -- "Lefèvre" /* \ */ 🚀 עברית"#
    static let injection = "x' OR '1'='1"
    static let likeInjection = "%'; DROP%"

    /// The spec as JSON text, the way a file or the planner hands it over.
    static func specJSON() throws -> String {
        let segment = "\(alias).segment"
        let document: [String: Any] = [
            "name": "hostile_names",
            "description": description,
            "sources": [["table": "clients", "alias": alias]],
            "dimensions": [["column": segment, "as": segmentName], ["value": literal, "as": labelName]],
            "measures": [["name": countName, "function": "count"]],
            "filter": ["or": [["column": segment, "op": "=", "value": injection],
                              ["column": segment, "op": "=", "value": "uhnwi"],
                              ["column": segment, "op": "like", "value": likeInjection]]],
            "order": [["by": countName, "direction": "desc"]],
            "indexes": [[segmentName, labelName]],
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    }

    static var expectedSpec: MartSpec {
        let segment = MartExpression.column(SourceColumn(source: alias, column: "segment"))
        return MartSpec(name: "hostile_names", description: description, sources: [MartSource(table: "clients", alias: alias)],
                        dimensions: [MartDimension(expression: segment, alias: segmentName),
                                     MartDimension(expression: .literal(.string(literal)), alias: labelName)],
                        measures: [MartMeasure(name: countName, aggregate: .countRows(filter: nil))],
                        filter: .or([.comparison(segment, .equal, .string(injection)), .comparison(segment, .equal, .string("uhnwi")),
                                     .like(segment, pattern: likeInjection)]),
                        order: [MartOrdering(target: .output(countName), descending: true)],
                        indexes: [[segmentName, labelName]])
    }

    @Test(arguments: WarehouseBackend.allCases)
    func hostileNamesAndLiteralsAreDataOnly(backend: WarehouseBackend) async throws {
        let spec = try MartSpec.decode(try Self.specJSON(), origin: "hostile.json")
        #expect(spec == Self.expectedSpec)
        let world = try await ProvisionWorld.make(backend)
        let before = try Snapshots(world)

        let requester = Requester(user: "e2e.maria", role: .biAnalyst)
        let outcome = try await world.provision(spec, as: requester, question: Self.description)
        try #require(outcome.status == .succeeded, "\(outcome.error ?? "")")
        let registration = try #require(outcome.registration)
        #expect(registration.name == "dm_hostile_names")

        let mart = try await world.rows(of: registration.name, as: .biAnalyst)
        #expect(mart.columns == [Self.segmentName, Self.labelName, Self.countName])
        let uhnwi = try await LakeRows.rows(of: "clients").filter { $0["segment"] == .text("uhnwi") }.count
        #expect(uhnwi > 0)
        #expect(mart.rows == [[.text("uhnwi"), .text(Self.literal), .integer(Int64(uhnwi))]])

        // The registry and the audit keep the spec as it was written.
        #expect(try MartSpec.decode(registration.specJSON) == spec)
        let record = try #require(try await world.auditRecords().last)
        #expect(try record.martSpec.map { try MartSpec.decode($0) } == spec)
        #expect(record.question == Self.description)

        try await world.expectNothingLeftBehind(marts: [registration.name])
        let after = try Snapshots(world)
        #expect(after.catalog == before.catalog, "catalog changed")
        #expect(after.ragMonitor == before.ragMonitor, "rag_monitor changed")
        try Snapshots.expectOnlyAuditAndRegistryGrew(before: before.governance, after: after.governance, auditRows: 1)
        // Beside the mart, data_mart holds only its indexes (named after hostile columns).
        let others = after.dataMart.objects.filter { $0.key != registration.name && !$0.key.hasPrefix(SQLiteSnapshot.bookkeepingPrefix) }
        #expect(!others.isEmpty && others.values.allSatisfy { $0.hasPrefix("index:") }, "data_mart objects: \(after.dataMart.objects)")
        try await world.expectAuditChainIntact(entries: 1)
        await world.close()
    }

    /// Specs whose names are not in the catalog: the request fails in compile with an error
    /// naming what was asked for, is audited as failed, and nothing is staged or built.
    @Test(arguments: [
        (MartSource(table: "clients; DROP TABLE x", alias: "c"), "segment", "clients; DROP TABLE x"),
        (MartSource(table: "clients", alias: "c"), "net_worth", "net_worth"),
        (MartSource(table: "clients", alias: "c"), #"segment"; DROP TABLE clients; --"#, #"segment"; DROP TABLE clients; --"#),
    ], WarehouseBackend.allCases)
    func aSpecNamingWhatTheCatalogLacksFailsNamingIt(case hostile: (source: MartSource, column: String, named: String),
                                                     backend: WarehouseBackend) async throws {
        let (source, column, named) = hostile
        let world = try await ProvisionWorld.make(backend)
        let before = try Snapshots(world)
        let spec = MartSpec(name: "hostile_unknown", sources: [source],
                            dimensions: [MartDimension(expression: .column(SourceColumn(source: "c", column: column)))])
        let steps = StepLog()
        let outcome = try await world.provision(spec, as: Requester(user: "e2e.maria", role: .biAnalyst), progress: { steps.record($0) })

        #expect(outcome.status == .failed && outcome.failedStep == .compile)
        let error = try #require(outcome.error)
        // Named as it is, or escaped the way Swift prints a string (`\"` for a quote).
        let escaped = String(String(reflecting: named).dropFirst().dropLast())
        #expect(error.contains(named) || error.contains(escaped), "the error does not name \(String(reflecting: named)): \(error)")
        #expect(!steps.started.contains(.stage) && !steps.started.contains(.build), "steps started: \(steps.started)")
        #expect(outcome.registration == nil && outcome.rowsStaged.isEmpty)

        let records = try await world.auditRecords()
        #expect(records.count == 1 && records.first?.status == .failed && records.first?.error == error)
        try await world.expectAuditChainIntact(entries: 1)
        try await world.expectNothingLeftBehind(marts: [])
        let after = try Snapshots(world)
        #expect(after.catalog == before.catalog, "catalog changed")
        try Snapshots.expectOnlyAuditAndRegistryGrew(before: before.governance, after: after.governance, auditRows: 1)
        #expect(try await world.warehouse.registry.currentMarts().isEmpty)
        await world.close()
    }
}

/// The warehouse's schemas as an independent client sees them (``ProvisionWorld/snapshot(of:)``).
struct Snapshots {
    var catalog: SQLiteSnapshot
    var ragMonitor: SQLiteSnapshot
    var governance: SQLiteSnapshot
    var dataMart: SQLiteSnapshot

    init(_ world: ProvisionWorld) throws {
        catalog = try world.snapshot(of: .catalog)
        ragMonitor = try world.snapshot(of: .ragMonitor)
        governance = try world.snapshot(of: .governance)
        dataMart = try world.snapshot(of: .dataMart)
    }

    /// The audit log gained `auditRows` rows; the registry's tables (the registry and its
    /// lineage) may only have grown; every other table, and the schema itself, is unchanged.
    static func expectOnlyAuditAndRegistryGrew(before: SQLiteSnapshot, after: SQLiteSnapshot, auditRows: Int,
                                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(after.objects == before.objects, "governance's schema changed", sourceLocation: sourceLocation)
        for (name, table) in after.tables {
            let earlier = before.tables[name]
            if name == "provisioning_audit" {
                #expect(table.rows == (earlier?.rows ?? 0) + auditRows, "provisioning_audit rows", sourceLocation: sourceLocation)
            } else if name.contains("registry") || name.contains("lineage") {
                #expect(table.rows >= (earlier?.rows ?? 0), "\(name) lost rows", sourceLocation: sourceLocation)
            } else {
                #expect(table == earlier, "governance table \(name) changed", sourceLocation: sourceLocation)
            }
        }
    }
}
