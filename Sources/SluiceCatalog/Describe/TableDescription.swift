/// The generated description of one table, from its columns' profiles and its joins:
/// `515 rows, 15 columns. side: 3 distinct (BUY, SELL, SHRT). 2% null rate on limit_price. Key: order_id.`
///
/// It tells a search agent what it cannot learn from names alone: how big the table is,
/// which values its categorical columns take, where data is missing, what identifies a
/// row, and how it joins to other tables.
struct TableDescription {
    let table: TableMetadata
    /// In schema order.
    let columns: [ColumnMetadata]
    /// The relationships that involve this table and are not rejected.
    let relationships: [RelationshipMetadata]

    /// `Table orders: order_id int64, cl_ord_id string, …` — what the schema alone says.
    var schemaSummary: String {
        let fields = columns.map { "\($0.name) \($0.dataType)" }.joined(separator: ", ")
        return "Table \(table.name): \(fields)."
    }

    var detailAgent: String {
        var sentences = ["\(ReadableText.counted(table.rowCount, "row")), \(ReadableText.counted(columns.count, "column"))"]
        // A scan may profile a sample of a large table; say so, since the counts below come from it.
        if let profiled = columns.map(\.profile.profiledRows).max(), profiled < table.rowCount {
            sentences.append("Statistics from \(ReadableText.count(profiled)) profiled rows")
        }
        let descriptions = columns.map(ColumnDescription.init(column:))
        for description in descriptions {
            if description.isPII {
                sentences.append("\(description.column.name): \(description.piiLabel), masked")
            } else if let values = description.categoricalValues {
                // Sorted by value, not frequency, so that a small shift in the data does not
                // change the text (and force a new embedding).
                let listed = values.map { ReadableText.clipped($0.value) }.sorted()
                sentences.append("\(description.column.name): \(values.count) distinct (\(listed.joined(separator: ", ")))")
            }
        }
        for column in columns where column.profile.nullCount > 0 {
            sentences.append("\(ReadableText.percent(column.profile.nullFraction)) null rate on \(column.name)")
        }
        if let key = keyColumn {
            sentences.append("Key: \(key.name)")
        }
        let outgoing = relationships.filter { $0.fromTable == table.name }.map { "\($0.fromColumn) → \($0.toTable).\($0.toColumn)" }
        if !outgoing.isEmpty {
            sentences.append("Joins: \(outgoing.sorted().joined(separator: ", "))")
        }
        let incoming = relationships.filter { $0.toTable == table.name && $0.fromTable != table.name }.map { "\($0.fromTable).\($0.fromColumn)" }
        if !incoming.isEmpty {
            sentences.append("Referenced by: \(incoming.sorted().joined(separator: ", "))")
        }
        return sentences.map { $0 + "." }.joined(separator: " ")
    }

    /// The column that identifies a row: the first unique, non-null column named `id` or
    /// `…_id`, else the first such integer column. Text columns that happen to be unique
    /// (names, e-mail addresses) are not keys.
    var keyColumn: ColumnMetadata? {
        let candidates = columns.filter { ColumnDescription(column: $0).isKeyCandidate }
        return candidates.first { $0.name == "id" || $0.name.hasSuffix("_id") }
            ?? candidates.first { ColumnTypeClass($0.dataType) == .integer }
    }
}
