import SluiceCatalog

/// What a compiled mart stages: one table per source, with only the columns the statement
/// reads, so that no other column (PII or not) is ever copied out of the lake.
enum StagingPlan {
    /// PostgreSQL's limit, kept everywhere so that names mean the same in every warehouse.
    static let maximumNameBytes = 63
    /// Room left for `_<n>_` and the start of the table name whatever prefix a caller passes.
    static let maximumPrefixBytes = 40

    static func tables(for resolved: ResolvedMartSpec, catalog: CatalogContents, prefix: String) -> [StagingTable] {
        let prefix = sanitized(prefix)
        return resolved.spec.sources.enumerated().compactMap { index, source in
            guard let table = resolved.tables[source.reference] else { return nil }
            let read = Set(resolved.columns.keys.filter { $0.source == source.reference }.map(\.column))
            let schema = catalog.columns(of: table.name)
            var columns = schema.filter { read.contains($0.name) }
            // A source read only for its row count (`count(*)`) still needs its rows staged,
            // and a table cannot be created without a column: its first one stands in.
            if columns.isEmpty, let first = schema.first { columns = [first] }
            return StagingTable(
                sourceTable: table.name,
                stagedName: name(prefix: prefix, index: index + 1, table: table.name),
                columns: columns.map { StagedColumn(name: $0.name, type: StagedColumnType(catalogType: $0.dataType), catalogType: $0.dataType) },
                lakeURI: table.lakeURI, objects: table.objects, partitionKeys: table.partitionKeys, contentHash: table.contentHash)
        }
    }

    /// `<prefix>_<n>_<table>`, cut to 63 bytes at a character boundary. The number comes
    /// before the table, so names stay distinct however much of the table's name is cut.
    static func name(prefix: String, index: Int, table: String) -> String {
        truncated("\(prefix)_\(index)_\(table)", toBytes: maximumNameBytes)
    }

    /// The prefix's ASCII letters and digits (a UUID's dashes go), at most 40 bytes; `s` if none.
    static func sanitized(_ prefix: String) -> String {
        let kept = String(prefix.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.map(Character.init))
        return kept.isEmpty ? "s" : String(kept.prefix(maximumPrefixBytes))
    }

    static func truncated(_ text: String, toBytes limit: Int) -> String {
        var result = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            guard bytes + size <= limit else { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}
