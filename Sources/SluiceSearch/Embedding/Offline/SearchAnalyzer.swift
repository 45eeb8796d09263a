/// Turns metadata text and questions into the terms search compares: the analysis shared
/// by the offline embedder and the lexical side of ``CatalogSearchIndex``.
///
/// ``MetadataTokenizer`` splits names (`unrealized_pnl` → unrealized, pnl); on top of it
/// each word is
/// - spelled the American way (`utilisation` → `utilization`, `cancelled` → `canceled`),
///   since a Swiss bank's analysts write British English and its schemas American, and
///   irregular verbs folded (`held` → `hold`);
/// - stemmed (``PorterStemmer``: `executions`, `executed` → `execut`), except the few
///   words Porter folds onto unrelated ones (`rating` is not `rate`);
/// - marked as a stop word when it carries no meaning of its own: function words
///   (`the`, `by`), a data type in a schema line (`int64`, `string`), and, in a question
///   only, the words of asking (`show me`, `which`, `list`, `top`) and of time (`last
///   month`, `yesterday`), which no catalog item is about and which would otherwise
///   count against every item;
/// - marked as a key reference when it is part of a foreign-key name (`client` in
///   `client_id`): a table that merely points at clients is weaker evidence for a
///   question about clients than a table about them;
/// - marked as a qualifier when it names what a dotted name belongs to (`orders` in
///   `orders.side`): the text is about the side, and `orders` only says where it lives.
///
/// Stop words are kept in the token stream (marked, not removed), because thesaurus
/// phrases span them: "value at risk", "profit and loss".
enum SearchAnalyzer {
    struct Token: Sendable, Equatable {
        /// The word as written, lowercased (what evidence quotes).
        var written: String
        /// The word respelled (what character n-grams are cut from).
        var surface: String
        /// Its stem: what terms, bigrams and thesaurus phrases compare.
        var stem: String
        var isStopWord: Bool
        var isKeyReference: Bool
        var isQualifier: Bool

        /// Key references and qualifiers: words that place the text rather than say what it is about.
        var isContext: Bool { isKeyReference || isQualifier }
    }

    /// The tokens of one line of text, in order.
    static func tokens(_ line: String, mode: EmbeddingMode) -> [Token] {
        var tokens: [Token] = []
        for (word, isQualifier) in identifierWords(line) {
            let parts = nameParts(word)
            let isKeyReference = parts.count >= 2 && (parts.last == "id" || parts.last == "ids")
            for part in parts {
                let surface = respelled(part)
                tokens.append(Token(written: part, surface: surface, stem: stem(surface), isStopWord: isStopWord(surface, mode: mode),
                                    isKeyReference: isKeyReference, isQualifier: isQualifier))
            }
        }
        return tokens
    }

    /// The words of one identifier, lowercase: ``MetadataTokenizer``'s split of each
    /// `_`-separated piece, except that a case change leaving a single letter is no word
    /// boundary, so `VaR`, `CVaR` and `PnL` stay whole (var, cvar, pnl) while `orderDate`
    /// still splits.
    static func nameParts(_ word: String) -> [String] {
        word.split(separator: "_").flatMap { piece -> [String] in
            var parts: [String] = []
            var pendingLetter: String?
            for part in MetadataTokenizer().tokens(String(piece)) {
                if part.count == 1, part.first?.isLetter == true {
                    if let last = parts.popLast() { parts.append(last + part) } else { pendingLetter = (pendingLetter ?? "") + part }
                } else {
                    parts.append((pendingLetter ?? "") + part)
                    pendingLetter = nil
                }
            }
            if let pendingLetter { parts.append(pendingLetter) }
            return parts
        }
    }

    /// The stem of a respelled word: Porter's, except for the words it would fold onto an
    /// unrelated one (`rating` onto `rate`, `marketing` onto `market`, `positive` onto
    /// `position`).
    static func stem(_ word: String) -> String {
        stemExceptions[word] ?? PorterStemmer.stem(word)
    }

    private static let stemExceptions: [String: String] = [
        "rating": "rating", "ratings": "rating", "rated": "rating", "marketing": "marketing", "positive": "positive",
        "positively": "positive", "generation": "generation", "generations": "generation",
        "interesting": "interesting", "universal": "universal", "university": "university",
    ]

    /// The content stems of `text` in order (stop words dropped): the terms the lexical
    /// index stores and searches. A document's qualifiers are left out (`orders.side` is
    /// indexed as `side`), so every column of a table does not match the table's name.
    static func terms(_ text: String, mode: EmbeddingMode) -> [String] {
        text.split(whereSeparator: \.isNewline).flatMap { line in
            tokens(String(line), mode: mode).filter { !$0.isStopWord && !(mode == .document && $0.isQualifier) }.map(\.stem)
        }
    }

    /// Runs of letters, digits and underscores, so that `client_id` can be recognized as a
    /// key reference before it is split; a run directly followed by a dot and another run
    /// (`orders` in `orders.side`) is a qualifier.
    private static func identifierWords(_ line: String) -> [(word: String, isQualifier: Bool)] {
        var words: [(word: String, isQualifier: Bool)] = []
        var current = ""
        let characters = Array(line)
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        for (i, character) in characters.enumerated() {
            if isWordCharacter(character) {
                current.append(character)
            } else if !current.isEmpty {
                let qualifies = character == "." && i + 1 < characters.count && isWordCharacter(characters[i + 1])
                words.append((current, qualifies))
                current = ""
            }
        }
        if !current.isEmpty { words.append((current, false)) }
        return words
    }

    static func isStopWord(_ word: String, mode: EmbeddingMode) -> Bool {
        if word.count < 2 { return true }
        if functionWords.contains(word) || dataTypes.contains(word) { return true }
        return mode == .query && askingWords.contains(word)
    }

    /// English function words, and the words every generated description repeats
    /// (`rows`, `distinct`, `null`), which tell one item from another no better than `the`.
    static let functionWords: Set<String> = [
        "a", "about", "above", "across", "after", "again", "against", "all", "along", "also", "am", "an", "and", "any",
        "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "etc", "ever", "every", "few",
        "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "if",
        "in", "into", "is", "it", "its", "itself", "just", "least", "less", "like", "may", "me", "might", "more", "most",
        "must", "my", "neither", "no", "nor", "not", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
        "out", "over", "own", "per", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too", "under",
        "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where", "whether", "which",
        "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your",
        "e.g", "eg", "ie", "vs", "versus", "nearly", "almost", "approximately", "roughly", "actually", "really",
        "quite", "rather", "especially", "particularly",
        // Description boilerplate.
        "row", "rows", "column", "columns", "distinct", "null", "nulls", "values", "examples", "range", "key",
    ]

    /// Type names of schema lines (`order_id int64`), never what a question is about.
    static let dataTypes: Set<String> = [
        "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64",
        "double", "float", "string", "utf8", "bool", "boolean", "binary", "decimal", "timestamp", "varchar", "bigint",
        "smallint", "tinyint",
    ]

    /// How questions ask, as opposed to what they ask about; dropped in query mode only.
    static let askingWords: Set<String> = [
        "show", "shows", "showing", "list", "lists", "listing", "give", "giving", "get", "getting", "find", "finding",
        "display", "want", "wants", "need", "needs", "see", "tell", "please", "know", "look", "looking", "fetch",
        "retrieve", "pull", "provide", "return", "compute", "calculate", "determine", "identify", "which", "what",
        "who", "whom", "how", "many", "much", "where", "when", "why", "there", "i", "we", "our", "all", "any", "data",
        "dataset", "datasets", "table", "tables", "information", "info", "details", "detail", "report", "reports",
        "overview", "breakdown", "analysis", "analyse", "analyze", "view", "top", "current", "currently", "latest",
        "recent", "sort", "sorted", "sorting", "rank", "ranked", "ranking", "descending", "ascending", "highest",
        "lowest", "largest", "smallest", "biggest", "behalf",
        // When, not what: a period filters rows of a table, it does not pick the table.
        "today", "yesterday", "tomorrow", "week", "weeks", "weekly", "month", "months", "monthly", "quarter",
        "quarters", "quarterly", "year", "years", "yearly", "annual", "annually", "ytd", "mtd", "qtd", "past",
        "previous", "next", "ago", "since", "last", "day", "days", "often", "frequently", "q1", "q2", "q3", "q4", "january", "february", "march", "april", "june",
        "july", "august", "september", "october", "november", "december",
    ]

    /// British spellings folded onto the American ones the stemmer then sees, and
    /// irregular verb forms onto their stem word; word-level, for the families of words
    /// banking text uses.
    static func respelled(_ word: String) -> String {
        if let fixed = respellings[word] { return fixed }
        // -isation / -ise / -ised / -ising / -iser, but only on stems long enough not to be
        // an English word that merely ends so (rise, wise, precise, promise…).
        for (british, american) in suffixRespellings where word.hasSuffix(british) {
            let stem = word.dropLast(british.count)
            if stem.count >= 4, !iseWords.contains(where: { word.hasPrefix($0) }) {
                return stem + american
            }
        }
        return word
    }

    private static let suffixRespellings: [(String, String)] = [
        ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("isers", "izers"),
        ("iser", "izer"), ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
    ]

    /// Words that end in -ise in both spellings, by their start.
    private static let iseWords = [
        "advertis", "advis", "apprais", "comprom", "compris", "concis", "demis", "despis", "devis", "disguis",
        "enterpris", "exercis", "expertis", "franchis", "improvis", "merchandis", "otherwis", "precis", "premis",
        "promis", "revis", "supervis", "surmis", "surpris", "televis", "treatis", "likewis", "clockwis", "paradis",
        "excis", "incis", "chastis", "arisin", "rais", "prais", "cruis", "nois", "pois",
    ]

    private static let respellings: [String: String] = [
        "cancelled": "canceled", "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling",
        "modelled": "modeled", "modelling": "modeling", "travelled": "traveled", "fulfil": "fulfill",
        "fulfilment": "fulfillment", "enrolment": "enrollment", "behaviour": "behavior", "behaviours": "behaviors",
        "colour": "color", "favour": "favor", "labour": "labor", "honour": "honor", "centre": "center",
        "centres": "centers", "catalogue": "catalog", "catalogues": "catalogs", "licence": "license",
        "defence": "defense", "offence": "offense", "programme": "program", "programmes": "programs",
        "cheque": "check", "cheques": "checks", "judgement": "judgment", "ageing": "aging", "grey": "gray",
        "analyse": "analyze", "analysed": "analyzed", "analyses": "analyzes", "analysing": "analyzing",
        "jewellery": "jewelry", "tonne": "ton", "tonnes": "tons", "instalment": "installment",
        // Irregular past tenses the stemmer cannot fold: "held at" is "hold", "paid" is "pay".
        "held": "hold", "sold": "sell", "bought": "buy", "paid": "pay", "lent": "lend", "spent": "spend",
        "sent": "send", "made": "make", "took": "take", "taken": "take", "lost": "lose", "won": "win",
    ]
}
