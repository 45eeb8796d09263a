import ArgumentParser
import Foundation
import SluiceCore
import SluiceGovernance
import SluiceProvision

/// `sluice provision SPEC`: a mart from a spec written by hand (or by a script), under the
/// same policy, steps and audit as `sluice ask`.
struct ProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Provision a mart from a MartSpec file (JSON or YAML) under the governance policy.",
        discussion: """
        SPEC is a .json, .yaml or .yml file, or - to read the spec from stdin (JSON or YAML, \
        detected). `sluice provision --schema` prints the format's JSON schema; `sluice ask \
        --dry-run --json` prints a planned spec to start from. The spec is resolved against \
        the catalog and compiled under the policy exactly like a planned one: PII columns are \
        masked for roles without the PII privilege, the mart is classified at its highest \
        source, and a role that may not read that level is refused before any data moves.

        Exit status: 0 built, 3 refused by policy, 1 failed (both audited).

        Example spec (portfolio.yaml):
          name: exposure_by_segment
          sources:
            - {table: positions, alias: p}
            - {table: accounts, alias: a}
            - {table: clients, alias: c}
          joins:
            - {source: a, on: [{left: p.account_id, right: a.account_id}]}
            - {source: c, on: [{left: a.client_id, right: c.client_id}]}
          dimensions: [{column: c.segment}]
          measures:
            - {name: market_value, function: sum, column: p.market_value}
          filter: {column: p.as_of_date, op: is_latest}

        Examples:
          sluice provision portfolio.yaml --as maria.chen --role bi_analyst
          cat spec.json | sluice provision - --as thomas.weber --role risk_manager --json
          sluice provision spec.json --as maria.chen --role bi_analyst --dry-run
          sluice provision --schema > mart-spec.schema.json
        """
    )

    @Argument(help: ArgumentHelp("The spec file (.json, .yaml, .yml), or - for stdin.", valueName: "spec"))
    var spec: String?

    @Flag(name: .long, help: "Print the JSON schema of the MartSpec format and exit.")
    var schema = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Who asks (the audit and the registry record it).", valueName: "user"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("The requester's role: bi_analyst, risk_manager or compliance_officer.", valueName: "role"))
    var role: String?

    @Flag(name: .long, help: "Show the SQL, masking and grants; move no data, audit nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Print one JSON object: spec, compiled SQL, masking, grants, outcome, timings, sample.")
    var json = false

    @OptionGroup var sampleOption: SampleOption
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        if schema {
            guard spec == nil else { throw ValidationError("--schema prints the format; give it no spec") }
            return
        }
        guard spec != nil else { throw ValidationError("give a spec file (.json, .yaml, .yml) or - for stdin, e.g. sluice provision mart.yaml --as maria.chen --role bi_analyst") }
        guard let user, !user.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--as needs a user name, e.g. --as maria.chen") }
        guard let role else { throw ValidationError("--role is required: bi_analyst, risk_manager or compliance_officer") }
        do { _ = try Role(parsing: role) } catch { throw ValidationError("--role: \(error)") }
    }

    func run() async throws {
        if schema {
            print(MartSpec.jsonSchema)
            return
        }
        var finished: ProvisionOutcome?
        try await reportingErrors {
            let requester = Requester(user: (user ?? "").trimmingCharacters(in: .whitespaces), role: try Role(parsing: role ?? ""))
            let martSpec = try readSpec()
            finished = try await ProvisionSession.with(catalog: catalogOptions, settings: settings, planner: .deterministic, embedder: false) { session in
                let request = ProvisionRequest(requester: requester, spec: martSpec, dryRun: dryRun)
                let printer = json ? nil : StepPrinter(planner: session.plannerName)
                if let printer {
                    printer.write(ProvisionText.header(question: nil, requester: requester, requestID: request.requestID, dryRun: dryRun))
                    printer.write(ProvisionText.spec(martSpec))
                }
                let runner = ProvisionRunner(session: session, catalog: try await session.loadCatalog())
                let outcome = try await runner.run(request, events: { printer?.handle($0) })
                let sample = try await ProvisionFinish.sample(outcome, from: session.warehouse, as: requester.role, rows: sampleOption.sample)
                if json {
                    print(try jsonText(try ProvisionJSON(spec: martSpec, requester: requester, outcome: outcome, sample: sample)))
                } else if let printer {
                    printer.write(ProvisionText.outcome(outcome))
                    if let sample { printer.write(ProvisionText.sample(sample, of: outcome.rowCount, as: requester.role)) }
                }
                return outcome
            }
        }
        if let finished {
            ProvisionFinish.reportFailure(finished)
            try ProvisionFinish.exit(for: finished)
        }
    }

    /// The spec from its file, or from stdin for `-`.
    private func readSpec() throws -> MartSpec {
        guard spec == "-" else { return try MartSpec.load(path: spec ?? "") }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandError("the spec on stdin is not UTF-8 text")
        }
        return try MartSpec.decode(text, origin: "stdin")
    }
}

/// `sluice provision --json`.
struct ProvisionJSON: Encodable {
    var request_id: String
    var requester: String
    var role: String
    var dry_run: Bool
    var spec: AnyJSON
    var compiled: CompiledJSON?
    var outcome: OutcomeJSON
    var timings_ms: [String: Double]
    var sample: QueryResultJSON?

    init(spec: MartSpec, requester: Requester, outcome: ProvisionOutcome, sample: QueryResult?) throws {
        request_id = outcome.requestID
        self.requester = requester.user
        role = requester.role.rawValue
        dry_run = outcome.dryRun
        self.spec = try AnyJSON(parsing: spec.canonicalJSON())
        compiled = outcome.compiled.map(CompiledJSON.init)
        self.outcome = OutcomeJSON(outcome)
        timings_ms = outcome.timingsMs
        self.sample = sample.map(QueryResultJSON.init)
    }
}
