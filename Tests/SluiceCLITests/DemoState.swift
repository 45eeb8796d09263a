import Foundation
import SluiceTestSupport
import Testing

/// The demo lake and a state folder that cataloged and embedded it, made once per test
/// process by the real commands (`scan --demo`, `embed`); each test provisions into a copy of
/// the state of its own, so tests neither see nor disturb each other's marts and audit entries.
struct DemoState {
    /// The lake folder (shared, read-only).
    let lake: URL
    /// This test's state folder.
    let state: URL

    /// `--catalog STATE`, for the commands' arguments.
    var catalog: [String] { ["--catalog", state.path] }

    /// A fresh copy of the scanned, embedded demo state over the shared lake.
    static func fresh() throws -> DemoState {
        let template = try shared.get()
        let state = try Python.temporaryDirectory().appendingPathComponent("state")
        try FileManager.default.copyItem(at: template.state, to: state)
        return DemoState(lake: template.lake, state: state)
    }

    func remove() {
        try? FileManager.default.removeItem(at: state.deletingLastPathComponent())
    }

    /// Runs `sluice ARGUMENTS --catalog STATE`.
    func run(_ arguments: [String], stdin: Data? = nil) throws -> SluiceCLI.Result {
        try SluiceCLI.run(arguments + catalog, stdin: stdin)
    }

    /// Runs the command with `--json` and parses its output as a JSON object, after checking its exit status.
    func json(_ arguments: [String], status: Int32 = 0, stdin: Data? = nil) throws -> [String: Any] {
        let result = try run(arguments + ["--json"], stdin: stdin)
        #expect(result.status == status, "sluice \(arguments.joined(separator: " ")): \(result.stderr)")
        return try #require(try result.json() as? [String: Any], "not a JSON object: \(result.stdout.prefix(400))")
    }

    /// Runs the command with `--json` and parses its output as a JSON array.
    func jsonArray(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "sluice \(arguments.joined(separator: " ")): \(result.stderr)")
        return try #require(try result.json() as? [[String: Any]], "not a JSON array: \(result.stdout.prefix(400))")
    }

    /// The tables in the warehouse's staging and mart files, read by Python's sqlite3.
    func warehouseTables() throws -> (staging: [String], marts: [String]) {
        let output = try Python.runTool("sqlite_tables.py", arguments: [state.appendingPathComponent("lake.sqlite").path,
                                                                        state.appendingPathComponent("data_mart.sqlite").path])
        let tables = try #require(try JSONSerialization.jsonObject(with: output) as? [String: [String]])
        // Each file's migration history and the marts' grant table are Sluice's own, not data.
        let own: Set<String> = ["sluice_migrations", "sluice_grants"]
        return ((tables["lake.sqlite"] ?? []).filter { !own.contains($0) }, (tables["data_mart.sqlite"] ?? []).filter { !own.contains($0) })
    }

    /// The raw values of `columns` (`table.column`) in the lake, read with pyarrow.
    func rawValues(_ columns: [String]) throws -> [String: Set<String>] {
        let output = try Python.runTool("lake_column_values.py", arguments: [lake.path] + columns)
        let values = try #require(try JSONSerialization.jsonObject(with: output) as? [String: [String]])
        return values.mapValues(Set.init)
    }

    private static let shared = Result<DemoState, any Error> {
        let root = try Python.temporaryDirectory()
        let lake = root.appendingPathComponent("lake"), state = root.appendingPathComponent("state")
        for arguments in [["scan", lake.path, "--demo", "--catalog", state.path], ["embed", "--catalog", state.path]] {
            let result = try SluiceCLI.run(arguments)
            guard result.status == 0 else { throw SearchCLITests.SetupFailed(command: arguments[0], stderr: result.stderr) }
        }
        return DemoState(lake: lake, state: state)
    }
}

/// The PII columns of the demo lake, as `../shared/spec/demo-lake.md` marks them (**PII**).
enum DemoPII {
    /// The text PII columns (`clients.legal_name`, `accounts.account_number`, …). Dates of birth
    /// are left out: a raw date can equal another date column's value by chance.
    static func columns() throws -> [String] {
        let text = try String(contentsOf: Python.sharedRoot.appendingPathComponent("spec/demo-lake.md"), encoding: .utf8)
        var columns: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") && line.contains("**PII**") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            // "legal_name string **PII**, short_name string **PII**, …": the word before the type of each PII entry.
            for entry in cells[3].components(separatedBy: ", ") where entry.contains("**PII**") {
                let words = entry.split(separator: " ")
                if words.count >= 2, words[1] == "string" { columns.append("\(cells[0]).\(words[0])") }
            }
        }
        return columns
    }

    /// Cells of a JSON sample (`{"columns": […], "rows": [[…]]}`) that equal a raw value, or
    /// contain one of 4 characters or more (a raw value inside other text): `column: "cell"`.
    static func rawCells(in sample: [String: Any], raw: Set<String>) -> [String] {
        let columns = sample["columns"] as? [String] ?? []
        let rows = sample["rows"] as? [[Any]] ?? []
        let searchable = raw.filter { $0.count >= 4 }
        var found: [String] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                guard let text = cell as? String else { continue }
                if raw.contains(text) || searchable.contains(where: { text.contains($0) }) {
                    found.append("\(index < columns.count ? columns[index] : "?"): \(String(reflecting: text))")
                }
            }
        }
        return found
    }
}
