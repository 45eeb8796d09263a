import SluiceCatalog
import SluiceGovernance
import SluiceSearch
import Testing

/// The recommender on the demo catalog, fed hand-built rankings for the questions of the
/// demo scenarios (`../shared/spec/demo-lake.md`) and for the cases around them.
@Suite struct RecommenderTests {
    private typealias T = Retrieved

    @Test func portfolioExposureForABIAnalyst() async throws {
        let contents = try await DemoCatalog.contents()
        let retrieval = RetrievalResult(
            tables: [T.table("positions", 0.82, "matches 'exposure'"), T.table("instruments", 0.71), T.table("clients", 0.66),
                     T.table("exchanges", 0.47), T.table("accounts", 0.45)],
            columns: [T.column("instruments.sector", 0.74), T.column("clients.segment", 0.70), T.column("positions.market_value", 0.62),
                      T.column("clients.email", 0.46), T.column("clients.legal_name", 0.44)],
            relationships: [T.join("positions.account_id", "accounts.account_id", 0.51),
                            T.join("positions.instrument_id", "instruments.instrument_id", 0.48)],
            kpis: [T.kpi("portfolio_exposure", 0.88), T.kpi("pnl_attribution", 0.61)]
        )
        let question = "Show me portfolio exposure by sector and client segment"
        let recommendation = Recommender.recommend(question: question, retrieval: retrieval, contents: contents,
                                                   requester: "maria.chen", role: .biAnalyst)
        #expect(recommendation.answerable)
        #expect(recommendation.question == question)

        // Retrieval's ranking stands as it was; the KPI decides what is selected.
        #expect(recommendation.tables.map(\.name) == ["positions", "instruments", "clients", "exchanges", "accounts"])
        #expect(recommendation.tables.map(\.score) == [0.82, 0.71, 0.66, 0.47, 0.45])
        #expect(recommendation.tables.filter(\.selected).map(\.name) == ["positions", "instruments", "clients", "accounts"])
        #expect(recommendation.tables[0].reasons == ["matches 'exposure'", "needed by KPI portfolio_exposure"])
        #expect(recommendation.tables[3].reasons.isEmpty)
        for table in recommendation.tables {
            let stored = try #require(contents.table(named: table.name))
            #expect(table.classification == stored.classification && table.rowCount == stored.rowCount, "\(table.name)")
        }

        let plan = try #require(recommendation.joinPlan)
        expectWellFormed(plan, in: contents)
        #expect(plan.tables == ["positions", "accounts", "clients", "instruments"])
        #expect(plan.joins.map(\.condition) == [
            "positions.account_id = accounts.account_id",
            "accounts.client_id = clients.client_id",
            "positions.instrument_id = instruments.instrument_id",
        ])
        #expect(plan.joins.map(\.score) == [0.51, 0, 0.48])
        #expect(plan.bridgeTables.isEmpty && plan.unreachable.isEmpty)
        #expect(recommendation.relationships.map(\.condition) == ["positions.account_id = accounts.account_id", "positions.instrument_id = instruments.instrument_id"])
        #expect(recommendation.relationships.map(\.confidence) == [1, 1])

        let pattern = try #require(contents.kpiPatterns.first { $0.id == "portfolio_exposure" })
        #expect(recommendation.kpi == RecommendedKPI(id: pattern.id, name: pattern.name, score: 0.88, tables: pattern.tables,
                                                     template: pattern.template, reasons: ["pattern portfolio_exposure"]))

        let email = try #require(recommendation.columns.first { $0.qualifiedName == "clients.email" })
        #expect(email.isPII && email.piiKind == "email" && email.maskingRule == .maskEmail && email.dataType == "string")
        let sector = try #require(recommendation.columns.first { $0.qualifiedName == "instruments.sector" })
        #expect(!sector.isPII && sector.piiKind == nil && sector.maskingRule == nil)
        #expect(recommendation.columns.map(\.score) == [0.74, 0.70, 0.62, 0.46, 0.44])

        let governance = recommendation.governance
        #expect(governance.highestClassification == .internal)
        #expect(governance.classificationByTable == ["positions": .internal, "accounts": .internal, "clients": .internal, "instruments": .public])
        #expect(governance.piiColumns == [
            PIIColumnFlag(table: "clients", column: "legal_name", kind: "person_name", maskingRule: .maskName),
            PIIColumnFlag(table: "clients", column: "email", kind: "email", maskingRule: .maskEmail),
        ])
        #expect(governance.rolesAllowed == [.biAnalyst, .riskManager, .complianceOfficer])
        #expect(governance.requester == RequesterAccess(
            user: "maria.chen", role: .biAnalyst, mayRead: true, seesPIIInClear: false,
            reason: "bi_analyst may read internal data; PII columns are masked (clients.legal_name → mask_name, clients.email → mask_email)"))
        #expect(recommendation.message == "4 tables (positions, accounts, clients, instruments) joined by 3 relationships; KPI portfolio_exposure; internal, PII masked for bi_analyst")

        // Pure: the same inputs give the same recommendation.
        #expect(Recommender.recommend(question: question, retrieval: retrieval, contents: contents, requester: "maria.chen", role: .biAnalyst) == recommendation)
    }

    @Test func tablesFarApartJoinThroughBridges() async throws {
        let contents = try await DemoCatalog.contents()
        let retrieval = RetrievalResult(tables: [T.table("executions", 0.74), T.table("clients", 0.69), T.table("orders", 0.42)])
        let recommendation = Recommender.recommend(question: "fills per client", retrieval: retrieval, contents: contents, requester: nil, role: nil)

        let plan = try #require(recommendation.joinPlan)
        expectWellFormed(plan, in: contents)
        #expect(plan.tables == ["executions", "orders", "accounts", "clients"])
        #expect(plan.bridgeTables == ["orders", "accounts"])
        #expect(plan.joins.map(\.condition) == [
            "executions.order_id = orders.order_id",
            "orders.account_id = accounts.account_id",
            "accounts.client_id = clients.client_id",
        ])
        #expect(plan.joins.allSatisfy { $0.score == 0 })

        // orders ranked too low to be chosen, but the plan needs it; accounts was not retrieved at all.
        #expect(recommendation.tables.map(\.name) == ["executions", "clients", "orders", "accounts"])
        #expect(recommendation.tables.map(\.score) == [0.74, 0.69, 0.42, 0])
        #expect(recommendation.tables.allSatisfy { $0.selected })
        #expect(recommendation.tables[0].reasons == ["best match"])
        #expect(recommendation.tables[2].reasons == ["bridge: joins executions to clients"])
        #expect(recommendation.tables[3].reasons == ["bridge: joins executions to clients"])
        #expect(recommendation.kpi == nil)

        #expect(recommendation.governance.highestClassification == .confidential)
        #expect(recommendation.governance.rolesAllowed == [.riskManager, .complianceOfficer])
        // No PII column is named, but clients and accounts hold some: a mart including it masks it.
        #expect(recommendation.governance.piiColumns.isEmpty)
        #expect(recommendation.governance.otherPIIColumns.map { "\($0.table).\($0.column)" } == [
            "accounts.account_number", "clients.legal_name", "clients.short_name", "clients.date_of_birth", "clients.email",
            "clients.phone", "clients.relationship_manager",
        ])
        #expect(recommendation.governance.otherPIIColumns.first?.maskingRule == .maskAccount)
        #expect(recommendation.governance.requester == nil)
        #expect(recommendation.message == "4 tables (executions, orders, accounts, clients) joined by 3 relationships; confidential, PII masked except for compliance_officer")
    }

    @Test func amlInvestigationIsRestrictedToComplianceOfficers() async throws {
        let contents = try await DemoCatalog.contents()
        let retrieval = RetrievalResult(
            tables: [T.table("aml_alerts", 0.86), T.table("clients", 0.63), T.table("compliance_checks", 0.58), T.table("orders", 0.52),
                     T.table("risk_limits", 0.41)],
            kpis: [T.kpi("aml_investigation", 0.9)]
        )
        let question = "AML investigation: open alerts with client details and flagged orders"
        let analyst = Recommender.recommend(question: question, retrieval: retrieval, contents: contents, requester: "maria.chen", role: .biAnalyst)

        let plan = try #require(analyst.joinPlan)
        expectWellFormed(plan, in: contents)
        #expect(plan.tables == ["aml_alerts", "clients", "accounts", "orders", "compliance_checks"])
        #expect(plan.joins.count == 4 && plan.bridgeTables.isEmpty)
        #expect(analyst.tables.map(\.name) == ["aml_alerts", "clients", "compliance_checks", "orders", "risk_limits", "accounts"])
        #expect(analyst.tables.map(\.selected) == [true, true, true, true, false, true])
        #expect(analyst.tables[5].score == 0 && analyst.tables[5].reasons == ["needed by KPI aml_investigation"])

        // The template names al.assigned_to and c.legal_name; no other PII column.
        let assignedTo = try #require(contents.columns.first { $0.qualifiedName == "aml_alerts.assigned_to" })
        #expect(assignedTo.maskingRule == .maskName)
        #expect(analyst.governance.piiColumns == [
            PIIColumnFlag(table: "aml_alerts", column: "assigned_to", kind: "person_name", maskingRule: .maskName),
            PIIColumnFlag(table: "clients", column: "legal_name", kind: "person_name", maskingRule: .maskName),
        ])
        #expect(analyst.governance.highestClassification == .restricted)
        #expect(analyst.governance.rolesAllowed == [.complianceOfficer])
        #expect(analyst.governance.requester == RequesterAccess(
            user: "maria.chen", role: .biAnalyst, mayRead: false, seesPIIInClear: false,
            reason: "bi_analyst may not read restricted data (aml_alerts, compliance_checks): ask a compliance_officer"))
        #expect(analyst.message == "5 tables (aml_alerts, clients, accounts, orders, compliance_checks) joined by 4 relationships; KPI aml_investigation; restricted, not readable by bi_analyst")

        let officer = Recommender.recommend(question: question, retrieval: retrieval, contents: contents, requester: "sophie.martin", role: .complianceOfficer)
        #expect(officer.governance.requester == RequesterAccess(
            user: "sophie.martin", role: .complianceOfficer, mayRead: true, seesPIIInClear: true,
            reason: "compliance_officer may read restricted data; PII columns are in clear (PII privilege: aml_alerts.assigned_to, clients.legal_name)"))
        #expect(officer.message.hasSuffix("; restricted, PII in clear for compliance_officer"))
        #expect(officer.joinPlan == analyst.joinPlan && officer.tables == analyst.tables)
    }

    @Test func riskLimitsForARiskManager() async throws {
        let contents = try await DemoCatalog.contents()
        let retrieval = RetrievalResult(
            tables: [T.table("risk_limits", 0.8), T.table("clients", 0.55), T.table("risk_metrics", 0.5)],
            kpis: [T.kpi("risk_limit_utilisation", 0.77)]
        )
        let question = "Which clients are close to or above their risk limits?"
        let manager = Recommender.recommend(question: question, retrieval: retrieval, contents: contents, requester: "thomas.weber", role: .riskManager)
        let plan = try #require(manager.joinPlan)
        #expect(plan.tables == ["risk_limits", "clients"])
        #expect(plan.joins.map(\.condition) == ["risk_limits.client_id = clients.client_id"])
        #expect(manager.tables.map(\.selected) == [true, true, false])
        #expect(manager.governance.highestClassification == .confidential)
        #expect(manager.governance.rolesAllowed == [.riskManager, .complianceOfficer])
        // The template reports c.short_name.
        #expect(manager.governance.piiColumns == [PIIColumnFlag(table: "clients", column: "short_name", kind: "person_name", maskingRule: .maskName)])
        #expect(manager.governance.requester == RequesterAccess(
            user: "thomas.weber", role: .riskManager, mayRead: true, seesPIIInClear: false,
            reason: "risk_manager may read confidential data; PII columns are masked (clients.short_name → mask_name)"))
        #expect(manager.message == "2 tables (risk_limits, clients) joined by 1 relationship; KPI risk_limit_utilisation; confidential, PII masked for risk_manager")

        let analyst = Recommender.recommend(question: question, retrieval: retrieval, contents: contents, requester: nil, role: .biAnalyst)
        #expect(analyst.governance.requester?.mayRead == false)
        #expect(analyst.governance.requester?.reason == "bi_analyst may not read confidential data (risk_limits): ask a risk_manager or compliance_officer")
    }

    @Test func aTableNoJoinReachesIsReportedNotGuessed() async throws {
        // Without accounts → clients, clients and the tables hanging off it form an island.
        let contents = try await DemoCatalog.contents().removingRelationship("accounts.client_id", "clients.client_id")
        let retrieval = RetrievalResult(
            tables: [T.table("positions", 0.8), T.table("clients", 0.7)],
            relationships: [T.join("accounts.client_id", "clients.client_id", 0.6)],
            kpis: [T.kpi("portfolio_exposure", 0.85)]
        )
        let recommendation = Recommender.recommend(question: "exposure by segment", retrieval: retrieval, contents: contents,
                                                   requester: nil, role: .biAnalyst)
        let plan = try #require(recommendation.joinPlan)
        expectWellFormed(plan, in: contents)
        #expect(plan.tables == ["positions", "accounts", "instruments"])
        #expect(plan.unreachable == ["clients"])
        #expect(plan.joins.count == 2)
        #expect(recommendation.relationships.isEmpty, "a join the catalog does not hold is not recommended")
        // Still selected: it was asked for, and governance must count it.
        #expect(recommendation.tables.first { $0.name == "clients" }?.selected == true)
        #expect(recommendation.governance.classificationByTable["clients"] == .internal)
        #expect(recommendation.message == "4 tables (positions, accounts, instruments, clients) joined by 2 relationships; no join reaches clients; KPI portfolio_exposure; internal, PII masked for bi_analyst")
    }

    @Test func aKPITableGoneFromTheLakeIsNotSelected() async throws {
        var contents = try await DemoCatalog.contents()
        let index = try #require(contents.tables.firstIndex { $0.name == "counterparties" })
        contents.tables[index].lifecycle = .removed
        let retrieval = RetrievalResult(
            tables: [T.table("executions", 0.8), T.table("orders", 0.6)],
            kpis: [T.kpi("commission_by_broker", 0.8)]
        )
        let recommendation = Recommender.recommend(question: "commission per broker", retrieval: retrieval, contents: contents,
                                                   requester: nil, role: nil)
        #expect(recommendation.joinPlan?.tables == ["executions", "orders"])
        #expect(!recommendation.tables.contains { $0.name == "counterparties" })
        #expect(recommendation.governance.classificationByTable["counterparties"] == nil)
        let kpi = try #require(recommendation.kpi)
        #expect(kpi.reasons.last == "needs counterparties, no longer in the lake: the template cannot run as it is")
    }

    @Test func aKPIFarBelowTheBestTableIsReportedButDoesNotChooseTheTables() async throws {
        let contents = try await DemoCatalog.contents()
        // A lookup on clients that shares words ("KYC") with the AML pattern.
        let retrieval = RetrievalResult(
            tables: [T.table("clients", 0.79), T.table("accounts", 0.62)],
            kpis: [T.kpi("aml_investigation", 0.61)]
        )
        let recommendation = Recommender.recommend(question: "Which clients have an expired KYC status?", retrieval: retrieval,
                                                   contents: contents, requester: "maria.chen", role: .biAnalyst)
        #expect(recommendation.joinPlan?.tables == ["clients"])
        #expect(recommendation.governance.highestClassification == .internal)
        #expect(recommendation.governance.requester?.mayRead == true)
        let kpi = try #require(recommendation.kpi)
        #expect(kpi.id == "aml_investigation")
        #expect(kpi.reasons.last == "a partial match (0.61 against clients 0.79): the tables were chosen by their own scores")
        #expect(recommendation.message.contains("related KPI aml_investigation (partial match)"))

        // At 85% of the best table's score the pattern decides again.
        let strong = RetrievalResult(tables: retrieval.tables, kpis: [T.kpi("aml_investigation", 0.68)])
        let decided = Recommender.recommend(question: "AML", retrieval: strong, contents: contents, requester: nil, role: nil)
        #expect(decided.joinPlan?.tables.count == 5)
        #expect(decided.governance.highestClassification == .restricted)
    }

    @Test func rejectedRelationshipsAreNeverUsed() async throws {
        var contents = try await DemoCatalog.contents()
        // A tempting shortcut a reviewer rejected, and a real join rejected by mistake.
        contents.relationships.append(RelationshipMetadata(
            fromTable: "executions", fromColumn: "venue_id", toTable: "clients", toColumn: "client_id",
            confidence: 0.97, source: .inferred, status: .rejected, evidence: "values contained"))
        let retrieval = RetrievalResult(
            tables: [T.table("executions", 0.8), T.table("clients", 0.75)],
            relationships: [T.join("executions.venue_id", "clients.client_id", 0.9), T.join("executions.order_id", "orders.order_id", 0.5)]
        )
        let recommendation = Recommender.recommend(question: "executions by client", retrieval: retrieval, contents: contents, requester: nil, role: nil)
        let plan = try #require(recommendation.joinPlan)
        expectWellFormed(plan, in: contents)
        #expect(plan.tables == ["executions", "orders", "accounts", "clients"])
        #expect(plan.joins.first?.score == 0.5)
        #expect(recommendation.relationships.map(\.condition) == ["executions.order_id = orders.order_id"])

        let index = try #require(contents.relationships.firstIndex { $0.fromTable == "accounts" && $0.toTable == "clients" })
        contents.relationships[index].status = .rejected
        let cut = Recommender.recommend(question: "executions by client", retrieval: retrieval, contents: contents, requester: nil, role: nil)
        #expect(cut.joinPlan?.unreachable == ["clients"])
        #expect(cut.joinPlan?.joins.contains { $0.toTable == "clients" } == false)
    }

    @Test func nothingAboveTheThresholdSaysSoInsteadOfGuessing() async throws {
        let contents = try await DemoCatalog.contents()
        let misses = [T.table("clients", 0.31), T.kpi("portfolio_exposure", 0.28), T.table("accounts", 0.25)]
        let retrieval = RetrievalResult(columns: [T.column("clients.segment", 0.45)], belowThreshold: misses)
        let recommendation = Recommender.recommend(question: "weather in Zurich", retrieval: retrieval, contents: contents, requester: "maria.chen", role: .biAnalyst)
        #expect(!recommendation.answerable)
        #expect(recommendation.message == "Nothing in the catalog matches closely enough: best was clients (0.31), then KPI portfolio_exposure (0.28) and accounts (0.25), below the threshold 0.40.")
        #expect(recommendation.tables.isEmpty && recommendation.columns.isEmpty && recommendation.relationships.isEmpty)
        #expect(recommendation.joinPlan == nil && recommendation.kpi == nil)
        #expect(recommendation.governance == .none)

        let one = Recommender.recommend(question: "q", retrieval: RetrievalResult(belowThreshold: [misses[0]]), contents: contents, requester: nil, role: nil)
        #expect(one.message == "Nothing in the catalog matches closely enough: best was clients (0.31) below the threshold 0.40.")
        let none = Recommender.recommend(question: "q", retrieval: RetrievalResult(), contents: contents, requester: nil, role: nil,
                                         options: RetrievalOptions(threshold: 0.5))
        #expect(none.message == "Nothing in the catalog matches closely enough: no table or KPI pattern came near the threshold 0.50.")
    }

    @Test func withoutAKPITheBestTableAndTheCloseOnesAreSelected() async throws {
        let contents = try await DemoCatalog.contents()
        let retrieval = RetrievalResult(tables: [
            T.table("orders", 0.90), T.table("executions", 0.85), T.table("instruments", 0.80), T.table("counterparties", 0.78),
            T.table("exchanges", 0.75), T.table("market_prices", 0.73), T.table("positions", 0.60),
        ])
        // Cutoff 0.72 (80% of 0.90): six pass, five are kept.
        let recommendation = Recommender.recommend(question: "order flow", retrieval: retrieval, contents: contents, requester: nil, role: nil)
        #expect(recommendation.tables.filter(\.selected).map(\.name) == ["orders", "executions", "instruments", "counterparties", "exchanges"])
        #expect(recommendation.tables[1].reasons.contains { $0.hasPrefix("close to the best match") })
        let plan = try #require(recommendation.joinPlan)
        expectWellFormed(plan, in: contents)
        #expect(plan.tables.first == "orders" && plan.bridgeTables.isEmpty && plan.tables.count == 5)

        // A threshold above 80% of the best score is the cutoff instead.
        let strict = Recommender.recommend(question: "order flow", retrieval: retrieval, contents: contents, requester: nil, role: nil,
                                           options: RetrievalOptions(threshold: 0.79))
        #expect(strict.tables.filter(\.selected).map(\.name) == ["orders", "executions", "instruments"])

        let single = Recommender.recommend(question: "clients", retrieval: RetrievalResult(tables: [T.table("clients", 0.9), T.table("accounts", 0.5)]),
                                           contents: contents, requester: nil, role: nil)
        #expect(single.joinPlan == JoinPlan(tables: ["clients"], bridgeTables: [], joins: [], unreachable: []))
        #expect(single.message == "1 table (clients); internal, PII masked except for compliance_officer")
    }

    /// For every pair of demo tables the plan is a shortest path: as many joins as the
    /// fewest hops between them, computed here independently (Floyd–Warshall).
    @Test func everyPairOfTablesJoinsOverAShortestPath() async throws {
        let contents = try await DemoCatalog.contents()
        let names = contents.tables.map(\.name).sorted()
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let unreachable = Int.max / 4
        var distance = [[Int]](repeating: [Int](repeating: unreachable, count: names.count), count: names.count)
        for i in names.indices { distance[i][i] = 0 }
        for relationship in contents.relationships where relationship.status != .rejected {
            guard let a = position[relationship.fromTable], let b = position[relationship.toTable] else { continue }
            distance[a][b] = min(distance[a][b], 1)
            distance[b][a] = min(distance[b][a], 1)
        }
        for k in names.indices {
            for i in names.indices {
                for j in names.indices where distance[i][k] + distance[k][j] < distance[i][j] {
                    distance[i][j] = distance[i][k] + distance[k][j]
                }
            }
        }
        for first in names {
            for second in names where second != first {
                let retrieval = RetrievalResult(tables: [T.table(first, 0.9), T.table(second, 0.8)])
                let plan = try #require(Recommender.recommend(question: "q", retrieval: retrieval, contents: contents, requester: nil, role: nil).joinPlan)
                expectWellFormed(plan, in: contents)
                #expect(plan.tables.first == first && plan.tables.last == second, "\(first) → \(second): \(plan.tables)")
                #expect(plan.joins.count == distance[position[first]!][position[second]!], "\(first) → \(second): \(plan.joins.map(\.condition))")
                #expect(plan.bridgeTables == Array(plan.tables.dropFirst().dropLast()))
            }
        }
    }
}
