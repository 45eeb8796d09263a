import Foundation
import SluiceTestSupport
import Testing

/// `sluice search`, `feedback` and `embed` end to end on the demo lake, through the executable.
///
/// Expected values come from `../shared/spec/demo-lake.md` and `spec/governance.md`: the
/// scenario questions, the KPI pattern ids and tables, the classification of each table
/// and who may read each level.
@Suite struct SearchCLITests {
    /// A fresh state folder holding the demo lake's catalog, made as a user would make it
    /// (`--catalog DIR` arguments for the commands); `embedded` also runs `sluice embed`.
    static func scannedDemo(embedded: Bool = false) throws -> [String] {
        let root = try Python.temporaryDirectory()
        let state = root.appendingPathComponent("state").path
        let scan = try SluiceCLI.run(["scan", root.appendingPathComponent("lake").path, "--demo", "--catalog", state])
        guard scan.status == 0 else { throw SetupFailed(command: "scan --demo", stderr: scan.stderr) }
        if embedded {
            let embed = try SluiceCLI.run(["embed", "--catalog", state])
            guard embed.status == 0 else { throw SetupFailed(command: "embed", stderr: embed.stderr) }
        }
        return ["--catalog", state]
    }

    struct SetupFailed: Error, CustomStringConvertible {
        var command: String
        var stderr: String
        var description: String { "sluice \(command) failed: \(stderr)" }
    }

    /// One embedded demo shared by the tests that only add searches and runs to it: embedded
    /// up front, so the tests' processes start from the same complete state.
    static let shared = Result { try scannedDemo(embedded: true) }

    static func search(_ arguments: [String], catalog: [String]) throws -> [String: Any] {
        let result = try SluiceCLI.run(["search"] + arguments + ["--json"] + catalog)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try result.json() as? [String: Any])
    }

    @Test func portfolioExposureForABIAnalyst() throws {
        let response = try Self.search(["Show me portfolio exposure by sector and client segment", "--as", "maria.chen",
                                        "--role", "bi_analyst"], catalog: Self.shared.get())
        let recommendation = try #require(response["recommendation"] as? [String: Any])
        #expect(recommendation["answerable"] as? Bool == true)
        let kpi = try #require(recommendation["kpi"] as? [String: Any])
        #expect(kpi["id"] as? String == "portfolio_exposure")
        let tables = try #require(recommendation["tables"] as? [[String: Any]])
        let selected = Set(tables.filter { $0["selected"] as? Bool == true }.compactMap { $0["name"] as? String })
        #expect(selected == ["positions", "accounts", "clients", "instruments"])
        let plan = try #require(recommendation["join_plan"] as? [String: Any])
        #expect(Set(plan["tables"] as? [String] ?? []) == selected)
        #expect((plan["joins"] as? [Any])?.count == 3, "four tables join as a tree of three joins")

        let governance = try #require(recommendation["governance"] as? [String: Any])
        #expect(governance["highest_classification"] as? String == "internal")
        #expect(governance["roles_allowed"] as? [String] == ["bi_analyst", "risk_manager", "compliance_officer"])
        let requester = try #require(governance["requester"] as? [String: Any])
        #expect(requester["user"] as? String == "maria.chen")
        #expect(requester["may_read"] as? Bool == true)
        #expect(requester["sees_pii_in_clear"] as? Bool == false)
        let pii = try #require(governance["pii_columns"] as? [[String: Any]])
        #expect(pii.allSatisfy { $0["masking_rule"] is String }, "every PII column involved has a masking rule: \(pii)")

        #expect(response["search_id"] is Int)
        let timings = try #require(response["timings"] as? [String: Any])
        for key in ["embed_ms", "search_ms", "reasoning_ms", "total_ms"] { #expect(timings[key] is Double, "\(key)") }
    }

    @Test func theHumanOutputShowsThePlanKPIGovernanceAndHowToGiveFeedback() throws {
        let result = try SluiceCLI.run(["search", "Show me portfolio exposure by sector and client segment", "--as", "maria.chen",
                                        "--role", "bi_analyst"] + Self.shared.get())
        #expect(result.status == 0, "\(result.stderr)")
        for expected in ["Tables", "Join plan", "KPI pattern: portfolio_exposure", "SQL template", "Highest classification: internal",
                         "Roles allowed to read the result: bi_analyst, risk_manager, compliance_officer",
                         "maria.chen (bi_analyst): may read", "Timings: embed", "sluice feedback"] {
            #expect(result.stdout.contains(expected), "missing \(expected) in:\n\(result.stdout)")
        }
    }

    @Test func anAMLInvestigationIsNotForABIAnalyst() throws {
        let response = try Self.search(["AML investigation: open alerts with client details and flagged orders", "--as", "maria.chen",
                                        "--role", "bi_analyst"], catalog: Self.shared.get())
        let recommendation = try #require(response["recommendation"] as? [String: Any])
        #expect((recommendation["kpi"] as? [String: Any])?["id"] as? String == "aml_investigation")
        let governance = try #require(recommendation["governance"] as? [String: Any])
        #expect(governance["highest_classification"] as? String == "restricted")
        #expect(governance["roles_allowed"] as? [String] == ["compliance_officer"])
        let requester = try #require(governance["requester"] as? [String: Any])
        #expect(requester["may_read"] as? Bool == false)
    }

    @Test func aQuestionTheLakeCannotAnswerGetsNoGuess() throws {
        let question = "weather forecast for Zurich tomorrow"
        let response = try Self.search([question], catalog: Self.shared.get())
        let recommendation = try #require(response["recommendation"] as? [String: Any])
        #expect(recommendation["answerable"] as? Bool == false)
        #expect((recommendation["tables"] as? [Any])?.isEmpty == true)
        #expect(recommendation["kpi"] == nil || recommendation["kpi"] is NSNull)
        let message = try #require(recommendation["message"] as? String)
        #expect(!message.isEmpty)

        let human = try SluiceCLI.run(["search", question] + Self.shared.get())
        #expect(human.status == 0)
        #expect(human.stdout.contains(message))
        #expect(!human.stdout.contains("Join plan"))
    }

    @Test func historyListsSearchesAndFeedbackRatesTheirResults() throws {
        let catalog = try Self.shared.get()
        let question = "Commission by broker, history test"
        let response = try Self.search([question, "--as", "thomas.weber"], catalog: catalog)
        let id = try #require(response["search_id"] as? Int)

        let history = try SluiceCLI.run(["search", "--history", "--limit", "50", "--json"] + catalog)
        #expect(history.status == 0, "\(history.stderr)")
        let rows = try #require(try history.json() as? [[String: Any]])
        let row = try #require(rows.first { $0["id"] as? Int == id })
        #expect(row["question"] as? String == question)
        #expect(row["requester"] as? String == "thomas.weber")
        let listing = try SluiceCLI.run(["search", "--history"] + catalog)
        #expect(listing.stdout.contains(question))

        let up = try SluiceCLI.run(["feedback", String(id), "kpi:commission_by_broker", "--up", "--comment", "right pattern",
                                    "--as", "thomas.weber", "--json"] + catalog)
        #expect(up.status == 0, "\(up.stderr)")
        let recorded = try #require(try up.json() as? [String: Any])
        #expect(recorded["search_id"] as? Int == id)
        #expect(recorded["item_kind"] as? String == "kpi" && recorded["item_key"] as? String == "commission_by_broker")
        #expect(recorded["rating"] as? String == "up")
        let down = try SluiceCLI.run(["feedback", String(id), "orders.side", "--down"] + catalog)
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.stdout.contains("column:orders.side"))

        let unknown = try SluiceCLI.run(["feedback", "999999", "orders", "--up"] + catalog)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("999999"))
        let noSuchItem = try SluiceCLI.run(["feedback", String(id), "orders.sid", "--up"] + catalog)
        #expect(noSuchItem.status == 1 && noSuchItem.stderr.contains("orders.sid"))
        let noRating = try SluiceCLI.run(["feedback", String(id), "orders"] + catalog)
        #expect(noRating.status != 0)
    }

    @Test func embedTwiceFindsNothingLeftTheSecondTime() throws {
        let catalog = try Self.scannedDemo()
        let first = try SluiceCLI.run(["embed", "--json"] + catalog)
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try #require(try first.json() as? [String: Any])
        // 14 tables, their 132 columns, 16 relationships, 10 KPI patterns.
        #expect(summary["missing"] as? Int == 14 + 132 + 16 + 10)
        #expect((summary["model"] as? [String: Any])?["id"] as? String == "sluice-hashed-ngram")

        let second = try SluiceCLI.run(["embed", "--json"] + catalog)
        let again = try #require(try second.json() as? [String: Any])
        #expect(again["stale"] as? Int == 0)
        #expect(again["missing"] as? Int == 0)
        #expect(again["unchanged"] as? Int == 14 + 132 + 16 + 10)
        let human = try SluiceCLI.run(["embed"] + catalog)
        #expect(human.stdout.contains("0 stale, 0 missing"), "\(human.stdout)")
    }

    @Test func badInputGetsAClearError() throws {
        let catalog = try Self.shared.get()
        let role = try SluiceCLI.run(["search", "orders by side", "--role", "analyst"] + catalog)
        #expect(role.status == 1)
        #expect(role.stderr.contains("\"analyst\"") && role.stderr.contains("bi_analyst, risk_manager, compliance_officer"))

        let empty = try Python.temporaryDirectory().appendingPathComponent("state").path
        let nothing = try SluiceCLI.run(["search", "orders by side", "--catalog", empty])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("is empty: run `sluice scan` first"))

        let threshold = try SluiceCLI.run(["search", "orders", "--threshold", "1.5"] + catalog)
        #expect(threshold.status != 0 && threshold.stderr.contains("--threshold"))
        let noQuestion = try SluiceCLI.run(["search"] + catalog)
        #expect(noQuestion.status != 0)
    }
}
