import Foundation

/// Information-retrieval metrics for one query, computed exactly as trec_eval computes
/// them, so that our numbers can be compared with published ones and checked against
/// pytrec_eval (trec_eval's own C code) in the tests.
///
/// The conventions, all trec_eval's:
/// - A judgment is a TREC grade 0...3. An item is *relevant* when its grade is at least
///   1 (trec_eval's default relevance level); items without a judgment count as not
///   relevant.
/// - Ranks start at 1. `ranked` is the order the search returned, best first
///   (``ranking(_:)`` makes it from scores); an id repeated in it counts only once, at
///   its first position, because trec_eval refuses runs with duplicate documents.
/// - Metrics at a cutoff `k` look at the first `k` ranks. P@k always divides by `k`,
///   so a search that returns fewer than `k` items is not rewarded for its silence.
/// - nDCG uses the grade itself as the gain (linear, not 2^g − 1) and discounts rank r
///   by 1 / log2(r + 1); the ideal DCG ranks every judged item by grade, including
///   those the search never returned.
/// - With no relevant judgment at all, recall, MAP, MRR and nDCG are 0, as in
///   trec_eval (``Evaluator`` leaves such queries out of its means instead).
public enum IRMetrics {
    /// The order trec_eval evaluates a run in: score descending, ties broken by id
    /// descending in byte order (C `strcmp` on UTF-8), first occurrence of an id kept.
    ///
    /// trec_eval re-sorts every run this way and ignores the order it was given
    /// (`form_res_rels.c`, `comp_sim_docno`: `strcmp(ptr2->docno, ptr1->docno)`, the
    /// arguments reversed, hence descending). It also stores each score as a 32-bit
    /// `float` before sorting, so scores that differ only beyond `Float` precision tie
    /// there, and doubles beyond `Float`'s range all become infinite. Both are
    /// reproduced here because pytrec_eval behaves this way (checked: 1 and 1 + 1e-12
    /// tie; 1e300 and 1e301 tie). A NaN score ranks after every number.
    public static func ranking(_ items: [RankedItem]) -> [String] {
        let keyed = items.map { item -> (score: Float, id: [UInt8], item: RankedItem) in
            (score: item.score.isNaN ? -.infinity : Float(item.score), id: Array(item.id.utf8), item: item)
        }
        let sorted = keyed.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.id != b.id { return b.id.lexicographicallyPrecedes(a.id) }
            // Same id twice: NaN last, then the better raw score first (it is the one kept).
            return (a.item.score.isNaN ? -Double.infinity : a.item.score) > (b.item.score.isNaN ? -Double.infinity : b.item.score)
        }
        var seen = Set<String>()
        return sorted.compactMap { seen.insert($0.item.id).inserted ? $0.item.id : nil }
    }

    /// P@k: relevant items among the first `k` ranks, divided by `k`.
    public static func precision(at k: Int, ranked: [String], judgments: [String: Int]) -> Double {
        precondition(k > 0, "a cutoff is a positive rank")
        let hits = grades(ranked, judgments).prefix(k).filter(isRelevant).count
        return Double(hits) / Double(k)
    }

    /// R@k: relevant items among the first `k` ranks, divided by all relevant judgments.
    public static func recall(at k: Int, ranked: [String], judgments: [String: Int]) -> Double {
        precondition(k > 0, "a cutoff is a positive rank")
        let relevant = relevantCount(judgments)
        guard relevant > 0 else { return 0 }
        let hits = grades(ranked, judgments).prefix(k).filter(isRelevant).count
        return Double(hits) / Double(relevant)
    }

    /// nDCG@k: the DCG of the first `k` ranks over the DCG of the best possible first `k`.
    public static func ndcg(at k: Int, ranked: [String], judgments: [String: Int]) -> Double {
        precondition(k > 0, "a cutoff is a positive rank")
        // Summed in rank order, like trec_eval, so the rounding matches too.
        let dcg = discountedGain(grades(ranked, judgments).prefix(k))
        let ideal = discountedGain(judgments.values.filter { $0 > 0 }.sorted(by: >).prefix(k))
        return ideal > 0 ? dcg / ideal : 0
    }

    /// Reciprocal rank (MRR once averaged): 1 / the rank of the first relevant item, 0 if none.
    public static func reciprocalRank(ranked: [String], judgments: [String: Int]) -> Double {
        guard let index = grades(ranked, judgments).firstIndex(where: isRelevant) else { return 0 }
        return 1 / Double(index + 1)
    }

    /// Average precision (MAP once averaged): the precision at each relevant item's rank,
    /// summed, over the number of relevant judgments; relevant items never returned add 0.
    public static func averagePrecision(ranked: [String], judgments: [String: Int]) -> Double {
        let relevant = relevantCount(judgments)
        guard relevant > 0 else { return 0 }
        var found = 0
        var sum = 0.0
        for (index, grade) in grades(ranked, judgments).enumerated() where isRelevant(grade) {
            found += 1
            sum += Double(found) / Double(index + 1)
        }
        return sum / Double(relevant)
    }

    /// The grade of each ranked item (0 when unjudged), repeats dropped.
    private static func grades(_ ranked: [String], _ judgments: [String: Int]) -> [Int] {
        var seen = Set<String>()
        return ranked.compactMap { seen.insert($0).inserted ? max(judgments[$0] ?? 0, 0) : nil }
    }

    private static func isRelevant(_ grade: Int) -> Bool { grade >= 1 }

    private static func relevantCount(_ judgments: [String: Int]) -> Int {
        judgments.values.filter(isRelevant).count
    }

    /// Σ gain / log2(rank + 1) over ranks 1, 2, … in order.
    private static func discountedGain(_ gains: some Sequence<Int>) -> Double {
        var sum = 0.0
        for (index, gain) in gains.enumerated() where gain > 0 {
            sum += Double(gain) / log2(Double(index + 2))
        }
        return sum
    }
}
