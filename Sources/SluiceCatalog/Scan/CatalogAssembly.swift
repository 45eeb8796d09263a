import Foundation
import SluiceCore
import SluiceGovernance

/// Builds the next catalog from the previous one and this scan's profiles.
///
/// Decisions people made survive a scan: a confirmed or rejected PII verdict, a manual
/// classification, and whatever earlier annotations set, until new annotations say
/// otherwise. Everything the scanner suggests is computed anew for every dataset it reads.
struct CatalogAssembly {
    let previous: CatalogContents
    let scannedAt: Date
    let lakeURI: String
    private var tables: [String: TableMetadata] = [:]
    private var columns: [String: [ColumnMetadata]] = [:]
    /// Columns whose stored values are masked already (kept from a scan where they were PII).
    private var alreadyMasked: Set<ColumnReference> = []
    /// The raw sampled values of every string column profiled in this scan, for ``PIIRedaction``.
    private var rawStrings: [ColumnReference: [String]] = [:]
    private let detector = PIIDetector()
    private let domains = DomainInference()

    init(previous: CatalogContents, scannedAt: Date, lakeURI: String) {
        self.previous = previous
        self.scannedAt = scannedAt
        self.lakeURI = lakeURI
    }

    private(set) var contents = CatalogContents()

    /// Keeps an unchanged dataset's entries as they are.
    mutating func keep(_ dataset: DiscoveredDataset) {
        guard let table = previous.table(named: dataset.name) else { return }
        tables[table.name] = table
        carryColumns(of: table.name)
    }

    /// Keeps a dataset that left the lake, marked removed.
    mutating func markRemoved(_ names: [String]) {
        for name in names {
            guard var table = previous.table(named: name) else { continue }
            table.lifecycle = .removed
            tables[name] = table
            carryColumns(of: name)
        }
    }

    private mutating func carryColumns(of table: String) {
        let kept = previous.columns(of: table)
        columns[table] = kept
        for column in kept where column.pii.effectiveIsPII {
            alreadyMasked.insert(ColumnReference(table: table, column: column.name))
        }
    }

    /// Adds a freshly profiled dataset with raw statistics; ``finish(annotations:inference:)`` masks them.
    mutating func add(_ profile: DatasetProfile) {
        let dataset = profile.dataset
        let before = previous.table(named: dataset.name)
        var table = TableMetadata(
            name: dataset.name, lakePath: dataset.lakePath, lakeURI: lakeURI, format: dataset.format.rawValue,
            rowCount: profile.rowCount, fileSize: dataset.totalSize, partitionKeys: dataset.partitionKeys,
            objects: dataset.objects, contentHash: dataset.contentHash, scannedAt: scannedAt
        )
        if let before, before.classificationSource != .suggested {
            table.classification = before.classification
            table.classificationSource = before.classificationSource
            table.classificationReason = before.classificationReason
        }
        table.detailBI = before?.detailBI
        tables[table.name] = table

        let earlier = Dictionary(previous.columns(of: dataset.name).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        columns[table.name] = profile.columns.enumerated().map { position, profiled in
            if profiled.field.type == .string {
                rawStrings[ColumnReference(table: table.name, column: profiled.field.name)] = profiled.sample.values
            }
            var verdict = detector.assess(profiled.sample)
            var maskingRule: MaskingRule?
            let prior = earlier[profiled.field.name]
            if let prior, prior.pii.status != .suggested {
                verdict.status = prior.pii.status
                maskingRule = prior.maskingRule
            }
            return ColumnMetadata(
                table: table.name, name: profiled.field.name, position: position,
                dataType: profiled.field.type.description, isNullable: profiled.field.isNullable,
                isPartitionKey: profiled.isPartitionKey, profile: profiled.profile, pii: verdict,
                maskingRule: maskingRule, domain: domains.domain(of: profiled.sample, pii: verdict),
                keySketch: profiled.keySketch, detailBI: prior?.detailBI
            )
        }
    }

    /// Relationships, annotations, classifications, masking and descriptions; returns warnings.
    mutating func finish(annotations: Annotations?, inference: RelationshipInference) -> [String] {
        var result = CatalogContents()
        result.tables = tables.values.sorted { $0.name < $1.name }
        result.columns = result.tables.flatMap { columns[$0.name] ?? [] }
        for index in result.columns.indices where result.columns[index].pii.effectiveIsPII {
            result.columns[index].keySketch = nil
        }

        let active = result.tables.filter { $0.lifecycle == .active }
        let activeNames = Set(active.map(\.name))
        result.relationships = mergeRelationships(
            inferred: inference.infer(tables: active, columns: result.columns.filter { activeNames.contains($0.table) })
        )
        result.kpiPatterns = previous.kpiPatterns

        var warnings = annotations?.apply(to: &result) ?? []

        let rules = ClassificationRules(lists: annotations?.classificationLists ?? [:])
        result.tables = rules.applySuggestions(to: result.tables, columns: result.columns)

        for index in result.columns.indices {
            applyMasking(to: &result.columns[index])
        }
        redactPIIInsideText(&result.columns)
        CatalogDescriber().describe(&result)
        markEmbeddingWork(in: &result)
        warnings += result.relationships.compactMap { relationship in
            activeNames.contains(relationship.toTable) || relationship.status == .rejected ? nil
                : "relationship \(relationship.description) points at a table that is not in the lake"
        }
        contents = result
        return warnings
    }

    /// Inferred relationships, plus what people and annotations decided earlier:
    /// rejections stay rejected, declared relationships stay declared.
    private func mergeRelationships(inferred: [RelationshipMetadata]) -> [RelationshipMetadata] {
        func key(_ r: RelationshipMetadata) -> [String] { [r.fromTable, r.fromColumn, r.toTable, r.toColumn] }
        var merged = Dictionary(inferred.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for earlier in previous.relationships where earlier.status == .rejected || earlier.source == .annotation {
            if earlier.source == .inferred, var current = merged[key(earlier)] {
                // A rejected suggestion stays rejected, with what inference finds now.
                current.status = earlier.status
                merged[key(earlier)] = current
            } else {
                // What an annotations file declared or rejected stands until a file says otherwise.
                merged[key(earlier)] = earlier
            }
        }
        return merged.values.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }

    /// Gives a PII column its masking rule and masks its stored values; other columns get none.
    private func applyMasking(to column: inout ColumnMetadata) {
        guard column.pii.effectiveIsPII else {
            column.maskingRule = nil
            return
        }
        let rule = column.maskingRule ?? column.pii.kind?.defaultMaskingRule ?? .hash
        column.maskingRule = rule
        column.keySketch = nil
        guard !alreadyMasked.contains(ColumnReference(table: column.table, column: column.name)) else { return }
        column.profile = column.profile.masked(with: rule)
    }

    /// Redacts the PII values this scan read wherever they appear in other string columns it profiled.
    private func redactPIIInsideText(_ columns: inout [ColumnMetadata]) {
        var redaction = PIIRedaction()
        for column in columns where column.pii.effectiveIsPII {
            guard let values = rawStrings[ColumnReference(table: column.table, column: column.name)], let rule = column.maskingRule else { continue }
            redaction.add(values: values, rule: rule)
        }
        guard !redaction.isEmpty else { return }
        for index in columns.indices where !columns[index].pii.effectiveIsPII
            && rawStrings[ColumnReference(table: columns[index].table, column: columns[index].name)] != nil {
            columns[index].profile = redaction.redact(columns[index].profile)
        }
    }

    /// A table needs embedding when it is new, was waiting already, or any of its texts changed.
    private func markEmbeddingWork(in contents: inout CatalogContents) {
        let earlierColumns = Dictionary(previous.columns.map { ($0.qualifiedName, $0.metadataText) }, uniquingKeysWith: { first, _ in first })
        let changedTables = Set(contents.columns.filter { earlierColumns[$0.qualifiedName] != $0.metadataText }.map(\.table))
        for index in contents.tables.indices {
            let table = contents.tables[index]
            guard let before = previous.table(named: table.name) else {
                contents.tables[index].needsEmbedding = true
                continue
            }
            contents.tables[index].needsEmbedding = before.needsEmbedding
                || before.metadataText != table.metadataText
                || before.lifecycle != table.lifecycle
                || changedTables.contains(table.name)
        }
    }
}

extension ColumnProfile {
    /// This profile with every value passed through `rule`; values the rule turns into
    /// nothing (``MaskingRule/hash`` has no key here, ``MaskingRule/null``) are left out.
    public func masked(with rule: MaskingRule) -> ColumnProfile {
        var copy = self
        copy.min = rule.apply(min)
        copy.max = rule.apply(max)
        if copy.min == nil && copy.max == nil { copy.minMaxSource = nil }
        copy.samples = samples.compactMap { rule.apply($0) }
        copy.topValues = topValues.compactMap { entry in
            rule.apply(entry.value).map { ValueFrequency(value: $0, count: entry.count) }
        }
        return copy
    }
}
