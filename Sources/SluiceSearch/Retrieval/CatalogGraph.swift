import SluiceCatalog

/// What retrieval needs to know about the catalog's structure: which table each column
/// belongs to, which tables each KPI pattern reads, and the joins between tables.
struct CatalogGraph {
    /// One join, with the key of its relationship item.
    struct Join {
        var key: String
        var fromTable: String
        var fromColumn: String
        var toTable: String
        var toColumn: String

        /// `orders.account_id → accounts.account_id`.
        var description: String { "\(fromTable).\(fromColumn) → \(toTable).\(toColumn)" }

        func other(than table: String) -> String { fromTable == table ? toTable : fromTable }
    }

    /// Column key (`orders.side`) → its table.
    let tableOfColumn: [String: String]
    /// Table → its column keys, sorted.
    let columnsOfTable: [String: [String]]
    /// KPI id → the tables it reads, in the pattern's order.
    let tablesOfKPI: [String: [String]]
    /// KPI id → the column keys its template reads (``TemplateColumns``).
    let columnsOfKPI: [String: Set<String>]
    /// Relationship key → its join.
    let joins: [String: Join]
    /// Table → the joins that touch it, sorted by key.
    let joinsOfTable: [String: [Join]]
    /// Column keys on either side of a join.
    let joinKeys: Set<String>

    init(contents: CatalogContents, documents: [CatalogDocument]) {
        let searchable = Set(documents.map(\.id))
        var tableOfColumn: [String: String] = [:]
        var columnsOfTable: [String: [String]] = [:]
        var columnNames: [String: Set<String>] = [:]
        for column in contents.columns where searchable.contains(.column(column.table, column.name)) {
            let key = CatalogItemID.column(column.table, column.name).key
            tableOfColumn[key] = column.table
            columnsOfTable[column.table, default: []].append(key)
            columnNames[column.table, default: []].insert(column.name)
        }
        self.tableOfColumn = tableOfColumn
        self.columnsOfTable = columnsOfTable.mapValues { $0.sorted() }
        var tablesOfKPI: [String: [String]] = [:]
        var columnsOfKPI: [String: Set<String>] = [:]
        for pattern in contents.kpiPatterns where searchable.contains(.kpi(pattern.id)) {
            tablesOfKPI[pattern.id] = pattern.tables
            let read = TemplateColumns.referenced(in: pattern.template, tables: pattern.tables, columns: columnNames)
            columnsOfKPI[pattern.id] = Set(read.map { CatalogItemID.column($0.table, $0.column).key })
        }
        self.tablesOfKPI = tablesOfKPI
        self.columnsOfKPI = columnsOfKPI
        var joins: [String: Join] = [:]
        var joinsOfTable: [String: [Join]] = [:]
        for relationship in contents.relationships where searchable.contains(.relationship(relationship)) {
            let key = CatalogItemID.relationship(relationship).key
            let join = Join(key: key, fromTable: relationship.fromTable, fromColumn: relationship.fromColumn,
                            toTable: relationship.toTable, toColumn: relationship.toColumn)
            joins[key] = join
            joinsOfTable[join.fromTable, default: []].append(join)
            if join.toTable != join.fromTable { joinsOfTable[join.toTable, default: []].append(join) }
        }
        self.joins = joins
        joinKeys = Set(joins.values.flatMap { [CatalogItemID.column($0.fromTable, $0.fromColumn).key, CatalogItemID.column($0.toTable, $0.toColumn).key] })
        self.joinsOfTable = joinsOfTable.mapValues { $0.sorted { $0.key < $1.key } }
    }

    /// Whether a join connects `a` and `b` directly.
    func areJoined(_ a: String, _ b: String) -> Bool {
        (joinsOfTable[a] ?? []).contains { $0.other(than: a) == b }
    }

    /// The tables that join `a` to `b` in two steps, each with the two joins, sorted by table.
    func bridges(between a: String, and b: String) -> [(table: String, first: Join, second: Join)] {
        var found: [(table: String, first: Join, second: Join)] = []
        for first in joinsOfTable[a] ?? [] {
            let middle = first.other(than: a)
            guard middle != a, middle != b else { continue }
            if let second = (joinsOfTable[middle] ?? []).first(where: { $0.other(than: middle) == b }),
               !found.contains(where: { $0.table == middle }) {
                found.append((middle, first, second))
            }
        }
        return found.sorted { $0.table < $1.table }
    }
}
