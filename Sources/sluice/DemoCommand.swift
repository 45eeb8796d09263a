import ArgumentParser
import Foundation

/// `sluice demo`: the whole embedded job on the demo lake, from nothing, in one command.
///
/// It composes the real commands rather than a parallel code path: `scan --demo` writes and
/// catalogs the lake, then `search` answers the three demo scenarios of
/// `../shared/spec/demo-lake.md` as their requesters, so what the demo shows is exactly
/// what a user gets from those commands.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the demo lake, catalog it, and answer the three demo questions as their requesters.",
        discussion: """
        Runs, in the current folder (or --lake and --catalog):
          sluice scan ./lake --demo
          sluice search "Show me portfolio exposure by sector and client segment" --as maria.chen --role bi_analyst
          sluice search "Which clients are close to or above their risk limits?" --as thomas.weber --role risk_manager
          sluice search "AML investigation: open alerts with client details and flagged orders" --as sophie.martin --role compliance_officer
        The lake is written only when the folder holds no file yet; running the demo again
        rescans (unchanged files are not read) and searches again.
        """
    )

    /// The demo scenarios of `../shared/spec/demo-lake.md`: question, requester, role.
    static let scenarios: [(question: String, requester: String, role: String)] = [
        ("Show me portfolio exposure by sector and client segment", "maria.chen", "bi_analyst"),
        ("Which clients are close to or above their risk limits?", "thomas.weber", "risk_manager"),
        ("AML investigation: open alerts with client details and flagged orders", "sophie.martin", "compliance_officer"),
    ]

    @Option(name: .long, help: ArgumentHelp("Lake folder to write the demo lake to and scan.", valueName: "dir"))
    var lake = "lake"

    @Option(name: .long, help: ArgumentHelp("State folder of the embedded catalog.", valueName: "dir"))
    var catalog = ".sluice"

    func run() async throws {
        var scan = try ScanCommand.parse([lake, "--demo", "--catalog", catalog])
        try await scan.run()
        // `print` is buffered, the commands below also write through FileHandle: flush so the
        // output keeps its order when piped.
        fflush(nil)
        for (number, scenario) in Self.scenarios.enumerated() {
            print("\n── Scenario \(number + 1) of \(Self.scenarios.count) " + String(repeating: "─", count: 60))
            fflush(nil)
            var search = try SearchCommand.parse([scenario.question, "--as", scenario.requester, "--role", scenario.role, "--catalog", catalog])
            try await search.run()
        }
    }
}
