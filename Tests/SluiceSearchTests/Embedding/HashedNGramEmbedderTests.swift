@testable import SluiceSearch
import Testing

@Suite struct HashedNGramEmbedderTests {
    let embedder = HashedNGramEmbedder()

    func cosine(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    func query(_ text: String) -> [Float] { embedder.vector(text, mode: .query) }
    func document(_ text: String) -> [Float] { embedder.vector(text, mode: .document) }

    @Test func identifiesItsModel() {
        #expect(embedder.model == EmbeddingModel(id: "sluice-hashed-ngram", version: "1", dimension: 384))
        #expect(embedder.batchSize == 256)
        #expect(HashedNGramEmbedder(dimension: 64).model.dimension == 64)
    }

    @Test func givesOneUnitVectorPerTextInOrder() async throws {
        let texts = ["Table orders: order_id int64, side string.", "Client master of the private bank", "positions"]
        let vectors = try await embedder.embed(texts, mode: .document)
        #expect(vectors.count == 3)
        for (text, vector) in zip(texts, vectors) {
            #expect(vector.count == 384)
            #expect(abs(cosine(vector, vector) - 1) < 1e-5)
            #expect(vector == document(text))
        }
    }

    /// The same text gives the same vector, bit for bit, in every call and every embedder.
    @Test func isDeterministic() async throws {
        let text = "Risk limits agreed per client: utilisation from 80% is a warning.\nlimit_type string, 4 distinct"
        let first = try await embedder.embed([text], mode: .document)[0]
        let again = try await HashedNGramEmbedder().embed([text, "other"], mode: .document)[0]
        #expect(first == again)
        #expect(query("clients near their limits") == HashedNGramEmbedder().vector("clients near their limits", mode: .query))
    }

    /// Slots come from FNV-1a and a fixed finalizer, not from Swift's per-process seeded
    /// `Hasher`: these values were computed independently (Python) and hold in any process.
    @Test func hashesFeaturesStably() {
        let hasher = FeatureHasher(dimension: 384)
        #expect(hasher.slot(of: "w:client") == (169, 1))
        #expect(hasher.slot(of: "c:client") == (345, -1))
        #expect(hasher.slot(of: "g:<cl") == (263, 1))
        #expect(hasher.slot(of: "b:risk_limit") == (342, 1))
        #expect(hasher.slot(of: "w:zürich") == (248, -1))
    }

    /// Questions and documents are embedded differently: a question loses its words of
    /// asking and weighs its concepts fully; a document weighs its lines.
    @Test func modesDiffer() {
        let text = "Show me which customers hold bonds"
        #expect(query(text) != document(text))
        #expect(OfflineFeatures.features(text, mode: .document)["w:show"] != nil)
        #expect(OfflineFeatures.features(text, mode: .query)["w:show"] == nil)
        #expect(query("show me the clients") == query("clients"))
    }

    @Test func similarTextsAreCloserThanUnrelatedOnes() {
        let limits = document("Table risk_limits: limit_id, client_id, limit_type, utilization_pct, breach_status.\nRisk limits agreed per client, with their utilisation and breaches.")
        let prices = document("Table market_prices: instrument_id, price_date, open, high, low, close, volume.\nEnd-of-day prices per instrument and trading day.")
        let question = query("Which clients are close to their risk limits?")
        #expect(cosine(question, limits) > cosine(question, prices) + 0.15)
        #expect(cosine(query("closing prices per day"), prices) > cosine(query("closing prices per day"), limits) + 0.15)
    }

    /// The thesaurus lets words meet that share no letters: customer and client, fee and
    /// commission, value at risk and VaR.
    @Test(arguments: [
        ("customers", "Client master of the private bank", "End-of-day prices per instrument"),
        ("fees paid", "Broker commission in basis points", "Client master of the private bank"),
        ("value at risk", "One-day VaR at 99% confidence", "Broker commission in basis points"),
        ("P&L", "Unrealized profit and loss of holdings", "Cash balance per account"),
    ])
    func thesaurusLinksSynonyms(question: String, synonym: String, unrelated: String) {
        let q = query(question)
        #expect(cosine(q, document(synonym)) > 0.15)
        #expect(cosine(q, document(synonym)) > cosine(q, document(unrelated)) + 0.1)
    }

    @Test func foldsBritishAndAmericanSpelling() {
        #expect(cosine(query("limit utilisation"), document("Limit utilization in percent")) > 0.5)
        #expect(SearchAnalyzer.terms("utilisation utilised", mode: .query) == SearchAnalyzer.terms("utilization utilized", mode: .query))
    }

    @Test func aQuestionWithoutContentWordsIsTheZeroVector() {
        #expect(query("show me all of them").allSatisfy { $0 == 0 })
        #expect(query("").count == 384)
    }
}

extension HashedNGramEmbedderTests {
    /// Stored vectors are trusted by model id and version: a change to what the embedder
    /// makes (features, weights, analyzer, thesaurus) must come with a new
    /// ``HashedNGramEmbedder/version``, or old and new vectors would mix in one index.
    /// This checksum of a few vectors (rounded to 4 decimals, so a last-bit difference
    /// between math libraries does not count) changes with the algorithm.
    @Test func versionCoversTheAlgorithm() {
        let samples = [
            (EmbeddingMode.document, "Table risk_limits: limit_id int32, client_id int32, utilization_pct double.\nRisk limits agreed per client, with their utilisation and breaches.\n75 rows, 9 columns. Joins: client_id → clients.client_id."),
            (.query, "Which customers paid the most fees, and what is their value at risk?"),
            (.query, "P&L by GICS sector for UHNWI clients"),
        ]
        var checksum = 0
        for (mode, text) in samples {
            for (i, value) in embedder.vector(text, mode: mode).enumerated() {
                checksum = checksum &+ (i + 1) &* Int((Double(value) * 10_000).rounded())
            }
        }
        #expect(HashedNGramEmbedder.version == "1")
        #expect(checksum == 5_677_292, "the offline embedder's vectors changed: bump HashedNGramEmbedder.version, then update this checksum")
    }
}
