import ArgumentParser
import Foundation
import SluiceCore
import SluiceGovernance
import SluiceProvision
import SluiceSearch

/// `sluice ask`: a question in, a governed data mart out.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask for data in plain words: search the catalog, plan a mart, and provision it under the governance policy.",
        discussion: """
        Runs, printing each step as it happens:
          search   the catalog as `sluice search` does (logged): tables, joins, KPI
          plan     a mart spec: a KPI template or column semantics (--planner)
          compile  under the policy: classification, grants, masking, the SQL
          stage    the needed lake columns into the staging schema
          build    the mart; grant (publish, register, grant); cleanup
        then a sample of the mart as the requester reads it, and the audit entry.

        Masking, refusals and grants are decided by the compiler from the policy, never by \
        the planner. Exit status: 0 when the mart was built, 3 when the policy refused the \
        request (audited, no data moved), 1 when it failed (audited, staging cleaned up). \
        --dry-run shows the recommendation, plan, SQL, masking and grants, and moves and \
        audits nothing.

        Examples:
          sluice ask "Show me portfolio exposure by sector and client segment" --as maria.chen --role bi_analyst
          sluice ask "Which clients are close to or above their risk limits?" --as thomas.weber --role risk_manager --dry-run
          sluice ask "AML investigation: open alerts with client details and flagged orders" --as sophie.martin --role compliance_officer --json
        """
    )

    @Argument(help: ArgumentHelp("The question, in plain words (quote it).", valueName: "question"))
    var question: String

    @OptionGroup var requesterOptions: RequesterOptions

    @Flag(name: .long, help: "Show the recommendation, plan, SQL, masking and grants; move no data, audit nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Print one JSON object: recommendation, plan, compiled SQL, masking, grants, outcome, timings, sample.")
    var json = false

    @OptionGroup var sampleOption: SampleOption

    @Option(name: .long, help: ArgumentHelp(
        "Planner: deterministic (KPI templates, column semantics) or llm (the chat model the settings name). Default: llm when configured.",
        valueName: "planner"))
    var planner: PlannerChoice?

    @OptionGroup var retrieval: RetrievalOptionGroup
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        guard !question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("give a question, e.g. sluice ask \"exposure by sector\" --as maria.chen --role bi_analyst")
        }
    }

    func run() async throws {
        var finished: ProvisionOutcome?
        try await reportingErrors {
            let requester = try requesterOptions.requester
            finished = try await ProvisionSession.with(catalog: catalogOptions, settings: settings, planner: planner) { session in
                var pipeline = AskPipeline(session: session)
                pipeline.retrieval = retrieval.options
                let requestID = UUID().uuidString.lowercased()
                let printer = json ? nil : StepPrinter(planner: session.plannerName)
                printer?.write(ProvisionText.header(question: question, requester: requester, requestID: requestID, dryRun: dryRun))
                let result = try await pipeline.run(question: question, requester: requester, dryRun: dryRun, requestID: requestID,
                                                    events: { printer?.handle($0) })
                let sample = try await ProvisionFinish.sample(result.outcome, from: session.warehouse, as: requester.role, rows: sampleOption.sample)
                if json {
                    print(try jsonText(try AskJSON(result, sample: sample)))
                } else if let printer {
                    printer.write(ProvisionText.outcome(result.outcome))
                    if let sample { printer.write(ProvisionText.sample(sample, of: result.outcome.rowCount, as: requester.role)) }
                }
                return result.outcome
            }
        }
        if let finished {
            ProvisionFinish.reportFailure(finished)
            try ProvisionFinish.exit(for: finished)
        }
    }
}

/// `sluice ask --json`.
struct AskJSON: Encodable {
    var request_id: String
    var question: String
    var requester: String
    var role: String
    var dry_run: Bool
    var search_id: Int64?
    /// In the shape `sluice search --json` prints it.
    var recommendation: AnyJSON
    var plan: PlanJSON?
    var compiled: CompiledJSON?
    var outcome: OutcomeJSON
    var timings_ms: [String: Double]
    var sample: QueryResultJSON?

    struct PlanJSON: Encodable {
        var source: String
        var notes: [String]
        var fallback_reason: String?
        var spec: AnyJSON
    }

    init(_ result: AskResult, sample: QueryResult?) throws {
        request_id = result.requestID
        question = result.question
        requester = result.requester.user
        role = result.requester.role.rawValue
        dry_run = result.outcome.dryRun
        search_id = result.search.searchID
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        recommendation = try AnyJSON(encoding: result.search.recommendation, with: encoder)
        plan = try result.plan.map { PlanJSON(source: $0.source, notes: $0.notes, fallback_reason: $0.fallbackReason,
                                              spec: try AnyJSON(parsing: $0.spec.canonicalJSON())) }
        compiled = result.outcome.compiled.map(CompiledJSON.init)
        outcome = OutcomeJSON(result.outcome)
        timings_ms = result.timingsMs
        self.sample = sample.map(QueryResultJSON.init)
    }
}
