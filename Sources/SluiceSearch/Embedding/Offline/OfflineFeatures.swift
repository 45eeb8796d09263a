import Foundation

/// The weighted features ``HashedNGramEmbedder`` hashes into a vector: what a text is
/// taken to mean.
///
/// Per content word (``SearchAnalyzer``: respelled, stemmed, stop words out):
/// - `w:<stem>`, the word itself;
/// - `b:<stem>_<stem>`, each pair of neighbouring content words, for phrases ("risk
///   limit" is more than "risk" and "limit" apart);
/// - `g:<n-gram>`, the character 3- to 5-grams of the written word with boundary marks
///   (`<sec`, `ctor>`), weak, so that a word the stemmer does not fold (`counterparty`,
///   `counterparties`; a typo) still lands near its relatives;
/// - `c:<concept>`, every ``BusinessConcepts`` concept a phrase names, so that
///   "customer" meets "client".
///
/// The two modes weigh them differently, which is what makes the embedding asymmetric:
/// - A **document** is catalog metadata text, one part per line: the schema line (names),
///   the business description, and last the generated statistics. Names weigh most, the
///   statistics least (they list values and counts, which say little about what a table
///   is for). Words inside a foreign-key name (`client` in `client_id`) weigh a third: a
///   table that points at clients is not a table about clients; so do qualifiers
///   (`orders` in `orders.side`), since a column's text is about the column.
/// - A **query** is a question, all of it weighed alike: the words of asking ("show me",
///   "which", "list") and of time ("last month") are dropped (``SearchAnalyzer``), since
///   no catalog item is about them and they would only pull a short question's vector
///   away from every item.
///
/// A concept weighs as much as a word in both modes, so a question's few words reach a
/// document that names the same things in other words as readily as one that uses them.
///
/// Repeated features grow sublinearly (`1 + ln w` above 1), so a word a long document
/// repeats does not drown the others.
enum OfflineFeatures {
    /// The weight of each feature family; fixed for one embedder version.
    enum Weight {
        static let schemaLine = 1.0
        static let descriptionLine = 0.8
        static let statisticsLine = 0.35
        /// Key references and qualifiers (``SearchAnalyzer/Token/isContext``).
        static let context = 0.3
        static let bigram = 0.5
        static let characterGrams = 0.3
        static let concept = 1.0
    }

    static func features(_ text: String, mode: EmbeddingMode) -> [String: Double] {
        var weights: [String: Double] = [:]
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        for (number, line) in lines.enumerated() {
            let lineWeight = mode == .query ? 1 : documentLineWeight(number, of: lines.count)
            let tokens = SearchAnalyzer.tokens(line, mode: mode)
            var previous: (stem: String, weight: Double)?
            for token in tokens where !token.isStopWord {
                let weight = lineWeight * (token.isContext ? Weight.context : 1)
                weights["w:" + token.stem, default: 0] += weight
                if let previous {
                    weights["b:" + previous.stem + "_" + token.stem, default: 0] += Weight.bigram * min(weight, previous.weight)
                }
                previous = (token.stem, weight)
                let grams = characterGrams(token.surface)
                let gramWeight = Weight.characterGrams * weight / Double(grams.count).squareRoot()
                for gram in grams { weights["g:" + gram, default: 0] += gramWeight }
            }
            for match in BusinessConcepts.matches(in: tokens) {
                let contextOnly = tokens[match.range].allSatisfy(\.isContext)
                for concept in match.concepts {
                    weights["c:" + concept, default: 0] += Weight.concept * lineWeight * (contextOnly ? Weight.context : 1)
                }
            }
        }
        return weights.mapValues { $0 > 1 ? 1 + log($0) : $0 }
    }

    /// The first line names the item; a last line (of two or more) holds generated statistics.
    private static func documentLineWeight(_ number: Int, of count: Int) -> Double {
        if number == 0 { return Weight.schemaLine }
        return number == count - 1 ? Weight.statisticsLine : Weight.descriptionLine
    }

    /// Character 3- to 5-grams of `<word>`; a word shorter than three letters gives itself.
    static func characterGrams(_ word: String) -> [String] {
        let marked = Array("<" + word + ">")
        guard marked.count > 3 else { return [String(marked)] }
        var grams: [String] = []
        for n in 3...5 where n <= marked.count {
            for start in 0...(marked.count - n) { grams.append(String(marked[start..<(start + n)])) }
        }
        return grams
    }
}
