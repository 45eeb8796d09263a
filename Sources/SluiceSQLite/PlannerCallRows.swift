import GRDB
import SluiceProvision

/// Rows of `rag_monitor.planner_calls` (see ``DatabaseSchema/ragMonitor``), read and written
/// inside a transaction the caller owns.
struct PlannerCallRows {
    let db: Database
    /// The `rag_monitor.sqlite` file, for messages.
    let location: String

    func insert(_ call: PlannerCallRecord) throws {
        let values = MonitorRowEncoder(location: location, subject: "planner call to \(call.endpoint) (\(call.model))")
        let arguments: [(any DatabaseValueConvertible)?] = [
            try values.timestamp(call.calledAt, "called_at"), call.endpoint, call.model, call.question,
            try values.count(call.promptCharacters, "prompt_characters"), try values.count(call.responseCharacters, "response_characters"),
            try values.finite(call.durationMs, "duration_ms"), call.outcome, call.detail,
        ]
        try values.insert(into: db, """
            INSERT INTO rag_monitor.planner_calls (
                called_at, endpoint, model, question, prompt_characters, response_characters, duration_ms, outcome, detail
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments)
    }

    /// The most recent calls, newest first (by `called_at`, then by id for calls of the same
    /// millisecond); all of them when `limit` is `nil`.
    func recent(limit: Int?) throws -> [PlannerCallRecord] {
        // SQLite reads LIMIT -1 as no limit.
        try Row.fetchAll(db, sql: "SELECT * FROM rag_monitor.planner_calls ORDER BY called_at DESC, call_id DESC LIMIT ?",
                         arguments: [limit ?? -1]).map { row in
            let callID: Int64 = try row.decode(forColumn: "call_id")
            let values = MonitorRowDecoder(location: location, table: "planner_calls", rowName: String(callID))
            return PlannerCallRecord(
                calledAt: try values.timestamp(row, "called_at"),
                endpoint: try row.decode(forColumn: "endpoint"),
                model: try row.decode(forColumn: "model"),
                question: try row.decode(forColumn: "question"),
                promptCharacters: try row.decode(forColumn: "prompt_characters"),
                responseCharacters: try row.decode(forColumn: "response_characters"),
                durationMs: try row.decode(forColumn: "duration_ms"),
                outcome: try row.decode(forColumn: "outcome"),
                detail: try row.decode(forColumn: "detail"))
        }
    }
}
