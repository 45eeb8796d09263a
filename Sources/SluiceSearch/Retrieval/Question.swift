/// A question as retrieval sees it: its content terms, what each was written as, and the
/// thesaurus concepts it names.
struct Question {
    /// Distinct content stems in the order they first occur (``SearchAnalyzer``, query mode).
    let terms: [String]
    /// Stem → the word as the analyst wrote it (first occurrence), for evidence lines.
    let written: [String: String]
    /// Stem → the concepts of the thesaurus phrase it is part of.
    let concepts: [String: [String]]

    init(_ text: String) {
        var terms: [String] = []
        var written: [String: String] = [:]
        var concepts: [String: [String]] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let tokens = SearchAnalyzer.tokens(String(line), mode: .query)
            for token in tokens where !token.isStopWord && written[token.stem] == nil {
                terms.append(token.stem)
                written[token.stem] = token.written
            }
            for match in BusinessConcepts.matches(in: tokens) {
                for token in tokens[match.range] where !token.isStopWord {
                    for concept in match.concepts where !(concepts[token.stem]?.contains(concept) ?? false) {
                        concepts[token.stem, default: []].append(concept)
                    }
                }
            }
        }
        self.terms = terms
        self.written = written
        self.concepts = concepts
    }

    /// The query the lexical index is searched with: the content stems.
    var lexicalQuery: String { terms.joined(separator: " ") }

    /// `'sector', 'segment'`: the written words of `stems`, in question order.
    func quoted(_ stems: some Sequence<String>) -> String {
        let wanted = Set(stems)
        return terms.filter { wanted.contains($0) }.map { "'\(written[$0] ?? $0)'" }.joined(separator: ", ")
    }
}
