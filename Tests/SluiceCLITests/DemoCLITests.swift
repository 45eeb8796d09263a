import Foundation
import SluiceTestSupport
import Testing

/// `sluice demo` from an empty folder: the three scenarios of `../shared/spec/demo-lake.md`,
/// read from the spec's own table, come out with the classification and PII handling it states.
@Suite struct DemoCLITests {
    struct Scenario {
        var question: String
        var requester: String
        var role: String
        var classification: String
        /// `masked`, or `clear` for the PII privilege.
        var pii: String
    }

    /// The rows of the spec's "three demo scenarios" table.
    static func specScenarios() throws -> [Scenario] {
        let text = try String(contentsOf: Python.sharedRoot.appendingPathComponent("spec/demo-lake.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## The three demo scenarios").last)
        return section.split(separator: "\n").compactMap { line -> Scenario? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 6, Int(cells[0]) != nil else { return nil }
            return Scenario(question: cells[1], requester: cells[2], role: cells[3], classification: cells[4],
                            pii: cells[5].hasPrefix("clear") ? "clear" : "masked")
        }
    }

    @Test func demoAnswersTheSpecScenarios() throws {
        let scenarios = try Self.specScenarios()
        #expect(scenarios.count == 3)
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }

        let result = try SluiceCLI.run(["demo"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lake/orders.parquet").path))
        let blocks = result.stdout.components(separatedBy: "── Scenario ").dropFirst()
        #expect(blocks.count == scenarios.count)
        for (scenario, block) in zip(scenarios, blocks) {
            #expect(block.contains("Question: \(scenario.question)"))
            #expect(block.contains("Asked by \(scenario.requester) as \(scenario.role)"))
            let handling = scenario.pii == "clear" ? "PII in clear for \(scenario.role)" : "PII masked for \(scenario.role)"
            #expect(block.contains("; \(scenario.classification), \(handling)"), "scenario \(scenario.question): \(block.prefix(600))")
            #expect(block.contains("\(scenario.requester) (\(scenario.role)): may read"))
        }

        // Run again: the lake is kept, unchanged files are not re-read, the answers are the same.
        let again = try SluiceCLI.run(["demo"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.components(separatedBy: "── Scenario ").count == scenarios.count + 1)
    }
}
