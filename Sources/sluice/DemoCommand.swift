import ArgumentParser
import Foundation

/// `sluice demo`: the whole embedded job on the demo lake, from nothing, in one command.
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
        Runs, in the current folder (or --lake and --catalog):
          sluice scan ./lake --demo
          sluice ask "Show me portfolio exposure by sector and client segment" --as maria.chen --role bi_analyst
          sluice ask "Which clients are close to or above their risk limits?" --as thomas.weber --role risk_manager
          sluice ask "AML investigation: open alerts with client details and flagged orders" --as sophie.martin --role compliance_officer
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
    static let refusal = (question: "Show me the open AML alerts with client details", requester: "maria.chen", role: "bi_analyst")

    @Option(name: .long, help: ArgumentHelp("Lake folder to write the demo lake to and scan.", valueName: "dir"))
    var lake = "lake"

    @Option(name: .long, help: ArgumentHelp("State folder of the embedded catalog and warehouse.", valueName: "dir"))
    var catalog = ".sluice"

    func run() async throws {
        let scan = try ScanCommand.parse([lake, "--demo", "--catalog", catalog])
        try await scan.run()
        for (number, scenario) in Self.scenarios.enumerated() {
            section("Scenario \(number + 1) of \(Self.scenarios.count)")
            let ask = try AskCommand.parse([scenario.question, "--as", scenario.requester, "--role", scenario.role, "--catalog", catalog])
            try await ask.run()
        }

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

    /// A section rule. `print` is buffered while the commands also write through FileHandle:
    /// flushing keeps the output in order when piped.
    private func section(_ title: String) {
        fflush(nil)
        print("\n── \(title) " + String(repeating: "─", count: max(4, 72 - title.count)))
        fflush(nil)
    }
}
