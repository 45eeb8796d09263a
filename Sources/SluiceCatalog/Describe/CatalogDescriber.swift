/// Writes the generated descriptions of a catalog: the `detail_agent` of tables and columns,
/// and the `metadata_text` that search embeds for tables, columns, relationships and KPI
/// patterns.
///
/// Each metadata text has up to three parts, one per line: a summary of what the schema
/// says, the business description a person wrote (`detail_bi`, from annotations), and the
/// description generated from the statistics (`detail_agent`):
///
/// ```text
/// Table orders: order_id int64, cl_ord_id string, side string, limit_price float64, …
/// One row per client order sent to a broker.
/// 515 rows, 15 columns. side: 3 distinct (BUY, SELL, SHRT). 2% null rate on limit_price. Key: order_id.
/// ```
///
/// Run it last in a scan, after profiling, PII review, annotations and relationship
/// inference, since it reads all of them:
///
/// ```swift
/// _ = annotations.apply(to: &contents)
/// CatalogDescriber().describe(&contents)
/// try await store.replace(with: contents)
/// ```
///
/// The output is deterministic (same catalog, same text, on any machine), so an unchanged
/// table keeps its text and is not embedded again. PII columns never contribute values.
public struct CatalogDescriber: Sendable {
    public init() {}

    /// Fills `detailAgent` and `metadataText` of every active table and its columns, of the
    /// relationships between active tables, and of every KPI pattern. Removed tables, their
    /// columns and relationships keep the text they had. A table whose metadata text changes
    /// is marked ``TableMetadata/needsEmbedding``.
    public func describe(_ contents: inout CatalogContents) {
        let active = Set(contents.tables.filter { $0.lifecycle == .active }.map(\.name))
        let joins = contents.relationships.filter { $0.status != .rejected && active.contains($0.fromTable) && active.contains($0.toTable) }
        let columnsByTable = Dictionary(grouping: contents.columns, by: \.table).mapValues { $0.sorted { $0.position < $1.position } }

        for index in contents.tables.indices where active.contains(contents.tables[index].name) {
            let table = contents.tables[index]
            let description = TableDescription(
                table: table, columns: columnsByTable[table.name] ?? [],
                relationships: joins.filter { $0.fromTable == table.name || $0.toTable == table.name })
            let text = Self.metadataText(description.schemaSummary, table.detailBI, description.detailAgent)
            contents.tables[index].detailAgent = description.detailAgent
            if text != table.metadataText {
                contents.tables[index].metadataText = text
                contents.tables[index].needsEmbedding = true
            }
        }
        for index in contents.columns.indices where active.contains(contents.columns[index].table) {
            let column = contents.columns[index]
            let detail = ColumnDescription(column: column).detailAgent
            contents.columns[index].detailAgent = detail
            contents.columns[index].metadataText = Self.metadataText("Column \(column.qualifiedName) (\(column.dataType)).", column.detailBI, detail)
        }
        for index in contents.relationships.indices {
            let relationship = contents.relationships[index]
            guard active.contains(relationship.fromTable), active.contains(relationship.toTable) else { continue }
            contents.relationships[index].metadataText = Self.metadataText(relationship)
        }
        for index in contents.kpiPatterns.indices {
            contents.kpiPatterns[index].metadataText = Self.metadataText(contents.kpiPatterns[index], joins: joins)
        }
    }

    /// The non-empty parts, one per line.
    static func metadataText(_ summary: String, _ detailBI: String?, _ detailAgent: String) -> String {
        [summary, detailBI ?? "", detailAgent].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func metadataText(_ relationship: RelationshipMetadata) -> String {
        let from = "\(relationship.fromTable).\(relationship.fromColumn)"
        let to = "\(relationship.toTable).\(relationship.toColumn)"
        let summary = "Relationship \(relationship.description): join \(from) = \(to) "
            + "(many \(relationship.fromTable) rows to one \(relationship.toTable) row)."
        let status = relationship.status.rawValue.prefix(1).uppercased() + relationship.status.rawValue.dropFirst()
        let generated = relationship.status == .rejected
            ? "\(status) (\(relationship.source.rawValue)): not a join. Evidence: \(relationship.evidence)."
            : "\(status) (\(relationship.source.rawValue)), confidence \(ReadableText.percent(relationship.confidence)). Evidence: \(relationship.evidence)."
        return metadataText(summary, relationship.detailBI, generated)
    }

    /// Name and description, then the tables and the joins between them that the template uses.
    static func metadataText(_ pattern: KPIPattern, joins: [RelationshipMetadata]) -> String {
        let tables = Set(pattern.tables)
        let paths = joins.filter { tables.contains($0.fromTable) && tables.contains($0.toTable) }.map(\.description).sorted()
        var generated = "Tables: \(pattern.tables.joined(separator: ", "))."
        if !paths.isEmpty { generated += " Joins: \(paths.joined(separator: ", "))." }
        return metadataText("KPI pattern \(pattern.id): \(pattern.name).", pattern.description, generated)
    }
}
