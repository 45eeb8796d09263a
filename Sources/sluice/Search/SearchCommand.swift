import ArgumentParser
import Foundation
import SluiceGovernance
import SluiceSearch

/// `sluice search`: which tables, columns, joins and KPI pattern answer a question, and
/// what governance says about them.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the tables, columns, joins and KPI pattern that answer a question, with governance flags.",
        discussion: """
        Search reads the catalog only (names, types, statistics, descriptions, relationships, \
        KPI patterns), never lake data. It ranks four kinds of item, tables, columns, \
        relationships and KPI patterns, by vector similarity and BM25 fused (--mode), keeps \
        those whose score reaches --threshold (relationships 0.8 × that), and recommends: the \
        ranked tables with their score and why, the columns (PII marked with its masking rule), \
        a join plan connecting the chosen tables (a tree, with bridge tables where no direct \
        join exists), the matching KPI pattern with its SQL template, and governance: the \
        highest classification, the PII columns involved, the roles that may read the result \
        and whether --role may. When nothing passes the threshold it says so instead of guessing.

        Embeddings are brought up to date first when the catalog changed or the embedding \
        model did (see `sluice embed`). The model is the offline hashed n-gram embedder unless \
        the settings file's `embedding` section or the SLUICE_EMBEDDING_* variables name an \
        OpenAI-compatible provider.

        Every search is logged (rag_monitor.search_log) with its id; rate a result with \
        `sluice feedback ID ITEM --up|--down`. --history lists recent searches.

        Examples:
          sluice search "Show me portfolio exposure by sector and client segment" --as maria.chen --role bi_analyst
          sluice search "open AML alerts with client details" --role compliance_officer --json
          sluice search "orders by broker" --mode lexical --top-tables 5
          sluice search --history --limit 5
        """
    )

    @Argument(help: ArgumentHelp("The question, in plain words (quote it).", valueName: "question"))
    var question: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who asks (recorded in the search log).", valueName: "user"))
    var requester: String?

    @Option(name: .long, help: ArgumentHelp(
        "The requester's role: bi_analyst, risk_manager, compliance_officer, pipeline_agent or sluice_admin.", valueName: "role"))
    var role: String?

    @Flag(name: .long, help: "Print the whole response (or the history) as JSON.")
    var json = false

    @Flag(name: .long, help: "List recent searches instead of searching.")
    var history = false

    @Option(name: .long, help: ArgumentHelp("Searches --history lists.", valueName: "n"))
    var limit = 20

    @OptionGroup var retrieval: RetrievalOptionGroup
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        if history {
            guard question == nil else { throw ValidationError("--history lists searches; give it no question") }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit)") }
        } else {
            guard let question, !question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("give a question, e.g. sluice search \"exposure by sector\" (or --history)")
            }
        }
    }

    func run() async throws {
        try await reportingErrors {
            if history {
                try await printHistory()
                return
            }
            let parsedRole = try role.map { try Role(parsing: $0) }
            let options = retrieval.options
            let response = try await SearchSession.with(catalog: catalogOptions,
                                                        embedderSettings: options.mode == .lexical ? nil : settings) { session in
                try await session.engine.search(SearchRequest(
                    question: question ?? "", requester: requester, role: parsedRole, options: options))
            }
            if json {
                print(try jsonText(response, snakeCase: true))
            } else {
                var output = StandardOutput()
                for line in SearchResponseText.lines(response, requester: requester) { output.line(line) }
                output.flush()
            }
        }
    }

    private func printHistory() async throws {
        let searches = try await SearchSession.with(catalog: catalogOptions, embedderSettings: nil) {
            try await $0.monitor.recentSearches(limit: limit)
        }
        if json {
            print(try jsonText(searches.map(SearchHistoryJSON.init)))
            return
        }
        guard !searches.isEmpty else {
            print("No searches logged yet.")
            return
        }
        printTable(header: ["id", "asked at", "by", "role", "mode", "answer", "ms", "question"], rows: searches.map { search in
            let entry = search.entry
            let answer = entry.answerable
                ? (entry.recommendation.kpi.map { "kpi \($0.id)" } ?? entry.recommendation.tables.first.map(\.name) ?? "yes")
                : "none"
            return [String(search.id), entry.askedAt.formatted(.iso8601), entry.requester ?? "-", entry.role ?? "-",
                    entry.mode.rawValue, answer, String(format: "%.0f", entry.timings.totalMs), entry.question]
        }, lastColumnUnbounded: true)
    }
}

/// One line of `sluice search --history --json`.
struct SearchHistoryJSON: Encodable {
    var id: Int64
    var asked_at: String
    var question: String
    var requester: String?
    var role: String?
    var mode: String
    var model: String?
    var answerable: Bool
    var tables: [String]
    var kpi: String?
    var highest_classification: String?
    var total_ms: Double

    init(_ search: LoggedSearch) {
        let entry = search.entry
        id = search.id
        asked_at = entry.askedAt.formatted(.iso8601)
        question = entry.question
        requester = entry.requester
        role = entry.role
        mode = entry.mode.rawValue
        model = entry.model?.description
        answerable = entry.answerable
        tables = entry.recommendation.tables.map(\.name)
        kpi = entry.recommendation.kpi?.id
        highest_classification = entry.recommendation.governance.highestClassification?.rawValue
        total_ms = entry.timings.totalMs
    }
}
