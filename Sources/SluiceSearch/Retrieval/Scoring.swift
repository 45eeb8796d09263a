import Foundation

/// One retrieval: the stages of ``CatalogSearchIndex`` for one question.
struct Scoring {
    let question: Question
    /// The question's vector; `nil` in lexical mode or when the question embedded to zero.
    let vector: [Float]?
    let options: RetrievalOptions
    let kinds: [CatalogItemKind: KindIndex]
    let graph: CatalogGraph
    /// KPI id → the stems of its tables' texts (what a pattern borrows, see ``KindIndex/lexicalScores(_:weights:foreign:borrowed:)``).
    let kpiTableStems: [String: Set<String>]
    let tuning: RetrievalTuning
    /// Per kind, cosine similarities computed where the vectors are stored
    /// (``StoredVectorSearch``); `nil` asks the in-memory indexes.
    var storedCosines: [CatalogItemKind: [String: Double]]? = nil

    func result() throws -> RetrievalResult {
        let foreign = foreignTerms()
        let foreignShare = share(of: foreign)
        var direct: [CatalogItemKind: [String: ScoredItem]] = [:]
        for kind in CatalogItemKind.allCases { direct[kind] = try directScores(kind, foreign: foreign, foreignShare: foreignShare) }
        let kpis = direct[.kpi] ?? [:]
        var tables = tableScores(direct[.table] ?? [:], columns: direct[.column] ?? [:], kpis: kpis)
        bridge(&tables)
        let relationships = relationshipScores(direct[.relationship] ?? [:], tables: tables)
        let columns = columnScores(direct[.column] ?? [:], tables: tables, kpis: kpis)

        let threshold = options.threshold
        let missed = (Array(tables.values) + Array(kpis.values)).filter { $0.score > 0 && $0.score < threshold }
        return RetrievalResult(
            tables: Self.ranked(tables.values, minimum: threshold, limit: options.topTables),
            columns: Self.ranked(columns.values, minimum: threshold, limit: options.topColumns),
            relationships: Self.ranked(relationships.values, minimum: options.relationshipThreshold, limit: options.topRelationships),
            kpis: Self.ranked(kpis.values, minimum: threshold, limit: options.topKPIs),
            belowThreshold: Self.ranked(missed, minimum: 0, limit: 3))
    }

    // MARK: Stage 1: direct evidence

    /// Every item of `kind` scored on its own text and vector.
    private func directScores(_ kind: CatalogItemKind, foreign: Set<String>, foreignShare: Double) throws -> [String: ScoredItem] {
        guard let index = kinds[kind] else { return [:] }
        let weights = KindIndex.LexicalWeights(
            unmatchedCost: tuning.unmatchedCost[kind] ?? 1, synonymWeight: options.mode == .hybrid ? tuning.synonymWeight : 0,
            borrowedWeight: tuning.borrowedWeight, prior: tuning.lexicalPrior)
        let lexical = options.mode == .vector ? [:] : index.lexicalScores(question, weights: weights, foreign: foreign, borrowed: kind == .kpi ? kpiTableStems : [:])
        var cosines: [String: Double] = [:]
        if let storedCosines {
            cosines = storedCosines[kind] ?? [:]
        } else if options.mode != .lexical, let vector {
            cosines = try index.cosines(vector, limit: Self.cosineLimit(kind, options: options))
        }
        let floor = tuning.cosineFloor[kind] ?? 0
        let scale = tuning.cosineScale[kind] ?? 1
        var items: [String: ScoredItem] = [:]
        for key in index.keys {
            let cosine = cosines[key]
            let similarity = cosine.map { $0 > floor ? 1 - exp(-($0 - floor) / scale) : 0 } ?? 0
            let words = lexical[key]
            let score: Double = switch options.mode {
            case .hybrid:
                // Words confirm what the meaning says; their absence does not veto it.
                max(similarity * (1 - tuning.foreignDiscount * foreignShare),
                    tuning.lexicalShare * (words?.score ?? 0)
                    + (1 - tuning.lexicalShare) * similarity * (1 - tuning.foreignDiscount * foreignShare))
            case .vector: similarity
            case .lexical: words?.score ?? 0
            }
            var evidence: [String] = []
            if let words, !words.matched.isEmpty { evidence.append("matches \(question.quoted(words.matched))") }
            if let words, !words.borrowed.isEmpty { evidence.append("its tables have \(question.quoted(words.borrowed))") }
            if options.mode != .lexical {
                evidence += conceptEvidence(index.concepts[key] ?? [], matched: Set(words?.matched ?? []))
            }
            items[key] = ScoredItem(
                id: CatalogItemID(kind: kind, key: key), score: score,
                vectorScore: options.mode == .lexical ? nil : (cosine ?? 0),
                lexicalScore: options.mode == .vector ? nil : (words?.score ?? 0),
                evidence: evidence)
        }
        return items
    }

    /// The question's words that no item of any kind uses, neither literally nor through a
    /// thesaurus concept: the parts of the question the catalog knows nothing about.
    private func foreignTerms() -> Set<String> {
        let indexes = CatalogItemKind.allCases.compactMap { kinds[$0] }
        return Set(question.terms.filter { term in
            !indexes.contains { $0.uses(term) }
                && !(question.concepts[term] ?? []).contains { concept in indexes.contains { $0.names(concept) } }
        })
    }

    /// The share of the question's weight (idf, averaged over the kinds) that `terms` carry.
    private func share(of terms: Set<String>) -> Double {
        guard !terms.isEmpty else { return 0 }
        let indexes = CatalogItemKind.allCases.compactMap { kinds[$0] }
        guard !indexes.isEmpty else { return 0 }
        func weight(_ term: String) -> Double { indexes.reduce(0) { $0 + $1.idf(term) } / Double(indexes.count) }
        // Summed in question order, so the result does not depend on set order.
        let total = question.terms.reduce(0) { $0 + weight($1) }
        return total > 0 ? question.terms.filter(terms.contains).reduce(0) { $0 + weight($1) } / total : 0
    }

    /// "'customer' means client": question words that reach the item through the thesaurus
    /// only (words it matched literally are already in the evidence).
    private func conceptEvidence(_ itemConcepts: Set<String>, matched: Set<String>) -> [String] {
        var lines: [String] = []
        for stem in question.terms where !matched.contains(stem) {
            let shared = (question.concepts[stem] ?? []).filter(itemConcepts.contains)
            // "'instruments' means instrument" explains nothing.
            guard let concept = shared.first, SearchAnalyzer.stem(concept) != stem else { continue }
            lines.append("'\(question.written[stem] ?? stem)' means \(concept.replacingOccurrences(of: "_", with: " "))")
        }
        return lines
    }

    /// How many nearest items of `kind` vector retrieval asks for (an exact index gives all).
    static func cosineLimit(_ kind: CatalogItemKind, options: RetrievalOptions) -> Int {
        max(4 * limit(kind, options: options), 100)
    }

    private func limit(_ kind: CatalogItemKind) -> Int {
        Self.limit(kind, options: options)
    }

    private static func limit(_ kind: CatalogItemKind, options: RetrievalOptions) -> Int {
        switch kind {
        case .table: options.topTables
        case .column: options.topColumns
        case .relationship: options.topRelationships
        case .kpi: options.topKPIs
        }
    }

    // MARK: Stage 2: structure

    /// Tables with what their best column and the best KPI pattern reading them add.
    private func tableScores(_ tables: [String: ScoredItem], columns: [String: ScoredItem], kpis: [String: ScoredItem]) -> [String: ScoredItem] {
        var result: [String: ScoredItem] = [:]
        for (key, table) in tables {
            var item = table
            let bestColumn = (graph.columnsOfTable[key] ?? []).compactMap { columns[$0] }.max(by: Self.ranksBelow)
            let bestKPI = graph.tablesOfKPI.filter { $0.value.contains(key) }.keys.compactMap { kpis[$0] }.max(by: Self.ranksBelow)
            let fromColumn = tuning.columnSupport * (bestColumn?.score ?? 0)
            let fromKPI = tuning.kpiSupport * (bestKPI?.score ?? 0)
            item.score = combined([table.score, fromColumn, fromKPI])
            if let bestColumn, fromColumn > 0, bestColumn.score >= options.threshold / 2 {
                let why = switch bestColumn.evidence.first {
                case let first? where first.hasPrefix("matches"): " " + first
                case let first?: ": " + first
                case nil: " is similar in meaning"
                }
                item.evidence.append("column \(bestColumn.id.key)\(why) (\(Self.formatted(bestColumn.score)))")
            }
            if let bestKPI, fromKPI > 0, bestKPI.score >= options.threshold / 2 {
                item.evidence.append("used by KPI \(bestKPI.id.key) (\(Self.formatted(bestKPI.score)))")
            }
            result[key] = item
        }
        return result
    }

    /// The strongest evidence, plus a share of the next strongest for what it confirms
    /// (``RetrievalTuning/confirmation``).
    private func combined(_ scores: [Double]) -> Double {
        let sorted = scores.sorted(by: >)
        guard let best = sorted.first else { return 0 }
        let second = sorted.count > 1 ? sorted[1] : 0
        return Self.clamp(best + tuning.confirmation * (1 - best) * second)
    }

    /// Lifts the table that joins two of the best retrieved tables that no join connects
    /// directly: of several such tables the best scoring, and none when one of them is
    /// among the best already (the path is there).
    private func bridge(_ tables: inout [String: ScoredItem]) {
        let best = Self.ranked(tables.values, minimum: options.threshold, limit: tuning.bridgeCandidates)
        let retrieved = Set(best.map(\.id.key))
        for (i, a) in best.enumerated() {
            for b in best[(i + 1)...] where !graph.areJoined(a.id.key, b.id.key) {
                let paths = graph.bridges(between: a.id.key, and: b.id.key)
                guard !paths.contains(where: { retrieved.contains($0.table) }),
                      let path = paths.max(by: { Self.ranksBelow(tables[$0.table] ?? .init(id: .table($0.table), score: 0),
                                                                  tables[$1.table] ?? .init(id: .table($1.table), score: 0)) }),
                      var middle = tables[path.table] else { continue }
                let lifted = tuning.bridge * min(a.score, b.score)
                guard lifted > middle.score else { continue }
                middle.score = lifted
                middle.evidence.append("joins \(a.id.key) and \(b.id.key) (\(path.first.description), \(path.second.description))")
                tables[path.table] = middle
            }
        }
    }

    /// Relationships with what the tables they join add.
    private func relationshipScores(_ relationships: [String: ScoredItem], tables: [String: ScoredItem]) -> [String: ScoredItem] {
        var result: [String: ScoredItem] = [:]
        for (key, relationship) in relationships {
            var item = relationship
            if let join = graph.joins[key], let from = tables[join.fromTable], let to = tables[join.toTable] {
                let context = tuning.relationshipContext * min(from.score, to.score)
                if context > item.score {
                    item.score = context
                    item.evidence.append("joins \(join.fromTable) (\(Self.formatted(from.score))) and \(join.toTable) (\(Self.formatted(to.score)))")
                }
            }
            result[key] = item
        }
        return result
    }

    /// Columns weighed by their table's score, plus what a retrieved KPI pattern whose
    /// template reads them adds (its measures and dimensions; not its join keys).
    private func columnScores(_ columns: [String: ScoredItem], tables: [String: ScoredItem], kpis: [String: ScoredItem]) -> [String: ScoredItem] {
        var support: [String: ScoredItem] = [:]
        for kpi in kpis.values where kpi.score >= options.threshold {
            for key in graph.columnsOfKPI[kpi.id.key] ?? [] where !graph.joinKeys.contains(key) {
                if let best = support[key], !Self.ranksBelow(best, kpi) { continue }
                support[key] = kpi
            }
        }
        var result: [String: ScoredItem] = [:]
        for (key, column) in columns {
            var item = column
            let table = graph.tableOfColumn[key].flatMap { tables[$0] }?.score ?? 0
            item.score = column.score * ((1 - tuning.columnTableContext) + tuning.columnTableContext * table)
                * (graph.joinKeys.contains(key) ? tuning.joinKeyColumn : 1)
            if let kpi = support[key] {
                let fromKPI = tuning.kpiColumnSupport * kpi.score
                item.score = combined([item.score, fromKPI])
                item.evidence.append("read by KPI \(kpi.id.key) (\(Self.formatted(kpi.score)))")
            }
            result[key] = item
        }
        return result
    }

    // MARK: Ranking

    /// Items scoring at least `minimum`, best first, ties by key, at most `limit`.
    static func ranked(_ items: some Sequence<ScoredItem>, minimum: Double, limit: Int) -> [ScoredItem] {
        Array(items.filter { $0.score >= minimum }.sorted { ranksBelow($1, $0) }.prefix(max(0, limit)))
    }

    /// Whether `a` ranks below `b`: a lower score, or an equal one and a later key.
    static func ranksBelow(_ a: ScoredItem, _ b: ScoredItem) -> Bool {
        a.score != b.score ? a.score < b.score : a.id.key > b.id.key
    }

    static func clamp(_ x: Double) -> Double { min(1, max(0, x)) }

    static func formatted(_ score: Double) -> String { String(format: "%.2f", score) }
}
