import SluiceCatalog

/// Which of the ranked tables a recommendation builds on (the rest stay listed, unselected).
///
/// - A matched KPI pattern decides when it is about as strong as the best table (at least
///   ``kpiLeadFraction``, 85%, of its score): its tables are what its template reads, so
///   they are selected whether or not each one ranked well on its own — those still in
///   the lake; a table the pattern names that is gone cannot be provisioned. A weaker
///   pattern is a partial match (a lookup such as "clients with an expired KYC status"
///   shares words with the AML pattern): it is still reported, but does not pull in its
///   tables, which could raise the classification of a simple answer.
/// - Otherwise the best table is selected, with every other table that scores at least
///   ``closeFraction`` (80%) of the best score and at least the threshold, at most
///   ``maximumTables`` in all. A question rarely needs more; tables far below the best
///   match are usually there for one shared word.
///
/// The order is the root-first order ``JoinPlanner`` expects: by retrieval rank, with a
/// KPI's tables that retrieval did not return after the ranked ones, in the pattern's order.
struct TableSelection: Sendable, Equatable {
    static let closeFraction = 0.8
    static let kpiLeadFraction = 0.85
    static let maximumTables = 5

    /// Selected tables, best first.
    var tables: [String]
    /// Why each table is selected, beyond its retrieval evidence.
    var reasons: [String: [String]]
    /// Whether the matched KPI pattern chose the tables (false when none matched or it was partial).
    var kpiDecided: Bool

    /// - Parameters:
    ///   - ranked: retrieved tables the catalog holds, best first.
    ///   - kpi: the matched KPI pattern, if any.
    ///   - active: the tables the catalog holds as active.
    ///   - threshold: the retrieval threshold the scores passed.
    ///   - kpiScore: the matched KPI pattern's score.
    init(ranked: [ScoredItem], kpi: KPIPattern?, kpiScore: Double, active: Set<String>, threshold: Double) {
        var tables: [String] = []
        var reasons: [String: [String]] = [:]
        let bestScore = ranked.first?.score ?? 0
        kpiDecided = kpi != nil && (ranked.isEmpty || kpiScore >= Self.kpiLeadFraction * bestScore)
        if let kpi, kpiDecided {
            let needed = Set(kpi.tables)
            tables = ranked.map(\.id.key).filter { needed.contains($0) }
            for table in kpi.tables where !tables.contains(table) && active.contains(table) { tables.append(table) }
            for table in tables { reasons[table] = ["needed by KPI \(kpi.id)"] }
        } else if let best = ranked.first {
            let cutoff = max(threshold, Self.closeFraction * best.score)
            tables = [best.id.key]
            reasons[best.id.key] = ["best match"]
            for item in ranked.dropFirst() where item.score >= cutoff && tables.count < Self.maximumTables {
                tables.append(item.id.key)
                reasons[item.id.key] = ["close to the best match: \(Recommender.format(item.score)) ≥ \(Recommender.format(cutoff))"]
            }
        }
        self.tables = tables
        self.reasons = reasons
    }
}
