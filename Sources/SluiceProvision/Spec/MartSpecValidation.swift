import SluiceCatalog

/// A spec whose every name has been resolved against the catalog.
public struct ResolvedMartSpec: Sendable, Equatable {
    public var spec: MartSpec
    /// Source reference (alias or table) → the catalog table.
    public var tables: [String: TableMetadata]
    /// Every column the spec reads, resolved: `p.market_value` → positions.market_value.
    public var columns: [SourceColumn: ColumnMetadata]
    /// Output column names in order: dimensions, then measures.
    public var outputNames: [String]
}

extension MartSpec {
    /// Checks the spec against `catalog` and resolves its names.
    ///
    /// Checks, reporting every problem found: the name's shape; each source an active catalog
    /// table, referenced once; aliases unique and not equal to another source's table; every
    /// join names a source not yet joined and compares columns of sources already in the plan
    /// with the joined one; every column reference names a source of the spec and a column
    /// of its table; transform arity and parameters; aggregates over a type they accept (sum
    /// and avg need numbers); output names unique, non-empty, at most 63 bytes; order by an
    /// output name that exists; indexes over output names; limit in range; at least one
    /// output column.
    ///
    /// - Throws: ``MartSpecError`` listing every problem with its path; an unknown table or
    ///   column is named together with the closest names the catalog has.
    public func resolve(against catalog: CatalogContents) throws -> ResolvedMartSpec {
        var resolver = SpecResolver(spec: self, catalog: catalog)
        guard let resolved = resolver.run() else { throw MartSpecError(problems: resolver.problems) }
        return resolved
    }
}
