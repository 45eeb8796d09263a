import ArgumentParser
import Foundation
import SluicePostgres

/// Where `sluice demo` keeps its state.
enum DemoBackend: String, CaseIterable, ExpressibleByArgument {
    case embedded
    case postgres
}

/// `sluice demo`: the whole job on the demo lake, from nothing, in one command.
///
/// It composes the real commands rather than a parallel code path: `scan --demo` writes and
/// catalogs the lake, `ask` answers the three demo scenarios of `../shared/spec/demo-lake.md`
/// as their requesters (search, plan, compile under the policy, stage, build, grant, a sample
/// of each mart as its requester reads it), then a request the policy refuses, and finally
/// the governance record: `audit list`, `audit verify` and `marts list`. What the demo shows is
/// exactly what a user gets from those commands.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the demo lake, catalog it, provision the three demo marts as their requesters, and show the audit trail.",
        discussion: """
        Runs, in the current folder (or --lake and --catalog), on the embedded backend or, \
        with --backend postgres, in a PostgreSQL database (after `sluice pg init`):
          sluice scan ./lake --demo
          sluice ask "Show me portfolio exposure by sector and client segment" --as maria.chen --role bi_analyst
          sluice ask "Which clients are close to or above their risk limits?" --as thomas.weber --role risk_manager
          sluice ask "AML investigation: open alerts with client details and flagged orders" --as sophie.martin --role compliance_officer
          sluice provision holdings_by_client.yaml --as maria.chen --role bi_analyst   (scenario 1 per client and account)
          sluice ask "Show me the open AML alerts with client details" --as maria.chen --role bi_analyst     (refused: exit 3)
          sluice audit list
          sluice audit verify
          sluice marts list
        The lake is written only when the folder holds no file yet; running the demo again \
        rescans (unchanged files are not read) and builds each mart as its next version.
        """
    )

    /// The demo scenarios of `../shared/spec/demo-lake.md`: question, requester, role.
    static let scenarios: [(question: String, requester: String, role: String)] = [
        ("Show me portfolio exposure by sector and client segment", "maria.chen", "bi_analyst"),
        ("Which clients are close to or above their risk limits?", "thomas.weber", "risk_manager"),
        ("AML investigation: open alerts with client details and flagged orders", "sophie.martin", "compliance_officer"),
    ]

    /// A request the policy refuses: restricted AML data asked for by a role that may read only internal data.
    /// Scenario 1 one level down, per client and account: the mart reads client names and
    /// account numbers, so the bi_analyst's sample shows them masked. A hand-written spec, as
    /// an analyst would pass to `sluice provision`.
    static let holdingsByClient = """
        name: holdings_by_client
        description: Market value of the latest holdings per client, account, segment and sector
        sources:
          - {table: positions, alias: p}
          - {table: accounts, alias: a}
          - {table: clients, alias: c}
          - {table: instruments, alias: i}
        joins:
          - {source: a, on: [{left: a.account_id, right: p.account_id}]}
          - {source: c, on: [{left: c.client_id, right: a.client_id}]}
          - {source: i, on: [{left: i.instrument_id, right: p.instrument_id}]}
        dimensions:
          - {column: c.short_name, as: client}
          - {column: a.account_number}
          - {column: c.segment}
          - {column: i.sector}
        measures:
          - {name: market_value, function: sum, column: p.market_value}
        filter: {column: p.as_of_date, op: is_latest}
        order: [{by: market_value, direction: desc}]
        limit: 50
        """

    static let refusal = (question: "Show me the open AML alerts with client details", requester: "maria.chen", role: "bi_analyst")

    @Option(name: .long, help: ArgumentHelp("Lake folder to write the demo lake to and scan.", valueName: "dir"))
    var lake = "lake"

    @Option(name: .long, help: ArgumentHelp(
        "Where the catalog and warehouse live: embedded (SQLite files) or postgres (a database, initialized first as `sluice pg init` does).",
        valueName: "kind"))
    var backend: DemoBackend = .embedded

    @Option(name: .long, help: ArgumentHelp(
        "The embedded state folder (default .sluice), or with --backend postgres the database as an administrator (default: the settings' catalog.url, else $SLUICE_POSTGRES_URL).",
        valueName: "dir|url"))
    var catalog: String?

    @OptionGroup var settings: ConfigOptions

    func run() async throws {
        let catalog = try await prepareBackend()
        let scan = try ScanCommand.parse([lake, "--demo", "--catalog", catalog])
        try await scan.run()
        for (number, scenario) in Self.scenarios.enumerated() {
            section("Scenario \(number + 1) of \(Self.scenarios.count)")
            let ask = try AskCommand.parse([scenario.question, "--as", scenario.requester, "--role", scenario.role, "--catalog", catalog])
            try await ask.run()
        }

        section("Scenario 1 per client and account: a hand-written spec")
        let specFile = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-demo-\(UUID().uuidString).yaml")
        try Self.holdingsByClient.write(to: specFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: specFile) }
        let scenario1 = Self.scenarios[0]
        let provision = try ProvisionCommand.parse([specFile.path, "--as", scenario1.requester, "--role", scenario1.role, "--catalog", catalog])
        try await provision.run()

        section("Refused: \(Self.refusal.role) asks for restricted data")
        let refused = try AskCommand.parse([Self.refusal.question, "--as", Self.refusal.requester, "--role", Self.refusal.role,
                                            "--catalog", catalog])
        do {
            try await refused.run()
            throw CommandError("the policy should have refused \(Self.refusal.role) restricted AML data, and the request went through")
        } catch let exit as ExitCode where exit.rawValue == ProvisionFinish.refusedStatus {
            // The refusal is the point of this step: printed and audited, no data moved.
        }

        section("Governance: the audit trail")
        let list = try AuditListCommand.parse(["--catalog", catalog])
        try await list.run()
        print("")
        fflush(nil)
        let verify = try AuditVerifyCommand.parse(["--catalog", catalog])
        try await verify.run()

        section("Governance: the mart registry")
        let marts = try MartsListCommand.parse(["--catalog", catalog])
        try await marts.run()
        fflush(nil)
    }

    /// Where the demo's state goes; for PostgreSQL, the database initialized first.
    private func prepareBackend() async throws -> String {
        switch backend {
        case .embedded:
            if let catalog, PostgresLocation.isURL(catalog) {
                throw CommandError("--catalog \(catalog) is a PostgreSQL URL: add --backend postgres")
            }
            return catalog ?? BackendLocation.defaultFolder
        case .postgres:
            let config = try settings.load()
            guard let url = catalog ?? config.catalog.url ?? ProcessInfo.processInfo.environment["SLUICE_POSTGRES_URL"] else {
                throw CommandError("""
                    --backend postgres needs a database: --catalog postgres://ADMIN@HOST:PORT/DB, the settings' catalog.url, \
                    or SLUICE_POSTGRES_URL (scripts/services.sh up postgres starts a local server; `scripts/services.sh env` prints its URL)
                    """)
            }
            guard PostgresLocation.isURL(url) else { throw CommandError("--backend postgres takes a postgres:// URL, got \(url)") }
            section("PostgreSQL: sluice pg init")
            for line in try await PgInitCommand.initialize(url: url, config: config).lines { print(line) }
            return url
        }
    }

    /// A section rule. `print` is buffered while the commands also write through FileHandle:
    /// flushing keeps the output in order when piped.
    private func section(_ title: String) {
        fflush(nil)
        print("\n── \(title) " + String(repeating: "─", count: max(4, 72 - title.count)))
        fflush(nil)
    }
}
