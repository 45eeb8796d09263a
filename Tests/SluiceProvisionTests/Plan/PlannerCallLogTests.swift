import Foundation
import GRDB
import SluiceProvision
import SluiceSearch
import SluiceSQLite
import SluiceTestSupport
import Testing

/// `rag_monitor.planner_calls`: what the chat planner sent and got, as ``SQLiteSearchMonitor``
/// keeps it, read back by the monitor and by Python's `sqlite3`.
@Suite("planner call log")
struct PlannerCallLogTests {
    /// A fresh state folder with `rag_monitor` attached.
    private static func monitor() throws -> (folder: URL, monitor: SQLiteSearchMonitor) {
        let folder = try Python.temporaryDirectory()
        return (folder, try SQLiteSearchMonitor(database: SluiceDatabase(directory: folder.path, schemas: [.ragMonitor])))
    }

    /// The instant as the log keeps it: UTC text with milliseconds.
    private static func stored(_ record: PlannerCallRecord) -> PlannerCallRecord {
        var stored = record
        stored.calledAt = Date(timeIntervalSince1970: (record.calledAt.timeIntervalSince1970 * 1000).rounded() / 1000)
        return stored
    }

    private static let base = Date(timeIntervalSince1970: 1_706_688_902.125)

    private static func call(at offset: TimeInterval, _ outcome: String, detail: String? = nil, question: String = "Exposure by sector?") -> PlannerCallRecord {
        PlannerCallRecord(calledAt: base.addingTimeInterval(offset), endpoint: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b-instruct",
                          question: question, promptCharacters: 9_412, responseCharacters: outcome == "error" ? 0 : 733,
                          durationMs: 812.25, outcome: outcome, detail: detail)
    }

    @Test("calls come back with every field, newest first, calls of one millisecond by the order they were logged")
    func roundTrip() async throws {
        let (folder, monitor) = try Self.monitor()
        defer { try? FileManager.default.removeItem(at: folder) }
        let calls = [
            Self.call(at: 0, "accepted"),
            Self.call(at: 60, "rejected", detail: "dimensions[0].column: unknown column p.sectr: positions has no column \"sectr\""),
            Self.call(at: 30, "error", detail: "HTTP 500 Internal Server Error: boom", question: "Lefèvre’s alerts — «ouvertes»?"),
            // The same millisecond as the first, logged later: it comes first.
            Self.call(at: 0.0004, "accepted", question: "again"),
        ]
        for call in calls { try await monitor.logPlannerCall(call) }

        let expected = [calls[1], calls[2], calls[3], calls[0]].map(Self.stored)
        #expect(try await monitor.plannerCalls() == expected)
        #expect(try await monitor.plannerCalls(limit: 2) == Array(expected.prefix(2)))
        #expect(try await monitor.plannerCalls(limit: 0).isEmpty)
        await #expect(throws: SearchMonitorError.store(location: monitor.location,
                                                       reason: "limit -1: the number of rows to return cannot be negative")) {
            try await monitor.plannerCalls(limit: -1)
        }
    }

    @Test("a call that cannot be stored is refused, naming the call and the field, and nothing is written",
          arguments: ["duration", "prompt", "response", "instant"])
    func refusals(field: String) async throws {
        let (folder, monitor) = try Self.monitor()
        defer { try? FileManager.default.removeItem(at: folder) }
        var call = Self.call(at: 0, "error", detail: "timeout")
        let reason: String
        switch field {
        case "duration":
            call.durationMs = .infinity
            reason = "duration_ms is inf; only finite numbers can be stored"
        case "prompt":
            call.promptCharacters = -1
            reason = "prompt_characters is -1; a count cannot be negative"
        case "response":
            call.responseCharacters = -5
            reason = "response_characters is -5; a count cannot be negative"
        default:
            call.calledAt = Date(timeIntervalSince1970: 400_000_000_000)
            reason = "called_at \(call.calledAt) is outside the years 0001–9999"
        }
        await #expect(throws: SearchMonitorError.store(
            location: monitor.location,
            reason: "planner call to http://127.0.0.1:11434/v1 (qwen2.5:7b-instruct): \(reason); nothing was written")) {
            try await monitor.logPlannerCall(call)
        }
        #expect(try await monitor.plannerCalls().isEmpty)
    }

    @Test("Python's sqlite3 reads the table as documented: STRICT, UTC millisecond text, sizes and outcome as given")
    func readByPython() async throws {
        let (folder, monitor) = try Self.monitor()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await monitor.logPlannerCall(Self.call(at: 0, "accepted"))
        try await monitor.logPlannerCall(Self.call(at: 1.5, "rejected", detail: "not valid JSON"))
        let script = """
            import json, sqlite3, sys
            connection = sqlite3.connect(sys.argv[1])
            strict = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'planner_calls'").fetchone()[0].rstrip().endswith("STRICT")
            columns = [[name, kind, notnull] for _, name, kind, notnull, _, _ in connection.execute("PRAGMA table_info(planner_calls)")]
            rows = connection.execute("SELECT call_id, called_at, endpoint, model, question, prompt_characters, response_characters,"
                                      " duration_ms, outcome, detail FROM planner_calls ORDER BY call_id").fetchall()
            indexes = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'planner_calls' AND sql IS NOT NULL")]
            print(json.dumps({"strict": strict, "columns": columns, "rows": rows, "indexes": indexes}))
            """
        let output = try Python.run(script, arguments: [monitor.location])
        let dump = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(dump["strict"] as? Bool == true)
        let info = try #require(dump["columns"] as? [[Any]])
        let columns: [String] = info.map { column in column.map { "\($0)" }.joined(separator: " ") }
        #expect(columns == ["call_id INTEGER 0", "called_at TEXT 1", "endpoint TEXT 1", "model TEXT 1", "question TEXT 1",
                            "prompt_characters INTEGER 1", "response_characters INTEGER 1", "duration_ms REAL 1", "outcome TEXT 1",
                            "detail TEXT 0"])
        #expect(dump["indexes"] as? [String] == ["planner_calls_by_time"])
        let rows = try #require(dump["rows"] as? [[Any]])
        #expect(rows.count == 2)
        #expect(rows.map { ($0[1] as? String) ?? "not text" } == ["2024-01-31T08:15:02.125Z", "2024-01-31T08:15:03.625Z"])
        #expect(rows.map { ($0[8] as? String) ?? "not text" } == ["accepted", "rejected"])
        #expect(rows[0][9] is NSNull && rows[1][9] as? String == "not valid JSON")
        #expect(rows[0][5] as? Int == 9_412 && rows[0][6] as? Int == 733 && rows[0][7] as? Double == 812.25)
    }

    /// The `rag_monitor` schema as the build before planner calls declared it.
    private static let versionOne = DatabaseSchema(name: "rag_monitor", migrations: [DatabaseSchema.ragMonitor.migrations[0]])

    @Test("a version 1 rag_monitor file gains planner_calls in place, keeping its rows, and is then refused by the older build")
    func versionOneUpgrades() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let embeddingCall = EmbeddingCallRecord(calledAt: Self.base, endpoint: "http://127.0.0.1:11434/v1", model: "nomic-embed-text",
                                                mode: .query, inputCount: 1, inputCharacters: 42, requestBytes: 120, responseBytes: 9_000,
                                                promptTokens: 7, durationMs: 12.5, error: nil)
        do {
            let old = try SluiceDatabase(directory: folder.path, schemas: [Self.versionOne])
            try await old.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO rag_monitor.embedding_calls (called_at, endpoint, model, mode, input_count, input_characters,
                        request_bytes, response_bytes, prompt_tokens, duration_ms, error)
                    VALUES ('2024-01-31T08:15:02.125Z', 'http://127.0.0.1:11434/v1', 'nomic-embed-text', 'query', 1, 42, 120, 9000, 7, 12.5, NULL)
                    """)
            }
            let tables = try await old.pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM rag_monitor.sqlite_master WHERE type = 'table' AND name = 'planner_calls'")
            }
            #expect(tables.isEmpty)
        }

        let database = try SluiceDatabase(directory: folder.path, schemas: [.ragMonitor])
        let applied = try await database.appliedMigrations(of: .ragMonitor)
        #expect(applied.map(\.version) == [1, 2])
        #expect(applied.map(\.name) == ["create search monitor tables", "create planner calls"])
        let monitor = try SQLiteSearchMonitor(database: database)
        #expect(try await monitor.recentEmbeddingCalls(limit: 10) == [embeddingCall])
        let call = Self.call(at: 5, "accepted")
        try await monitor.logPlannerCall(call)
        #expect(try await monitor.plannerCalls() == [Self.stored(call)])

        #expect(throws: SluiceDatabaseError.newerVersion(file: database.path(of: .ragMonitor), schema: "rag_monitor", fileVersion: 2, knownVersion: 1)) {
            try SluiceDatabase(directory: folder.path, schemas: [Self.versionOne])
        }
    }
}
