import Foundation
import SluiceCatalog
import SluiceSearch
import SluiceSQLite
import SluiceTestSupport
import Testing

/// Python's `sqlite3` module reads `catalog.embeddings` and the `rag_monitor` tables with
/// plain SQL, knowing only the documented schema: the vector blob must unpack to the very
/// float32 values stored, and the JSON columns must answer `json_extract`.
@Suite("embeddings and rag_monitor read by Python sqlite3")
struct SearchPythonCrossCheckTests {
    private struct Dump: Decodable {
        struct Embedding: Decodable, Equatable {
            var item: String
            var model: [ModelPart]
            var textHash: String
            var values: [Double]
            var bits: [UInt32]
            var embeddedAtMilliseconds: Int64
        }
        struct Search: Decodable, Equatable {
            var id: Int64
            var askedAtMilliseconds: Int64
            var question: String
            var modelID: String?
            var mode: String
            var tableNames: [String]
            var firstTable: String?
            var tableCount: Int
            var kpiID: String?
            var recommendedKPI: String?
            var recommendedQuestion: String
            var highestClassification: String?
            var totalMs: Double
            var feedback: [[String]]
        }
        struct Run: Decodable, Equatable {
            struct Query: Decodable, Equatable {
                var queryID: String
                var mrr: Double?
                var rankedTables: [String]
            }
            var id: Int64
            var startedAtMilliseconds: Int64
            var metrics: [String: Double]
            var ndcgAt5: Double?
            var topTables: Int
            var queryCount: Int
            var queries: [Query]
            var judgments: [[JudgmentPart]]
        }
        var embeddings: [Embedding]
        var searches: [Search]
        var runs: [Run]
        var foreignKeys: [String: [[String]]]
        var strict: [String: Bool]
    }

    /// A model's id or version (text) or dimension (number).
    private enum ModelPart: Decodable, Equatable {
        case text(String), number(Int)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
    }

    private typealias JudgmentPart = ModelPart

    private static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    @Test("Python unpacks the same float32 values and reads the JSON columns with json_extract")
    func pythonReadsSearchTables() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SluiceDatabase(directory: folder.path, schemas: [.catalog, .ragMonitor])
        let store = try SQLiteEmbeddingStore(database: database)
        let monitor = try SQLiteSearchMonitor(database: database)
        var generator = GeneratedCatalog(seed: 400)

        let models = [EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: 37),
                      EmbeddingModel(id: "text-embedding-3-small", version: "https://api.openai.com/v1", dimension: 64)]
        var stored: [StoredEmbedding] = []
        for model in models {
            for index in 0..<5 {
                let item: CatalogItemID = index % 2 == 0 ? .table("table_\(index) Zürich") : .column("orders", "col_\(index)")
                stored.append(StoredEmbedding(item: item, model: model, textHash: CatalogDocument.hash(of: generator.text("text ")),
                                              vector: generator.vector(dimension: model.dimension), embeddedAt: generator.date()))
            }
        }
        try await store.upsert(stored)

        var searches: [(id: Int64, entry: SearchLogEntry, feedback: [FeedbackEntry])] = []
        for _ in 0..<5 {
            let entry = generator.searchEntry()
            let id = try await monitor.logSearch(entry)
            var feedback: [FeedbackEntry] = []
            for _ in 0..<generator.int(0...3) {
                let given = generator.feedback(searchID: id)
                try await monitor.logFeedback(given)
                feedback.append(given)
            }
            searches.append((id, entry, feedback))
        }
        var runs: [(id: Int64, run: EvaluationRunRecord)] = []
        for queryCount in [3, 0, 5] {
            let run = generator.evaluationRun(queryCount: queryCount)
            runs.append((try await monitor.saveEvaluationRun(run), run))
        }

        let output = try Python.runTool("sqlite_search_dump.py", arguments: [database.directory])
        let dump = try JSONDecoder().decode(Dump.self, from: output)

        let expectedEmbeddings = stored.sorted {
            ($0.model.id, $0.model.version) == ($1.model.id, $1.model.version)
                ? inBinaryOrder([$0.item.kind.rawValue, $0.item.key], [$1.item.kind.rawValue, $1.item.key])
                : inBinaryOrder([$0.model.id, $0.model.version], [$1.model.id, $1.model.version])
        }.map { embedding in
            Dump.Embedding(item: embedding.item.description,
                           model: [.text(embedding.model.id), .text(embedding.model.version), .number(embedding.model.dimension)],
                           textHash: embedding.textHash, values: embedding.vector.map(Double.init), bits: embedding.vector.map(\.bitPattern),
                           embeddedAtMilliseconds: Self.milliseconds(embedding.embeddedAt))
        }
        #expect(dump.embeddings == expectedEmbeddings)

        #expect(dump.searches == searches.map { id, entry, feedback in
            let recommendation = entry.recommendation
            return Dump.Search(
                id: id, askedAtMilliseconds: Self.milliseconds(entry.askedAt), question: entry.question, modelID: entry.model?.id,
                mode: entry.mode.rawValue, tableNames: recommendation.tables.map(\.name), firstTable: recommendation.tables.first?.name,
                tableCount: recommendation.tables.count, kpiID: recommendation.kpi?.id, recommendedKPI: recommendation.kpi?.id,
                recommendedQuestion: recommendation.question, highestClassification: recommendation.governance.highestClassification?.rawValue,
                totalMs: entry.timings.totalMs, feedback: feedback.map { [$0.item.description, $0.rating.rawValue] })
        })
        #expect(searches.contains { $0.entry.recommendation.kpi != nil } && searches.contains { !$0.feedback.isEmpty })

        #expect(dump.runs == runs.map { id, run in
            Dump.Run(
                id: id, startedAtMilliseconds: Self.milliseconds(run.startedAt), metrics: run.metrics, ndcgAt5: run.metrics["ndcg_at_5"],
                topTables: run.options.topTables, queryCount: run.queries.count,
                queries: run.queries.map { Dump.Run.Query(queryID: $0.queryID, mrr: $0.metrics["mrr"], rankedTables: $0.rankedTables) },
                judgments: run.judgments.map { [.text($0.queryID), .text("\($0.itemKind.rawValue):\($0.itemKey)"), .number($0.grade)] })
        })

        // [parent table, child column, parent column, on delete]
        #expect(dump.foreignKeys == [
            "feedback_log": [["search_log", "search_id", "search_id", "NO ACTION"]],
            "evaluation_query_results": [["evaluation_runs", "run_id", "run_id", "CASCADE"]],
            "relevance_judgments": [["evaluation_runs", "run_id", "run_id", "CASCADE"]],
        ])
        #expect(dump.strict.filter { !$0.value }.keys.sorted() == ["sluice_migrations"])
        #expect(Set(dump.strict.keys).isSuperset(of: ["embeddings", "search_log", "feedback_log", "embedding_calls", "evaluation_runs",
                                                      "evaluation_query_results", "relevance_judgments"]))
    }
}
