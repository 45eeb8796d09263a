import Foundation
import SluiceTestSupport
import Testing

/// `sluice audit list/show/verify` on a trail written by real requests, and on copies of it
/// tampered with through Python's sqlite3, as someone with write access to the file could.
/// The chain is recomputed by `Tests/tools/audit_chain_check.py`, independently of Sluice.
@Suite struct AuditCLITests {
    /// A state with three entries: a mart built (1), a refusal (2), a failure (3).
    static func trail() throws -> (demo: DemoState, requestIDs: [String]) {
        let demo = try DemoState.fresh()
        let exposure = try TestSpecs.file("client_exposure.yaml", TestSpecs.clientExposureYAML)
        let built = try demo.json(["provision", exposure, "--as", "maria.chen", "--role", "bi_analyst", "--sample", "0"])
        let refused = try demo.json(["provision", "-", "--as", "maria.chen", "--role", "bi_analyst"], status: 3,
                                    stdin: Data(TestSpecs.amlAlertsJSON.utf8))
        let misspelt = TestSpecs.limitWatchJSON.replacingOccurrences(of: "\"c.legal_name\"", with: "\"c.legal_nme\"")
        let failed = try demo.json(["provision", "-", "--as", "thomas.weber", "--role", "risk_manager"], status: 1, stdin: Data(misspelt.utf8))
        let ids = try [built, refused, failed].map { try #require($0["request_id"] as? String) }
        return (demo, ids)
    }

    /// The chain recomputed by Python: entries, first broken sequence, and the last entry's hash.
    static func pythonChain(_ demo: DemoState) throws -> (entries: Int, broken: Int?, lastHash: String?) {
        let governance = demo.state.appendingPathComponent("governance.sqlite").path
        let check = try #require(try JSONSerialization.jsonObject(with: Python.runTool("audit_chain_check.py", arguments: [governance])) as? [String: Any])
        let last = try Python.run("""
            import sqlite3, sys
            row = sqlite3.connect(sys.argv[1]).execute("SELECT entry_hash FROM provisioning_audit ORDER BY sequence DESC LIMIT 1").fetchone()
            print(row[0] if row else "")
            """, arguments: [governance])
        let hash = String(decoding: last, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (check["entries"] as? Int ?? -1, check["broken"] as? Int, hash.isEmpty ? nil : hash)
    }

    /// Runs SQL on `governance.sqlite` with Python's sqlite3, after dropping the append-only
    /// triggers as someone editing the file directly would.
    static func tamper(_ demo: DemoState, _ sql: String) throws {
        try Python.run("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER provisioning_audit_no_update")
            db.execute("DROP TRIGGER provisioning_audit_no_delete")
            db.execute(sys.argv[2])
            db.commit()
            """, arguments: [demo.state.appendingPathComponent("governance.sqlite").path, sql])
    }

    @Test func listShowsEveryRequestWithItsOutcome() throws {
        let (demo, ids) = try Self.trail()
        defer { demo.remove() }
        let entries = try demo.jsonArray(["audit", "list"])
        #expect(entries.map { $0["sequence"] as? Int } == [1, 2, 3])
        #expect(entries.map { $0["request_id"] as? String } == ids)
        #expect(entries.map { $0["status"] as? String } == ["succeeded", "refused", "failed"])
        #expect(entries.map { $0["requester"] as? String } == ["maria.chen", "maria.chen", "thomas.weber"])
        #expect(entries.map { $0["classification"] as? String } == ["internal", "restricted", nil])
        #expect(entries[0]["row_count"] is Int && entries[1]["row_count"] == nil)
        #expect(entries[0]["masking"] as? [String: String] == ["legal_name": "mask_name", "account_number": "mask_account"])
        #expect((entries[0]["grants"] as? [String])?.first == "bi_analyst: SELECT on data_mart.dm_client_exposure")
        #expect(entries[2]["error"].map { "\($0)".contains("legal_nme") } == true)

        let latest = try demo.jsonArray(["audit", "list", "--limit", "2"])
        #expect(latest.map { $0["sequence"] as? Int } == [2, 3])

        let text = try demo.run(["audit", "list"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 5, "a header, its rule and three entries:\n\(text.stdout)")
        #expect(lines[2].contains("succeeded") && lines[2].contains("dm_client_exposure"))
        #expect(lines[3].contains("refused") && lines[3].contains("restricted"))
    }

    @Test func showPrintsAnEntryInFullBySequenceOrRequestID() throws {
        let (demo, ids) = try Self.trail()
        defer { demo.remove() }
        let bySequence = try demo.json(["audit", "show", "1"])
        let byRequest = try demo.json(["audit", "show", ids[0]])
        let byPrefix = try demo.json(["audit", "show", String(ids[0].prefix(8))])
        #expect(bySequence["entry_hash"] as? String == byRequest["entry_hash"] as? String)
        #expect(byPrefix["sequence"] as? Int == 1)
        #expect(bySequence["previous_hash"] as? String == String(repeating: "0", count: 64))
        let spec = try #require(bySequence["mart_spec"] as? [String: Any], "the spec is embedded as JSON")
        #expect(spec["name"] as? String == "client_exposure")
        let sql = try #require(bySequence["compiled_sql"] as? [String])
        #expect(sql.first?.contains("CREATE TABLE") == true && sql.first?.contains("mask_account(") == true, "\(sql)")
        let timings = try #require(bySequence["timings_ms"] as? [String: Double])
        #expect(Set(timings.keys).isSuperset(of: ["compile", "stage", "build", "grant", "cleanup", "total"]))

        let text = try demo.run(["audit", "show", "2"])
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["Audit entry 2 of 3", "status         refused", "reason         ", "requester      maria.chen (bi_analyst)",
                         "classification restricted", "Mart spec", "\"aml_alerts\"", "Compiled SQL", "none (nothing was built)",
                         "previous hash  \(try #require(bySequence["entry_hash"] as? String))"] {
            #expect(text.stdout.contains(expected), "missing \(String(reflecting: expected)) in:\n\(text.stdout)")
        }

        let unknown = try demo.run(["audit", "show", "9"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no audit entry 9") && unknown.stderr.contains("from 1 to 3"), "\(unknown.stderr)")
        let short = try demo.run(["audit", "show", "abc"])
        #expect(short.status == 1 && short.stderr.contains("at least 8 characters"), "\(short.stderr)")
    }

    @Test func verifyReportsAnIntactChainWithItsLastHash() throws {
        let (demo, _) = try Self.trail()
        defer { demo.remove() }
        let python = try Self.pythonChain(demo)
        #expect(python.entries == 3 && python.broken == nil)
        let lastHash = try #require(python.lastHash)

        let text = try demo.run(["audit", "verify"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == "intact: 3 entries, last hash \(lastHash)\n")
        let json = try demo.json(["audit", "verify"])
        #expect(json["intact"] as? Bool == true && json["entries"] as? Int == 3 && json["last_hash"] as? String == lastHash)

        let empty = try DemoState.fresh()
        defer { empty.remove() }
        let none = try empty.run(["audit", "verify"])
        #expect(none.status == 0 && none.stdout.hasPrefix("intact: 0 entries"), "\(none.stdout)\(none.stderr)")
    }

    @Test func anEditedRecordBreaksTheChainAtItsEntry() throws {
        let (demo, _) = try Self.trail()
        defer { demo.remove() }
        // The refusal rewritten as a success, hashes left as they were.
        try Self.tamper(demo, "UPDATE provisioning_audit SET record = replace(record, '\"status\":\"refused\"', '\"status\":\"succeeded\"') WHERE sequence = 2")
        #expect(try Self.pythonChain(demo).broken == 2, "the independent check sees the edit too")

        let text = try demo.run(["audit", "verify"])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("broken at entry 2: entry 2 was changed after it was written"), "\(text.stdout)")
        let json = try demo.json(["audit", "verify"], status: 1)
        #expect(json["intact"] as? Bool == false && json["broken_sequence"] as? Int == 2)

        // The edited entry still shows, so the damage can be inspected.
        let shown = try demo.json(["audit", "show", "2"])
        #expect(shown["status"] as? String == "succeeded")
    }

    @Test func aRemovedOrRehashedEntryIsFound() throws {
        let (demo, _) = try Self.trail()
        defer { demo.remove() }
        try Self.tamper(demo, "DELETE FROM provisioning_audit WHERE sequence = 2")
        let removed = try demo.run(["audit", "verify"])
        #expect(removed.status == 1)
        #expect(removed.stdout.hasPrefix("broken at entry 3: entry 3 follows entry 1"), "\(removed.stdout)")

        // Someone who recomputes the edited entry's own hash still breaks the link to the next one.
        let (second, _) = try Self.trail()
        defer { second.remove() }
        try Python.run("""
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER provisioning_audit_no_update")
            previous, record = db.execute("SELECT previous_hash, replace(record, 'maria.chen', 'nobody') FROM provisioning_audit WHERE sequence = 1").fetchone()
            digest = hashlib.sha256(f"{previous}\\n1\\n{record}".encode()).hexdigest()
            db.execute("UPDATE provisioning_audit SET record = ?, requester = 'nobody', entry_hash = ? WHERE sequence = 1", (record, digest))
            db.commit()
            """, arguments: [second.state.appendingPathComponent("governance.sqlite").path])
        let rehashed = try second.run(["audit", "verify"])
        #expect(rehashed.status == 1)
        #expect(rehashed.stdout.hasPrefix("broken at entry 2: entry 2 does not link to the entry before it"), "\(rehashed.stdout)")
    }

    @Test func theDatabaseRefusesEditsWhileItsTriggersStand() throws {
        let (demo, _) = try Self.trail()
        defer { demo.remove() }
        #expect(throws: PythonError.self) {
            try Python.run("""
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                db.execute("UPDATE provisioning_audit SET status = 'succeeded' WHERE sequence = 2")
                db.commit()
                """, arguments: [demo.state.appendingPathComponent("governance.sqlite").path])
        }
        let text = try demo.run(["audit", "verify"])
        #expect(text.status == 0 && text.stdout.hasPrefix("intact: 3 entries"), "\(text.stdout)")
    }
}
