import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import Testing

/// The leak suite: every PII column of the demo lake, at every position a spec can put it,
/// provisioned for the roles without the PII privilege (with the pseudonym key available,
/// so `hash` is usable). Each request is refused, or its mart, read by the requester, holds
/// no raw PII value of the lake, neither whole nor inside a longer text. The compliance
/// officer gets the same specs as the positive control: their marts do show raw values, so
/// the suite can tell masked from clear.
@Suite("End to end: PII leak suite") struct PIILeakTests {
    static let restrictedRoles: [Role] = [.biAnalyst, .riskManager]

    /// Evaluated when the tests are listed: a spec that cannot be read gives no cases here,
    /// which ``theSuiteCoversEveryPIIColumnOfTheSpecAndTheCatalog()`` reports.
    static let piiColumns: [SpecText.PIIColumn] = (try? SpecText.get().piiColumns) ?? []

    @Test func theSuiteCoversEveryPIIColumnOfTheSpecAndTheCatalog() async throws {
        let specs = try SpecText.get()
        #expect(specs.piiColumns.count == 8, "\(specs.piiColumns)")
        #expect(Self.piiColumns == specs.piiColumns)
        let contents = try await DemoLake.contents()
        let cataloged = Set(contents.columns.filter { $0.maskingRule != nil }.map { SpecText.PIIColumn(table: $0.table, column: $0.name) })
        #expect(cataloged == Set(specs.piiColumns))
    }

    @Test(arguments: piiColumns, WarehouseBackend.allCases)
    func noPositionLeaksTheColumn(_ pii: SpecText.PIIColumn, backend: WarehouseBackend) async throws {
        let specs = try SpecText.get()
        let world = try await ProvisionWorld.make(backend)
        let target = try LeakTarget(pii)
        let allRaw = try await LakeRows.allPIIValues()
        let raw = try #require(try await LakeRows.piiValues()[pii])
        let samples = try LeakSamples(raw: raw)
        let rule = try PIIExpectations.rule(of: pii, in: world.contents)
        let keys = try await LakeRows.rows(of: pii.table).map { try #require($0[target.key]?.integer, "\(pii.table).\(target.key)") }
        let isDate = try #require(world.contents.columns.first { $0.table == pii.table && $0.name == pii.column }).dataType == "date"

        for position in LeakPosition.allCases where position.applies(toDate: isDate) {
            let label = "\(pii.qualifiedName) as \(position)"
            // The positive control first: the compliance officer sees the values in clear.
            let clearName = "lk_\(position.code)_\(pii.column)_co"
            let clear = try await world.provision(target.spec(position, name: clearName, samples: samples),
                                                  as: Requester(user: "e2e.compliance", role: .complianceOfficer))
            var clearMart: QueryResult?
            if clear.status == .succeeded {
                let mart = try await world.rows(of: try #require(clear.registration).name, as: .complianceOfficer)
                clearMart = mart
                if position.showsValueInClear {
                    #expect(PIIExpectations.showsRawValues(mart, raw: Set(raw.compactMap { $0 })),
                            "\(label): the compliance officer's mart shows no raw value: \(mart.textCells.prefix(3))")
                }
                try expectRows(mart, position: position, target: target, keys: keys, values: raw, samples: samples, label: "\(label) in clear")
            } else {
                #expect(clear.status == .failed && clear.failedStep == .compile && ![.output, .groupKey, .filterEqual].contains(position),
                        "\(label) for the compliance officer ended \(clear.status): \(clear.error ?? "")")
            }

            for role in Self.restrictedRoles {
                let name = "lk_\(position.code)_\(pii.column)_\(role == .biAnalyst ? "bi" : "rm")"
                let outcome = try await world.provision(target.spec(position, name: name, samples: samples),
                                                        as: Requester(user: "e2e.\(role.rawValue)", role: role))
                let roleLabel = "\(label) for \(role)"
                guard specs.mayRead(pii.table, as: role) else {
                    #expect(outcome.status == .refused && (outcome.error ?? "").contains(pii.table),
                            "\(roleLabel): \(pii.table) is not readable by \(role), but the request ended \(outcome.status): \(outcome.error ?? "")")
                    #expect(try await world.warehouse.registry.versions(of: "dm_\(name)").isEmpty)
                    continue
                }
                switch outcome.status {
                case .refused:
                    #expect(position != .output, "\(roleLabel): a PII column in the output is masked, not refused: \(outcome.error ?? "")")
                    #expect(try await world.warehouse.registry.versions(of: "dm_\(name)").isEmpty)
                case .failed:
                    #expect(clear.status == .failed && outcome.failedStep == .compile,
                            "\(roleLabel) failed at \(outcome.failedStep.map(\.rawValue) ?? "?") though the spec is valid: \(outcome.error ?? "")")
                case .succeeded:
                    #expect(position != .joinKey || rule == .hash,
                            "\(roleLabel): a join on a PII column masked with \(rule) must be refused (only hash keeps equal values equal)")
                    let mart = try await world.rows(of: try #require(outcome.registration).name, as: role)
                    let leaks = PIIExpectations.leaks(in: mart, raw: allRaw)
                    #expect(leaks.isEmpty, "\(roleLabel) leaks: \(leaks.prefix(5))")
                    let masked = raw.map { rule.apply($0, key: world.pseudonymKey?.key) }
                    try expectRows(mart, position: position, target: target, keys: keys, values: masked, samples: samples, label: roleLabel)
                    if let clearMart, position.showsValueInClear, position != .groupKey {
                        // Masking changes values, never which rows there are (a group key may merge groups).
                        #expect(mart.rows.count == clearMart.rows.count, "\(roleLabel): \(mart.rows.count) rows, in clear \(clearMart.rows.count)")
                    }
                }
            }
        }
        try await world.expectNothingLeftBehind(marts: try await world.warehouse.registry.currentMarts().map(\.name))
        await world.close()
    }

    /// Where the position fixes the result, checks it against `values` (the column's raw values
    /// in clear, their masked forms otherwise, row by row with `keys`): a filter, a row policy
    /// or a measure filter must see exactly these values (so a comparison with a raw literal
    /// finds nothing when they are masked), and a sort by the column must follow them.
    private func expectRows(_ mart: QueryResult, position: LeakPosition, target: LeakTarget, keys: [Int64], values: [String?],
                            samples: LeakSamples, label: String) throws {
        func count(_ holds: (String?) -> Bool) -> Int { values.filter(holds).count }
        let notEqual = count { $0 != nil && $0 != samples.first }
        let expectedRows: Int? = switch position {
        case .filterEqual, .rowPolicy: count { $0 == samples.first }
        case .filterIn: count { $0 == samples.first || $0 == samples.second }
        case .filterNotEqual, .filterNot: notEqual
        case .filterIsNull: count { $0 == nil }
        case .isLatest:
            values.compactMap { $0 }.max { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { latest in count { $0 == latest } } ?? 0
        default: nil
        }
        if let expectedRows {
            #expect(mart.rows.count == expectedRows, "\(label): \(mart.rows.count) rows where the values give \(expectedRows)")
        }
        if position == .measureFilter {
            let total = try mart.column("computed").reduce(0) { sum, value in
                guard case let .integer(number) = value else { throw FixtureError("\(label): count is \(value)") }
                return sum + Int(number)
            }
            #expect(total == count { $0 == samples.first }, "\(label): the measure filter counted \(total)")
        }
        if position == .orderBy {
            let byKey = Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first })
            let sorted = try mart.column(target.key).map { cell -> String? in
                guard case let .integer(key) = cell, let value = byKey[key] else { throw FixtureError("\(label): unknown key \(cell)") }
                return value
            }
            // SQLite's order: nulls first, then text by UTF-8 bytes.
            let inOrder = zip(sorted, sorted.dropFirst()).allSatisfy { earlier, later in
                guard let later else { return earlier == nil }
                guard let earlier else { return true }
                return !Array(later.utf8).lexicographicallyPrecedes(Array(earlier.utf8))
            }
            #expect(inOrder && sorted.count == values.count, "\(label): rows are not in the order of the values the reader sees")
        }
    }

    /// A filter on a name cannot tell whether a person is a client: for readers without the
    /// PII privilege, a real client's name and a made-up one both match nothing, since the
    /// comparison sees masked names; the compliance officer's comparison finds the client.
    @Test(arguments: WarehouseBackend.allCases)
    func aNameFilterCannotTellARealClientFromAMadeUpOne(backend: WarehouseBackend) async throws {
        let world = try await ProvisionWorld.make(backend)
        let legalName = SpecText.PIIColumn(table: "clients", column: "legal_name")
        let names = try #require(try await LakeRows.piiValues()[legalName])
        let real = try #require(names.compactMap { $0 }.first)
        let madeUp = "Zacharias Nonexistent-Kunde"
        #expect(!names.contains(madeUp))

        func spec(_ name: String, _ literal: String) -> MartSpec {
            MartSpec(name: name, sources: [MartSource(table: "clients", alias: "c")],
                     dimensions: [MartDimension(expression: .column(SourceColumn(source: "c", column: "client_id"))),
                                  MartDimension(expression: .column(SourceColumn(source: "c", column: "segment")))],
                     filter: .comparison(.column(SourceColumn(source: "c", column: "legal_name")), .equal, .string(literal)))
        }
        func rowCount(_ name: String, _ literal: String, as role: Role) async throws -> Int {
            let outcome = try await world.provision(spec(name, literal), as: Requester(user: "e2e.\(role.rawValue)", role: role))
            try #require(outcome.status == .succeeded, "\(name) for \(role): \(outcome.error ?? "")")
            return try await world.rows(of: try #require(outcome.registration).name, as: role).rows.count
        }

        for role in Self.restrictedRoles {
            let code = role == .biAnalyst ? "bi" : "rm"
            let realCount = try await rowCount("exists_real_\(code)", real, as: role)
            let madeUpCount = try await rowCount("exists_made_up_\(code)", madeUp, as: role)
            #expect(realCount == madeUpCount && realCount == 0, "\(role): \(realCount) rows for a real name, \(madeUpCount) for a made-up one")
        }
        #expect(try await rowCount("exists_real_co", real, as: .complianceOfficer) == names.filter { $0 == real }.count)
        #expect(try await rowCount("exists_made_up_co", madeUp, as: .complianceOfficer) == 0)
        await world.close()
    }
}
