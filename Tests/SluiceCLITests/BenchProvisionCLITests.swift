import Foundation
import SluiceTestSupport
import Testing

/// `sluice bench provision` at the smallest setting, through the executable: the JSON's
/// shape, timings whose parts fit in their total, and counts checked against the files the
/// bench left behind, as pyarrow and Python's sqlite3 read them.
@Suite struct BenchProvisionCLITests {
    /// What pyarrow and sqlite3 find in one scale's folder.
    struct Reference: Decodable {
        /// Table → rows, from the Parquet footers (part files summed).
        var tableRows: [String: Int]
        var parquetBytes: Int
        /// Rows of the mart table in `data_mart.sqlite`.
        var martRows: Int
        /// Entries in `governance.provisioning_audit`.
        var auditEntries: Int
        /// Tables left in the `lake` staging file, its schema bookkeeping (`sluice_…`) aside.
        var stagingTables: [String]
    }

    static let referenceScript = """
        import json, os, sqlite3, sys
        import pyarrow.parquet as pq
        lake, state, mart = sys.argv[1], sys.argv[2], sys.argv[3]
        rows, size = {}, 0
        for folder, _, files in os.walk(lake):
            for name in files:
                if not name.endswith(".parquet"):
                    continue
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, lake)
                table = relative.split(os.sep)[0].removesuffix(".parquet")
                rows[table] = rows.get(table, 0) + pq.read_metadata(path).num_rows
                size += os.path.getsize(path)
        def read(file, sql):
            with sqlite3.connect(f"file:{os.path.join(state, file)}?mode=ro", uri=True) as db:
                return db.execute(sql).fetchall()
        print(json.dumps({
            "tableRows": rows, "parquetBytes": size,
            "martRows": read("data_mart.sqlite", f'SELECT count(*) FROM "{mart}"')[0][0],
            "auditEntries": read("governance.sqlite", "SELECT count(*) FROM provisioning_audit")[0][0],
            "stagingTables": [r[0] for r in read("lake.sqlite", "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sluice_'")],
        }))
        """

    /// The tables `../shared/spec/demo-lake.md` lists for the `portfolio_exposure` KPI pattern,
    /// the pattern scenario 1 asks for.
    static func exposureTables() throws -> [String] {
        let text = try String(contentsOf: Python.sharedRoot.appendingPathComponent("spec/demo-lake.md"), encoding: .utf8)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| portfolio_exposure |") })
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        return try #require(cells.last).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func oneRunAtScaleOneReportsEveryStepWithinItsTotal() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SluiceCLI.run(["bench", "provision", "--scales", "1", "--runs", "1", "--json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        for line in ["generating the demo lake", "scanning", "run 1 of 1"] {
            #expect(result.stderr.contains(line), "progress lacks \"\(line)\": \(result.stderr)")
        }

        let report = try #require(try result.json() as? [String: Any])
        #expect(report["question"] as? String == "Show me portfolio exposure by sector and client segment")
        #expect(report["requester"] as? String == "maria.chen")
        #expect(report["role"] as? String == "bi_analyst")
        #expect(report["runs"] as? Int == 1)
        let scales = try #require(report["scales"] as? [[String: Any]])
        #expect(scales.count == 1)
        let scale = try #require(scales.first)
        #expect(scale["scale"] as? Int == 1)
        for key in ["generate_ms", "scan_ms", "embed_ms"] {
            #expect((scale[key] as? Double).map { $0 > 0 } == true, "\(key): \(scale[key] ?? "absent")")
        }

        // The steps of the median run: each measured, together within the run's wall time.
        let steps = ["search_ms", "plan_ms", "compile_ms", "stage_ms", "build_ms", "grant_ms", "cleanup_ms"]
        let median = try #require(scale["median"] as? [String: Any])
        #expect(Set(median.keys) == Set(steps + ["other_ms", "total_ms"]))
        let values = try steps.map { try #require(median[$0] as? Double, "\($0)") }
        for (step, value) in zip(steps, values) { #expect(value > 0, "\(step) is \(value)") }
        let total = try #require(median["total_ms"] as? Double)
        let other = try #require(median["other_ms"] as? Double)
        let parts = values.reduce(0, +)
        // Sums of doubles round: a nanosecond is far below anything measured.
        #expect(parts <= total + 1e-6, "steps add up to \(parts) ms, more than the total \(total) ms")
        #expect(other >= -1e-6 && abs(parts + other - total) < 1e-6)
        let runs = try #require(scale["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(NSDictionary(dictionary: try #require(runs.first?["timings"] as? [String: Any])).isEqual(to: median))

        // Counts against the files: the lake pyarrow reads, the mart and audit sqlite3 reads.
        let mart = try #require(scale["mart"] as? String)
        #expect(mart == "dm_portfolio_exposure")
        let work = folder.appendingPathComponent(".cache/bench/provision/scale-1")
        let output = try Python.run(Self.referenceScript, arguments: [
            work.appendingPathComponent("lake").path, work.appendingPathComponent(".sluice").path, mart,
        ])
        let reference = try JSONDecoder().decode(Reference.self, from: output)
        #expect(reference.tableRows.count == 14)
        #expect(scale["lake_rows"] as? Int == reference.tableRows.values.reduce(0, +))
        #expect(scale["lake_bytes"] as? Int == reference.parquetBytes)
        let staged = try Self.exposureTables().map { try #require(reference.tableRows[$0], "no \($0) in the lake") }.reduce(0, +)
        #expect(scale["rows_staged"] as? Int == staged)
        #expect(runs.first?["rows_staged"] as? Int == staged)
        #expect(scale["mart_rows"] as? Int == reference.martRows)
        #expect(reference.martRows > 0)
        #expect(reference.auditEntries == 1, "one ask, one audit entry")
        #expect(reference.stagingTables.isEmpty, "staging left behind: \(reference.stagingTables)")
        let stageMs = values[steps.firstIndex(of: "stage_ms")!]
        let rate = try #require(scale["rows_staged_per_second"] as? Double)
        #expect(abs(rate - Double(staged) / (stageMs / 1000)) <= 1e-9 * rate)
    }

    @Test func refusesAScaleThatIsNotAWholeNumberAboveZero() throws {
        for scales in ["0", "1,x", "1,,10"] {
            let result = try SluiceCLI.run(["bench", "provision", "--scales", scales, "--json"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("--scales"), "\(scales): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
