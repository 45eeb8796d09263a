import Foundation
import SluiceCatalog
import SluiceGovernance

/// Turns a retrieval result into a ``Recommendation`` using the catalog alone.
///
/// Retrieval has already ranked tables, columns, joins and KPI patterns by how well their
/// metadata matches the question; the recommender adds what a ranking cannot say:
///
/// - **Which tables to use** (``TableSelection``): a matched KPI pattern's tables, else
///   the best table and the ones close to it.
/// - **How they join** (``JoinPlanner``): a path or tree over the catalog's relationships,
///   with the bridge tables it needs, or the tables no join reaches.
/// - **What governance applies** (``GovernanceAssessment``): the level a mart would have,
///   the PII it would touch with its masking rule, and whether the requester may read it.
///
/// ```swift
/// let retrieval = try index.retrieve(question: question, queryVector: vector, options: options)
/// let recommendation = Recommender.recommend(question: question, retrieval: retrieval, contents: contents,
///                                            requester: "maria.chen", role: .biAnalyst, options: options)
/// recommendation.joinPlan?.joins.map(\.condition)   // ["positions.account_id = accounts.account_id", …]
/// ```
///
/// Pure and deterministic: the same inputs always give the same recommendation, ties are
/// broken by names, and nothing is fetched. Ranked tables keep retrieval's order and scores,
/// since evaluation measures that ranking; tables the plan needs that retrieval did not
/// return (a KPI's table, a bridge) come after them with score 0. Items retrieval returned
/// that the catalog no longer holds as active (a stale index) are left out: they cannot be
/// provisioned.
public enum Recommender {
    /// - Parameters:
    ///   - retrieval: what the index found for `question`, tables best first.
    ///   - contents: the catalog the index was built from.
    ///   - requester: who asks, recorded in ``RequesterAccess/user``.
    ///   - role: the requester's role; `nil` leaves ``GovernanceFlags/requester`` empty.
    ///   - options: the options retrieval ran with; their threshold bounds the selection and
    ///     is what an unanswerable question's message cites.
    public static func recommend(question: String, retrieval: RetrievalResult, contents: CatalogContents,
                                 requester: String?, role: Role?, policy: AccessPolicy = .standard,
                                 options: RetrievalOptions = .default) -> Recommendation {
        let active = Set(contents.tables.filter { $0.lifecycle == .active }.map(\.name))
        let ranked = retrieval.tables.filter { active.contains($0.id.key) }
        let patterns = Dictionary(contents.kpiPatterns.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let matched = retrieval.kpis.lazy.compactMap { item in patterns[item.id.key].map { (item: item, pattern: $0) } }.first
        let selection = TableSelection(ranked: ranked, kpi: matched?.pattern, kpiScore: matched?.item.score ?? 0, active: active,
                                       threshold: options.threshold)
        guard !selection.tables.isEmpty else {
            return Recommendation(question: question, answerable: false,
                                  message: unanswerableMessage(retrieval.belowThreshold, threshold: options.threshold),
                                  governance: .none)
        }

        let plan = JoinPlanner(contents: contents).plan(selection.tables)
        let chosen = plan.tables + plan.unreachable
        let relationships = RelationshipLookup(contents: contents, active: active, retrieved: retrieval.relationships)
        let tables = recommendedTables(ranked: ranked, chosen: chosen, selection: selection, plan: plan, contents: contents)
        let columns = recommendedColumns(retrieval.columns, contents: contents, active: active)
        let kpi = matched.map { match in
            let missing = match.pattern.tables.filter { !active.contains($0) }
            var notes = missing.isEmpty ? [] : ["needs \(missing.joined(separator: ", ")), no longer in the lake: the template cannot run as it is"]
            if !selection.kpiDecided, let best = ranked.first {
                notes.append("a partial match (\(format(match.item.score)) against \(best.id.key) \(format(best.score))): the tables were chosen by their own scores")
            }
            return RecommendedKPI(id: match.pattern.id, name: match.pattern.name, score: match.item.score, tables: match.pattern.tables,
                                  template: match.pattern.template, reasons: match.item.evidence + notes)
        }
        let joinPlan = JoinPlan(
            tables: plan.tables,
            bridgeTables: plan.bridges.map(\.table),
            joins: plan.joins.map { relationships.recommended($0) },
            unreachable: plan.unreachable
        )
        let governance = GovernanceAssessment(contents: contents, policy: policy)
            .flags(for: chosen.filter { contents.table(named: $0) != nil }, columns: columns, kpi: matched?.pattern,
                   requester: requester, role: role)
        return Recommendation(
            question: question,
            answerable: true,
            message: summary(plan: joinPlan, kpi: kpi, kpiDecided: selection.kpiDecided, governance: governance, policy: policy),
            tables: tables,
            columns: columns,
            relationships: retrieval.relationships.compactMap { relationships.recommended($0) },
            joinPlan: joinPlan,
            kpi: kpi,
            governance: governance
        )
    }

    /// Ranked tables in retrieval's order, then the chosen ones retrieval did not return.
    private static func recommendedTables(ranked: [ScoredItem], chosen: [String], selection: TableSelection,
                                          plan: JoinPlanner.Plan, contents: CatalogContents) -> [RecommendedTable] {
        let chosenSet = Set(chosen)
        var reasons = selection.reasons
        for bridge in plan.bridges {
            reasons[bridge.table, default: []].append("bridge: joins \(bridge.from) to \(bridge.to)")
        }
        func table(_ name: String, score: Double, evidence: [String]) -> RecommendedTable? {
            guard let metadata = contents.table(named: name) else { return nil }
            return RecommendedTable(name: name, score: score, reasons: evidence + (reasons[name] ?? []),
                                    classification: metadata.classification, rowCount: metadata.rowCount,
                                    selected: chosenSet.contains(name))
        }
        let rankedNames = Set(ranked.map(\.id.key))
        return ranked.compactMap { table($0.id.key, score: $0.score, evidence: $0.evidence) }
            + chosen.filter { !rankedNames.contains($0) }.compactMap { table($0, score: 0, evidence: []) }
    }

    /// Retrieved columns, in retrieval's order, with their type and PII verdict from the catalog.
    private static func recommendedColumns(_ items: [ScoredItem], contents: CatalogContents, active: Set<String>) -> [RecommendedColumn] {
        let columns = Dictionary(contents.columns.filter { active.contains($0.table) }.map { ($0.qualifiedName, $0) },
                                 uniquingKeysWith: { first, _ in first })
        return items.compactMap { item in
            guard let column = columns[item.id.key] else { return nil }
            let isPII = column.pii.effectiveIsPII
            return RecommendedColumn(
                table: column.table, column: column.name, score: item.score, dataType: column.dataType,
                reasons: item.evidence, isPII: isPII, piiKind: isPII ? column.pii.kind?.rawValue : nil,
                maskingRule: isPII ? column.maskingRule ?? column.pii.kind?.defaultMaskingRule : nil
            )
        }
    }

    /// "4 tables (positions, accounts, clients, instruments) joined by 3 relationships; KPI
    /// portfolio_exposure; internal, PII masked for bi_analyst".
    private static func summary(plan: JoinPlan, kpi: RecommendedKPI?, kpiDecided: Bool, governance: GovernanceFlags,
                                policy: AccessPolicy) -> String {
        var parts: [String] = []
        let count = plan.tables.count + plan.unreachable.count
        var tables = "\(count) \(count == 1 ? "table" : "tables") (\((plan.tables + plan.unreachable).joined(separator: ", ")))"
        if !plan.joins.isEmpty {
            tables += " joined by \(plan.joins.count) \(plan.joins.count == 1 ? "relationship" : "relationships")"
        }
        parts.append(tables)
        if !plan.unreachable.isEmpty {
            parts.append("no join reaches \(GovernanceAssessment.list(plan.unreachable, conjunction: "and"))")
        }
        if let kpi { parts.append(kpiDecided ? "KPI \(kpi.id)" : "related KPI \(kpi.id) (partial match)") }
        if let level = governance.highestClassification {
            let pii: String
            if let access = governance.requester, !access.mayRead {
                pii = "not readable by \(access.role)"
            } else if !governance.touchesPII {
                pii = "no PII"
            } else if let access = governance.requester {
                pii = access.seesPIIInClear ? "PII in clear for \(access.role)" : "PII masked for \(access.role)"
            } else {
                let privileged = policy.piiPrivileged.sorted().map(\.rawValue)
                pii = privileged.isEmpty ? "PII masked" : "PII masked except for \(GovernanceAssessment.list(privileged, conjunction: "and"))"
            }
            parts.append("\(level), \(pii)")
        }
        return parts.joined(separator: "; ")
    }

    /// "Nothing in the catalog matches closely enough: best was clients (0.31) below the threshold 0.40."
    static func unanswerableMessage(_ misses: [ScoredItem], threshold: Double) -> String {
        let lead = "Nothing in the catalog matches closely enough"
        guard let best = misses.first else {
            return "\(lead): no table or KPI pattern came near the threshold \(format(threshold))."
        }
        func named(_ item: ScoredItem) -> String {
            let name = switch item.id.kind {
            case .table: item.id.key
            case .kpi: "KPI \(item.id.key)"
            case .column: "column \(item.id.key)"
            case .relationship: "join \(item.id.key)"
            }
            return "\(name) (\(format(item.score)))"
        }
        let rest = misses.dropFirst().map(named)
        let then = rest.isEmpty ? "" : ", then \(GovernanceAssessment.list(rest, conjunction: "and")),"
        return "\(lead): best was \(named(best))\(then) below the threshold \(format(threshold))."
    }

    /// Scores and thresholds as messages show them: two decimals.
    static func format(_ score: Double) -> String {
        String(format: "%.2f", score)
    }
}

/// The catalog's usable relationships by their search key, with the scores retrieval gave them.
private struct RelationshipLookup {
    private let byKey: [String: RelationshipMetadata]
    private let scores: [String: Double]

    init(contents: CatalogContents, active: Set<String>, retrieved: [ScoredItem]) {
        // Rejected relationships are not joins, whatever an index still holds about them.
        let usable = contents.relationships.filter {
            $0.status != .rejected && active.contains($0.fromTable) && active.contains($0.toTable)
        }
        byKey = Dictionary(usable.map { (CatalogItemID.relationship($0).key, $0) }, uniquingKeysWith: { first, _ in first })
        scores = Dictionary(retrieved.map { ($0.id.key, $0.score) }, uniquingKeysWith: { first, _ in first })
    }

    /// A join of the plan, with its retrieval score (0 when the question did not retrieve it).
    func recommended(_ relationship: RelationshipMetadata) -> RecommendedRelationship {
        RecommendedRelationship(
            fromTable: relationship.fromTable, fromColumn: relationship.fromColumn,
            toTable: relationship.toTable, toColumn: relationship.toColumn,
            score: scores[CatalogItemID.relationship(relationship).key] ?? 0, confidence: relationship.confidence
        )
    }

    /// A retrieved relationship, or `nil` when the catalog holds no usable one of that key.
    func recommended(_ item: ScoredItem) -> RecommendedRelationship? {
        byKey[item.id.key].map(recommended)
    }
}
