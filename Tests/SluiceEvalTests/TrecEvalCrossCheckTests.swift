import Foundation
import SluiceEval
import SluiceTestSupport
import Testing

/// Our metrics against pytrec_eval (trec_eval's C code) on random runs.
@Suite struct TrecEvalCrossCheckTests {
    /// Our metric name → trec_eval's.
    static let trecNames = [
        "p_at_5": "P_5", "p_at_10": "P_10", "r_at_5": "recall_5", "r_at_10": "recall_10",
        "ndcg_at_5": "ndcg_cut_5", "ndcg_at_10": "ndcg_cut_10", "mrr": "recip_rank", "map": "map",
    ]

    struct Reference: Decodable {
        var per_query: [String: [String: Double]]
        var means: [String: Double]
    }

    /// Runs the reference script; throws (failing the test) when Python or pytrec_eval is missing.
    static func reference(_ queries: [RandomQuery]) throws -> Reference {
        struct Request: Encodable {
            var qrels: [String: [String: Int]]
            var run: [String: [String: Double]]
        }
        var request = Request(qrels: [:], run: [:])
        for query in queries {
            request.qrels[query.id] = query.judgments
            request.run[query.id] = Dictionary(uniqueKeysWithValues: query.run.map { ($0.id, $0.score) })
        }
        // Checked first, with no input: a Python that dies at the import while a large stdin is
        // being written would take the test process down with SIGPIPE instead of failing cleanly.
        try Python.run("import pytrec_eval")
        let output = try Python.runTool("trec_eval_reference.py", stdin: try JSONEncoder().encode(request))
        return try JSONDecoder().decode(Reference.self, from: output)
    }

    static let queries = RandomRuns.make(count: 600, seed: 0x5_1CE_0001)

    @Test func randomRunsCoverTheTrickyCases() {
        let queries = Self.queries
        #expect(queries.contains { $0.run.count < 5 })
        #expect(queries.contains { $0.run.isEmpty })
        #expect(queries.contains { !$0.judgments.values.contains { $0 > 0 } })
        #expect(queries.contains { q in q.run.contains { q.judgments[$0.id] == nil } })
        #expect(queries.contains { q in Set(q.judgments.values).count >= 3 })
        // Exact ties, and distinct doubles that collapse to one Float.
        #expect(queries.contains { q in Set(q.run.map(\.score)).count < q.run.count })
        #expect(queries.contains { q in Set(q.run.map(\.score)).count > Set(q.run.map { Float($0.score) }).count })
    }

    @Test func everyQueryMatchesPytrecEval() throws {
        let reference = try Self.reference(Self.queries)
        #expect(reference.per_query.count == Self.queries.count)
        for query in Self.queries {
            let expected = try #require(reference.per_query[query.id], "pytrec_eval skipped \(query.id)")
            let ranked = IRMetrics.ranking(query.run)
            let ours: [String: Double] = [
                "p_at_5": IRMetrics.precision(at: 5, ranked: ranked, judgments: query.judgments),
                "p_at_10": IRMetrics.precision(at: 10, ranked: ranked, judgments: query.judgments),
                "r_at_5": IRMetrics.recall(at: 5, ranked: ranked, judgments: query.judgments),
                "r_at_10": IRMetrics.recall(at: 10, ranked: ranked, judgments: query.judgments),
                "ndcg_at_5": IRMetrics.ndcg(at: 5, ranked: ranked, judgments: query.judgments),
                "ndcg_at_10": IRMetrics.ndcg(at: 10, ranked: ranked, judgments: query.judgments),
                "mrr": IRMetrics.reciprocalRank(ranked: ranked, judgments: query.judgments),
                "map": IRMetrics.averagePrecision(ranked: ranked, judgments: query.judgments),
            ]
            for (name, trecName) in Self.trecNames {
                let theirs = try #require(expected[trecName])
                #expect(abs(ours[name]! - theirs) <= 1e-12, "\(query.id) \(name): ours \(ours[name]!), trec_eval \(theirs); run \(query.run), judgments \(query.judgments)")
            }
        }
    }

    @Test func evaluatorMeansMatchPytrecEval() throws {
        let reference = try Self.reference(Self.queries)
        // The same judgments and run as tables and as columns, so both paths are checked.
        let golden = Self.queries.map { GoldenQuery(id: $0.id, query: "question \($0.id)", tables: $0.judgments, columns: $0.judgments) }
        let outcomes = Dictionary(uniqueKeysWithValues: Self.queries.map {
            ($0.id, SearchOutcome(tables: $0.run, columns: $0.run, latencyMs: 1))
        })
        let summary = Evaluator.evaluate(golden: golden, results: outcomes)
        #expect(reference.means.count == Self.trecNames.count)
        for (name, trecName) in Self.trecNames {
            let theirs = try #require(reference.means[trecName])
            let tables = try #require(summary.metrics[name])
            let columns = try #require(summary.metrics[MetricName.columnPrefix + name])
            #expect(abs(tables - theirs) <= 1e-12, "\(name): ours \(tables), trec_eval \(theirs)")
            #expect(abs(columns - theirs) <= 1e-12, "columns_\(name): ours \(columns), trec_eval \(theirs)")
        }
        // Queries without a relevant item are left out of the means, not averaged in as 0.
        let unanswerable = Self.queries.filter { !$0.judgments.values.contains { $0 > 0 } }.map(\.id)
        for id in unanswerable {
            #expect(reference.per_query[id]?["num_rel"] == 0)
            #expect(summary.perQuery.first { $0.id == id }?.metrics.isEmpty == true)
        }
    }
}
