import Foundation
import SluiceTestSupport
import Testing

/// `sluice embed` and `search` with an OpenAI-compatible provider named in the settings
/// file: a real HTTP server speaking the embeddings API (`Tests/tools/openai_embeddings_server.py`).
@Suite struct EmbeddingProviderCLITests {
    @Test func theSettingsFileSwitchesToTheProviderAndEveryCallIsRecorded() throws {
        let catalog = try SearchCLITests.scannedDemo()
        let folder = try Python.temporaryDirectory()
        let requests = folder.appendingPathComponent("requests.jsonl")
        let server = try Python.startTool("openai_embeddings_server.py", arguments: ["--log", requests.path, "--dimensions", "32"])
        defer { server.stop() }
        let baseURL = "http://127.0.0.1:\(server.readyLine)/v1"
        let settings = folder.appendingPathComponent("config.json")
        try Data("""
            {"embedding": {"provider": "openai", "url": "\(baseURL)", "model": "test-embed", "batch_size": 50}}
            """.utf8).write(to: settings)
        let config = ["--config", settings.path]

        let embed = try SluiceCLI.run(["embed", "--json"] + config + catalog)
        #expect(embed.status == 0, "\(embed.stderr)")
        let summary = try #require(try embed.json() as? [String: Any])
        let model = try #require(summary["model"] as? [String: Any])
        #expect(model["id"] as? String == "test-embed")
        #expect(model["version"] as? String == baseURL)
        #expect(model["dimension"] as? Int == 32)
        // 14 tables, their 132 columns, 16 relationships, 10 KPI patterns.
        #expect(summary["missing"] as? Int == 14 + 132 + 16 + 10)

        let search = try SluiceCLI.run(["search", "Commission by broker", "--json"] + config + catalog)
        #expect(search.status == 0, "\(search.stderr)")
        let response = try #require(try search.json() as? [String: Any])
        #expect((response["model"] as? [String: Any])?["id"] as? String == "test-embed")

        // Every call that left the machine is in rag_monitor.embedding_calls: the dimension
        // probes, 172 items in batches of 50, and one question per search.
        let state = try #require(catalog.last)
        let rows = try Python.run("""
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1] + "/rag_monitor.sqlite")
            rows = db.execute("SELECT endpoint, model, mode, input_count, error FROM embedding_calls ORDER BY call_id").fetchall()
            print(json.dumps(rows))
            """, arguments: [state])
        let calls = try #require(try JSONSerialization.jsonObject(with: rows) as? [[Any]])
        let logged = try String(contentsOf: requests, encoding: .utf8).split(separator: "\n")
        #expect(calls.count == logged.count, "one record per request the server saw")
        #expect(calls.allSatisfy { $0[0] as? String == baseURL && $0[1] as? String == "test-embed" && $0[4] is NSNull })
        let documentBatches = calls.filter { $0[2] as? String == "document" }.compactMap { $0[3] as? Int }
        #expect(documentBatches.filter { $0 > 1 } == [50, 50, 50, 22])
        #expect(calls.contains { $0[2] as? String == "query" && $0[3] as? Int == 1 })
    }
}
