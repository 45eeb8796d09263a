import Foundation
import GRDB
import SluiceSearch

/// Rows of `rag_monitor.search_log`, `feedback_log` and `embedding_calls` (see
/// ``DatabaseSchema/ragMonitor``), read and written inside a transaction the caller owns.
struct SearchLogRows {
    let db: Database
    /// The `rag_monitor.sqlite` file, for messages.
    let location: String

    /// Inserts `entry`; returns its new `search_id`.
    func insert(_ entry: SearchLogEntry) throws -> Int64 {
        let values = MonitorRowEncoder(location: location, subject: "search \(String(reflecting: entry.question))")
        let timings = entry.timings
        let arguments: [(any DatabaseValueConvertible)?] = [
            try values.timestamp(entry.askedAt, "asked_at"), entry.question, entry.requester, entry.role,
        ] + (try values.model(entry.model)) + [
            entry.mode.rawValue, entry.answerable,
            try values.json(entry.recommendation.tables.map(\.name), "table_names"), entry.recommendation.kpi?.id,
            try values.json(entry.recommendation, "recommendation"),
            try values.finite(timings.embedMs, "embed_ms"), try values.finite(timings.searchMs, "search_ms"),
            try values.finite(timings.reasoningMs, "reasoning_ms"), try values.finite(timings.totalMs, "total_ms"),
        ]
        try values.insert(into: db, """
            INSERT INTO rag_monitor.search_log (
                asked_at, question, requester, role, model_id, model_version, model_dimension,
                mode, answerable, table_names, kpi_id, recommendation,
                embed_ms, search_ms, reasoning_ms, total_ms
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments)
        return db.lastInsertedRowID
    }

    /// The `limit` most recent searches, newest first (by `asked_at`, then by id for searches logged in the same millisecond).
    func recent(limit: Int) throws -> [LoggedSearch] {
        try Row.fetchAll(db, sql: "SELECT * FROM rag_monitor.search_log ORDER BY asked_at DESC, search_id DESC LIMIT ?",
                         arguments: [limit]).map { row in
            let id: Int64 = try row.decode(forColumn: "search_id")
            let values = MonitorRowDecoder(location: location, table: "search_log", rowName: String(id))
            let entry = SearchLogEntry(
                askedAt: try values.timestamp(row, "asked_at"),
                question: try row.decode(forColumn: "question"),
                requester: try row.decode(forColumn: "requester"),
                role: try row.decode(forColumn: "role"),
                model: try values.model(row),
                mode: try values.enumeration(RetrievalMode.self, row, "mode"),
                answerable: try row.decode(forColumn: "answerable"),
                recommendation: try values.json(Recommendation.self, row, "recommendation"),
                timings: SearchTimings(embedMs: try row.decode(forColumn: "embed_ms"), searchMs: try row.decode(forColumn: "search_ms"),
                                       reasoningMs: try row.decode(forColumn: "reasoning_ms"), totalMs: try row.decode(forColumn: "total_ms")))
            return LoggedSearch(id: id, entry: entry)
        }
    }

    func searchExists(_ id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rag_monitor.search_log WHERE search_id = ?)", arguments: [id]) ?? false
    }

    /// Inserts `feedback`; returns its new `feedback_id`.
    ///
    /// - Throws: ``SluiceSearch/SearchMonitorError/unknownSearch(_:)`` when no search has its id.
    func insert(_ feedback: FeedbackEntry) throws -> Int64 {
        guard try searchExists(feedback.searchID) else { throw SearchMonitorError.unknownSearch(feedback.searchID) }
        let values = MonitorRowEncoder(location: location, subject: "feedback on search \(feedback.searchID) for \(feedback.item)")
        let arguments: [(any DatabaseValueConvertible)?] = [
            feedback.searchID, feedback.item.kind.rawValue, feedback.item.key, feedback.rating.rawValue,
            feedback.comment, feedback.requester, try values.timestamp(feedback.givenAt, "given_at"),
        ]
        do {
            try values.insert(into: db, """
                INSERT INTO rag_monitor.feedback_log (search_id, item_kind, item_key, rating, comment, requester, given_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            // The check above makes this unreachable within one transaction; the key is the guard of last resort.
            throw SearchMonitorError.unknownSearch(feedback.searchID)
        }
        return db.lastInsertedRowID
    }

    /// The feedback on search `id`, in the order it was given.
    ///
    /// - Throws: ``SluiceSearch/SearchMonitorError/unknownSearch(_:)`` when no search has the id,
    ///   so a mistyped id is not mistaken for a search nobody rated.
    func feedback(forSearch id: Int64) throws -> [FeedbackEntry] {
        guard try searchExists(id) else { throw SearchMonitorError.unknownSearch(id) }
        return try Row.fetchAll(db, sql: "SELECT * FROM rag_monitor.feedback_log WHERE search_id = ? ORDER BY feedback_id",
                                arguments: [id]).map { row in
            let feedbackID: Int64 = try row.decode(forColumn: "feedback_id")
            let values = MonitorRowDecoder(location: location, table: "feedback_log", rowName: String(feedbackID))
            return FeedbackEntry(
                searchID: try row.decode(forColumn: "search_id"),
                item: CatalogItemID(kind: try values.enumeration(CatalogItemKind.self, row, "item_kind"), key: try row.decode(forColumn: "item_key")),
                rating: try values.enumeration(FeedbackRating.self, row, "rating"),
                comment: try row.decode(forColumn: "comment"),
                requester: try row.decode(forColumn: "requester"),
                givenAt: try values.timestamp(row, "given_at"))
        }
    }

    func insert(_ call: EmbeddingCallRecord) throws {
        let values = MonitorRowEncoder(location: location, subject: "embedding call to \(call.endpoint) (\(call.model))")
        let arguments: [(any DatabaseValueConvertible)?] = [
            try values.timestamp(call.calledAt, "called_at"), call.endpoint, call.model, call.mode.rawValue,
            try values.count(call.inputCount, "input_count"), try values.count(call.inputCharacters, "input_characters"),
            try values.count(call.requestBytes, "request_bytes"), try values.count(call.responseBytes, "response_bytes"),
            try call.promptTokens.map { try values.count($0, "prompt_tokens") },
            try values.finite(call.durationMs, "duration_ms"), call.error,
        ]
        try values.insert(into: db, """
            INSERT INTO rag_monitor.embedding_calls (
                called_at, endpoint, model, mode, input_count, input_characters,
                request_bytes, response_bytes, prompt_tokens, duration_ms, error
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments)
    }

    /// The `limit` most recent embedding calls, newest first.
    func recentCalls(limit: Int) throws -> [EmbeddingCallRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM rag_monitor.embedding_calls ORDER BY called_at DESC, call_id DESC LIMIT ?",
                         arguments: [limit]).map { row in
            let callID: Int64 = try row.decode(forColumn: "call_id")
            let values = MonitorRowDecoder(location: location, table: "embedding_calls", rowName: String(callID))
            return EmbeddingCallRecord(
                calledAt: try values.timestamp(row, "called_at"),
                endpoint: try row.decode(forColumn: "endpoint"),
                model: try row.decode(forColumn: "model"),
                mode: try values.enumeration(EmbeddingMode.self, row, "mode"),
                inputCount: try row.decode(forColumn: "input_count"),
                inputCharacters: try row.decode(forColumn: "input_characters"),
                requestBytes: try row.decode(forColumn: "request_bytes"),
                responseBytes: try row.decode(forColumn: "response_bytes"),
                promptTokens: try row.decode(forColumn: "prompt_tokens"),
                durationMs: try row.decode(forColumn: "duration_ms"),
                error: try row.decode(forColumn: "error"))
        }
    }
}
