import Crypto
import Foundation
import SluiceCatalog

/// The four kinds of catalog item search ranks.
public enum CatalogItemKind: String, Sendable, Codable, CaseIterable, Comparable {
    case table
    case column
    case relationship
    case kpi

    public static func < (a: CatalogItemKind, b: CatalogItemKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One searchable item of the catalog.
///
/// Keys: a table's name (`orders`); `table.column` for a column (`orders.side`);
/// `from_table.from_column->to_table.to_column` for a relationship
/// (`orders.broker_id->counterparties.counterparty_id`); a KPI pattern's id
/// (`portfolio_exposure`).
public struct CatalogItemID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var kind: CatalogItemKind
    public var key: String

    public init(kind: CatalogItemKind, key: String) {
        self.kind = kind
        self.key = key
    }

    public static func table(_ name: String) -> CatalogItemID { CatalogItemID(kind: .table, key: name) }
    public static func column(_ table: String, _ column: String) -> CatalogItemID { CatalogItemID(kind: .column, key: "\(table).\(column)") }
    public static func relationship(_ relationship: RelationshipMetadata) -> CatalogItemID {
        CatalogItemID(kind: .relationship, key: "\(relationship.fromTable).\(relationship.fromColumn)->\(relationship.toTable).\(relationship.toColumn)")
    }
    public static func kpi(_ id: String) -> CatalogItemID { CatalogItemID(kind: .kpi, key: id) }

    /// `column:orders.side`.
    public var description: String { "\(kind.rawValue):\(key)" }

    public static func < (a: CatalogItemID, b: CatalogItemID) -> Bool {
        a.kind != b.kind ? a.kind < b.kind : a.key < b.key
    }
}

/// The text search indexes for one catalog item: its `metadata_text`, which the catalog
/// guarantees holds no raw PII value (PII statistics are stored masked).
public struct CatalogDocument: Sendable, Equatable {
    public var id: CatalogItemID
    public var text: String
    /// SHA-256 hex of the UTF-8 text: a stored vector is current when its hash equals this.
    public var textHash: String
    /// The catalog marked the item's text as changed since it was last embedded.
    public var needsEmbedding: Bool

    public init(id: CatalogItemID, text: String, needsEmbedding: Bool = false) {
        self.id = id
        self.text = text
        self.textHash = Self.hash(of: text)
        self.needsEmbedding = needsEmbedding
    }

    public static func hash(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The searchable items of `contents`, sorted by id: active tables and their columns,
    /// confirmed or suggested relationships between active tables (rejected ones are a
    /// review memory, not a join), and every KPI pattern. Items with empty metadata text
    /// are left out.
    public static func documents(from contents: CatalogContents) -> [CatalogDocument] {
        let active = Set(contents.tables.filter { $0.lifecycle == .active }.map(\.name))
        var documents: [CatalogDocument] = []
        for table in contents.tables where active.contains(table.name) {
            documents.append(CatalogDocument(id: .table(table.name), text: table.metadataText, needsEmbedding: table.needsEmbedding))
        }
        for column in contents.columns where active.contains(column.table) {
            documents.append(CatalogDocument(id: .column(column.table, column.name), text: column.metadataText))
        }
        for relationship in contents.relationships
        where relationship.status != .rejected && active.contains(relationship.fromTable) && active.contains(relationship.toTable) {
            documents.append(CatalogDocument(id: .relationship(relationship), text: relationship.metadataText))
        }
        for pattern in contents.kpiPatterns {
            documents.append(CatalogDocument(id: .kpi(pattern.id), text: pattern.metadataText))
        }
        return documents.filter { !$0.text.isEmpty }.sorted { $0.id < $1.id }
    }
}
