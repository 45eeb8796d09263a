/// A column prepared once for the pairwise comparisons of relationship inference: its
/// parsed names, its value family, its sketch and, for integers, its range.
struct PreparedColumn: Sendable {
    let metadata: ColumnMetadata
    let table: TableName
    let name: ColumnName
    let family: KeyValueFamily
    let sketch: KeySketch
    let range: IntegerRange?

    /// `nil` for columns that cannot take part in a join: no sketch (PII, doubles, flags,
    /// timestamps) or an empty one.
    init?(_ column: ColumnMetadata) {
        guard let sketch = column.keySketch, !sketch.hashes.isEmpty, let family = KeyValueFamily(dataType: column.dataType) else {
            return nil
        }
        metadata = column
        table = TableName(column.table)
        name = ColumnName(column.name)
        self.family = family
        self.sketch = sketch
        range = family == .integer ? IntegerRange(column.profile) : nil
    }

    /// Named after its own table (`orders.order_id`): a key, never a foreign key.
    var isOwnKey: Bool { name.isOwnKey(of: table) }

    /// Unique and non-null in every row read: a column other columns may refer to.
    /// Partition keys are folder names, constant within a folder, so never row keys.
    var isUniqueKey: Bool {
        let profile = metadata.profile
        return profile.isUnique && profile.nullCount == 0 && profile.rowCount > 0 && !metadata.isPartitionKey
    }
}

/// What a unique column is to its table, which decides how plausible it is as the target
/// of a foreign key.
enum KeyRole: Sendable, Equatable {
    /// Named after its table (`accounts.account_id`) or a bare `id`: the table's own key.
    case ownKey
    /// Unique but named for something else (`exchanges.mic`, `instruments.isin`): a natural key.
    case naturalKey
    /// Unique, but its stem names another table (`cash_balances.account_id` names `accounts`):
    /// the table is a one-to-one extension of that table, which is where references belong.
    case extensionOf(table: String)

    /// Factor on the confidence of a relationship pointing here. An extension key is capped
    /// at 0.5 so that it stays below the default minimum even with perfect evidence: the
    /// values of `cash_balances.account_id` are exactly those of `accounts.account_id`, and
    /// only the names can say which one `orders.account_id` means.
    var weight: Double {
        switch self {
        case .ownKey: 1
        case .naturalKey: 0.85
        case .extensionOf: 0.5
        }
    }
}

/// A unique column with its role and a hash set ready for containment checks.
struct CandidateKey: Sendable {
    let column: PreparedColumn
    let role: KeyRole
    let index: KeySketchIndex
}

/// The active tables' names, to tell an extension key from a natural key.
struct TableDirectory: Sendable {
    private let tables: [TableName]
    private let byFullName: [[String]: String]
    private let byLastWord: [String: [String]]

    init(_ names: [String]) {
        tables = names.map(TableName.init)
        var full: [[String]: String] = [:]
        var last: [String: [String]] = [:]
        for table in tables {
            full[table.words] = table.name
            if let word = table.words.last { last[word, default: []].append(table.name) }
        }
        byFullName = full
        byLastWord = last
    }

    /// The table other than `excluded` that `column`'s stem names, by full name, last word or synonym.
    func table(namedBy column: ColumnName, excluding excluded: String) -> String? {
        guard let word = column.stem.last else { return nil }
        if let table = byFullName[column.stem], table != excluded { return table }
        if let table = byLastWord[word]?.first(where: { $0 != excluded }) { return table }
        guard let concept = FinanceThesaurus.concept(of: word) else { return nil }
        return tables.first { $0.name != excluded && $0.words.last.flatMap(FinanceThesaurus.concept(of:)) == concept }?.name
    }

    func role(of column: PreparedColumn) -> KeyRole {
        if column.isOwnKey { return .ownKey }
        if let other = table(namedBy: column.name, excluding: column.metadata.table) { return .extensionOf(table: other) }
        return .naturalKey
    }
}
