@testable import SluiceSearch
import Testing

@Suite struct SearchAnalyzerTests {
    /// Examples from Porter's paper and his reference vocabulary.
    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("caress", "caress"), ("cats", "cat"),
        ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"), ("motoring", "motor"),
        ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
        ("tanned", "tan"), ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"),
        ("filing", "file"), ("happy", "happi"), ("sky", "sky"), ("relational", "relat"), ("conditional", "condit"),
        ("rational", "ration"), ("valenci", "valenc"), ("hesitanci", "hesit"), ("digitizer", "digit"),
        ("conformabli", "conform"), ("radicalli", "radic"), ("differentli", "differ"), ("vileli", "vile"),
        ("analogousli", "analog"), ("vietnamization", "vietnam"), ("predication", "predic"), ("operator", "oper"),
        ("feudalism", "feudal"), ("decisiveness", "decis"), ("hopefulness", "hope"), ("callousness", "callous"),
        ("formaliti", "formal"), ("sensitiviti", "sensit"), ("sensibiliti", "sensibl"), ("triplicate", "triplic"),
        ("formative", "form"), ("formalize", "formal"), ("electriciti", "electr"), ("electrical", "electr"),
        ("hopeful", "hope"), ("goodness", "good"), ("revival", "reviv"), ("allowance", "allow"),
        ("inference", "infer"), ("airliner", "airlin"), ("gyroscopic", "gyroscop"), ("adjustable", "adjust"),
        ("defensible", "defens"), ("irritant", "irrit"), ("replacement", "replac"), ("adjustment", "adjust"),
        ("dependent", "depend"), ("adoption", "adopt"), ("homologou", "homolog"), ("communism", "commun"),
        ("activate", "activ"), ("angulariti", "angular"), ("homologous", "homolog"), ("effective", "effect"),
        ("bowdlerize", "bowdler"), ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"), ("controll", "control"),
        ("roll", "roll"), ("generalizations", "gener"), ("oscillators", "oscil"),
    ])
    func porterStems(word: String, stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }

    @Test func leavesNonEnglishWordsAndCodesAlone() {
        #expect(PorterStemmer.stem("lefèvre") == "lefèvre")
        #expect(PorterStemmer.stem("1d") == "1d")
        #expect(PorterStemmer.stem("var95") == "var95")
        #expect(PorterStemmer.stem("is") == "is")
    }

    /// Inflections of one word meet on one term; British spellings on the American one.
    @Test func foldsInflectionsAndSpellings() {
        let terms = { (text: String) in SearchAnalyzer.terms(text, mode: .document) }
        #expect(terms("executions executed execute") == Array(repeating: "execut", count: 3))
        #expect(terms("utilisation") == terms("utilization"))
        #expect(terms("realised unrealised") == terms("realized unrealized"))
        #expect(terms("cancelled") == terms("canceled"))
        // Words that end in -ise in both spellings keep it.
        #expect(SearchAnalyzer.respelled("enterprise") == "enterprise")
        #expect(SearchAnalyzer.respelled("exercised") == "exercised")
    }

    @Test func splitsNamesAndMarksKeyReferences() {
        let tokens = SearchAnalyzer.tokens("Table risk_limits: client_id int32, utilizationPct", mode: .document)
        #expect(tokens.map(\.surface) == ["table", "risk", "limits", "client", "id", "int32", "utilization", "pct"])
        #expect(tokens.filter(\.isKeyReference).map(\.surface) == ["client", "id"])
        #expect(tokens.filter(\.isStopWord).map(\.surface) == ["int32"])
    }

    @Test(arguments: [
        ("VaR", ["var"]), ("CVaR", ["cvar"]), ("PnL", ["pnl"]), ("unrealizedPnL", ["unrealized", "pnl"]),
        ("orderDate", ["order", "date"]), ("HTTPServer", ["http", "server"]), ("var_1d_95", ["var", "1d", "95"]),
        ("is_pep", ["is", "pep"]), ("a", ["a"]),
    ])
    func keepsMixedCaseAbbreviationsWhole(name: String, parts: [String]) {
        #expect(SearchAnalyzer.nameParts(name) == parts)
    }

    /// Asking words are dropped from questions only; documents keep them.
    @Test func dropsWordsOfAskingFromQuestions() {
        #expect(SearchAnalyzer.terms("Show me which clients have expired KYC", mode: .query) == ["client", "expir", "kyc"])
        #expect(SearchAnalyzer.terms("Show me which clients", mode: .document) == ["show", "client"])
    }

    @Test func findsThesaurusPhrasesLongestFirst() {
        let concepts = { (text: String) in
            BusinessConcepts.matches(in: SearchAnalyzer.tokens(text, mode: .query)).flatMap(\.concepts)
        }
        #expect(concepts("value at risk per customer") == ["risk_measure", "client"])
        #expect(concepts("foreign exchange exposure") == ["currency", "holding"])
        #expect(concepts("P&L by stock exchange") == ["pnl", "venue"])
        // A lone stop word names nothing: "return" asks, it is no profit here.
        #expect(concepts("return the accounts") == ["account"])
    }
}
