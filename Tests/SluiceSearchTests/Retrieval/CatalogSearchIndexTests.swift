import Foundation
import SluiceCatalog
@testable import SluiceSearch
import Testing

@Suite struct CatalogSearchIndexTests {
    @Test func refusesVectorsOfAnotherModel() async throws {
        let contents = try await DemoCatalog.contents()
        var embeddings = try await DemoSearchIndex.embeddings()
        let other = EmbeddingModel(id: "text-embedding-3-small", version: "https://api.openai.com/v1", dimension: 384)
        embeddings[5].model = other
        let model = DemoSearchIndex.embedder.model
        #expect(throws: EmbeddingError.modelMismatch(expected: model, found: other)) {
            try CatalogSearchIndex(contents: contents, embeddings: embeddings, model: model)
        }
        // An older version of the same embedder is another model too.
        embeddings[5].model = EmbeddingModel(id: model.id, version: "0", dimension: model.dimension)
        #expect(throws: EmbeddingError.modelMismatch(expected: model, found: embeddings[5].model)) {
            try CatalogSearchIndex(contents: contents, embeddings: embeddings, model: model)
        }
    }

    @Test func refusesVectorsOfTheWrongLength() async throws {
        let contents = try await DemoCatalog.contents()
        var embeddings = try await DemoSearchIndex.embeddings()
        let item = embeddings[3].item
        embeddings[3].vector = [1, 0, 0]
        let model = DemoSearchIndex.embedder.model
        #expect(throws: EmbeddingError.dimensionMismatch(item: item.description, expected: 384, found: 3)) {
            try CatalogSearchIndex(contents: contents, embeddings: embeddings, model: model)
        }
        let index = try await DemoSearchIndex.index()
        #expect(throws: EmbeddingError.dimensionMismatch(item: "the question", expected: 384, found: 2)) {
            try index.retrieve(question: "orders", queryVector: [1, 2], options: .default)
        }
    }

    @Test func vectorModesNeedTheQuestionsVector() async throws {
        let index = try await DemoSearchIndex.index()
        for mode in [RetrievalMode.hybrid, .vector] {
            #expect(throws: EmbeddingError.self) {
                try index.retrieve(question: "orders by side", queryVector: nil, options: RetrievalOptions(mode: mode))
            }
        }
    }

    /// An index without a model searches the words alone and needs no embedder.
    @Test func lexicalModeNeedsNoVector() async throws {
        let index = try CatalogSearchIndex(contents: try await DemoCatalog.contents(), embeddings: [], model: nil)
        #expect(index.model == nil)
        let result = try index.retrieve(question: "credit rating of counterparties", queryVector: nil, options: RetrievalOptions(mode: .lexical))
        #expect(result.tables.first?.id == .table("counterparties"))
        #expect(result.tables.allSatisfy { $0.vectorScore == nil && $0.lexicalScore != nil })
        #expect(throws: EmbeddingError.self) {
            try index.retrieve(question: "orders", queryVector: nil, options: .default)
        }
    }

    @Test func eachModeReportsItsEvidence() async throws {
        let question = "credit rating of counterparties"
        for mode in RetrievalMode.allCases {
            let top = try #require(try await DemoSearchIndex.retrieve(question, options: RetrievalOptions(mode: mode)).tables.first)
            #expect(top.id == .table("counterparties"), "\(mode)")
            #expect((top.vectorScore == nil) == (mode == .lexical))
            #expect((top.lexicalScore == nil) == (mode == .vector))
        }
    }

    /// Every kind comes back best first (ties by key), at most top-k long, above its threshold.
    @Test(arguments: [0.40, 0.25, 0.6])
    func honoursThresholdAndTopK(threshold: Double) async throws {
        let options = RetrievalOptions(topTables: 3, topColumns: 4, topRelationships: 2, topKPIs: 1, threshold: threshold)
        let result = try await DemoSearchIndex.retrieve("Show me portfolio exposure by sector and client segment", options: options)
        let kinds: [([ScoredItem], Int, Double)] = [
            (result.tables, 3, threshold), (result.columns, 4, threshold),
            (result.relationships, 2, options.relationshipThreshold), (result.kpis, 1, threshold),
        ]
        for (items, limit, minimum) in kinds {
            #expect(!items.isEmpty)
            #expect(items.count <= limit)
            #expect(items.allSatisfy { $0.score >= minimum && $0.score <= 1 })
            #expect(zip(items, items.dropFirst()).allSatisfy { $0.score > $1.score || ($0.score == $1.score && $0.id.key < $1.id.key) })
        }
        let wide = try await DemoSearchIndex.retrieve("Show me portfolio exposure by sector and client segment", options: RetrievalOptions(threshold: threshold))
        #expect(Array(wide.tables.prefix(3)) == result.tables)
        #expect(wide.tables.allSatisfy { $0.score >= threshold })
    }

    /// A kind above the exact-search limit is searched with HNSW, and on a catalog this
    /// small (every node within the beam) it finds what the exact scan finds.
    @Test func approximateSearchAgreesWithExactSearch() async throws {
        let contents = try await DemoCatalog.contents()
        let embeddings = try await DemoSearchIndex.embeddings()
        let model = DemoSearchIndex.embedder.model
        var tuning = RetrievalTuning.standard
        tuning.exactSearchLimit = 0
        let approximate = try CatalogSearchIndex(contents: contents, embeddings: embeddings, model: model, tuning: tuning)
        let exact = try await DemoSearchIndex.index()
        for question in ["Cash liquidity by currency", "Which custodian holds each client's accounts?", "Value at risk trend per client"] {
            let vector = DemoSearchIndex.embedder.vector(question, mode: .query)
            let options = RetrievalOptions(mode: .vector)
            let a = try approximate.retrieve(question: question, queryVector: vector, options: options)
            let e = try exact.retrieve(question: question, queryVector: vector, options: options)
            #expect(a.tables.prefix(5).map(\.id) == e.tables.prefix(5).map(\.id), "\(question)")
            #expect(a.kpis.first?.id == e.kpis.first?.id, "\(question)")
            #expect(a.columns.prefix(10).map(\.id) == e.columns.prefix(10).map(\.id), "\(question)")
        }
    }

    /// Relationships pass at the threshold times the factor; the other kinds at the threshold.
    @Test func appliesTheRelationshipThresholdFactor() async throws {
        let question = "Which custodian holds each client's accounts?"
        let strict = try await DemoSearchIndex.retrieve(question, options: RetrievalOptions(threshold: 0.5, relationshipThresholdFactor: 1))
        let lenient = try await DemoSearchIndex.retrieve(question, options: RetrievalOptions(threshold: 0.5, relationshipThresholdFactor: 0.5))
        #expect(lenient.relationships.allSatisfy { $0.score >= 0.25 })
        #expect(lenient.relationships.contains { $0.score < 0.5 })
        #expect(strict.relationships == lenient.relationships.filter { $0.score >= 0.5 })
        #expect(strict.tables == lenient.tables)
    }

    /// A question the catalog cannot answer finds nothing, and says how close it came.
    @Test func saysWhenNothingPasses() async throws {
        let result = try await DemoSearchIndex.retrieve("birthday party catering menu")
        #expect(result.tables.isEmpty)
        #expect(result.kpis.isEmpty)
        #expect(result.belowThreshold.count <= 3)
        #expect(result.belowThreshold.allSatisfy { ($0.id.kind == .table || $0.id.kind == .kpi) && $0.score < 0.4 })
        #expect(zip(result.belowThreshold, result.belowThreshold.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    /// A question without one content word matches nothing, in every mode.
    @Test func aQuestionOfOnlyAskingWordsFindsNothing() async throws {
        for mode in RetrievalMode.allCases {
            let result = try await DemoSearchIndex.retrieve("show me all of them", options: RetrievalOptions(mode: mode))
            #expect(result.isEmpty, "\(mode)")
        }
    }

    /// Tables say why they rank: the words they match, the column and the KPI pattern that lifted them.
    @Test func explainsTheRanking() async throws {
        let result = try await DemoSearchIndex.retrieve("Show me portfolio exposure by sector and client segment")
        #expect(result.kpis.first?.id == .kpi("portfolio_exposure"))
        let instruments = try #require(result.tables.first { $0.id == .table("instruments") })
        #expect(instruments.evidence.contains { $0.hasPrefix("column instruments.sector matches ") && $0.contains("'sector'") })
        #expect(instruments.evidence.contains { $0.hasPrefix("used by KPI portfolio_exposure (") })
        let accounts = try #require(result.tables.first { $0.id == .table("accounts") })
        #expect(accounts.evidence.contains { $0.hasPrefix("used by KPI portfolio_exposure") || $0.hasPrefix("joins ") })
        let segment = try #require(result.columns.first { $0.id == .column("clients", "segment") })
        #expect(segment.evidence.contains("matches 'segment'"))
        let join = try #require(result.relationships.first { $0.id.key == "positions.instrument_id->instruments.instrument_id" })
        #expect(join.evidence.contains { $0.hasPrefix("joins positions (") })
    }

    /// Words the catalog spells differently still find it through the thesaurus, with the reason.
    @Test func reachesSynonymsThroughTheThesaurus() async throws {
        let result = try await DemoSearchIndex.retrieve("Brokerage fees per counterparty")
        #expect(result.kpis.first?.id == .kpi("commission_by_broker"))
        let executions = try #require(result.tables.first { $0.id == .table("executions") })
        #expect(executions.evidence.contains { $0.contains("'fees' means commission") })
    }
}
