/// What the names say about a foreign-key candidate, as a score in 0…1 and the cues behind it.
///
/// Values alone cannot tell `orders.broker_id` (values 1…3) from a reference to exchanges,
/// instruments or clients: small integer ids are contained in every larger `1…N` key. The
/// names can: each cue that fires adds its weight, and independent cues reinforce each other
/// (combined as `1 − ∏(1 − weight)`), so `broker` being both a synonym of `counterparty` and a
/// `counterparty_type` value is stronger evidence than either alone.
struct NameEvidence: Sendable {
    /// The stem is the target table's whole name: `account_id` ~ `accounts`.
    static let fullTableNameWeight = 1.0
    /// An explicit self-reference cue on a key of the same table: `parent_id`.
    static let selfReferenceWeight = 1.0
    /// Same column name on both sides (`isin` ~ `isin`), the usual convention for natural keys.
    static let equalNamesWeight = 0.9
    /// The stem's last word is the table name's last word: `limit_id` ~ `risk_limits`.
    static let lastWordWeight = 0.85
    /// A synonym of the table name in ``FinanceThesaurus``: `venue` ~ `exchanges`.
    static let synonymWeight = 0.8
    /// The stem is a value of a categorical column of the target table: `broker` is a
    /// `counterparty_type` of counterparties, so a broker is a kind of counterparty.
    static let categoricalValueWeight = 0.75
    /// Equal names that say nothing about identity (`name`, `status`, …) count this much.
    static let genericEqualNamesWeight = 0.3

    /// Column names so common that two columns sharing one are not evidence of a join.
    static let genericNames: Set<String> = ["name", "description", "status", "type", "value", "label", "title", "comment", "note"]

    struct Cue: Sendable {
        let weight: Double
        let explanation: String
    }

    private(set) var cues: [Cue] = []

    /// 0 without cues; `1 − ∏(1 − weight)` over the cues.
    var score: Double {
        1 - cues.reduce(1) { $0 * (1 - $1.weight) }
    }

    var explanation: String {
        cues.isEmpty ? "no name evidence" : cues.map(\.explanation).joined(separator: "; ")
    }

    /// The name cues for `source` referring to `key`. For a key of the source's own table,
    /// only an explicit self-reference counts: a column named after its own table is its key.
    init(source: PreparedColumn, key: PreparedColumn, categoricalValues: CategoricalValues) {
        let stem = source.name.stem
        let target = key.table
        if source.metadata.table == key.metadata.table {
            if source.name.isSelfReference, Self.selfReferenceRemainder(stem, names: target) {
                let cue = stem.first { NameWords.selfReferenceCues.contains($0) } ?? ""
                add(Self.selfReferenceWeight, "'\(cue)' marks a reference to a row of \(target.name)")
            }
            return
        }
        switch target.match(source.name) {
        case .full?: add(Self.fullTableNameWeight, "'\(source.name.stemText)' names table \(target.name)")
        case .lastWord?: add(Self.lastWordWeight, "'\(stem.last ?? "")' names table \(target.name)")
        case nil: break
        }
        if source.name.words == key.name.words {
            let generic = Self.genericNames.contains(source.name.words.joined(separator: "_"))
            add(generic ? Self.genericEqualNamesWeight : Self.equalNamesWeight, "same column name \(source.metadata.name)")
        }
        if let word = stem.last, let tableWord = target.words.last, FinanceThesaurus.areSynonyms(word, tableWord) {
            add(Self.synonymWeight, "\(word) ~ \(tableWord) (finance thesaurus)")
        }
        if let word = stem.last, let column = categoricalValues.column(in: target.name, withValue: word) {
            add(Self.categoricalValueWeight, "'\(word)' is a \(column) value of \(target.name)")
        }
    }

    private mutating func add(_ weight: Double, _ explanation: String) {
        cues.append(Cue(weight: weight, explanation: explanation))
    }

    /// Whether the stem without its cue words is empty (`parent_id`) or names the table itself
    /// (`previous_order_id` in `orders`): otherwise it names another table, not its own.
    private static func selfReferenceRemainder(_ stem: [String], names table: TableName) -> Bool {
        let rest = stem.filter { !NameWords.selfReferenceCues.contains($0) }
        return rest.isEmpty || rest == table.words || (rest.count == 1 && rest[0] == table.words.last)
    }
}

/// The values of each table's categorical columns, by word: how `broker_id` learns that
/// brokers are counterparties (`counterparties.counterparty_type` has the value `broker`).
///
/// A column is categorical when it is a non-PII string column, not unique, with at most
/// ``maximumDistinct`` distinct values; its ``ColumnProfile/topValues`` then hold all or most of
/// them. Only single-word values count, compared in singular lowercase form.
struct CategoricalValues: Sendable {
    static let maximumDistinct = 20

    /// Table → value word → the first column (by position) holding it.
    private let columns: [String: [String: String]]

    init(_ all: [ColumnMetadata]) {
        var columns: [String: [String: String]] = [:]
        for column in all.sorted(by: { ($0.table, $0.position) < ($1.table, $1.position) }) {
            let profile = column.profile
            guard column.dataType == "string", !column.pii.effectiveIsPII, !profile.isUnique,
                  profile.distinctCount <= Self.maximumDistinct else { continue }
            for frequency in profile.topValues {
                let words = NameWords.words(frequency.value)
                guard words.count == 1 else { continue }
                if columns[column.table]?[words[0]] == nil { columns[column.table, default: [:]][words[0]] = column.name }
            }
        }
        self.columns = columns
    }

    /// The categorical column of `table` that has `word` among its values.
    func column(in table: String, withValue word: String) -> String? {
        columns[table]?[word]
    }
}
