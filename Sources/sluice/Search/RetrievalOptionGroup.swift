import ArgumentParser
import SluiceSearch

extension RetrievalMode: ExpressibleByArgument {}

/// `--mode`, `--top-*` and `--threshold`: how retrieval ranks, shared by `search` and `eval`.
/// The defaults are the reference lab's (``RetrievalOptions/default``).
struct RetrievalOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Ranking evidence: hybrid (vectors and BM25 fused; the default), vector (meaning only) or lexical (words only; needs no embedder).",
        valueName: "mode"))
    var mode: RetrievalMode?

    @Option(name: .long, help: ArgumentHelp("Most tables to return.", valueName: "n"))
    var topTables = RetrievalOptions.default.topTables

    @Option(name: .long, help: ArgumentHelp("Most columns to return.", valueName: "n"))
    var topColumns = RetrievalOptions.default.topColumns

    @Option(name: .long, help: ArgumentHelp("Most relationships (joins) to return.", valueName: "n"))
    var topRelationships = RetrievalOptions.default.topRelationships

    @Option(name: .customLong("top-kpis"), help: ArgumentHelp("Most KPI patterns to return.", valueName: "n"))
    var topKPIs = RetrievalOptions.default.topKPIs

    @Option(name: .long, help: ArgumentHelp(
        "Least score (0…1) a table, column or KPI pattern needs; relationships need 0.8 × this.", valueName: "x"))
    var threshold = RetrievalOptions.default.threshold

    var options: RetrievalOptions {
        RetrievalOptions(mode: mode ?? RetrievalOptions.default.mode, topTables: topTables, topColumns: topColumns, topRelationships: topRelationships,
                         topKPIs: topKPIs, threshold: threshold)
    }

    func validate() throws {
        for (flag, value) in [("--top-tables", topTables), ("--top-columns", topColumns),
                              ("--top-relationships", topRelationships), ("--top-kpis", topKPIs)] where value < 1 {
            throw ValidationError("\(flag) must be at least 1, got \(value)")
        }
        guard (0...1).contains(threshold) else {
            throw ValidationError("--threshold must lie within 0…1 (scores do), got \(threshold)")
        }
    }
}
