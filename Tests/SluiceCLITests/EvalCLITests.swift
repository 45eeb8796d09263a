import Foundation
import SluiceTestSupport
import Testing

/// `sluice eval` end to end on the demo lake, through the executable, with golden sets
/// written here from `../shared/spec/demo-lake.md` (table, column and KPI names).
@Suite struct EvalCLITests {
    /// Every key the `metrics` object of `eval --json` has.
    static let metricKeys = ["p_at_5", "p_at_10", "r_at_5", "r_at_10", "ndcg_at_5", "ndcg_at_10", "mrr", "map",
                             "kpi_match_rate", "no_answer_accuracy", "latency_ms_p50", "latency_ms_p95", "latency_ms_p99"]
        + ["p_at_5", "p_at_10", "r_at_5", "r_at_10", "ndcg_at_5", "ndcg_at_10", "mrr", "map"].map { "columns_" + $0 }

    /// Demo scenarios 1 and 2 and a question the lake cannot answer.
    static let golden = """
        [
          {"id": "exposure", "query": "Show me portfolio exposure by sector and client segment",
           "tables": {"positions": 3, "instruments": 2, "clients": 2, "accounts": 1},
           "columns": {"instruments.sector": 3, "clients.segment": 3}, "kpi": "portfolio_exposure"},
          {"id": "limits", "query": "Which clients are close to or above their risk limits?",
           "tables": {"risk_limits": 3, "clients": 2}, "columns": {"risk_limits.utilization_pct": 3},
           "kpi": "risk_limit_utilisation"},
          {"id": "weather", "query": "weather forecast for Zurich tomorrow", "tables": {}, "kpi": null}
        ]
        """

    static func write(_ json: String) throws -> String {
        let file = try Python.temporaryDirectory().appendingPathComponent("golden.json")
        try Data(json.utf8).write(to: file)
        return file.path
    }

    static func eval(_ arguments: [String]) throws -> [String: Any] {
        let result = try SluiceCLI.run(["eval", "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try result.json() as? [String: Any])
    }

    @Test func storesRunsFlagsRegressionsAndShowsTheTrend() throws {
        let catalog = try SearchCLITests.scannedDemo()
        let golden = try Self.write(Self.golden)
        // Wall time on a shared machine is not repeatable; the scores of one search are.
        let arguments = ["--golden", golden, "--latency-tolerance", "1000"] + catalog

        let first = try Self.eval(arguments)
        let metrics = try #require(first["metrics"] as? [String: Any])
        #expect(Set(metrics.keys) == Set(Self.metricKeys))
        for key in Self.metricKeys { #expect(metrics[key] is Double, "\(key) is \(metrics[key] ?? "absent")") }
        let perQuery = try #require(first["per_query"] as? [[String: Any]])
        #expect(perQuery.map { $0["id"] as? String } == ["exposure", "limits", "weather"])
        #expect(perQuery[0]["kpi_expected"] as? String == "portfolio_exposure")
        #expect(perQuery[2]["answerable"] as? Bool == false)
        #expect(first["mode"] as? String == "hybrid")
        #expect((first["model"] as? [String: Any])?["id"] as? String == "sluice-hashed-ngram")
        #expect((first["golden"] as? [String: Any])?["path"] as? String == golden)
        #expect((first["regressions"] as? [Any])?.isEmpty == true)
        let firstID = try #require(first["run_id"] as? Int)

        let second = try Self.eval(arguments)
        #expect(second["previous_run_id"] as? Int == firstID)
        #expect((second["regressions"] as? [Any])?.isEmpty == true, "\(second["regressions"] ?? "")")

        // One column per answer: column recall falls, and the run says so, but a
        // regression alone does not fail the command (Self.eval checks the status).
        let narrow = arguments + ["--top-columns", "1"]
        let third = try Self.eval(narrow)
        #expect(third["previous_run_id"] as? Int == second["run_id"] as? Int)
        let regressed = try #require(third["regressions"] as? [[String: Any]])
        let drop = try #require(regressed.first { $0["metric"] as? String == "columns_r_at_5" }, "\(regressed)")
        #expect((drop["current"] as? Double ?? 1) < (drop["previous"] as? Double ?? 0))

        let fourth = try SluiceCLI.run(["eval"] + arguments)
        #expect(fourth.status == 0)
        #expect(fourth.stdout.contains("compared with run \(try #require(third["run_id"] as? Int))"))
        let strict = try SluiceCLI.run(["eval", "--fail-on-regression"] + narrow)
        #expect(strict.status == 1, "--fail-on-regression fails the command")
        #expect(strict.stdout.contains("regressed since run"))
        #expect(strict.stdout.contains(" !"), "the regressed values are marked")
        #expect(strict.stderr.contains("search quality regressed"))

        let trend = try SluiceCLI.run(["eval", "--trend", "--json"] + catalog)
        #expect(trend.status == 0, "\(trend.stderr)")
        let series = try #require((try trend.json() as? [String: Any])?["series"] as? [[String: Any]])
        let hybrid = try #require(series.first { $0["mode"] as? String == "hybrid" })
        let runIDs = (hybrid["runs"] as? [[String: Any]] ?? []).compactMap { $0["run_id"] as? Int }
        #expect(runIDs.count == 5)
        #expect(runIDs.prefix(2) == [firstID, try #require(second["run_id"] as? Int)])
        let trendText = try SluiceCLI.run(["eval", "--trend"] + catalog)
        #expect(trendText.stdout.contains("sluice-hashed-ngram@1 (384 dimensions), hybrid"))
        #expect(trendText.stdout.contains(String(firstID)))
    }

    @Test func verboseAndCompareShowEveryModeAndQuery() throws {
        let catalog = try SearchCLITests.shared.get()
        let golden = try Self.write(Self.golden)
        let compared = try Self.eval(["--golden", golden, "--compare"] + catalog)
        let modes = try #require(compared["modes"] as? [String: [String: Any]])
        #expect(Set(modes.keys) == ["hybrid", "vector", "lexical"])
        for (mode, run) in modes {
            #expect(run["mode"] as? String == mode)
            #expect((run["per_query"] as? [Any])?.count == 3)
        }
        #expect(modes["lexical"]?["model"] == nil || modes["lexical"]?["model"] is NSNull)

        let text = try SluiceCLI.run(["eval", "--golden", golden, "--mode", "lexical", "--verbose"] + catalog)
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["tables nDCG@5", "columns MRR", "KPI match rate", "no-answer accuracy", "latency p95 (ms)",
                         "exposure  nDCG@5", "weather  nDCG@5"] {
            #expect(text.stdout.contains(expected), "missing \(expected) in:\n\(text.stdout)")
        }
        let both = try SluiceCLI.run(["eval", "--golden", golden, "--compare", "--mode", "vector"] + catalog)
        #expect(both.status != 0 && both.stderr.contains("--compare"))
    }

    @Test func goldenIdsTheCatalogLacksAreRefused() throws {
        let catalog = try SearchCLITests.shared.get()
        let typo = try Self.write("""
            [{"id": "q1", "query": "exposure by sector", "tables": {"positions": 3}},
             {"id": "q2", "query": "fills by broker", "tables": {"execution": 3}, "kpi": "commission_by_broker"}]
            """)
        let result = try SluiceCLI.run(["eval", "--golden", typo] + catalog)
        #expect(result.status == 1)
        #expect(result.stderr.contains("query q2: tables.execution: the catalog has no table \"execution\""), "\(result.stderr)")

        let kpi = try Self.write(#"[{"id": "q1", "query": "exposure", "tables": {"positions": 3}, "kpi": "exposure"}]"#)
        let badKPI = try SluiceCLI.run(["eval", "--golden", kpi] + catalog)
        #expect(badKPI.status == 1 && badKPI.stderr.contains("query q1: kpi: the catalog has no KPI pattern \"exposure\""))

        let missing = try SluiceCLI.run(["eval", "--golden", "/nonexistent/golden.json"] + catalog)
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/golden.json"))
    }
}
