/// Splits table and column names into comparable words, so that `broker_id`,
/// `brokerID` and `BrokerId` all read as `broker` + `id`, and `counterparties`
/// reads as `counterparty`.
///
/// Relationship inference compares names word by word rather than as whole strings:
/// `orders.account_id` names the table `accounts`, `risk_limits.limit_id` is the key
/// of its own table, and `parent_account_id` carries a self-reference cue.
enum NameWords {
    /// Trailing words that mark a column as an identifier rather than naming what it identifies:
    /// `client_id`, `currency_code`, `order_ref`, `account_no` all identify by their other words.
    static let identifierSuffixes: Set<String> = ["id", "key", "code", "ref", "fk", "no", "nr", "num", "number"]

    /// Words that mark a reference to a row of the same table: `parent_id`, `previous_order_id`.
    static let selfReferenceCues: Set<String> = [
        "parent", "superior", "predecessor", "successor", "previous", "prior", "next", "original", "root", "master",
    ]

    /// Lowercase words of `name`, each in singular form. Splits at non-alphanumeric characters
    /// and at camel-case boundaries (`clOrdID` → `cl`, `ord`, `id`).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        let characters = Array(name)
        func flush() {
            if !current.isEmpty { words.append(singular(String(current).lowercased())) }
            current.removeAll()
        }
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let previous = current.last, character.isUppercase {
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                // `brokerId` breaks before `I`; `HTTPServer` breaks before `S`, not inside `HTTP`.
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }

    /// The singular of an English plural, enough for table names: `counterparties` → `counterparty`,
    /// `addresses` → `address`, `exchanges` → `exchange`, `orders` → `order`. Words ending in
    /// `ss`, `us` or `is` (`class`, `status`, `analysis`) are already singular.
    static func singular(_ word: String) -> String {
        guard word.count > 3 else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        for suffix in ["sses", "xes", "ches", "shes", "zes", "uses"] where word.hasSuffix(suffix) {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }
}

/// A column name read for relationship inference: its words, and its stem, the words
/// that say what it identifies (`broker_id` → `broker`).
struct ColumnName: Sendable {
    let words: [String]
    /// The words without a trailing identifier suffix; empty for a bare `id`.
    let stem: [String]
    /// Whether the stem carries a self-reference cue (`parent`, `previous`, …).
    let isSelfReference: Bool

    init(_ name: String) {
        words = NameWords.words(name)
        if let last = words.last, NameWords.identifierSuffixes.contains(last) {
            stem = Array(words.dropLast())
        } else {
            stem = words
        }
        isSelfReference = stem.contains { NameWords.selfReferenceCues.contains($0) }
    }

    /// The stem as one phrase: `broker`, `settlement account`.
    var stemText: String { stem.joined(separator: " ") }

    /// Whether the column is the key of a table named `table`: a bare `id`, or a stem that
    /// is the table's name (`counterparty_id` in `counterparties`) or its last word
    /// (`limit_id` in `risk_limits`). A column named after its own table is its key,
    /// never a reference, unless it carries a self-reference cue (`parent_account_id`).
    func isOwnKey(of table: TableName) -> Bool {
        guard !isSelfReference else { return false }
        if stem.isEmpty { return true }
        return stem == table.words || (stem.count == 1 && stem[0] == table.words.last)
    }
}

/// How well a column's stem names a table.
enum TableNameMatch: Sendable {
    /// The stem is the whole table name: `account_id` ~ `accounts`.
    case full
    /// The stem's last word is the table name's last word: `settlement_account_id` ~ `accounts`,
    /// `limit_id` ~ `risk_limits`.
    case lastWord
}

/// A table name read for relationship inference.
struct TableName: Sendable {
    let name: String
    let words: [String]

    init(_ name: String) {
        self.name = name
        words = NameWords.words(name)
    }

    /// Whether `column`'s stem names this table, and how closely.
    func match(_ column: ColumnName) -> TableNameMatch? {
        guard let last = column.stem.last, let own = words.last else { return nil }
        if column.stem == words { return .full }
        return last == own ? .lastWord : nil
    }
}
