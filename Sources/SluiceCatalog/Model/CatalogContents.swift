/// Everything a catalog holds, as one value: what a scan produces and a store saves
/// in one transaction, so a failed scan leaves the previous catalog untouched.
public struct CatalogContents: Sendable, Codable, Equatable {
    public var tables: [TableMetadata]
    public var columns: [ColumnMetadata]
    public var relationships: [RelationshipMetadata]
    public var kpiPatterns: [KPIPattern]

    public init(tables: [TableMetadata] = [], columns: [ColumnMetadata] = [], relationships: [RelationshipMetadata] = [], kpiPatterns: [KPIPattern] = []) {
        self.tables = tables
        self.columns = columns
        self.relationships = relationships
        self.kpiPatterns = kpiPatterns
    }

    public func table(named name: String) -> TableMetadata? {
        tables.first { $0.name == name }
    }

    /// The columns of `table` in schema order.
    public func columns(of table: String) -> [ColumnMetadata] {
        columns.filter { $0.table == table }.sorted { $0.position < $1.position }
    }
}
