import Foundation

/// Okapi BM25 keyword search over catalog metadata documents.
///
/// Embeddings find tables by meaning; BM25 finds them by the exact words an analyst types
/// (`churn`, `sku`, `iban`) that an embedding may blur. Each document (a table or column's
/// metadata text) is tokenized by ``MetadataTokenizer``; a query scores a document as
///
///     score(D, Q) = Σ_{t ∈ Q} idf(t) · tf(t, D) · (k1 + 1) / (tf(t, D) + k1 · (1 − b + b · |D| / avgdl))
///     idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
///
/// where `tf` is the term's count in D, `|D|` the document's token count, `avgdl` the mean
/// over all N documents, and `df` the number of documents containing t. `k1` (1.2) caps how
/// much repeating a term helps; `b` (0.75) sets how much long documents are discounted.
/// This idf (Lucene's) stays positive even for a term in every document, so a match never
/// lowers a score. Each distinct query term counts once: repeating a word in the query does
/// not multiply its weight.
///
/// A value type; adding and removing documents is O(document length).
public struct BM25Index: Sendable {
    public let k1: Double
    public let b: Double
    public let tokenizer: MetadataTokenizer

    /// Term → (document id → term frequency).
    private var postings: [String: [String: Int]] = [:]
    /// Document id → its term frequencies, kept so removal knows which postings to update.
    private var documents: [String: [String: Int]] = [:]
    private var lengths: [String: Int] = [:]
    private var totalLength = 0

    public init(k1: Double = 1.2, b: Double = 0.75, tokenizer: MetadataTokenizer = MetadataTokenizer()) {
        self.k1 = k1
        self.b = b
        self.tokenizer = tokenizer
    }

    /// Number of documents.
    public var count: Int { documents.count }

    public func contains(id: String) -> Bool { documents[id] != nil }

    /// Indexes `text` under `id`, replacing any earlier document with that id.
    public mutating func add(id: String, text: String) {
        remove(id: id)
        var frequencies: [String: Int] = [:]
        let tokens = tokenizer.tokens(text)
        for token in tokens { frequencies[token, default: 0] += 1 }
        for (term, tf) in frequencies { postings[term, default: [:]][id] = tf }
        documents[id] = frequencies
        lengths[id] = tokens.count
        totalLength += tokens.count
    }

    /// Removes the document `id`; returns whether it was present.
    @discardableResult
    public mutating func remove(id: String) -> Bool {
        guard let frequencies = documents.removeValue(forKey: id) else { return false }
        for term in frequencies.keys {
            postings[term]?[id] = nil
            if postings[term]?.isEmpty == true { postings[term] = nil }
        }
        totalLength -= lengths.removeValue(forKey: id) ?? 0
        return true
    }

    /// The `k` best-scoring documents for `query`, best first (ties by id). Documents sharing
    /// no term with the query are not returned, so the list may be shorter than `k`.
    public func search(_ query: String, k: Int) -> [SearchHit] {
        guard k > 0, !documents.isEmpty else { return [] }
        let n = Double(documents.count)
        let averageLength = Double(totalLength) / n
        var scores: [String: Double] = [:]
        for term in queryTerms(query) {
            guard let posting = postings[term] else { continue }
            for (id, tf) in posting {
                scores[id, default: 0] += weight(tf: tf, length: lengths[id] ?? 0, df: posting.count, documents: n, averageLength: averageLength)
            }
        }
        let hits = scores.map { SearchHit(id: $0.key, score: Float($0.value)) }
        // Rank on the Double scores so that Float rounding cannot reorder near-ties.
        let ranked = hits.sorted { a, b in
            let (sa, sb) = (scores[a.id]!, scores[b.id]!)
            return sa != sb ? sa > sb : a.id < b.id
        }
        return Array(ranked.prefix(k))
    }

    /// The exact BM25 score of one document for `query` (0 when absent or unmatched), for
    /// explaining a ranking and for tests.
    public func score(id: String, query: String) -> Double {
        guard let frequencies = documents[id], let length = lengths[id] else { return 0 }
        let n = Double(documents.count)
        let averageLength = Double(totalLength) / n
        var total = 0.0
        for term in queryTerms(query) {
            guard let tf = frequencies[term], let df = postings[term]?.count else { continue }
            total += weight(tf: tf, length: length, df: df, documents: n, averageLength: averageLength)
        }
        return total
    }

    /// Distinct query terms in a fixed order, so that floating-point sums (and therefore
    /// near-tie rankings) are the same in every process; `Set` order is randomized per process.
    private func queryTerms(_ query: String) -> [String] {
        Set(tokenizer.tokens(query)).sorted()
    }

    /// One term's contribution to one document's score: idf times the saturated, length-normalized tf.
    private func weight(tf: Int, length: Int, df: Int, documents n: Double, averageLength: Double) -> Double {
        let idf = log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
        let frequency = Double(tf)
        // averageLength is 0 only when every document is empty, and then no term has postings.
        return idf * frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * Double(length) / averageLength))
    }
}
