import Foundation
import SluiceTestSupport
import Testing

/// `sluice demo` from an empty folder: the three scenarios of `../shared/spec/demo-lake.md`,
/// read from the spec's own table, are provisioned with the classification and PII handling it
/// states; a restricted request is refused; the audit trail verifies and lists every request.
/// Raw values are read from the written lake with pyarrow.
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

    /// The output's sections, split at the demo's `── Title ───` rules: title → text.
    static func sections(_ output: String) -> [(title: String, text: String)] {
        output.components(separatedBy: "\n── ").dropFirst().map { section in
            let title = section.prefix { $0 != "\n" }.replacingOccurrences(of: "─", with: "").trimmingCharacters(in: .whitespaces)
            return (title, section)
        }
    }

    /// The sample table under `Sample:` in a section: rows of cells, cut at the columns the
    /// dashed rule under the header marks out.
    static func sampleTable(in text: String) throws -> (columns: [String], rows: [[String]]) {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Sample: ") }, "no sample in:\n\(text)")
        let header = Array(lines[start + 1]), rule = Array(lines[start + 2])
        // Each run of dashes is one column; the last one runs to the end of the line.
        var spans: [Range<Int>] = []
        var index = 0
        while index < rule.count {
            guard rule[index] == "-" else { index += 1; continue }
            let begin = index
            while index < rule.count, rule[index] == "-" { index += 1 }
            spans.append(begin..<index)
        }
        func cells(_ line: [Character]) -> [String] {
            spans.enumerated().map { number, span in
                let end = number == spans.count - 1 ? line.count : min(span.upperBound, line.count)
                guard span.lowerBound < end else { return "" }
                return String(line[span.lowerBound..<end]).trimmingCharacters(in: .whitespaces)
            }
        }
        let rows = lines[(start + 3)...].prefix { $0.hasPrefix("  ") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return (cells(header).map { $0 }, rows.map { cells(Array($0)) })
    }

    @Test func demoProvisionsTheSpecScenariosAndShowsTheGovernanceRecord() throws {
        let scenarios = try Self.specScenarios()
        #expect(scenarios.count == 3)
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }

        let result = try SluiceCLI.run(["demo"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lake/orders.parquet").path))
        let sections = Self.sections(result.stdout)
        #expect(sections.map(\.title) == ["Scenario 1 of 3", "Scenario 2 of 3", "Scenario 3 of 3",
                                          "Refused: bi_analyst asks for restricted data",
                                          "Governance: the audit trail", "Governance: the mart registry"], "\(sections.map(\.title))")
        guard sections.count == 6 else { return }

        let output = try Python.runTool("lake_column_values.py", arguments: [folder.appendingPathComponent("lake").path] + DemoPII.columns())
        let raw = try #require(try JSONSerialization.jsonObject(with: output) as? [String: [String]]).values.reduce(into: Set<String>()) { $0.formUnion($1) }

        for (scenario, section) in zip(scenarios, sections) {
            let text = section.text, context = "scenario \(scenario.question)"
            #expect(text.contains("Question: \(scenario.question)"), "\(context)")
            #expect(text.contains("Asked by \(scenario.requester) as \(scenario.role)"), "\(context)")
            #expect(text.contains("\(scenario.requester) (\(scenario.role)): may read"), "\(context)")
            #expect(text.contains("Compile  classification \(scenario.classification) ("), "\(context):\n\(text)")
            #expect(text.contains("Done     data_mart.dm_"), "\(context):\n\(text)")

            let sample = try Self.sampleTable(in: text)
            #expect(!sample.rows.isEmpty, "\(context)")
            let cells = sample.rows.flatMap { $0 }
            if scenario.pii == "clear" {
                #expect(text.contains("PII in clear: \(scenario.role) holds the PII privilege"), "\(context):\n\(text)")
                #expect(cells.contains(where: raw.contains), "\(context): the compliance officer sees raw client details:\n\(text)")
            } else {
                // Either the mart reads PII and masks it, or it reads none (an aggregate by sector and segment).
                let masking = text.components(separatedBy: "\n").first { $0.contains("masked for \(scenario.role): ") }
                #expect(masking != nil || text.contains("masking: none needed (no PII column reaches the mart)"), "\(context):\n\(text)")
                let masked = masking?.components(separatedBy: "masked for \(scenario.role): ").last?.components(separatedBy: ", ")
                    .compactMap { $0.components(separatedBy: " → ").first } ?? []
                for column in masked {
                    guard let index = sample.columns.firstIndex(of: column) else { continue }
                    for row in sample.rows where row[index] != "NULL" {
                        #expect(row[index].contains("*"), "\(context): \(column) \(String(reflecting: row[index])) is masked")
                    }
                }
                #expect(!cells.contains(where: raw.contains), "\(context): no raw PII value in the sample")
                #expect(!raw.filter { $0.count >= 4 }.contains { value in cells.contains { $0.contains(value) } }, "\(context)")
            }
        }

        let refusal = sections[3].text
        #expect(refusal.contains("Refused  bi_analyst may not read restricted data"), "\(refusal)")
        #expect(refusal.contains("Audit    entry 4 (refused)"), "\(refusal)")
        #expect(!refusal.contains("Sample: "))

        let audit = sections[4].text
        for status in ["succeeded", "refused"] { #expect(audit.contains(status)) }
        #expect(audit.contains("\nintact: 4 entries, last hash "), "\(audit)")
        let registry = sections[5].text
        #expect(registry.components(separatedBy: "\n").filter { $0.hasPrefix("dm_") }.count == 3, "three marts, the refusal built none:\n\(registry)")

        // Run again: the lake is kept, unchanged files are not re-read, each mart gets its next version.
        let again = try SluiceCLI.run(["demo"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("intact: 8 entries"), "\(again.stdout.suffix(1500))")
        #expect(again.stdout.contains(" version 2: "))
    }
}
