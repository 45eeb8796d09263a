import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import SluiceSearch
import Testing

@Suite("deterministic planner")
struct DeterministicPlannerTests {
    // MARK: The demo scenarios, searched for real

    @Test("the three demo scenario questions, searched as their requesters, plan their KPI templates", arguments: [
        ("Show me portfolio exposure by sector and client segment", Role.biAnalyst, "portfolio_exposure"),
        ("Which clients are close to or above their risk limits?", Role.riskManager, "risk_limit_utilisation"),
        ("AML investigation: open alerts with client details and flagged orders", Role.complianceOfficer, "aml_investigation"),
    ])
    func scenarioQuestionsPlanTheirKPI(question: String, role: Role, kpi: String) async throws {
        let catalog = try await DemoLake.contents()
        let recommendation = try await DemoSearch.recommend(question, role: role)
        let chosen = try #require(recommendation.kpi)
        #expect(chosen.id == kpi)
        let planned = try await DeterministicPlanner().plan(question: question, recommendation: recommendation, catalog: catalog)
        #expect(planned.source == "kpi:\(kpi)")
        #expect(planned.spec.name == kpi)
        let pattern = try #require(catalog.kpiPatterns.first { $0.id == kpi })
        #expect(planned.notes.first == "KPI \(kpi) (score \(String(format: "%.2f", chosen.score))): \(pattern.name)")
        // The template as the catalog holds it, named after the pattern: nothing added by search.
        let template = try #require(pattern.martTemplate)
        let expected = try MartSpec.decode(String(template.dropLast()) + #","name":"\#(kpi)","description":"\#(pattern.name)"}"#)
        #expect(planned.spec == expected)
    }

    @Test("a question no KPI answers is planned from column semantics over the tables search selected")
    func questionWithoutKPI() async throws {
        let catalog = try await DemoLake.contents()
        let question = "Which exchanges are in which country and city, with their time zone?"
        let recommendation = try await DemoSearch.recommend(question)
        #expect(recommendation.kpi == nil, "\(recommendation.kpi.map(\.id) ?? "")")
        let planned = try await DeterministicPlanner().plan(question: question, recommendation: recommendation, catalog: catalog)
        #expect(planned.source == "columns")
        #expect(planned.spec.name == "which_exchanges_are_in_which_country_and")
        let selected = Set(recommendation.tables.filter(\.selected).map(\.name))
        #expect(Set(planned.spec.sources.map(\.table)).isSubset(of: selected))
        #expect(planned.spec.sources.map(\.table).contains("exchanges"))
        _ = try planned.spec.resolve(against: catalog)
    }

    // MARK: Column semantics, on recommendations written out

    /// A recommendation of `columns` (`table.column`, best first) over `tables`, joined by `joins`.
    private func recommendation(_ question: String, tables: [String], columns: [String], joins: [(String, String)] = [],
                                kpi: RecommendedKPI? = nil, catalog: CatalogContents) throws -> Recommendation {
        let recommendedColumns = try columns.map { name in
            let column = try #require(catalog.columns.first { $0.qualifiedName == name }, "\(name)")
            return RecommendedColumn(table: column.table, column: column.name, score: 0.8, dataType: column.dataType, reasons: [],
                                     isPII: column.pii.effectiveIsPII, piiKind: column.pii.kind?.rawValue, maskingRule: column.maskingRule)
        }
        let relationships = joins.map { from, to in
            let (fromTable, fromColumn) = (String(from.split(separator: ".")[0]), String(from.split(separator: ".")[1]))
            let (toTable, toColumn) = (String(to.split(separator: ".")[0]), String(to.split(separator: ".")[1]))
            return RecommendedRelationship(fromTable: fromTable, fromColumn: fromColumn, toTable: toTable, toColumn: toColumn, score: 0.5, confidence: 1)
        }
        return Recommendation(
            question: question, answerable: true, message: "found",
            tables: tables.map { RecommendedTable(name: $0, score: 0.8, reasons: [], classification: .internal, rowCount: 1, selected: true) },
            columns: recommendedColumns, relationships: relationships,
            joinPlan: JoinPlan(tables: tables, bridgeTables: [], joins: relationships, unreachable: []), kpi: kpi, governance: .none)
    }

    @Test("the mart has the rows of the table the others join along foreign keys: its rates are averaged, other tables' amounts left out")
    func groupedMart() async throws {
        let catalog = try await DemoLake.contents()
        let question = "Quantity and commission rate by asset class and side"
        let planned = try await DeterministicPlanner().plan(
            question: question,
            recommendation: try recommendation(question, tables: ["orders", "instruments", "executions"],
                                               columns: ["instruments.asset_class", "orders.side", "orders.quantity", "executions.commission_bps", "orders.order_id"],
                                               joins: [("orders.instrument_id", "instruments.instrument_id"), ("executions.order_id", "orders.order_id")],
                                               catalog: catalog),
            catalog: catalog)
        // executions → orders → instruments are all many-to-one, so the mart has one row per
        // fill; an order's quantity would count once per fill and is left out.
        #expect(planned.source == "columns")
        #expect(planned.spec == MartSpec(
            name: "quantity_and_commission_rate_by_asset_cl", description: question,
            sources: [MartSource(table: "executions", alias: "e"), MartSource(table: "orders", alias: "o"), MartSource(table: "instruments", alias: "i")],
            joins: [MartJoin(source: "o", on: [JoinCondition(left: .init(source: "o", column: "order_id"), right: .init(source: "e", column: "order_id"))]),
                    MartJoin(source: "i", on: [JoinCondition(left: .init(source: "i", column: "instrument_id"), right: .init(source: "o", column: "instrument_id"))])],
            dimensions: [MartDimension(expression: .column(.init(source: "i", column: "asset_class"))),
                         MartDimension(expression: .column(.init(source: "o", column: "side")))],
            measures: [MartMeasure(name: "row_count", aggregate: .countRows(filter: nil)),
                       MartMeasure(name: "avg_commission_bps", aggregate: .aggregate(.avg, .column(.init(source: "e", column: "commission_bps")), filter: nil))],
            order: [MartOrdering(target: .output("asset_class")), MartOrdering(target: .output("side"))]))
        #expect(planned.notes.contains { $0.hasPrefix("left out orders.quantity: orders repeats") }, "\(planned.notes)")
        _ = try planned.spec.resolve(against: catalog)
    }

    @Test("without an amount, quantity or rate the mart is a detail mart of the recommended columns, in key order, limited")
    func detailMart() async throws {
        let catalog = try await DemoLake.contents()
        let question = "Client short names and segments"
        let planned = try await DeterministicPlanner().plan(
            question: question,
            recommendation: try recommendation(question, tables: ["clients"], columns: ["clients.short_name", "clients.segment"], catalog: catalog),
            catalog: catalog)
        #expect(planned.spec == MartSpec(
            name: "client_short_names_and_segments", description: question, sources: [MartSource(table: "clients", alias: "c")],
            dimensions: [MartDimension(expression: .column(.init(source: "c", column: "short_name"))),
                         MartDimension(expression: .column(.init(source: "c", column: "segment")))],
            order: [MartOrdering(target: .expression(.column(.init(source: "c", column: "client_id"))))], limit: DeterministicPlanner.detailRowLimit))
        #expect(DeterministicPlanner.detailRowLimit == 10_000)
    }

    @Test("timestamps are grouped by day, and aliases stay unique when initials collide")
    func timestampsAndAliases() async throws {
        let catalog = try await DemoLake.contents()
        let question = "Filled quantity per day by counterparty and client"
        let planned = try await DeterministicPlanner().plan(
            question: question,
            recommendation: try recommendation(question, tables: ["executions", "orders", "counterparties", "accounts", "clients"],
                                               columns: ["executions.executed_at", "executions.fill_quantity"],
                                               joins: [("executions.order_id", "orders.order_id"),
                                                       ("orders.broker_id", "counterparties.counterparty_id"),
                                                       ("orders.account_id", "accounts.account_id"),
                                                       ("accounts.client_id", "clients.client_id")],
                                               catalog: catalog),
            catalog: catalog)
        #expect(planned.spec.sources.map(\.reference) == ["e", "o", "c", "a", "cl"])
        #expect(planned.spec.dimensions == [MartDimension(
            expression: .transform(MartTransform(function: .dateTrunc, arguments: [.column(.init(source: "e", column: "executed_at"))], unit: .day)),
            alias: "executed_at_day")])
        #expect(planned.spec.measures.map(\.name) == ["row_count", "fill_quantity"])
        _ = try planned.spec.resolve(against: catalog)
    }

    @Test("a KPI whose tables search did not all select is not used; the notes say why")
    func partialKPIIsNotUsed() async throws {
        let catalog = try await DemoLake.contents()
        let pattern = try #require(catalog.kpiPatterns.first { $0.id == "aml_investigation" })
        let kpi = RecommendedKPI(id: pattern.id, name: pattern.name, score: 0.42, tables: pattern.tables, template: pattern.template, reasons: [])
        let question = "KYC status of clients"
        let planned = try await DeterministicPlanner().plan(
            question: question,
            recommendation: try recommendation(question, tables: ["clients"], columns: ["clients.kyc_status"], kpi: kpi, catalog: catalog),
            catalog: catalog)
        #expect(planned.source == "columns")
        #expect(planned.spec.sources == [MartSource(table: "clients", alias: "c")])
        #expect(planned.notes.first == "KPI aml_investigation (score 0.42) not used: it reads aml_alerts, accounts, orders, compliance_checks, "
            + "which the recommendation did not select")
    }

    @Test("an unanswerable recommendation is a planning error carrying its message")
    func unanswerable() async throws {
        let catalog = try await DemoLake.contents()
        let message = "nothing in the catalog matches well enough (best: exchanges 0.12 below 0.30)"
        let recommendation = Recommendation(question: "weather in Bern", answerable: false, message: message, governance: .none)
        let error = try await #require(throws: PlanningError.self) {
            try await DeterministicPlanner().plan(question: "weather in Bern", recommendation: recommendation, catalog: catalog)
        }
        #expect(error.message == "no mart can be planned for \"weather in Bern\": \(message)")
    }

    @Test("an answerable recommendation that selects no table is a planning error naming that")
    func noTable() async throws {
        let catalog = try await DemoLake.contents()
        let recommendation = Recommendation(question: "orders", answerable: true, message: "found orders", governance: .none)
        let error = try await #require(throws: PlanningError.self) {
            try await DeterministicPlanner().plan(question: "orders", recommendation: recommendation, catalog: catalog)
        }
        #expect(error.message == "no mart can be planned for \"orders\": the recommendation selected no table (found orders)")
    }

    @Test("mart names: lowercase words joined by _, accents dropped, cut to 40 characters, starting with a letter", arguments: [
        ("Which clients are close to or above their risk limits?", "which_clients_are_close_to_or_above_thei"),
        ("Show me portfolio exposure by sector and client segment", "show_me_portfolio_exposure_by_sector_and"),
        ("  Zürich cash — 2024!  ", "zurich_cash_2024"),
        ("2024 results", "mart_2024_results"),
        ("???", "mart"),
        // Cut just after a word: the separator that would end the name goes too.
        ("abcdefghij abcdefghij abcdefghij abcdef xyz", "abcdefghij_abcdefghij_abcdefghij_abcdef"),
        ("abcdefghij abcdefghij abcdefghij abcdefgh xyz", "abcdefghij_abcdefghij_abcdefghij_abcdefg"),
    ])
    func martNames(text: String, name: String) {
        #expect(DeterministicPlanner.martName(for: text) == name)
        #expect(name.count <= MartSpec.maximumNameLength)
    }
}
