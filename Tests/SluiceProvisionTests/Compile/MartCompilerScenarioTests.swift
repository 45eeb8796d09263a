import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import SluiceTestSupport
import Testing

/// The three demo scenarios of `../shared/spec/demo-lake.md`, compiled against the scanned
/// demo lake's catalog: the classification comes from the catalog's tables, and the
/// expected level and PII handling from the spec's scenario table.
@Suite struct MartCompilerScenarioTests {
    struct Scenario: Sendable {
        var number: Int
        var user: String
        var role: Role
        var classification: Classification
        /// `masked` or `clear …`.
        var pii: String
    }

    /// The spec's scenario table: `| # | question | requester | role | resulting classification | PII |`.
    static func scenarios() throws -> [Scenario] {
        let text = try String(contentsOf: Python.sharedRoot.appendingPathComponent("spec/demo-lake.md"), encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line -> Scenario? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 6, let number = Int(cells[0]) else { return nil }
            return Scenario(number: number, user: cells[2], role: try Role(parsing: cells[3]),
                            classification: try Classification(parsing: cells[4]), pii: cells[5])
        }
    }

    /// A spec per scenario, written for the demo lake's tables.
    static let specs: [Int: String] = [
        1: MartSpecDecodingTests.documentedExample,
        2: """
            {"name": "risk_limit_utilisation", "sources": [{"table": "risk_limits", "alias": "r"}, {"table": "clients", "alias": "c"}],
             "joins": [{"source": "c", "on": [{"left": "r.client_id", "right": "c.client_id"}]}],
             "dimensions": [{"column": "c.client_id"}, {"column": "c.short_name"}, {"column": "c.segment"}, {"column": "r.limit_type"},
                            {"column": "r.utilization_pct"}, {"column": "r.breach_status"}],
             "filter": {"column": "r.utilization_pct", "op": ">=", "value": 80},
             "order": [{"by": "utilization_pct", "direction": "desc"}]}
            """,
        3: """
            {"name": "aml_investigation", "sources": [{"table": "aml_alerts", "alias": "al"}, {"table": "clients", "alias": "c"},
               {"table": "accounts", "alias": "a"}, {"table": "orders", "alias": "o"}, {"table": "compliance_checks", "alias": "cc"}],
             "joins": [{"source": "c", "on": [{"left": "al.client_id", "right": "c.client_id"}]},
                       {"source": "a", "type": "left", "on": [{"left": "a.client_id", "right": "c.client_id"}]},
                       {"source": "o", "type": "left", "on": [{"left": "o.account_id", "right": "a.account_id"}]},
                       {"source": "cc", "type": "left", "on": [{"left": "cc.order_id", "right": "o.order_id"}]}],
             "dimensions": [{"column": "al.alert_id"}, {"column": "al.alert_type"}, {"column": "al.severity"}, {"column": "al.status"},
                            {"column": "c.legal_name"}, {"column": "c.is_pep"}, {"column": "al.assigned_to"}],
             "measures": [{"name": "flagged_orders", "function": "count_distinct", "column": "o.order_id",
                           "filter": {"column": "o.compliance_check", "op": "in", "values": ["FLAGGED", "BLOCKED"]}},
                          {"name": "failed_checks", "function": "count", "column": "cc.check_id", "filter": {"column": "cc.result", "op": "=", "value": "fail"}}],
             "filter": {"column": "al.status", "op": "in", "values": ["open", "under_review", "escalated"]},
             "order": [{"by": "alert_id"}]}
            """,
    ]

    static let grantsByLevel: [Classification: [Role]] = [
        .internal: [.biAnalyst, .riskManager, .complianceOfficer], .confidential: [.riskManager, .complianceOfficer],
        .restricted: [.complianceOfficer],
    ]

    private func compile(_ number: Int, as requester: Requester) async throws -> CompiledMart {
        let spec = try MartSpec.decode(try #require(Self.specs[number]))
        return try MartCompiler(dialect: SQLiteDialect(), pseudonymKeyAvailable: true)
            .compile(spec, catalog: try await DemoLake.contents(), requester: requester, stagingPrefix: "r\(number)")
    }

    @Test func theSpecListsThreeScenarios() throws {
        #expect(try Self.scenarios().map(\.number) == [1, 2, 3])
    }

    /// Each scenario, asked by its own requester: the spec's level, its readers, and PII
    /// masked unless the requester holds the privilege.
    @Test(arguments: [1, 2, 3])
    func eachScenarioCompilesForItsRequester(number: Int) async throws {
        let scenario = try #require(try Self.scenarios().first { $0.number == number })
        let compiled = try await compile(number, as: Requester(user: scenario.user, role: scenario.role))
        #expect(compiled.decision.allowed)
        #expect(compiled.decision.classification == scenario.classification)
        #expect(compiled.decision.grants == Self.grantsByLevel[scenario.classification])
        let clear = scenario.pii.hasPrefix("clear")
        #expect(compiled.decision.seesPIIInClear == clear, "\(scenario.pii)")
        if clear {
            #expect(compiled.masking.isEmpty)
            #expect(!compiled.selectSQL.contains("mask_"))
            #expect(compiled.policyNotes.contains { $0.hasPrefix("compliance_officer holds the PII privilege: ") && $0.contains("clients.legal_name") })
        }
        #expect(compiled.staging.count == compiled.spec.sources.count)
        #expect(compiled.staging.allSatisfy { $0.stagedName.hasPrefix("r\(number)_") })
    }

    @Test func portfolioExposureStagesOnlyWhatItReads() async throws {
        let compiled = try await compile(1, as: Requester(user: "maria.chen", role: .biAnalyst))
        #expect(compiled.staging.map(\.stagedName) == ["r1_1_positions", "r1_2_accounts", "r1_3_clients", "r1_4_instruments"])
        #expect(compiled.staging.map { $0.columns.map(\.name) } == [
            ["account_id", "instrument_id", "as_of_date", "market_value", "currency"],
            ["account_id", "client_id"], ["client_id", "segment"], ["instrument_id", "sector"],
        ])
        #expect(compiled.staging[0].columns.map(\.type) == [.integer, .integer, .date, .real, .text])
        #expect(compiled.outputColumns.map(\.name) == ["sector", "segment", "currency", "position_count", "client_count", "market_value"])
        #expect(compiled.outputColumns.map(\.lineage.transformation) == ["instruments.sector", "clients.segment", "positions.currency", "count(*)",
                                                                         "count_distinct(clients.client_id)", "sum(positions.market_value)"])
        #expect(compiled.indexes == [["sector", "segment"], ["sector", "segment", "currency"]])
        #expect(compiled.selectSQL.contains(#"WHERE ("p"."as_of_date" = (SELECT MAX("latest"."as_of_date") FROM "lake"."r1_1_positions" AS "latest"))"#))
        #expect(compiled.parameters == [.integer(1000)])
        let positions = try #require(try await DemoLake.contents().table(named: "positions"))
        #expect(compiled.staging[0].lakeURI == positions.lakeURI && compiled.staging[0].objects == positions.objects)
    }

    /// Scenario 2's risk manager gets client names masked with the catalog's rule.
    @Test func riskLimitsMaskTheClientsName() async throws {
        let compiled = try await compile(2, as: Requester(user: "thomas.weber", role: .riskManager))
        let shortName = try #require(try await DemoLake.contents().columns(of: "clients").first { $0.name == "short_name" })
        let rule = try #require(shortName.maskingRule, "the demo catalog masks clients.short_name")
        #expect(compiled.masking == ["short_name": rule])
        #expect(compiled.selectSQL.contains("\(rule.rawValue)(\"c\".\"short_name\") AS \"short_name\""))
        #expect(compiled.policyNotes.contains { $0.hasPrefix("clients.short_name is PII") && $0.hasSuffix("in dimension short_name, for risk_manager") })
        #expect(compiled.outputColumns.first { $0.name == "short_name" }?.lineage.masking == rule)
    }

    /// Scenario 3's AML tables are restricted: refused to the other readers, naming the tables.
    @Test func amlInvestigationIsRefusedBelowCompliance() async throws {
        let analyst = try await #require(throws: ProvisionRefusal.self) {
            try await compile(3, as: Requester(user: "maria.chen", role: .biAnalyst))
        }
        #expect(analyst.reason == .classification)
        #expect(analyst.message == "bi_analyst may not read restricted data: aml_alerts, compliance_checks are restricted (readers: compliance_officer); orders is confidential (readers: risk_manager, compliance_officer)")
        let riskManager = try await #require(throws: ProvisionRefusal.self) {
            try await compile(3, as: Requester(user: "thomas.weber", role: .riskManager))
        }
        #expect(riskManager.reason == .classification)
        #expect(riskManager.message == "risk_manager may not read restricted data: aml_alerts, compliance_checks are restricted (readers: compliance_officer)")
        #expect(riskManager.decision?.sourceClassifications == ["aml_alerts": .restricted, "clients": .internal, "accounts": .internal,
                                                                "orders": .confidential, "compliance_checks": .restricted])
    }

    /// The same AML spec for a pipeline agent or an administrator: not reader roles.
    @Test(arguments: [Role.pipelineAgent, .sluiceAdmin])
    func serviceRolesAreNeverGrantedAMart(role: Role) async throws {
        let refused = try await #require(throws: ProvisionRefusal.self) {
            try await compile(1, as: Requester(user: "svc", role: role))
        }
        #expect(refused.reason == .classification)
        #expect(refused.message.hasPrefix(role.rawValue))
    }
}
