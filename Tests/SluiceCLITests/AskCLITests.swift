import Foundation
import SluiceTestSupport
import Testing

/// `sluice ask` end to end through the executable: the three demo scenarios of
/// `../shared/spec/demo-lake.md` (read from the spec's own table) as their requesters, a
/// refusal, and a dry run. Raw values come from the lake's Parquet files read with pyarrow.
@Suite struct AskCLITests {
    static func ask(_ scenario: DemoCLITests.Scenario, in demo: DemoState, extra: [String] = [], status: Int32 = 0) throws -> [String: Any] {
        try demo.json(["ask", scenario.question, "--as", scenario.requester, "--role", scenario.role, "--sample", "1000"] + extra, status: status)
    }

    @Test func theDemoScenariosAreBuiltWithTheSpecsClassificationAndPIIHandling() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let piiColumns = try DemoPII.columns()
        #expect(piiColumns.contains("clients.legal_name") && piiColumns.contains("accounts.account_number"))
        let raw = try demo.rawValues(piiColumns)
        let allRaw = raw.values.reduce(into: Set<String>()) { $0.formUnion($1) }

        for (number, scenario) in try DemoCLITests.specScenarios().enumerated() {
            let output = try Self.ask(scenario, in: demo)
            let context = "scenario \(number + 1) (\(scenario.requester))"
            let recommendation = try #require(output["recommendation"] as? [String: Any])
            #expect(recommendation["answerable"] as? Bool == true, "\(context)")
            #expect(output["plan"] is [String: Any], "\(context)")
            let compiled = try #require(output["compiled"] as? [String: Any], "\(context): \(output["outcome"] ?? "")")
            #expect(compiled["classification"] as? String == scenario.classification, "\(context)")
            let outcome = try #require(output["outcome"] as? [String: Any])
            #expect(outcome["status"] as? String == "succeeded", "\(context): \(outcome["error"] ?? "")")
            #expect(outcome["audit_sequence"] as? Int == number + 1, "\(context)")
            let timings = try #require(output["timings_ms"] as? [String: Double])
            for step in ["search", "plan", "compile", "stage", "build", "grant", "cleanup", "total"] { #expect(timings[step] != nil, "\(context): \(step)") }

            // The output columns computed from a PII column of the lake.
            let outputs = try #require(compiled["output_columns"] as? [[String: Any]])
            let piiOutputs = outputs.filter { column in (column["source_columns"] as? [String] ?? []).contains(where: piiColumns.contains) }
                .compactMap { $0["name"] as? String }
            let masking = try #require(compiled["masking"] as? [String: String])
            let sample = try #require(output["sample"] as? [String: Any], "\(context)")
            let rawCells = DemoPII.rawCells(in: sample, raw: allRaw)
            if scenario.pii == "clear" {
                #expect(compiled["sees_pii_in_clear"] as? Bool == true, "\(context)")
                #expect(masking.isEmpty, "\(context): \(masking)")
                #expect(!piiOutputs.isEmpty, "\(context): the mart shows client details")
                #expect(!rawCells.isEmpty, "\(context): the PII privilege shows the lake's raw values")
            } else {
                #expect(compiled["sees_pii_in_clear"] as? Bool == false, "\(context)")
                #expect(Set(piiOutputs).isSubset(of: masking.keys), "\(context): every PII output is masked: \(piiOutputs) vs \(masking)")
                #expect(rawCells.isEmpty, "\(context): raw PII in the sample: \(rawCells.prefix(5))")
                let columns = sample["columns"] as? [String] ?? []
                for row in sample["rows"] as? [[Any]] ?? [] {
                    for (index, cell) in row.enumerated() where index < columns.count && masking[columns[index]]?.hasPrefix("mask_") == true {
                        guard let text = cell as? String else { continue }
                        #expect(text.contains("*"), "\(context): \(columns[index]) \(String(reflecting: text)) is not masked")
                    }
                }
            }
        }
        #expect(try demo.jsonArray(["audit", "list"]).map { $0["status"] as? String } == ["succeeded", "succeeded", "succeeded"])
        #expect(try demo.jsonArray(["marts", "list"]).count == 3)
        #expect(try demo.warehouseTables().staging.isEmpty)
    }

    @Test func aBIAnalystAskingForAMLAlertsIsRefusedAndAudited() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let question = "Show me the open AML alerts with client details"
        let output = try demo.json(["ask", question, "--as", "maria.chen", "--role", "bi_analyst"], status: 3)
        let outcome = try #require(output["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "refused")
        #expect(outcome["classification"] as? String == "restricted")
        let reason = try #require(outcome["error"] as? String)
        #expect(reason.contains("bi_analyst") && reason.contains("restricted"), "\(reason)")

        let audit = try demo.jsonArray(["audit", "list"])
        #expect(audit.count == 1)
        #expect(audit.first?["status"] as? String == "refused")
        #expect(audit.first?["question"] as? String == question)
        #expect(audit.first?["requester"] as? String == "maria.chen")
        #expect((audit.first?["search_results"] as? [String])?.contains("aml_alerts") == true)
        #expect(try demo.jsonArray(["marts", "list"]).isEmpty)
        let tables = try demo.warehouseTables()
        #expect(tables.marts.isEmpty && tables.staging.isEmpty, "\(tables)")

        let text = try demo.run(["ask", question, "--as", "maria.chen", "--role", "bi_analyst"])
        #expect(text.status == 3)
        #expect(text.stdout.contains("Refused  ") && text.stdout.contains("Audit    entry 2 (refused)"), "\(text.stdout)")
    }

    @Test func aDryRunShowsThePlanAndMovesNothing() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let scenario = try #require(try DemoCLITests.specScenarios().first)
        let output = try Self.ask(scenario, in: demo, extra: ["--dry-run"])
        #expect(output["dry_run"] as? Bool == true)
        let plan = try #require(output["plan"] as? [String: Any])
        #expect((plan["spec"] as? [String: Any])?["sources"] is [Any])
        let compiled = try #require(output["compiled"] as? [String: Any])
        #expect((compiled["sql"] as? String)?.hasPrefix("SELECT") == true)
        #expect(compiled["grants"] as? [String] == ["bi_analyst", "risk_manager", "compliance_officer"])
        #expect(output["sample"] == nil)
        #expect((output["outcome"] as? [String: Any])?["audit_sequence"] == nil)

        #expect(try demo.jsonArray(["audit", "list"]).isEmpty)
        #expect(try demo.jsonArray(["marts", "list"]).isEmpty)
        let tables = try demo.warehouseTables()
        #expect(tables.marts.isEmpty && tables.staging.isEmpty, "\(tables)")
        // The search itself is logged, as every search is.
        let history = try SluiceCLI.run(["search", "--history", "--json"] + demo.catalog)
        #expect((try history.json() as? [Any])?.count == 1)
    }

    @Test func theHumanOutputPrintsEveryStepThenTheSample() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let scenario = try #require(try DemoCLITests.specScenarios().dropFirst().first)
        let result = try demo.run(["ask", scenario.question, "--as", scenario.requester, "--role", scenario.role, "--sample", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let steps = ["Question: ", "Asked by \(scenario.requester) as \(scenario.role)", "Search   ", "Plan     ", "Compile  classification \(scenario.classification)",
                     "SQL (sqlite):", "Stage    ", "Build    ", "Grant    ", "Cleanup  ", "Done     data_mart.", "Audit    entry 1 (succeeded)",
                     "Sample: 3 of "]
        var position = result.stdout.startIndex
        for step in steps {
            let found = try #require(result.stdout.range(of: step, range: position..<result.stdout.endIndex), "\(String(reflecting: step)) in order in:\n\(result.stdout)")
            position = found.upperBound
        }
    }

    /// A chat model named in the settings plans the mart; its spec is compiled under the policy
    /// like any other, and each call is recorded in `rag_monitor.planner_calls`. A second
    /// answer that is not a spec falls back to the deterministic planner, saying why.
    @Test func aChatModelFromTheSettingsPlansAndEveryCallIsRecorded() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("answers.json")
        try JSONSerialization.data(withJSONObject: [["content": TestSpecs.limitWatchJSON], ["content": "the limits look fine to me"]]).write(to: script)
        let server = try Python.startTool("openai_chat_server.py", arguments: [
            "--log", folder.appendingPathComponent("requests.jsonl").path, "--script", script.path])
        defer { server.stop() }
        let settings = folder.appendingPathComponent("config.json")
        try Data(#"{"planner": {"provider": "openai", "url": "http://127.0.0.1:\#(server.readyLine)/v1", "model": "scripted-model"}}"#.utf8)
            .write(to: settings)
        let question = "Which clients are close to or above their risk limits?"
        let ask = ["ask", question, "--as", "thomas.weber", "--role", "risk_manager", "--config", settings.path]

        let planned = try demo.json(ask)
        let plan = try #require(planned["plan"] as? [String: Any])
        #expect(plan["source"] as? String == "llm:scripted-model")
        #expect((plan["spec"] as? [String: Any])?["name"] as? String == "limit_watch")
        let compiled = try #require(planned["compiled"] as? [String: Any])
        #expect(compiled["masking"] as? [String: String] == ["legal_name": "mask_name"], "the policy masks what the model chose to show")
        #expect((planned["outcome"] as? [String: Any])?["status"] as? String == "succeeded")

        let fallback = try demo.json(ask)
        let fallbackPlan = try #require(fallback["plan"] as? [String: Any])
        #expect((fallbackPlan["source"] as? String)?.hasPrefix("kpi:") == true, "\(fallbackPlan)")
        #expect(fallbackPlan["fallback_reason"] is String)

        // Python's sqlite3 reads what was recorded of the two calls.
        let calls = try Python.run("""
            import json, sqlite3, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT model, question, outcome FROM planner_calls ORDER BY call_id").fetchall()
            print(json.dumps(rows))
            """, arguments: [demo.state.appendingPathComponent("rag_monitor.sqlite").path])
        let recorded = try #require(try JSONSerialization.jsonObject(with: calls) as? [[String]])
        #expect(recorded == [["scripted-model", question, "accepted"], ["scripted-model", question, "rejected"]])
    }

    @Test func aQuestionTheCatalogCannotAnswerFailsAndIsAudited() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let question = "what will the weather be like tomorrow in the alps"
        let result = try demo.run(["ask", question, "--as", "maria.chen", "--role", "bi_analyst"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: plan failed: "), "\(result.stderr)")
        #expect(result.stdout.contains("Failed   plan failed: ") && result.stdout.contains("Audit    entry 1 (failed)"), "\(result.stdout)")
        let audit = try demo.jsonArray(["audit", "list"])
        #expect(audit.map { $0["status"] as? String } == ["failed"])
        #expect(audit.first?["question"] as? String == question)
        #expect(audit.first?["mart_spec"] == nil && (audit.first?["compiled_sql"] as? [Any])?.isEmpty == true)
        #expect(try demo.warehouseTables().marts.isEmpty)
    }

    @Test func anUnknownRoleOrAnLLMWithoutAModelIsAnErrorThatSaysWhatToGive() throws {
        let demo = try DemoState.fresh()
        defer { demo.remove() }
        let role = try demo.run(["ask", "exposure by sector", "--as", "maria.chen", "--role", "analyst"])
        #expect(role.status != 0 && role.stderr.contains("bi_analyst, risk_manager, compliance_officer"), "\(role.stderr)")
        let llm = try demo.run(["ask", "exposure by sector", "--as", "maria.chen", "--role", "bi_analyst", "--planner", "llm"])
        #expect(llm.status == 1 && llm.stderr.contains("SLUICE_PLANNER_URL"), "\(llm.stderr)")
        #expect(try demo.jsonArray(["audit", "list"]).isEmpty)
    }
}
