import Foundation

/// The indexes of one kind of catalog item (tables, columns, relationships or KPI
/// patterns): a vector index over the item's stored embedding and a BM25 index over its
/// analyzed text, plus the term and concept sets that say which words of a question an
/// item matched.
///
/// Each kind is searched on its own because its documents differ in length and wording
/// (a table's text lists every column; a column's is one line of schema and a
/// sentence), so term rarity (idf) and similarity levels are only comparable within a kind.
final class KindIndex {
    let kind: CatalogItemKind
    /// Item keys, sorted.
    let keys: [String]
    /// Content stems of each item's text.
    let stems: [String: Set<String>]
    /// Thesaurus concepts each item's text names.
    let concepts: [String: Set<String>]
    private let vectors: (any VectorIndex)?
    private let lexical: BM25Index
    private let documentFrequency: [String: Int]
    private let conceptFrequency: [String: Int]

    /// - Parameters:
    ///   - vectors: item key → its stored vector (unit or not); items without one are
    ///     searchable lexically only.
    ///   - dimension: the model's dimension, or `nil` for a lexical-only index.
    ///   - exactSearchLimit: up to this many vectors an ``ExactVectorIndex``, above it an
    ///     ``HNSWIndex``.
    init(kind: CatalogItemKind, documents: [CatalogDocument], vectors: [String: [Float]], dimension: Int?,
         exactSearchLimit: Int) throws {
        self.kind = kind
        keys = documents.map(\.id.key).sorted()
        var lexical = BM25Index()
        var stems: [String: Set<String>] = [:]
        var concepts: [String: Set<String>] = [:]
        var documentFrequency: [String: Int] = [:]
        var conceptFrequency: [String: Int] = [:]
        for document in documents {
            let terms = SearchAnalyzer.terms(document.text, mode: .document)
            lexical.add(id: document.id.key, text: terms.joined(separator: " "))
            let distinct = Set(terms)
            stems[document.id.key] = distinct
            for term in distinct { documentFrequency[term, default: 0] += 1 }
            let named = Self.concepts(of: document.text)
            concepts[document.id.key] = named
            for concept in named { conceptFrequency[concept, default: 0] += 1 }
        }
        self.lexical = lexical
        self.stems = stems
        self.concepts = concepts
        self.documentFrequency = documentFrequency
        self.conceptFrequency = conceptFrequency

        if let dimension {
            let index: any VectorIndex = vectors.count <= exactSearchLimit
                ? try ExactVectorIndex(dimension: dimension)
                : try HNSWIndex(dimension: dimension)
            for key in keys {
                guard let vector = vectors[key] else { continue }
                do {
                    try index.insert(id: key, vector: vector)
                } catch VectorIndexError.zeroVector {
                    // A text without one content word has no direction; it stays lexical only.
                    continue
                }
            }
            self.vectors = index
        } else {
            self.vectors = nil
        }
    }

    var count: Int { keys.count }

    /// Inverse document frequency within this kind (Lucene's, as ``BM25Index`` uses): high
    /// for a word few items use; highest for a word no item uses.
    func idf(_ stem: String) -> Double {
        let n = Double(keys.count)
        let df = Double(documentFrequency[stem] ?? 0)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// Cosine similarity of `query` (any length, not zero) with each item's vector; items
    /// the index does not hold are absent. An approximate index answers the best `limit`.
    func cosines(_ query: [Float], limit: Int) throws -> [String: Double] {
        guard let vectors, vectors.count > 0 else { return [:] }
        let hits: [SearchHit]
        if let hnsw = vectors as? HNSWIndex {
            let k = min(hnsw.count, limit)
            hits = try hnsw.search(query, k: k, ef: max(k, hnsw.efSearch))
        } else {
            hits = try vectors.search(query, k: vectors.count)
        }
        var result: [String: Double] = [:]
        for hit in hits { result[hit.id] = Double(hit.score) }
        return result
    }

    /// What the lexical side found for one item.
    struct LexicalMatch {
        /// 0…1; see ``lexicalScores(_:weights:foreign:borrowed:)``.
        var score: Double
        /// Question stems the item's text contains, in question order.
        var matched: [String]
        /// Question stems found only in the texts the item borrows from (a KPI pattern's tables).
        var borrowed: [String]
    }

    /// The constants of ``lexicalScores(_:weights:foreign:borrowed:)``, from ``RetrievalTuning``.
    struct LexicalWeights {
        var unmatchedCost: Double
        var synonymWeight: Double
        var borrowedWeight: Double
        var prior: Double
    }

    /// How well each item matches the question's words, 0…1.
    ///
    /// The BM25 score of the item (its matched words, weighted by rarity, saturated and
    /// length-normalized), set against what it leaves unmatched:
    ///
    ///     lexical = M / (M + U + prior)
    ///
    /// `M` is the item's BM25 score, capped at the summed idf of the words it matched (a
    /// word repeated in a long text counts once), plus, for each question word the item
    /// does not contain but names through a thesaurus concept ("fees" for a text about
    /// commission), `synonymWeight` times the concept's idf (0 keeps BM25 pure).
    ///
    /// `U` sums the idf of the question's other words, each times what leaving it
    /// unmatched costs:
    /// - `unmatchedCost` for a word the catalog knows (some other item has it): how much
    ///   of a question one item should answer. Near 1 for a KPI pattern, which should fit
    ///   the whole question; less for a table and less again for a column, which answer a part.
    /// - `unmatchedCost × borrowedWeight` for a word a text the item stands for contains
    ///   (`borrowed`: a KPI pattern reads its tables, so "sanctions checks" do not count
    ///   against the failure-rate pattern, whose table lists the check types). No credit
    ///   either: the pattern's own words must still carry the match.
    /// - 1 for a `foreign` word, one no item of any kind uses, not even through the
    ///   thesaurus: it is a part of the question the catalog cannot answer at all.
    ///
    /// `prior` (in idf units) is the doubt that remains when every word matched: a
    /// question of two common words, both in the item, is weaker evidence than one of
    /// four rare ones.
    ///
    /// So an item matching the rare words of a question scores high, and a question made
    /// mostly of words foreign to the catalog ("weather forecast for Zurich") scores low
    /// everywhere, even on the one item that knows Zurich.
    func lexicalScores(_ question: Question, weights: LexicalWeights, foreign: Set<String>,
                       borrowed: [String: Set<String>] = [:]) -> [String: LexicalMatch] {
        guard !question.terms.isEmpty else { return [:] }
        var bm25: [String: Double] = [:]
        for hit in lexical.search(question.lexicalQuery, k: keys.count) { bm25[hit.id] = Double(hit.score) }
        var scores: [String: LexicalMatch] = [:]
        for key in keys {
            let itemStems = stems[key] ?? []
            let itemConcepts = concepts[key] ?? []
            let borrowedStems = borrowed[key] ?? []
            var match = LexicalMatch(score: 0, matched: [], borrowed: [])
            var matchedWeight = 0.0
            var partialCredit = 0.0
            var unmatchedWeight = 0.0
            for term in question.terms {
                if itemStems.contains(term) {
                    match.matched.append(term)
                    matchedWeight += idf(term)
                } else if weights.synonymWeight > 0,
                          let concept = (question.concepts[term] ?? []).filter(itemConcepts.contains).max(by: { conceptIDF($0) < conceptIDF($1) }) {
                    partialCredit += weights.synonymWeight * conceptIDF(concept)
                } else if borrowedStems.contains(term) {
                    match.borrowed.append(term)
                    unmatchedWeight += idf(term) * weights.unmatchedCost * weights.borrowedWeight
                } else {
                    unmatchedWeight += idf(term) * (foreign.contains(term) ? 1 : weights.unmatchedCost)
                }
            }
            let m = min(bm25[key] ?? 0, matchedWeight) + partialCredit
            guard m > 0 else { continue }
            match.score = m / (m + unmatchedWeight + weights.prior)
            scores[key] = match
        }
        return scores
    }

    /// Inverse document frequency of a thesaurus concept within this kind, like ``idf(_:)``.
    func conceptIDF(_ concept: String) -> Double {
        let n = Double(keys.count)
        let df = Double(conceptFrequency[concept] ?? 0)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// Whether any item of this kind has `stem` in its text.
    func uses(_ stem: String) -> Bool { documentFrequency[stem] != nil }

    /// Whether any item of this kind names `concept`.
    func names(_ concept: String) -> Bool { conceptFrequency[concept] != nil }

    /// The concepts of a document's text, all lines, except those named by qualifiers
    /// alone (a column of `risk_limits` is not about limits for its table's name).
    static func concepts(of text: String) -> Set<String> {
        var found: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let tokens = SearchAnalyzer.tokens(String(line), mode: .document)
            for match in BusinessConcepts.matches(in: tokens) where !tokens[match.range].allSatisfy(\.isQualifier) {
                found.formUnion(match.concepts)
            }
        }
        return found
    }
}
