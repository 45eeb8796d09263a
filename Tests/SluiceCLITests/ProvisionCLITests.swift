import Foundation
import SluiceTestSupport
import Testing

/// `sluice provision` end to end through the executable, on a copy of the scanned demo state.
///
/// Expected values are independent of Sluice: levels and the PII privilege come from the
/// governance rules, raw values and sums from the lake's Parquet files read with pyarrow, and
/// what the warehouse holds from its SQLite files read with Python's sqlite3.
@Suite struct ProvisionCLITests {
    @Test func aYAMLSpecFileBuildsAMaskedMartForABIAnalyst() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let spec = try TestSpecs.file("client_exposure.yaml", TestSpecs.clientExposureYAML)
        let output = try demo.json(["provision", spec, "--as", "maria.chen", "--role", "bi_analyst", "--sample", "200"])

        let compiled = try #require(output["compiled"] as? [String: Any])
        #expect(compiled["classification"] as? String == "internal", "positions, accounts and clients are internal")
        #expect(compiled["grants"] as? [String] == ["bi_analyst", "risk_manager", "compliance_officer"])
        #expect(compiled["sees_pii_in_clear"] as? Bool == false)
        #expect(compiled["masking"] as? [String: String] == ["legal_name": "mask_name", "account_number": "mask_account"])
        #expect((compiled["sql"] as? String)?.contains("mask_name(") == true)

        let outcome = try #require(output["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "succeeded")
        #expect(outcome["mart"] as? String == "dm_client_exposure")
        #expect(outcome["version"] as? Int == 1)
        #expect(outcome["audit_sequence"] as? Int == 1)
        let timings = try #require(output["timings_ms"] as? [String: Double])
        for step in ["compile", "stage", "build", "grant", "cleanup", "total"] { #expect(timings[step] != nil, "timing \(step)") }

        // Every account of the lake holds positions, so the mart has one row per account at
        // the latest date; the sample (200 rows) holds them all.
        let sample = try #require(output["sample"] as? [String: Any])
        let columns = try #require(sample["columns"] as? [String])
        #expect(columns == ["client_id", "legal_name", "account_number", "segment", "market_value", "positions"])
        let rows = try #require(sample["rows"] as? [[Any]])
        #expect(rows.count == outcome["row_count"] as? Int)
        #expect(sample["truncated"] as? Bool == false)

        // No raw name or account number reaches the mart; every one is masked as the rules say.
        let raw = try demo.rawValues(["clients.legal_name", "accounts.account_number"])
        #expect(DemoPII.rawCells(in: sample, raw: raw.values.reduce(into: Set()) { $0.formUnion($1) }).isEmpty)
        let maskedNames = Set(try #require(raw["clients.legal_name"]).map(Self.maskName))
        let maskedAccounts = Set(try #require(raw["accounts.account_number"]).map { String($0.prefix(4)) + String(repeating: "*", count: $0.count - 4) })
        for row in rows {
            #expect(maskedNames.contains(row[1] as? String ?? ""), "legal_name \(row[1])")
            #expect(maskedAccounts.contains(row[2] as? String ?? ""), "account_number \(row[2])")
        }

        // The total market value is the lake's, summed by pyarrow over the latest date.
        let expected = try Python.run("""
            import sys, pyarrow.parquet as pq, pyarrow.compute as pc
            t = pq.read_table(sys.argv[1] + "/positions.parquet", columns=["as_of_date", "market_value"])
            latest = pc.max(t["as_of_date"])
            print(pc.sum(pc.filter(t["market_value"], pc.equal(t["as_of_date"], latest))).as_py())
            """, arguments: [demo.lake.path])
        let lakeTotal = try #require(Double(String(decoding: expected, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        let martTotal = rows.compactMap { $0[4] as? Double }.reduce(0, +)
        #expect(abs(martTotal - lakeTotal) <= 1e-6 * max(1, abs(lakeTotal)), "mart \(martTotal), lake \(lakeTotal)")

        let tables = try demo.warehouseTables()
        #expect(tables.staging.isEmpty, "staging is cleaned up: \(tables.staging)")
        #expect(tables.marts == ["dm_client_exposure"])
    }

    /// `mask_name` as the governance rules state it, written out here.
    static func maskName(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .map { word in word.isEmpty ? "" : String(word.first!) + String(repeating: "*", count: word.count - 1) }
            .joined(separator: " ")
    }

    @Test func aSpecOnStandardInputIsReadAndTheHumanOutputShowsEveryStep() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let result = try demo.run(["provision", "-", "--as", "thomas.weber", "--role", "risk_manager"], stdin: Data(TestSpecs.limitWatchJSON.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        for expected in ["Asked by thomas.weber as risk_manager", "Spec     data_mart.dm_limit_watch", "Compile  classification confidential",
                         "granted to risk_manager, compliance_officer", "masked for risk_manager: legal_name → mask_name",
                         "SQL (sqlite):", "Stage    ", "risk_limits", "Build    ", "Grant    ", "Cleanup  ",
                         "Done     data_mart.dm_limit_watch version 1", "grant risk_manager: SELECT on data_mart.dm_limit_watch",
                         "Audit    entry 1 (succeeded)", "as risk_manager sees them"] {
            #expect(result.stdout.contains(expected), "missing \(String(reflecting: expected)) in:\n\(result.stdout)")
        }
        let marts = try demo.jsonArray(["marts", "list"])
        #expect(marts.map { $0["name"] as? String } == ["dm_limit_watch"])
        #expect(marts.first?["classification"] as? String == "confidential")
    }

    @Test func aDryRunMovesNothingAndAuditsNothing() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let spec = try TestSpecs.file("client_exposure.yml", TestSpecs.clientExposureYAML)
        let output = try demo.json(["provision", spec, "--as", "maria.chen", "--role", "bi_analyst", "--dry-run"])
        #expect(output["dry_run"] as? Bool == true)
        let compiled = try #require(output["compiled"] as? [String: Any])
        #expect((compiled["sql"] as? String)?.hasPrefix("SELECT") == true)
        #expect(compiled["masking"] as? [String: String] == ["legal_name": "mask_name", "account_number": "mask_account"])
        let outcome = try #require(output["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "succeeded")
        #expect(outcome["audit_sequence"] == nil)
        #expect(output["sample"] == nil)

        // A dry run the policy refuses is not audited either, and exits 3 like a real refusal.
        let refused = try demo.run(["provision", "-", "--as", "maria.chen", "--role", "bi_analyst", "--dry-run"], stdin: Data(TestSpecs.amlAlertsJSON.utf8))
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")

        #expect(try demo.jsonArray(["audit", "list"]).isEmpty)
        #expect(try demo.jsonArray(["marts", "list"]).isEmpty)
        let tables = try demo.warehouseTables()
        #expect(tables.staging.isEmpty && tables.marts.isEmpty, "\(tables)")
    }

    @Test func restrictedDataIsRefusedBelowComplianceAndGivenInClearToIt() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let refused = try demo.json(["provision", "-", "--as", "maria.chen", "--role", "bi_analyst"], status: 3, stdin: Data(TestSpecs.amlAlertsJSON.utf8))
        let outcome = try #require(refused["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "refused")
        #expect(outcome["classification"] as? String == "restricted")
        let reason = try #require(outcome["error"] as? String)
        #expect(reason.contains("bi_analyst") && reason.contains("restricted") && reason.contains("aml_alerts"), "\(reason)")
        #expect(refused["compiled"] == nil && refused["sample"] == nil)
        #expect(try demo.warehouseTables().marts.isEmpty)

        let audit = try demo.jsonArray(["audit", "list"])
        #expect(audit.map { $0["status"] as? String } == ["refused"])
        #expect(audit.first?["error"] as? String == reason)
        #expect(try demo.jsonArray(["marts", "list"]).isEmpty)

        // The compliance officer holds the PII privilege: the same spec, raw names.
        let granted = try demo.json(["provision", "-", "--as", "sophie.martin", "--role", "compliance_officer", "--sample", "100"],
                                    stdin: Data(TestSpecs.amlAlertsJSON.utf8))
        let compiled = try #require(granted["compiled"] as? [String: Any])
        #expect(compiled["classification"] as? String == "restricted")
        #expect(compiled["grants"] as? [String] == ["compliance_officer"])
        #expect((compiled["masking"] as? [String: String])?.isEmpty == true)
        let sample = try #require(granted["sample"] as? [String: Any])
        let raw = try demo.rawValues(["clients.legal_name", "aml_alerts.assigned_to"])
        let rows = try #require(sample["rows"] as? [[Any]])
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(raw["clients.legal_name"]?.contains(row[1] as? String ?? "") == true, "legal_name \(row[1]) is the lake's")
            #expect(raw["aml_alerts.assigned_to"]?.contains(row[3] as? String ?? "") == true, "assigned_to \(row[3]) is the lake's")
        }
        #expect(try demo.jsonArray(["audit", "list"]).map { $0["status"] as? String } == ["refused", "succeeded"])
    }

    @Test func specProblemsNameTheFileAndTheField() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let wrongExtension = try TestSpecs.file("spec.txt", TestSpecs.limitWatchJSON)
        let refused = try demo.run(["provision", wrongExtension, "--as", "thomas.weber", "--role", "risk_manager"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("spec.txt") && refused.stderr.contains(".json, .yaml or .yml"), "\(refused.stderr)")

        // A column the catalog lacks fails the compile step: audited as failed, naming the column.
        let misspelt = TestSpecs.limitWatchJSON.replacingOccurrences(of: "\"r.limit_type\"", with: "\"r.limit_kind\"")
        let failed = try demo.json(["provision", "-", "--as", "thomas.weber", "--role", "risk_manager"], status: 1, stdin: Data(misspelt.utf8))
        let outcome = try #require(failed["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "failed")
        #expect(outcome["failed_step"] as? String == "compile")
        let error = try #require(outcome["error"] as? String)
        #expect(error.contains("limit_kind") && error.contains("dimensions[2]"), "\(error)")
        #expect(try demo.jsonArray(["audit", "list"]).map { $0["status"] as? String } == ["failed"])

        let missing = try demo.run(["provision", "--as", "thomas.weber", "--role", "risk_manager"])
        #expect(missing.status != 0 && missing.stderr.contains("give a spec file"), "\(missing.stderr)")
        let badRole = try demo.run(["provision", "-", "--as", "thomas.weber", "--role", "trader"])
        #expect(badRole.status != 0 && badRole.stderr.contains("bi_analyst"), "\(badRole.stderr)")
    }

    @Test func theSchemaIsTheShippedJSONSchema() throws {
        let result = try SluiceCLI.run(["provision", "--schema"])
        #expect(result.status == 0, "\(result.stderr)")
        let schema = try #require(try result.json() as? [String: Any])
        #expect((schema["$schema"] as? String)?.contains("2020-12") == true)
        let properties = try #require(schema["properties"] as? [String: Any])
        for key in ["name", "sources", "joins", "dimensions", "measures", "filter", "order", "limit", "indexes"] {
            #expect(properties[key] != nil, "the schema documents \(key)")
        }
    }
}
