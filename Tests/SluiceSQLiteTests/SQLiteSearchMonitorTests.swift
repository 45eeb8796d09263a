import Foundation
import GRDB
import SluiceSearch
import SluiceSQLite
import SluiceTestSupport
import Testing

@Suite("SQLiteSearchMonitor")
struct SQLiteSearchMonitorTests {
    /// A fresh state folder with `rag_monitor` attached, and its monitor.
    private struct Monitor {
        let folder: URL
        let monitor: SQLiteSearchMonitor

        init() throws {
            folder = try Python.temporaryDirectory()
            monitor = try SQLiteSearchMonitor(database: SluiceDatabase(directory: folder.path, schemas: [.ragMonitor]))
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        func count(_ table: String) async throws -> Int {
            try await monitor.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rag_monitor.\(table)") ?? -1 }
        }

        func texts(_ sql: String, _ arguments: StatementArguments = []) async throws -> [String?] {
            try await monitor.database.pool.read { db in try String?.fetchAll(db, sql: sql, arguments: arguments) }
        }

        /// One row's columns as text (numbers cast in the SQL).
        func row(_ sql: String, _ arguments: StatementArguments = []) async throws -> [String?] {
            try await monitor.database.pool.read { db in
                try Row.fetchOne(db, sql: sql, arguments: arguments).map { row in row.databaseValues.map { String.fromDatabaseValue($0) } } ?? []
            }
        }

        func doubles(_ sql: String, _ arguments: StatementArguments = []) async throws -> [Double?] {
            try await monitor.database.pool.read { db in try Double?.fetchAll(db, sql: sql, arguments: arguments) }
        }
    }

    @Test("searches come back with every field, newest first, ties by id", arguments: [1, 2, 3] as [UInt64])
    func searchRoundTrip(seed: UInt64) async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 300 + seed)
        let sameMillisecond = Date(timeIntervalSince1970: 1_706_688_902.1254)
        var entries = (0..<6).map { _ in generator.searchEntry() }
        entries.append(generator.searchEntry(askedAt: sameMillisecond))
        entries.append(generator.searchEntry(askedAt: sameMillisecond.addingTimeInterval(0.0002)))
        entries[1].mode = .lexical
        entries[1].model = nil
        entries[2].mode = .vector
        entries[2].model = generator.model()
        #expect(entries.contains { $0.model == nil } && entries.contains { $0.model != nil })

        var logged: [LoggedSearch] = []
        for entry in entries {
            logged.append(LoggedSearch(id: try await store.monitor.logSearch(entry), entry: entry.asStored))
        }
        #expect(logged.map(\.id) == Array(1...Int64(entries.count)))
        let expected = logged.sorted { $0.entry.askedAt == $1.entry.askedAt ? $0.id > $1.id : $0.entry.askedAt > $1.entry.askedAt }

        let recent = try await store.monitor.recentSearches(limit: 100)
        #expect(recent == expected)
        #expect(recent.map(\.entry.recommendation) == expected.map(\.entry.recommendation))
        #expect(try await store.monitor.recentSearches(limit: 3) == Array(expected.prefix(3)))
        #expect(try await store.monitor.recentSearches(limit: 0).isEmpty)
    }

    @Test("search_log copies the ranked table names and the KPI out of the recommendation, as plain SQL reads them")
    func searchColumnsForSQL() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 310)
        var entry = generator.searchEntry()
        while entry.recommendation.tables.count < 2 || entry.recommendation.kpi == nil || entry.model == nil {
            entry = generator.searchEntry()
        }
        let id = try await store.monitor.logSearch(entry)
        var lexical = generator.searchEntry()
        lexical.model = nil
        lexical.recommendation.kpi = nil
        let lexicalID = try await store.monitor.logSearch(lexical)

        let model = try #require(entry.model)
        let row = try await store.row("""
            SELECT json_extract(table_names, '$[0]'), CAST(json_array_length(table_names) AS TEXT), kpi_id,
                   json_extract(recommendation, '$.kpi.id'), json_extract(recommendation, '$.question'),
                   model_id, model_version, CAST(model_dimension AS TEXT), mode
            FROM rag_monitor.search_log WHERE search_id = ?
            """, [id])
        #expect(row == [entry.recommendation.tables[0].name, String(entry.recommendation.tables.count), entry.recommendation.kpi?.id,
                        entry.recommendation.kpi?.id, entry.question, model.id, model.version, String(model.dimension), entry.mode.rawValue])
        #expect(try await store.texts("SELECT kpi_id FROM rag_monitor.search_log WHERE search_id = ? AND model_id IS NULL AND model_version IS NULL AND model_dimension IS NULL",
                                      [lexicalID]) == [nil])
        #expect(try await store.doubles("SELECT embed_ms FROM rag_monitor.search_log WHERE search_id = ?", [id]) == [entry.timings.embedMs])

        // Keys are written sorted, so the same recommendation is always the same text.
        let keys = try await store.texts("SELECT key FROM rag_monitor.search_log, json_each(recommendation) WHERE search_id = ?", [id])
        #expect(keys == keys.sorted { ($0 ?? "") < ($1 ?? "") })
        #expect(keys.contains("governance") && keys.contains("tables"))
    }

    @Test("feedback on a search that was never logged is refused and nothing is written")
    func unknownSearchIsRefused() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 320)
        let id = try await store.monitor.logSearch(generator.searchEntry())
        await #expect(throws: SearchMonitorError.unknownSearch(id + 1)) {
            try await store.monitor.logFeedback(generator.feedback(searchID: id + 1))
        }
        await #expect(throws: SearchMonitorError.unknownSearch(-4)) {
            try await store.monitor.feedback(forSearch: -4)
        }
        #expect(try await store.count("feedback_log") == 0)
        #expect(try await store.monitor.feedback(forSearch: id).isEmpty)
    }

    @Test("the foreign key guards feedback_log behind the check: no orphan row, no search deleted from under its feedback")
    func feedbackForeignKey() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 321)
        let id = try await store.monitor.logSearch(generator.searchEntry())
        try await store.monitor.logFeedback(generator.feedback(searchID: id))
        let pool = store.monitor.database.pool
        let orphan = try await #require(throws: DatabaseError.self) {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO rag_monitor.feedback_log (search_id, item_kind, item_key, rating, given_at)
                    VALUES (42, 'table', 'orders', 'up', '2024-01-31T08:15:02.125Z')
                    """)
            }
        }
        #expect(orphan.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
        let deletion = try await #require(throws: DatabaseError.self) {
            try await pool.write { db in try db.execute(sql: "DELETE FROM rag_monitor.search_log WHERE search_id = ?", arguments: [id]) }
        }
        #expect(deletion.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
        let badRating = try await #require(throws: DatabaseError.self) {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO rag_monitor.feedback_log (search_id, item_kind, item_key, rating, given_at)
                    VALUES (?, 'table', 'orders', 'meh', '2024-01-31T08:15:02.125Z')
                    """, arguments: [id])
            }
        }
        #expect(badRating.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
    }

    @Test("feedback comes back per search, in the order given")
    func feedbackRoundTrip() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 322)
        let first = try await store.monitor.logSearch(generator.searchEntry())
        let second = try await store.monitor.logSearch(generator.searchEntry())
        var given: [Int64: [FeedbackEntry]] = [:]
        var ids: [Int64] = []
        for index in 0..<9 {
            let search = index % 3 == 0 ? second : first
            let entry = generator.feedback(searchID: search)
            ids.append(try await store.monitor.logFeedback(entry))
            given[search, default: []].append(entry.asStored)
        }
        #expect(ids == Array(1...9))
        #expect(given[first]?.count == 6)
        #expect(try await store.monitor.feedback(forSearch: first) == given[first])
        #expect(try await store.monitor.feedback(forSearch: second) == given[second])
        #expect(Set(given.values.joined().map(\.rating)) == [.up, .down])
    }

    @Test("embedding calls come back with every field, newest first")
    func embeddingCallsRoundTrip() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 330)
        var calls: [(id: Int, record: EmbeddingCallRecord)] = []
        for index in 0..<12 {
            let record = generator.embeddingCall()
            try await store.monitor.logEmbeddingCall(record)
            calls.append((index, record.asStored))
        }
        #expect(calls.contains { $0.record.promptTokens == nil } && calls.contains { $0.record.error != nil })
        let expected = calls.sorted { $0.record.calledAt == $1.record.calledAt ? $0.id > $1.id : $0.record.calledAt > $1.record.calledAt }.map(\.record)
        #expect(try await store.monitor.recentEmbeddingCalls(limit: 50) == expected)
        #expect(try await store.monitor.recentEmbeddingCalls(limit: 5) == Array(expected.prefix(5)))
        let characters = try await store.texts("SELECT CAST(sum(input_characters) AS TEXT) FROM rag_monitor.embedding_calls")
        #expect(characters == [String(calls.map(\.record.inputCharacters).reduce(0, +))])
    }

    @Test("evaluation runs come back newest first, by start then id, with queries and judgments in saved order")
    func evaluationRunsRoundTrip() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 340)
        let base = Date(timeIntervalSince1970: 1_706_688_902)
        let starts = [base.addingTimeInterval(60), base, base.addingTimeInterval(120.0004), base.addingTimeInterval(60), base.addingTimeInterval(-3600)]
        var saved: [EvaluationRunRecord] = []
        for start in starts {
            let run = generator.evaluationRun(startedAt: start)
            let id = try await store.monitor.saveEvaluationRun(run)
            saved.append(run.asStored(id: id))
        }
        #expect(saved.map(\.id) == [1, 2, 3, 4, 5])
        #expect(saved.contains { $0.queries.count > 2 && $0.judgments.count > 2 })
        let expected = [saved[2], saved[3], saved[0], saved[1], saved[4]]
        let runs = try await store.monitor.evaluationRuns(limit: nil)
        #expect(runs == expected)
        #expect(runs.map(\.queries) == expected.map(\.queries))
        #expect(runs.map(\.judgments) == expected.map(\.judgments))
        #expect(try await store.monitor.evaluationRuns(limit: 2) == Array(expected.prefix(2)))
        #expect(try await store.monitor.evaluationRuns(limit: 0).isEmpty)
    }

    @Test("metrics and options are JSON objects that SQL reads with json_extract")
    func metricsForSQL() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 341)
        let run = generator.evaluationRun(queryCount: 3)
        let id = try await store.monitor.saveEvaluationRun(run)

        #expect(try await store.doubles("SELECT json_extract(metrics, '$.ndcg_at_5') FROM rag_monitor.evaluation_runs WHERE run_id = ?", [id])
                == [run.metrics["ndcg_at_5"]])
        #expect(try await store.doubles("SELECT json_extract(options, '$.threshold') FROM rag_monitor.evaluation_runs") == [run.options.threshold])
        #expect(try await store.texts("SELECT mode FROM rag_monitor.evaluation_runs") == [run.options.mode.rawValue])
        #expect(try await store.doubles("""
            SELECT json_extract(metrics, '$.mrr') FROM rag_monitor.evaluation_query_results WHERE run_id = ? ORDER BY ordinal
            """, [id]) == run.queries.map { $0.metrics["mrr"] })
        // An average over the run's queries, as a report in plain SQL computes it.
        let averages = try await store.doubles("""
            SELECT avg(json_extract(metrics, '$.map')) FROM rag_monitor.evaluation_query_results WHERE run_id = ?
            """, [id])
        let average = try #require(averages.first ?? nil)
        let mean = run.queries.compactMap { $0.metrics["map"] }.reduce(0, +) / Double(run.queries.count)
        #expect(abs(average - mean) < 1e-12)
        let keys = try await store.texts("SELECT key FROM rag_monitor.evaluation_runs, json_each(metrics) WHERE run_id = ?", [id])
        #expect(keys == run.metrics.keys.sorted())
    }

    @Test("a run that cannot be stored whole is not stored at all, and the message names the part",
          arguments: ["duplicate query", "grade", "NaN metric", "infinite latency", "NaN query metric"])
    func badRunWritesNothing(defect: String) async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 342)
        var run = generator.evaluationRun(queryCount: 4)
        while run.judgments.isEmpty { run = generator.evaluationRun(queryCount: 4) }
        let expected: String
        switch defect {
        case "duplicate query":
            run.queries.append(run.queries[1])
            expected = "query \(String(reflecting: run.queries[1].queryID)) appears more than once in the run"
        case "grade":
            run.judgments[run.judgments.count - 1].grade = 4
            let judgment = run.judgments[run.judgments.count - 1]
            expected = "judgment of query \(String(reflecting: judgment.queryID)) for \(judgment.itemKind.rawValue):\(judgment.itemKey): grade is 4"
        case "NaN metric":
            run.metrics["mrr"] = .nan
            expected = "metrics[\"mrr\"] is nan"
        case "infinite latency":
            run.queries[2].latencyMs = .infinity
            expected = "query \(String(reflecting: run.queries[2].queryID)): latency_ms is inf"
        default:
            run.queries[3].metrics["p_at_5"] = -.nan
            expected = "query \(String(reflecting: run.queries[3].queryID)): metrics[\"p_at_5\"] is"
        }
        let error = try await #require(throws: SearchMonitorError.self) { try await store.monitor.saveEvaluationRun(run) }
        guard case let .store(location, reason) = error else { Issue.record("unexpected \(error)"); return }
        #expect(location == store.monitor.location)
        #expect(reason.contains("evaluation run of \(String(reflecting: run.goldenSource))"))
        #expect(reason.contains(expected), "\(reason)")
        #expect(reason.hasSuffix("nothing was written"))
        for table in ["evaluation_runs", "evaluation_query_results", "relevance_judgments"] {
            #expect(try await store.count(table) == 0, "\(table)")
        }
    }

    @Test("deleting a run deletes its query rows and judgments; other runs keep theirs")
    func runDeletionCascades() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 343)
        let first = generator.evaluationRun(queryCount: 3)
        let second = generator.evaluationRun(queryCount: 2)
        let firstID = try await store.monitor.saveEvaluationRun(first)
        let secondID = try await store.monitor.saveEvaluationRun(second)
        try await store.monitor.database.pool.write { db in
            try db.execute(sql: "DELETE FROM rag_monitor.evaluation_runs WHERE run_id = ?", arguments: [firstID])
        }
        #expect(try await store.monitor.evaluationRuns(limit: nil) == [second.asStored(id: secondID)])
        #expect(try await store.count("evaluation_query_results") == 2)
        #expect(try await store.count("relevance_judgments") == second.judgments.count)
    }

    @Test("a search that cannot be stored is refused, naming the field")
    func badSearchWritesNothing() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 350)
        var entry = generator.searchEntry()
        entry.timings.reasoningMs = .nan
        await #expect(throws: SearchMonitorError.store(location: store.monitor.location,
                                                       reason: "search \(String(reflecting: entry.question)): reasoning_ms is nan; only finite numbers can be stored; nothing was written")) {
            try await store.monitor.logSearch(entry)
        }
        entry = generator.searchEntry()
        entry.askedAt = Date(timeIntervalSince1970: -70_000_000_000)
        await #expect(throws: SearchMonitorError.self) { try await store.monitor.logSearch(entry) }
        #expect(try await store.count("search_log") == 0)
        await #expect(throws: SearchMonitorError.store(location: store.monitor.location,
                                                       reason: "limit -1: the number of rows to return cannot be negative")) {
            try await store.monitor.recentSearches(limit: -1)
        }
    }

    @Test("ids are never reused, even after the newest row is deleted")
    func idsAreNotReused() async throws {
        let store = try Monitor()
        defer { store.remove() }
        var generator = GeneratedCatalog(seed: 360)
        _ = try await store.monitor.logSearch(generator.searchEntry())
        let second = try await store.monitor.logSearch(generator.searchEntry())
        try await store.monitor.database.pool.write { db in
            try db.execute(sql: "DELETE FROM rag_monitor.search_log WHERE search_id = ?", arguments: [second])
        }
        #expect(try await store.monitor.logSearch(generator.searchEntry()) == second + 1)
    }

    @Test("the monitor survives closing and reopening the folder, and needs its schema attached")
    func reopenAndSchema() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = GeneratedCatalog(seed: 370)
        let entry = generator.searchEntry()
        let id = try await SQLiteSearchMonitor(database: SluiceDatabase(directory: folder.path, schemas: [.ragMonitor])).logSearch(entry)
        let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog, .ragMonitor])
        let reopened = try SQLiteSearchMonitor(database: database)
        #expect(try await reopened.recentSearches(limit: 1) == [LoggedSearch(id: id, entry: entry.asStored)])
        #expect(reopened.location == folder.appendingPathComponent("rag_monitor.sqlite").standardizedFileURL.path)
        #expect(try await database.appliedMigrations(of: .ragMonitor).map(\.name) == ["create search monitor tables", "create planner calls"])

        let catalogOnly = try SluiceDatabase(directory: folder.path, schemas: [.catalog])
        #expect(throws: SluiceDatabaseError.invalidSchema(name: "rag_monitor", reason: "the database at \(catalogOnly.directory) was opened without it")) {
            try SQLiteSearchMonitor(database: catalogOnly)
        }
    }
}
