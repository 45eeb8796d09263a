import Foundation
import SluiceTestSupport
import Testing

/// `sluice marts list/show/drop` and `sluice query` on marts built by `sluice provision`.
/// File sizes come from the file system, row counts and values from the mart file read with
/// Python's sqlite3, never from Sluice's own account of them.
@Suite struct MartsCLITests {
    @Test func showListsVersionsAndLineageAndDropKeepsTheHistory() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let spec = try TestSpecs.file("client_exposure.yaml", TestSpecs.clientExposureYAML)
        for _ in 0..<2 {
            _ = try demo.json(["provision", spec, "--as", "maria.chen", "--role", "bi_analyst", "--sample", "0"])
        }

        let current = try demo.jsonArray(["marts", "list"])
        #expect(current.count == 1)
        #expect(current.first?["name"] as? String == "dm_client_exposure" && current.first?["version"] as? Int == 2)

        let shown = try demo.json(["marts", "show", "client_exposure"])
        let versions = try #require(shown["versions"] as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [1, 2])
        #expect(versions.map { $0["is_current"] as? Bool } == [false, true])
        let latest = try #require(versions.last)
        #expect(latest["requester"] as? String == "maria.chen" && latest["role"] as? String == "bi_analyst")
        #expect(latest["classification"] as? String == "internal")
        #expect(latest["grants"] as? [String] == ["bi_analyst", "risk_manager", "compliance_officer"])
        #expect(latest["masking"] as? [String: String] == ["legal_name": "mask_name", "account_number": "mask_account"])

        let lineage = try #require(latest["lineage"] as? [String: Any])
        let sources = try #require(lineage["sources"] as? [[String: Any]])
        #expect(Set(sources.compactMap { $0["table"] as? String }) == ["positions", "accounts", "clients"])
        for source in sources {
            let table = try #require(source["table"] as? String)
            let file = demo.lake.appendingPathComponent("\(table).parquet")
            #expect((source["uri"] as? String)?.hasSuffix("/\(table).parquet") == true, "\(source)")
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
            #expect(source["size"] as? Int == size, "\(table): the lake object's size")
            #expect((source["content_hash"] as? String)?.isEmpty == false)
        }
        let columns = try #require(lineage["columns"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: columns.compactMap { column in (column["output_column"] as? String).map { ($0, column) } })
        #expect(byName["legal_name"]?["source_columns"] as? [String] == ["clients.legal_name"])
        #expect(byName["legal_name"]?["masking"] as? String == "mask_name")
        #expect(byName["market_value"]?["source_columns"] as? [String] == ["positions.market_value"])
        #expect(byName["market_value"]?["masking"] == nil)

        let text = try demo.run(["marts", "show", "dm_client_exposure"])
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["data_mart.dm_client_exposure", "superseded", "current", "Version 2 (current)", "granted to     bi_analyst, risk_manager, compliance_officer",
                         "Lineage: lake objects read", "positions.parquet", "Lineage: output columns", "mask_name", "Spec", "SQL", "CREATE TABLE"] {
            #expect(text.stdout.contains(expected), "missing \(String(reflecting: expected)) in:\n\(text.stdout)")
        }

        let dropped = try demo.run(["marts", "drop", "dm_client_exposure"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(dropped.stdout.contains("dropped data_mart.dm_client_exposure"))
        #expect(try demo.jsonArray(["marts", "list"]).isEmpty)
        #expect(try demo.warehouseTables().marts.isEmpty)
        let history = try #require(try demo.json(["marts", "show", "client_exposure"])["versions"] as? [[String: Any]])
        #expect(history.count == 2 && history.last?["dropped_at"] is String && history.last?["is_current"] as? Bool == false)

        let again = try demo.run(["marts", "drop", "dm_client_exposure"])
        #expect(again.status == 1 && again.stderr.contains("no published mart dm_client_exposure"), "\(again.stderr)")
        let never = try demo.run(["marts", "show", "nothing_here"])
        #expect(never.status == 1 && never.stderr.contains("no mart nothing_here was ever published"), "\(never.stderr)")
    }

    @Test func queryReadsWhatTheRoleIsGrantedAndNothingElse() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        _ = try demo.json(["provision", "-", "--as", "thomas.weber", "--role", "risk_manager", "--sample", "0"], stdin: Data(TestSpecs.limitWatchJSON.utf8))
        let exposure = try TestSpecs.file("client_exposure.yaml", TestSpecs.clientExposureYAML)
        _ = try demo.json(["provision", exposure, "--as", "maria.chen", "--role", "bi_analyst", "--sample", "0"])

        // The row count as Python's sqlite3 reads the mart file.
        let counted = try Python.run("""
            import sqlite3, sys
            print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM "dm_limit_watch"').fetchone()[0])
            """, arguments: [demo.state.appendingPathComponent("data_mart.sqlite").path])
        let expected = try #require(Int(String(decoding: counted, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(expected > 0, "some risk limits sit above 80% utilisation")

        let allowed = try demo.json(["query", "SELECT count(*) AS n, min(utilization_pct) AS low FROM data_mart.dm_limit_watch", "--role", "risk_manager"])
        #expect(allowed["columns"] as? [String] == ["n", "low"])
        let row = try #require((allowed["rows"] as? [[Any]])?.first)
        #expect(row[0] as? Int == expected)
        #expect((row[1] as? Double).map { $0 >= 80 } == true)

        let limited = try demo.json(["query", "SELECT limit_id FROM data_mart.dm_limit_watch ORDER BY limit_id", "--role", "compliance_officer", "--limit", "2"])
        #expect((limited["rows"] as? [[Any]])?.count == min(2, expected))
        #expect(limited["truncated"] as? Bool == (expected > 2))

        let text = try demo.run(["query", "SELECT segment, count(*) AS accounts FROM data_mart.dm_client_exposure GROUP BY segment ORDER BY segment", "--role", "bi_analyst"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("segment") && text.stdout.contains(" rows\n"), "\(text.stdout)")

        // A bi_analyst is not granted the confidential mart; nobody reads staging or governance; nothing writes.
        for (sql, role, mentions) in [("SELECT * FROM data_mart.dm_limit_watch", "bi_analyst", "dm_limit_watch"),
                                      ("SELECT * FROM governance.provisioning_audit", "compliance_officer", "governance"),
                                      ("DELETE FROM data_mart.dm_client_exposure", "compliance_officer", "read-only")] {
            let refused = try demo.run(["query", sql, "--role", role])
            #expect(refused.status == 1, "\(sql) as \(role) must be refused: \(refused.stdout)")
            #expect(refused.stderr.hasPrefix("error: ") && refused.stderr.contains(mentions), "\(sql): \(refused.stderr)")
        }
    }
}
