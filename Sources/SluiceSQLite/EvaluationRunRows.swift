import Foundation
import GRDB
import SluiceSearch

/// Rows of `rag_monitor.evaluation_runs`, `evaluation_query_results` and
/// `relevance_judgments` (see ``DatabaseSchema/ragMonitor``), read and written inside a
/// transaction the caller owns.
struct EvaluationRunRows {
    let db: Database
    /// The `rag_monitor.sqlite` file, for messages.
    let location: String

    /// Inserts `run` as a new run with its queries and judgments, in their given order;
    /// returns the new `run_id`. `run.id` is not read: saving always adds a run.
    func insert(_ run: EvaluationRunRecord) throws -> Int64 {
        let values = MonitorRowEncoder(location: location, subject: "evaluation run of \(String(reflecting: run.goldenSource))")
        let arguments: [(any DatabaseValueConvertible)?] = [
            try values.timestamp(run.startedAt, "started_at"), run.goldenSource, run.goldenSHA256,
        ] + (try values.model(run.model)) + [
            run.options.mode.rawValue, try values.json(run.options, "options"), try values.metrics(run.metrics, "metrics"),
            run.queries.count,
        ]
        try values.insert(into: db, """
            INSERT INTO rag_monitor.evaluation_runs (
                started_at, golden_source, golden_sha256, model_id, model_version, model_dimension,
                mode, options, metrics, query_count
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments)
        let runID = db.lastInsertedRowID

        for (ordinal, query) in run.queries.enumerated() {
            let queryValues = values.part("query \(String(reflecting: query.queryID))")
            try queryValues.insert(into: db, """
                INSERT INTO rag_monitor.evaluation_query_results (
                    run_id, ordinal, query_id, question, metrics, expected_kpi, found_kpi, latency_ms,
                    ranked_tables, ranked_columns, answerable
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [
                    runID, ordinal, query.queryID, query.question, try queryValues.metrics(query.metrics, "metrics"),
                    query.expectedKPI, query.foundKPI, try queryValues.finiteOrNil(query.latencyMs, "latency_ms"),
                    try queryValues.json(query.rankedTables, "ranked_tables"), try queryValues.json(query.rankedColumns, "ranked_columns"),
                    query.answerable,
                ], duplicate: "appears more than once in the run")
        }
        for (ordinal, judgment) in run.judgments.enumerated() {
            let item = CatalogItemID(kind: judgment.itemKind, key: judgment.itemKey)
            let judgmentValues = values.part("judgment of query \(String(reflecting: judgment.queryID)) for \(item)")
            guard (0...3).contains(judgment.grade) else {
                throw judgmentValues.refused("grade", "is \(judgment.grade); TREC grades run from 0 to 3")
            }
            try judgmentValues.insert(into: db, """
                INSERT INTO rag_monitor.relevance_judgments (run_id, ordinal, query_id, item_kind, item_key, grade)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [runID, ordinal, judgment.queryID, judgment.itemKind.rawValue, judgment.itemKey, judgment.grade],
                duplicate: "appears more than once in the run")
        }
        return runID
    }

    /// Runs newest first (by `started_at`, then by id), at most `limit` of them (all when `nil`),
    /// each with its queries and judgments in saved order.
    func runs(limit: Int?) throws -> [EvaluationRunRecord] {
        // LIMIT -1 is SQLite's "no limit".
        try Row.fetchAll(db, sql: "SELECT * FROM rag_monitor.evaluation_runs ORDER BY started_at DESC, run_id DESC LIMIT ?",
                         arguments: [limit ?? -1]).map(run(from:))
    }

    private func run(from row: Row) throws -> EvaluationRunRecord {
        let runID: Int64 = try row.decode(forColumn: "run_id")
        let values = MonitorRowDecoder(location: location, table: "evaluation_runs", rowName: String(runID))
        let queries = try Row.fetchAll(db, sql: "SELECT * FROM rag_monitor.evaluation_query_results WHERE run_id = ? ORDER BY ordinal",
                                       arguments: [runID]).map { row in
            let queryID: String = try row.decode(forColumn: "query_id")
            let queryValues = MonitorRowDecoder(location: location, table: "evaluation_query_results", rowName: "run \(runID) query \(String(reflecting: queryID))")
            return EvaluationQueryRecord(
                queryID: queryID,
                question: try row.decode(forColumn: "question"),
                metrics: try queryValues.json([String: Double].self, row, "metrics"),
                expectedKPI: try row.decode(forColumn: "expected_kpi"),
                foundKPI: try row.decode(forColumn: "found_kpi"),
                latencyMs: try row.decode(forColumn: "latency_ms"),
                rankedTables: try queryValues.json([String].self, row, "ranked_tables"),
                rankedColumns: try queryValues.json([String].self, row, "ranked_columns"),
                answerable: try row.decode(forColumn: "answerable"))
        }
        let queryCount: Int = try row.decode(forColumn: "query_count")
        guard queries.count == queryCount else {
            throw values.damaged("query_count", "is \(queryCount), but evaluation_query_results holds \(queries.count) rows of the run")
        }
        let judgments = try Row.fetchAll(db, sql: "SELECT * FROM rag_monitor.relevance_judgments WHERE run_id = ? ORDER BY ordinal",
                                         arguments: [runID]).map { row in
            let queryID: String = try row.decode(forColumn: "query_id")
            let key: String = try row.decode(forColumn: "item_key")
            let judgmentValues = MonitorRowDecoder(location: location, table: "relevance_judgments",
                                           rowName: "run \(runID) query \(String(reflecting: queryID)) item \(String(reflecting: key))")
            return RelevanceJudgmentRecord(queryID: queryID, itemKind: try judgmentValues.enumeration(CatalogItemKind.self, row, "item_kind"),
                                           itemKey: key, grade: try row.decode(forColumn: "grade"))
        }
        return EvaluationRunRecord(
            id: runID,
            startedAt: try values.timestamp(row, "started_at"),
            goldenSource: try row.decode(forColumn: "golden_source"),
            goldenSHA256: try row.decode(forColumn: "golden_sha256"),
            model: try values.model(row),
            options: try values.json(RetrievalOptions.self, row, "options"),
            metrics: try values.json([String: Double].self, row, "metrics"),
            queries: queries,
            judgments: judgments)
    }
}
