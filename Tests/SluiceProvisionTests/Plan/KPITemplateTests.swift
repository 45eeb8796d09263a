import Foundation
import SluiceCatalog
import SluiceProvision
import SluiceSearch
import SluiceTestSupport
import Testing

/// The demo lake's ten KPI mart templates, read from the scanned demo catalog.
@Suite("KPI mart templates")
struct KPITemplateTests {
    /// A recommendation that chose `pattern` and selected its tables, as search does for a
    /// question the pattern answers.
    static func recommendation(choosing pattern: KPIPattern, score: Double = 0.91) -> Recommendation {
        Recommendation(
            question: pattern.name, answerable: true, message: "KPI \(pattern.id)",
            tables: pattern.tables.map { RecommendedTable(name: $0, score: score, reasons: [], classification: .internal, rowCount: 1, selected: true) },
            kpi: RecommendedKPI(id: pattern.id, name: pattern.name, score: score, tables: pattern.tables, template: pattern.template, reasons: []),
            governance: .none)
    }

    @Test("every demo KPI pattern's template plans a spec named after it that resolves against the demo catalog and reads exactly its tables")
    func everyTemplateResolves() async throws {
        let catalog = try await DemoLake.contents()
        #expect(catalog.kpiPatterns.count == 10)
        for pattern in catalog.kpiPatterns {
            let planned = try await DeterministicPlanner().plan(question: pattern.name, recommendation: Self.recommendation(choosing: pattern),
                                                                catalog: catalog)
            #expect(planned.source == "kpi:\(pattern.id)")
            #expect(planned.spec.name == pattern.id)
            #expect(planned.spec.description == pattern.name)
            #expect(planned.notes.first == "KPI \(pattern.id) (score 0.91): \(pattern.name)")
            #expect(planned.fallbackReason == nil)
            #expect(planned.spec.sources.map(\.table).sorted() == pattern.tables.sorted(), "\(pattern.id)")
            let resolved = try planned.spec.resolve(against: catalog)
            #expect(resolved.outputNames.count == planned.spec.dimensions.count + planned.spec.measures.count)
            // The canonical form reads back to the same spec: what the audit keeps is what was planned.
            #expect(try MartSpec.decode(planned.spec.canonicalJSON()) == planned.spec)
        }
    }

    /// The SQL template's output columns, by their `AS` names or column names, parsed from its
    /// SELECT list with a regular expression written for these ten templates.
    private static func templateOutputs(_ sql: String) -> [String] {
        let select = sql.components(separatedBy: "FROM ")[0].replacingOccurrences(of: "SELECT", with: "")
        var outputs: [String] = []
        var depth = 0, current = ""
        for character in select {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                outputs.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        outputs.append(current)
        return outputs.map { item in
            let trimmed = item.trimmingCharacters(in: .whitespacesAndNewlines)
            if let range = trimmed.range(of: " AS ", options: .backwards) { return String(trimmed[range.upperBound...]) }
            return String(trimmed.split(separator: ".").last ?? "")
        }
    }

    /// Outputs each template leaves out, and why, as the YAML comments on those entries say.
    static let documentedOmissions: [String: Set<String>] = [
        "execution_quality": ["slippage_vs_limit_bps"],
        "var_trend": ["var_1d_95_change"],
        "order_fill_rate": ["ordered_quantity", "fill_rate_pct"],
        "commission_by_broker": ["traded_notional"],
        "pnl_attribution": ["cost_value", "return_on_cost_pct"],
    ]

    /// Outputs a template adds where the SQL cannot be said: the weight of the slippage.
    static let documentedAdditions: [String: Set<String>] = ["execution_quality": ["limit_filled_quantity"]]

    @Test("each template has the SQL template's output columns in its order, apart from the documented differences")
    func outputsFollowTheSQL() async throws {
        let catalog = try await DemoLake.contents()
        for pattern in catalog.kpiPatterns {
            let planned = try await DeterministicPlanner().plan(question: pattern.name, recommendation: Self.recommendation(choosing: pattern),
                                                                catalog: catalog)
            let outputs = try planned.spec.resolve(against: catalog).outputNames
            let omitted = Self.documentedOmissions[pattern.id] ?? [], added = Self.documentedAdditions[pattern.id] ?? []
            let expected = Self.templateOutputs(pattern.template).filter { !omitted.contains($0) }
            #expect(outputs.filter { !added.contains($0) } == expected, "\(pattern.id)")
        }
    }

    @Test("scenario 1's template: exposure by sector, segment and currency on the latest day, over the pattern's joins")
    func portfolioExposure() async throws {
        let spec = try await Self.spec(of: "portfolio_exposure")
        #expect(spec.sources == [MartSource(table: "positions", alias: "p"), MartSource(table: "accounts", alias: "a"),
                                 MartSource(table: "clients", alias: "c"), MartSource(table: "instruments", alias: "i")])
        #expect(spec.joins == [
            MartJoin(source: "a", on: [JoinCondition(left: .init(source: "a", column: "account_id"), right: .init(source: "p", column: "account_id"))]),
            MartJoin(source: "c", on: [JoinCondition(left: .init(source: "c", column: "client_id"), right: .init(source: "a", column: "client_id"))]),
            MartJoin(source: "i", on: [JoinCondition(left: .init(source: "i", column: "instrument_id"), right: .init(source: "p", column: "instrument_id"))]),
        ])
        #expect(spec.dimensions == [("i", "sector"), ("c", "segment"), ("p", "currency")].map {
            MartDimension(expression: .column(SourceColumn(source: $0.0, column: $0.1)))
        })
        #expect(spec.measures.map(\.name) == ["position_count", "client_count", "market_value", "unrealized_pnl"])
        #expect(spec.measures[0].aggregate == .countRows(filter: nil))
        #expect(spec.measures[1].aggregate == .aggregate(.countDistinct, .column(.init(source: "c", column: "client_id")), filter: nil))
        #expect(spec.filter == .isLatest(.init(source: "p", column: "as_of_date")))
        #expect(spec.order == ["sector", "segment", "currency"].map { MartOrdering(target: .output($0)) })
    }

    @Test("scenario 2's template: a detail mart of limits at 80% or more with the client's short name, most utilised first")
    func riskLimitUtilisation() async throws {
        let spec = try await Self.spec(of: "risk_limit_utilisation")
        #expect(spec.measures.isEmpty)
        let columns = spec.dimensions.compactMap { dimension -> String? in
            if case let .column(column) = dimension.expression { return column.description }
            return nil
        }
        #expect(columns == ["c.client_id", "c.short_name", "c.segment", "c.risk_rating", "r.limit_type", "r.limit_value",
                            "r.current_value", "r.utilization_pct", "r.breach_status", "r.review_date"])
        #expect(spec.filter == .comparison(.column(.init(source: "r", column: "utilization_pct")), .greaterOrEqual, .integer(80)))
        #expect(spec.order == [MartOrdering(target: .output("utilization_pct"), descending: true),
                               MartOrdering(target: .expression(.column(.init(source: "r", column: "limit_id"))))])
    }

    @Test("scenario 3's template: open, under-review and escalated alerts with client details, flagged orders and failed checks")
    func amlInvestigation() async throws {
        let catalog = try await DemoLake.contents()
        let spec = try await Self.spec(of: "aml_investigation")
        #expect(spec.joins.map(\.kind) == [.inner, .left, .left, .left])
        #expect(spec.filter == .inList(.column(.init(source: "al", column: "status")),
                                       [.string("open"), .string("under_review"), .string("escalated")]))
        let resolved = try spec.resolve(against: catalog)
        // legal_name and assigned_to are the PII the compliance officer sees in clear.
        let pii = resolved.columns.filter { $0.value.pii.effectiveIsPII }.map(\.key.description).sorted()
        #expect(pii.contains("c.legal_name") && pii.contains("al.assigned_to"), "\(pii)")
        let flagged = MartPredicate.inList(.column(.init(source: "o", column: "compliance_check")), [.string("FLAGGED"), .string("BLOCKED")])
        #expect(spec.measures == [
            MartMeasure(name: "flagged_order_count",
                        aggregate: .aggregate(.countDistinct, .column(.init(source: "o", column: "order_id")), filter: flagged)),
            MartMeasure(name: "failed_check_count",
                        aggregate: .aggregate(.countDistinct, .column(.init(source: "cc", column: "check_id")),
                                              filter: .and([.comparison(.column(.init(source: "cc", column: "result")), .equal, .string("fail")), flagged]))),
        ])
        #expect(spec.order == [MartOrdering(target: .output("risk_score"), descending: true), MartOrdering(target: .output("alert_id"))])
    }

    private static func spec(of id: String) async throws -> MartSpec {
        let catalog = try await DemoLake.contents()
        let pattern = try #require(catalog.kpiPatterns.first { $0.id == id })
        return try await DeterministicPlanner().plan(question: pattern.name, recommendation: recommendation(choosing: pattern), catalog: catalog).spec
    }
}
