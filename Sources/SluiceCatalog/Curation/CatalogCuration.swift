import SluiceGovernance

/// The decisions people make on a catalog: confirm or reject a PII verdict, classify a table.
///
/// Each decision rewrites the catalog in one transaction, because it changes more than
/// one field: confirming PII masks the column's stored statistics (which until then held
/// raw values, since nobody knew they were personal), and every decision changes the
/// descriptions that search embeds, so the table is marked for re-embedding.
/// Scans keep these decisions (see ``CatalogScanner``).
public struct CatalogCuration: Sendable {
    public let store: any CatalogStore

    public init(store: any CatalogStore) {
        self.store = store
    }

    /// Marks `reference` as PII. `maskingRule` overrides the rule of the detected kind
    /// (``PIIKind/defaultMaskingRule``; ``MaskingRule/hash`` when the kind is unknown).
    @discardableResult
    public func confirm(_ reference: ColumnReference, maskingRule: MaskingRule? = nil) async throws -> ColumnMetadata {
        try await update(reference) { column in
            let wasMasked = column.pii.effectiveIsPII
            column.pii.status = .confirmed
            let rule = maskingRule ?? column.maskingRule ?? column.pii.kind?.defaultMaskingRule ?? .hash
            if !wasMasked {
                column.profile = column.profile.masked(with: rule)
            }
            column.maskingRule = rule
            column.keySketch = nil
        }
    }

    /// Marks `reference` as not PII. Its stored statistics stay masked until a scan reads the
    /// data again (`sluice scan --full`): the catalog cannot unmask what it never kept.
    @discardableResult
    public func reject(_ reference: ColumnReference) async throws -> ColumnMetadata {
        try await update(reference) { column in
            column.pii.status = .rejected
            column.maskingRule = nil
        }
    }

    /// Sets `table`'s classification by hand; scans and annotations keep it.
    @discardableResult
    public func classify(table name: String, as level: Classification, reason: String? = nil) async throws -> TableMetadata {
        var contents = try await store.load()
        guard let index = contents.tables.firstIndex(where: { $0.name == name }) else {
            throw CatalogError.unknownTable(name)
        }
        contents.tables[index].classification = level
        contents.tables[index].classificationSource = .manual
        contents.tables[index].classificationReason = reason ?? "set by hand with sluice catalog classify"
        try await save(&contents, touching: name)
        return contents.tables[index]
    }

    private func update(_ reference: ColumnReference, _ change: (inout ColumnMetadata) -> Void) async throws -> ColumnMetadata {
        var contents = try await store.load()
        guard contents.table(named: reference.table) != nil else { throw CatalogError.unknownTable(reference.table) }
        guard let index = contents.columns.firstIndex(where: { $0.table == reference.table && $0.name == reference.column }) else {
            throw CatalogError.unknownColumn(reference)
        }
        change(&contents.columns[index])
        try await save(&contents, touching: reference.table)
        return contents.columns[index]
    }

    private func save(_ contents: inout CatalogContents, touching table: String) async throws {
        CatalogDescriber().describe(&contents)
        if let index = contents.tables.firstIndex(where: { $0.name == table }) {
            contents.tables[index].needsEmbedding = true
        }
        try await store.replace(with: contents)
    }
}
