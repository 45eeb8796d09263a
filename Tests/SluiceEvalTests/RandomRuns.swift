import SluiceTestSupport
import SluiceEval

/// One random query for the trec_eval cross-check: graded judgments and a scored run.
struct RandomQuery {
    var id: String
    var judgments: [String: Int]
    var run: [RankedItem]
}

/// Random runs built to hit every rule where a metric implementation can go wrong.
enum RandomRuns {
    /// Ids that probe the tie order: case (`D` sorts before `d` in bytes), digits sorted
    /// as text (`d10` before `d2`), punctuation, shared prefixes, non-ASCII bytes.
    static let vocabulary: [String] = {
        var ids: [String] = []
        for n in 0..<14 { ids += ["d\(n)", "D\(n)"] }
        ids += ["doc", "doc_1", "doc.1", "doc-1", "t.positions", "t.instruments", "z", "é", "ß", "a b"]
        return ids
    }()

    static func make(count: Int, seed: UInt64) -> [RandomQuery] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in query(id: "q\(index)", random: &random) }
    }

    private static func query(id: String, random: inout SplitMix64) -> RandomQuery {
        let pool = Array(vocabulary.shuffled(using: &random).prefix(Int.random(in: 4...24, using: &random)))
        // Judged items: some of the pool, graded 0...3; one query in ten has no relevant item.
        let judged = pool.shuffled(using: &random).prefix(Int.random(in: 1...min(12, pool.count), using: &random))
        let noRelevant = Int.random(in: 0..<10, using: &random) == 0
        var judgments: [String: Int] = [:]
        for item in judged { judgments[item] = noRelevant ? 0 : Int.random(in: 0...3, using: &random) }
        // The run: judged and unjudged items alike, often fewer than 5 or 10.
        let returned = pool.shuffled(using: &random).prefix(Int.random(in: 0...pool.count, using: &random))
        let style = Int.random(in: 0..<4, using: &random)
        var run: [RankedItem] = []
        for item in returned {
            run.append(RankedItem(id: item, score: score(style: style, previous: run.last?.score, random: &random)))
        }
        return RandomQuery(id: id, judgments: judgments, run: run)
    }

    /// Scores in four styles: few distinct values (many exact ties); continuous; near
    /// ties closer than `Float` precision (trec_eval ties them); huge magnitudes beyond
    /// `Float`'s range (trec_eval makes them infinite and ties them).
    private static func score(style: Int, previous: Double?, random: inout SplitMix64) -> Double {
        switch style {
        case 0:
            return Double(Int.random(in: 0...3, using: &random)) / 4
        case 1:
            return Double.random(in: -1...1, using: &random)
        case 2:
            guard let previous, Bool.random(using: &random) else { return Double.random(in: 0...1, using: &random) }
            let nudges = [previous.nextUp, previous.nextDown, previous + 1e-12, previous * (1 + 1e-9), previous]
            return nudges.randomElement(using: &random)!
        default:
            let magnitudes = [1e39, 1e40, 1e300, -1e300, 3.4e38, 0.5, -0.0, 0.0]
            return magnitudes.randomElement(using: &random)!
        }
    }
}
