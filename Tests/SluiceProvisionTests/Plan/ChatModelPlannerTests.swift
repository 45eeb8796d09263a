import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceSearch
import SluiceTestSupport
import Testing

/// The chat planner against a scripted OpenAI-style server: what it sends, what it accepts,
/// and how each failure falls back to the deterministic plan, logged in `rag_monitor`.
@Suite("chat model planner")
struct ChatModelPlannerTests {
    static let model = "test-model"
    static let exposureQuestion = "Show me portfolio exposure by sector and client segment"

    /// A spec the deterministic planner would not make for the exposure question.
    static let currencySpec = #"""
        {"name": "exposure_by_currency", "sources": [{"table": "positions", "alias": "p"}],
         "dimensions": [{"column": "p.currency"}],
         "measures": [{"name": "market_value", "function": "sum", "column": "p.market_value"}],
         "filter": {"column": "p.as_of_date", "op": "is_latest"}, "order": [{"by": "currency"}]}
        """#

    /// Plans `question` with a planner pointed at `server`, logging its calls to a real
    /// `rag_monitor` file; returns the plan and the logged calls (newest first, as stored).
    private func plan(_ question: String, role: Role = .biAnalyst, server: ChatServer, apiKey: String? = "sk-test",
                      timeout: Double = 60) async throws -> (PlannedMart, [PlannerCallRecord]) {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let monitor = try SQLiteSearchMonitor(database: try SluiceDatabase(directory: folder.path, schemas: [.ragMonitor]))
        let planner = ChatModelPlanner(
            configuration: ChatPlannerConfiguration(url: server.baseURL, model: Self.model, apiKey: apiKey, timeoutSeconds: timeout),
            callLog: { record in
                do { try await monitor.logPlannerCall(record) } catch { Issue.record("logging the planner call failed: \(error)") }
            })
        let planned: PlannedMart
        do {
            planned = try await planner.plan(question: question, recommendation: try await DemoSearch.recommend(question, role: role),
                                             catalog: try await DemoLake.contents())
        } catch {
            try await planner.shutdown()
            throw error
        }
        try await planner.shutdown()
        return (planned, try await monitor.plannerCalls())
    }

    @Test("a valid answer is the plan: sent as a JSON-mode chat completion with the bearer key, resolved, logged as accepted")
    func validAnswerIsAccepted() async throws {
        let server = try ChatServer(answers: [["content": Self.currencySpec]], apiKey: "sk-test")
        defer { server.stop() }
        let (planned, calls) = try await plan(Self.exposureQuestion, server: server)

        #expect(planned.source == "llm:\(Self.model)")
        #expect(planned.spec == (try MartSpec.decode(Self.currencySpec)))
        #expect(planned.fallbackReason == nil)

        let requests = try server.requests()
        try #require(requests.count == 1)
        #expect(requests[0].path == "/v1/chat/completions")
        #expect(requests[0].status == 200)
        #expect(requests[0].authorization == "Bearer sk-test")
        let body = try requests[0].json()
        #expect(body["model"] as? String == Self.model)
        #expect((body["response_format"] as? [String: String]) == ["type": "json_object"])
        let contents = try requests[0].messageContents()
        #expect(contents.count == 2)
        #expect(contents[0].contains(MartSpec.jsonSchema))
        #expect(contents[1].contains(Self.exposureQuestion))
        // The catalog metadata: the KPI's tables, columns with types and masking, its template.
        for fragment in [#""name" : "positions""#, #""name" : "market_value""#, #""type" : "float64""#, #""masking_rule" : "mask_name""#,
                         #""id" : "portfolio_exposure""#, #""mart_template" : {"#, "positions.account_id = accounts.account_id"] {
            #expect(contents[1].contains(fragment), "\(fragment)")
        }

        try #require(calls.count == 1)
        #expect(calls[0].outcome == "accepted")
        #expect(calls[0].detail == nil)
        #expect(calls[0].endpoint == server.baseURL)
        #expect(calls[0].model == Self.model)
        #expect(calls[0].question == Self.exposureQuestion)
        // Counted here from the body the server received, not taken from the planner.
        #expect(calls[0].promptCharacters == contents.reduce(0) { $0 + $1.count })
        #expect(calls[0].responseCharacters > Self.currencySpec.count)
    }

    @Test("each failure falls back to the deterministic plan with its reason, logged with its outcome", arguments: [
        (["content": #"{"name": "exposure", "sources": [{"table": "positions"}"#], "invalid JSON", "rejected"),
        (["content": #"{"name": "exposure", "sources": [{"table": "positions", "alias": "p"}], "dimensions": [{"column": "p.sektor"}]}"#],
         "does not fit the catalog", "rejected"),
        (["content": #"{"name": "exposure", "sources": [{"table": "positions"}], "pivot": true}"#], "invalid spec", "rejected"),
        (["status": 500, "message": "the model crashed"], "HTTP 500", "error"),
        (["raw": "<html>gateway</html>"], "something other than a chat completion", "error"),
    ] as [([String: any Sendable], String, String)])
    func failuresFallBack(answer: [String: any Sendable], reason: String, outcome: String) async throws {
        let server = try ChatServer(answers: [answer])
        defer { server.stop() }
        let (planned, calls) = try await plan(Self.exposureQuestion, server: server)
        let fallbackReason = try #require(planned.fallbackReason)
        #expect(fallbackReason.contains(reason), "\(fallbackReason)")
        #expect(planned.source == "kpi:portfolio_exposure")
        #expect(planned.spec.name == "portfolio_exposure")
        #expect(planned.notes.first == "chat model \(Self.model) not used: \(fallbackReason)")
        try #require(calls.count == 1)
        #expect(calls[0].outcome == outcome)
        #expect(calls[0].detail == fallbackReason)
        #expect(try server.requests().count == 1)
    }

    @Test("an unknown column is named with the closest the table has")
    func unknownColumnIsNamed() async throws {
        let server = try ChatServer(answers: [["content": #"{"name": "exposure", "sources": [{"table": "positions", "alias": "p"}], "dimensions": [{"column": "p.sektor"}]}"#]])
        defer { server.stop() }
        let (planned, _) = try await plan(Self.exposureQuestion, server: server)
        let reason = try #require(planned.fallbackReason)
        #expect(reason.contains("dimensions[0].column: unknown column p.sektor: positions has no column \"sektor\""), "\(reason)")
    }

    @Test("a server slower than the timeout is a timeout fallback, logged as an error")
    func timeoutFallsBack() async throws {
        let server = try ChatServer(answers: [["delay": 3, "content": Self.currencySpec]])
        defer { server.stop() }
        let (planned, calls) = try await plan(Self.exposureQuestion, server: server, timeout: 0.5)
        let reason = try #require(planned.fallbackReason)
        #expect(reason == "timeout: \(server.baseURL)/chat/completions did not answer within 0.5 s")
        #expect(planned.source == "kpi:portfolio_exposure")
        #expect(calls.map(\.outcome) == ["error"])
        #expect(calls.first?.responseCharacters == 0)
    }

    @Test("without a key no authorization header is sent")
    func noKeyNoHeader() async throws {
        let server = try ChatServer(answers: [["content": Self.currencySpec]])
        defer { server.stop() }
        _ = try await plan(Self.exposureQuestion, server: server, apiKey: nil)
        #expect(try server.requests().map(\.authorization) == [nil])
    }

    @Test("no prompt of the three demo scenarios holds any value of the lake's PII columns, read with pyarrow")
    func promptsHoldNoPIIValue() async throws {
        let scenarios: [(String, Role)] = [
            (Self.exposureQuestion, .biAnalyst),
            ("Which clients are close to or above their risk limits?", .riskManager),
            ("AML investigation: open alerts with client details and flagged orders", .complianceOfficer),
            ("Client names, emails, phone numbers, IBANs and dates of birth", .complianceOfficer),
        ]
        let server = try ChatServer(answers: scenarios.map { _ in ["content": Self.currencySpec] })
        defer { server.stop() }
        for (question, role) in scenarios {
            _ = try await plan(question, role: role, server: server)
        }
        struct PIIValues: Decodable { var columns: [String]; var values: [String] }
        let output = try Python.runTool("lake_pii_values.py", arguments: [
            try await DemoLake.folder(), Python.sharedRoot.appendingPathComponent("spec/demo-lake.md").path,
        ])
        let pii = try JSONDecoder().decode(PIIValues.self, from: output)
        #expect(Set(pii.columns) == ["clients.legal_name", "clients.short_name", "clients.date_of_birth", "clients.email", "clients.phone", "clients.relationship_manager",
                                     "accounts.account_number", "aml_alerts.assigned_to"])
        #expect(pii.values.count > 100)
        let prompts = try server.requests().flatMap { try $0.messageContents() }
        #expect(prompts.count == 2 * scenarios.count)
        for value in pii.values {
            #expect(!prompts.contains { $0.contains(value) }, "PII value \(String(reflecting: value)) is in a prompt")
        }
        // The last question names PII columns, so its metadata lists them, flagged and with their rules.
        #expect(prompts.last?.contains(#""name" : "email""#) == true)
        #expect(prompts.last?.contains(#""pii" : true"#) == true)
    }
}
