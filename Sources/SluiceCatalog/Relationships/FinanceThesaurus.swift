/// Words that name the same kind of business entity in trading and banking data, so that a
/// foreign key named for the role a row plays still finds the table named for what it is:
/// `venue_id` → `exchanges`, `broker_id` and `custodian_id` → `counterparties`,
/// `customer_id` → `clients`.
///
/// Each group is one concept; the first word is its name in evidence lines. The list is
/// deliberately small: a synonym that is wrong for some lake would make a false relationship
/// look named, so only words that are unambiguous in finance belong here.
enum FinanceThesaurus {
    static let groups: [[String]] = [
        ["counterparty", "broker", "dealer", "custodian", "clearer", "clearing", "depositary", "cpty"],
        ["exchange", "venue", "market", "marketplace", "mic"],
        ["client", "customer", "investor"],
        ["instrument", "security", "asset"],
        ["currency", "ccy"],
        ["execution", "fill"],
    ]

    private static let conceptByWord: [String: String] = {
        var concepts: [String: String] = [:]
        for group in groups {
            for word in group { concepts[word] = group[0] }
        }
        return concepts
    }()

    /// The concept `word` (singular, lowercase) belongs to, or `nil` when it is in no group.
    static func concept(of word: String) -> String? {
        conceptByWord[word]
    }

    /// Whether two different words name the same concept (`venue` and `exchange`).
    static func areSynonyms(_ first: String, _ second: String) -> Bool {
        guard first != second, let concept = concept(of: first) else { return false }
        return concept == self.concept(of: second)
    }
}
