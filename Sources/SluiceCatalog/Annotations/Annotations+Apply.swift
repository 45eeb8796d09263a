import SluiceGovernance

extension Annotations {
    /// Applies these annotations to a freshly scanned catalog and returns warnings for every
    /// table or column the file names that the catalog does not have, so that a renamed
    /// column is noticed instead of silently losing its review.
    ///
    /// - Classification: set with source ``ClassificationSource/annotation``, unless a person
    ///   classified the table by hand (``ClassificationSource/manual`` always wins).
    /// - Descriptions: `detail_bi` of tables, columns and relationships replaces the catalog's.
    /// - PII reviews: applied only to verdicts still ``ReviewStatus/suggested``, because a
    ///   review a person made (``CatalogStore/review(column:status:)``) wins over the file. A confirmed
    ///   column gets a masking rule (the file's, else its kind's default); a rejected one none.
    /// - Relationships: a declared join is added (confidence 1, ``RelationshipSource/annotation``,
    ///   confirmed) or, when inference found it too, upgraded in place; a rejected one is kept
    ///   with status ``ReviewStatus/rejected`` so inference does not suggest it again.
    /// - KPI patterns: the file's replace the catalog's.
    ///
    /// Run ``CatalogDescriber/describe(_:)`` afterwards: descriptions feed the metadata text.
    public func apply(to contents: inout CatalogContents) -> [String] {
        var warnings: [String] = []
        applyTables(to: &contents, warnings: &warnings)
        applyRelationships(to: &contents, warnings: &warnings)
        contents.kpiPatterns = kpiPatterns
        for pattern in kpiPatterns {
            for table in pattern.tables where contents.table(named: table) == nil {
                warnings.append("\(source): KPI pattern \(pattern.id) needs table \(table), which is not in the catalog")
            }
        }
        return warnings
    }

    private var classificationReason: String { "annotation file \(source)" }

    private func applyTables(to contents: inout CatalogContents, warnings: inout [String]) {
        let tableIndex = Dictionary(contents.tables.indices.map { (contents.tables[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        let columnIndex = Self.columnIndex(contents)
        // Sorted so that warnings come in the same order on every run.
        for (name, annotation) in tables.sorted(by: { $0.key < $1.key }) {
            guard let index = tableIndex[name] else {
                warnings.append("\(source): table \(name) is not in the catalog; its annotations were not applied")
                continue
            }
            if let level = annotation.classification, contents.tables[index].classificationSource != .manual {
                contents.tables[index].classification = level
                contents.tables[index].classificationSource = .annotation
                contents.tables[index].classificationReason = classificationReason
            }
            if let detail = annotation.detailBI {
                contents.tables[index].detailBI = detail
            }
            for (columnName, columnAnnotation) in annotation.columns.sorted(by: { $0.key < $1.key }) {
                let reference = ColumnReference(table: name, column: columnName)
                guard let column = columnIndex[reference] else {
                    warnings.append("\(source): column \(reference) is not in the catalog; its annotations were not applied")
                    continue
                }
                apply(columnAnnotation, to: &contents.columns[column], warnings: &warnings)
            }
        }
    }

    private func apply(_ annotation: ColumnAnnotation, to column: inout ColumnMetadata, warnings: inout [String]) {
        if let detail = annotation.detailBI {
            column.detailBI = detail
        }
        guard let review = annotation.pii, column.pii.status == .suggested else { return }
        column.pii.status = review
        column.pii.reason += "; \(review.rawValue) in annotation file \(source)"
        switch review {
        case .confirmed:
            if let kind = annotation.piiKind { column.pii.kind = kind }
            if let rule = annotation.maskingRule ?? column.pii.kind?.defaultMaskingRule {
                column.maskingRule = rule
            } else {
                // Confirmed PII must be masked; without a kind nothing says how, so drop the value.
                column.maskingRule = .null
                warnings.append("\(source): \(column.qualifiedName) is confirmed PII without a kind or masking rule; it is masked with null")
            }
        case .rejected, .suggested:
            column.maskingRule = nil
        }
    }

    private func applyRelationships(to contents: inout CatalogContents, warnings: inout [String]) {
        let columnIndex = Self.columnIndex(contents)
        for declared in relationships {
            let missing = [declared.from, declared.to].filter { columnIndex[$0] == nil }
            guard missing.isEmpty else {
                let names = missing.map(\.description).joined(separator: " and ")
                warnings.append("\(source): relationship \(declared.from) → \(declared.to) names \(names), not in the catalog; it was not applied")
                continue
            }
            let verb = declared.status == .rejected ? "rejected" : "declared"
            if let index = contents.relationships.firstIndex(where: { Self.matches($0, declared) }) {
                var relationship = contents.relationships[index]
                if relationship.source == .inferred {
                    relationship.evidence = "\(verb) in annotation file \(source); inference found: \(relationship.evidence)"
                }
                relationship.source = .annotation
                relationship.status = declared.status
                if declared.status == .confirmed { relationship.confidence = 1 }
                if let detail = declared.detailBI { relationship.detailBI = detail }
                contents.relationships[index] = relationship
            } else {
                contents.relationships.append(RelationshipMetadata(
                    fromTable: declared.from.table, fromColumn: declared.from.column,
                    toTable: declared.to.table, toColumn: declared.to.column,
                    confidence: declared.status == .confirmed ? 1 : 0, source: .annotation, status: declared.status,
                    evidence: "\(verb) in annotation file \(source)", detailBI: declared.detailBI))
            }
        }
    }

    private static func matches(_ relationship: RelationshipMetadata, _ declared: RelationshipAnnotation) -> Bool {
        relationship.fromTable == declared.from.table && relationship.fromColumn == declared.from.column
            && relationship.toTable == declared.to.table && relationship.toColumn == declared.to.column
    }

    private static func columnIndex(_ contents: CatalogContents) -> [ColumnReference: Int] {
        Dictionary(contents.columns.indices.map { (ColumnReference(table: contents.columns[$0].table, column: contents.columns[$0].name), $0) },
                   uniquingKeysWith: { first, _ in first })
    }
}
