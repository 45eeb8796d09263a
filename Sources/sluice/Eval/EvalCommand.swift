import ArgumentParser
import Foundation
import SluiceEval
import SluiceSearch

/// `sluice eval`: measures search quality against a golden set and watches it over time.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score search against a golden set (P@k, R@k, nDCG, MRR, MAP, KPI match, latency) and flag regressions.",
        discussion: """
        The golden set is a JSON array of questions, each with the tables and columns a good \
        answer contains graded 0–3 (TREC) and the KPI pattern it should match: \
        {"id": "q01", "query": "…", "tables": {"positions": 3}, "columns": {"clients.segment": 3}, "kpi": "portfolio_exposure"}. \
        Every id must exist in the catalog, so a typo cannot silently cap recall.

        Each question is searched once (not logged as analyst traffic), after an unscored \
        warm-up search that builds the index, and scored with trec_eval's semantics over the \
        ranked tables and, prefixed columns_, the ranked columns; kpi_match_rate over the \
        questions with a KPI; no_answer_accuracy over those without a relevant table (the \
        search should answer nothing); latency p50/p95/p99 (nearest rank). The run is stored in \
        rag_monitor.evaluation_runs with its per-query rows and judgments, and compared with the \
        previous run over the same golden file (SHA-256), model and mode: scores that fell by \
        more than --tolerance and latencies that grew by more than --latency-tolerance are \
        flagged. The exit status stays 0 unless --fail-on-regression.

        --compare runs hybrid, vector and lexical retrieval and shows them side by side. \
        --trend shows stored runs over time, per embedding model and mode.

        Examples:
          sluice eval
          sluice eval --golden my-questions.json --verbose
          sluice eval --compare --json
          sluice eval --trend
        """
    )

    @Option(name: .long, help: ArgumentHelp("Golden set (JSON array of queries).", valueName: "file"))
    var golden = "benchmarks/golden_queries.json"

    @Flag(name: .long, help: "Also print one line per golden query: nDCG@5, reciprocal rank, KPI expected/found, top tables.")
    var verbose = false

    @Flag(name: .long, help: "Print the run (or the comparison, or the trend) as JSON.")
    var json = false

    @Flag(name: .long, help: "Run hybrid, vector and lexical retrieval and show them side by side (excludes --mode).")
    var compare = false

    @Option(name: .long, help: ArgumentHelp("How far a score (0…1) may fall before it is flagged as a regression.", valueName: "x"))
    var tolerance = 0.01

    @Option(name: .long, help: ArgumentHelp(
        "How much slower a latency percentile may get before it is flagged, as a fraction (0.5 = 50% slower).", valueName: "x"))
    var latencyTolerance = 0.5

    @Flag(name: .long, help: "Exit with status 1 when any metric regressed.")
    var failOnRegression = false

    @Flag(name: .long, help: "Show stored runs over time per embedding model and mode instead of running.")
    var trend = false

    @OptionGroup var retrieval: RetrievalOptionGroup
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        if compare && retrieval.mode != nil { throw ValidationError("--compare runs every mode; leave out --mode") }
        guard tolerance >= 0 else { throw ValidationError("--tolerance must not be negative, got \(tolerance)") }
        guard latencyTolerance >= 0 else { throw ValidationError("--latency-tolerance must not be negative, got \(latencyTolerance)") }
        if trend && (compare || verbose || failOnRegression) {
            throw ValidationError("--trend only reads stored runs; it takes --json and --catalog")
        }
    }

    func run() async throws {
        try await reportingErrors {
            if trend {
                try await showTrend()
                return
            }
            let goldenSet = try GoldenSetFile.load(path: golden)
            let modes: [RetrievalMode] = compare ? RetrievalMode.allCases : [retrieval.options.mode]
            let needsEmbedder = modes.contains { $0 != .lexical }
            let results = try await SearchSession.with(catalog: catalogOptions, embedderSettings: needsEmbedder ? settings : nil) { session in
                try goldenSet.validate(against: try await session.loadCatalog())
                if needsEmbedder {
                    // Embedding the catalog inside the first scored search would be timed as its latency.
                    let reporter = EmbeddingProgressReporter()
                    _ = try await session.engine.synchronizeEmbeddings { reporter.report($0) }
                    reporter.finish()
                }
                var results: [EvaluationRunResult] = []
                for mode in modes {
                    results.append(try await evaluate(goldenSet, mode: mode, session: session))
                }
                return results
            }
            if json {
                let runs = results.map { EvalRunJSON($0) }
                if compare {
                    print(try jsonText(EvalComparisonJSON(modes: Dictionary(uniqueKeysWithValues: runs.map { ($0.mode, $0) }))))
                } else {
                    print(try jsonText(runs[0]))
                }
            } else {
                var output = StandardOutput()
                for line in EvalReport.lines(results, verbose: verbose) { output.line(line) }
                output.flush()
            }
            let regressed = results.filter { !$0.regressions.isEmpty }
            if failOnRegression && !regressed.isEmpty {
                let names = regressed.map { "\($0.record.options.mode.rawValue): \($0.regressions.joined(separator: ", "))" }
                throw CommandError("search quality regressed since the previous comparable run (\(names.joined(separator: "; ")))")
            }
        }
    }

    /// One mode's run: a warm-up search, then every golden question, stored and compared.
    private func evaluate(_ goldenSet: GoldenSetFile, mode: RetrievalMode, session: SearchSession) async throws -> EvaluationRunResult {
        var options = retrieval.options
        options.mode = mode
        let engine = session.engine
        // Builds (and caches) the index so the first scored question is not charged for it.
        _ = try await engine.search(SearchRequest(question: goldenSet.queries[0].query, options: options, logged: false))
        let progress = EvalProgress(mode: mode, total: goldenSet.queries.count)
        let run = EvaluationRun(golden: goldenSet, model: mode == .lexical ? nil : session.embedder?.model,
                                options: options, tolerance: tolerance, latencyTolerance: latencyTolerance)
        let result = try await run.run(monitor: session.monitor) { query in
            progress.asking(query)
            let response = try await engine.search(SearchRequest(question: query.query, options: options, logged: false))
            return EvaluationRun.outcome(of: response)
        }
        progress.finish()
        return result
    }

    private func showTrend() async throws {
        let runs = try await SearchSession.with(catalog: catalogOptions, embedderSettings: nil) {
            try await $0.monitor.evaluationRuns(limit: nil)
        }
        let series = EvaluationTrend.series(from: runs)
        if json {
            print(try jsonText(EvalTrendJSON(series: series.map(EvalTrendJSON.Series.init))))
            return
        }
        var output = StandardOutput()
        for line in EvalReport.trendLines(series) { output.line(line) }
        output.flush()
    }
}

/// Which question an evaluation is on, on stderr: a bar on a terminal, a line per question otherwise.
private final class EvalProgress {
    private let bar = ProgressBar()
    private let mode: RetrievalMode
    private let total: Int
    private var asked = 0

    init(mode: RetrievalMode, total: Int) {
        self.mode = mode
        self.total = total
    }

    func asking(_ query: GoldenQuery) {
        asked += 1
        let label = "\(mode.rawValue): \(query.id) (\(asked)/\(total))"
        if bar.enabled {
            bar.update(fraction: Double(asked - 1) / Double(total), label: label)
        } else {
            FileHandle.standardError.write(Data("eval: \(label)\n".utf8))
        }
    }

    func finish() { bar.finish() }
}
