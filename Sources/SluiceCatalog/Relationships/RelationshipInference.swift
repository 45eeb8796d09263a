/// Finds the logical joins of a lake from catalog metadata alone: which columns are keys,
/// and which columns refer to them.
///
/// Parquet, CSV and JSON files declare no constraints, so a foreign key must be recognised
/// from three kinds of evidence, each of which fails on its own:
///
/// - **Types.** A reference and its key hold comparable values (``KeyValueFamily``:
///   `int32` with `int64`, strings with strings, dates with dates).
/// - **Values.** The referencing column's distinct values are contained in the key's,
///   measured on the ``KeySketch``es (see ``ValueContainment``). But ids `1…3` are contained
///   in every `1…N` key with `N ≥ 3`, so containment cannot choose among keys.
/// - **Names.** `account_id` names `accounts`; `venue_id` names a synonym of `exchanges`;
///   `broker` is a `counterparty_type` value of `counterparties` (see ``NameEvidence``).
///
/// The key side counts too: a unique column named after its own table (`accounts.account_id`)
/// is a better target than one named after another table (`cash_balances.account_id`, one
/// row per account, a one-to-one extension of `accounts`; see ``KeyRole``).
///
/// The confidence of a candidate is
///
/// ```
/// containment strength × (0.35 + 0.65 × name score) × key weight
/// ```
///
/// so values are necessary (orphans lower the confidence in proportion) and names decide
/// among the keys that contain the values: without any name cue the best a candidate can
/// reach is 0.35. The key weight is 1 for a table's own key, 0.85 for a natural key
/// (`instruments.isin`) and 0.5 for an extension key.
///
/// ```swift
/// let inference = RelationshipInference()
/// let relationships = inference.infer(tables: contents.tables, columns: contents.columns)
/// // orders.broker_id → counterparties.counterparty_id (0.967):
/// // "100% of 3 distinct values found in counterparties.counterparty_id (6 keys); broker ~ counterparty …"
/// ```
///
/// The work is bounded by columns × candidate keys of the same value family. Each pair costs
/// a name comparison; only pairs that could still reach the minimum confidence also get a
/// containment check (linear in the sketch size), and integer ranges from the profiles skip
/// pairs that cannot overlap. ``candidates(tables:columns:)`` checks every pair.
public struct RelationshipInference: Sendable {
    public struct Options: Sendable {
        /// Candidates below this confidence are not returned by ``RelationshipInference/infer(tables:columns:)``.
        ///
        /// The default, 0.6, sits above what values alone can give (0.35, the confidence of
        /// full containment into a table's own key without any name cue) and above what any
        /// evidence can give a one-to-one extension key (0.5), so every returned relationship
        /// has a name cue and points at a proper key. With the strongest name cue (the stem
        /// is the table's name) it accepts up to 40% orphan values; with a synonym alone, 31%.
        public var minimumConfidence: Double
        /// Pairs whose containment is below this are no candidates at all, not even for
        /// ``RelationshipInference/candidates(tables:columns:)``: a column with more than half
        /// its values missing from a key does not refer to it. Default 0.5.
        public var minimumContainment: Double

        public init(minimumConfidence: Double = 0.6, minimumContainment: Double = 0.5) {
            self.minimumConfidence = minimumConfidence
            self.minimumContainment = minimumContainment
        }
    }

    /// Weight of the values alone in the confidence; the names add up to the rest.
    static let valuesOnlyWeight = 0.35

    public let options: Options

    public init(options: Options = .init()) {
        self.options = options
    }

    /// The inferred foreign keys among the active tables (``DatasetLifecycle/active``), each
    /// with source ``RelationshipSource/inferred`` and status ``ReviewStatus/suggested``.
    ///
    /// Only candidates at or above ``Options/minimumConfidence`` are returned, and each
    /// referencing column points at its single best key (highest confidence, then the
    /// better key role, then names). Sorted by from-table, from-column, to-table, to-column.
    /// Declared and rejected relationships from annotations are applied by the caller.
    public func infer(tables: [TableMetadata], columns: [ColumnMetadata]) -> [RelationshipMetadata] {
        var best: [ColumnReference: ScoredCandidate] = [:]
        let candidates = scoredCandidates(tables: tables, columns: columns, skippingBelow: options.minimumConfidence)
        for candidate in candidates where candidate.relationship.confidence >= options.minimumConfidence {
            let reference = ColumnReference(table: candidate.relationship.fromTable, column: candidate.relationship.fromColumn)
            if let current = best[reference], !candidate.isBetter(than: current) { continue }
            best[reference] = candidate
        }
        return best.values.map(\.relationship).sorted(by: Self.order)
    }

    /// Every candidate with its confidence, including those below ``Options/minimumConfidence``
    /// and several per referencing column: every type-compatible pair of a column and a
    /// unique key of another table (or of the same table, for explicit self-references such
    /// as `parent_id`) whose containment reaches ``Options/minimumContainment``. For
    /// debugging and tests; sorted like ``infer(tables:columns:)``.
    public func candidates(tables: [TableMetadata], columns: [ColumnMetadata]) -> [RelationshipMetadata] {
        scoredCandidates(tables: tables, columns: columns, skippingBelow: nil).map(\.relationship).sorted(by: Self.order)
    }

    private static func order(_ a: RelationshipMetadata, _ b: RelationshipMetadata) -> Bool {
        (a.fromTable, a.fromColumn, a.toTable, a.toColumn) < (b.fromTable, b.fromColumn, b.toTable, b.toColumn)
    }

    /// The scored pairs. With `threshold`, pairs whose names and key role cannot reach it even
    /// with every value contained are skipped before their values are compared: most pairs of
    /// a large catalog have no name cue, and the names cost far less than the containment check.
    private func scoredCandidates(tables: [TableMetadata], columns: [ColumnMetadata], skippingBelow threshold: Double?) -> [ScoredCandidate] {
        let active = Set(tables.filter { $0.lifecycle == .active }.map(\.name))
        let activeColumns = columns.filter { active.contains($0.table) }
        let prepared = activeColumns.compactMap(PreparedColumn.init)
        let directory = TableDirectory(active.sorted())
        let categoricalValues = CategoricalValues(activeColumns)

        var keysByFamily: [KeyValueFamily: [CandidateKey]] = [:]
        for column in prepared where column.isUniqueKey {
            let key = CandidateKey(column: column, role: directory.role(of: column), index: KeySketchIndex(column.sketch))
            keysByFamily[column.family, default: []].append(key)
        }

        var candidates: [ScoredCandidate] = []
        for source in prepared where !source.isOwnKey {
            for key in keysByFamily[source.family] ?? [] {
                if let candidate = score(source: source, key: key, categoricalValues: categoricalValues, threshold: threshold) {
                    candidates.append(candidate)
                }
            }
        }
        return candidates
    }

    private func score(source: PreparedColumn, key: CandidateKey, categoricalValues: CategoricalValues, threshold: Double?) -> ScoredCandidate? {
        let target = key.column
        let sameTable = source.metadata.table == target.metadata.table
        if sameTable && (source.metadata.name == target.metadata.name || !source.name.isSelfReference || key.role != .ownKey) {
            return nil
        }
        let names = NameEvidence(source: source, key: target, categoricalValues: categoricalValues)
        if sameTable && names.cues.isEmpty { return nil }
        let namesAndKey = (Self.valuesOnlyWeight + (1 - Self.valuesOnlyWeight) * names.score) * key.role.weight
        // Rounded as the confidence is, so that skipping never drops what `candidates` would show above it.
        if let threshold, Self.rounded(namesAndKey) < threshold { return nil }
        guard let containment = Self.containment(of: source, in: key), containment.fraction >= options.minimumContainment else {
            return nil
        }
        let confidence = containment.strength * namesAndKey
        let evidence = [
            Self.describe(containment, source: source, key: target),
            names.explanation,
            Self.describe(key.role, of: target),
        ].compactMap { $0 }.joined(separator: "; ")
        let relationship = RelationshipMetadata(
            fromTable: source.metadata.table, fromColumn: source.metadata.name,
            toTable: target.metadata.table, toColumn: target.metadata.name,
            confidence: Self.rounded(confidence), source: .inferred, status: .suggested, evidence: evidence)
        return ScoredCandidate(relationship: relationship, keyWeight: key.role.weight)
    }

    /// Containment of `source`'s values in `key`, from the sketches or, when they sample too
    /// few values and the key is a gap-free integer range, from the ranges; `nil` when neither
    /// can say (or the integer ranges do not even overlap).
    static func containment(of source: PreparedColumn, in key: CandidateKey) -> ValueContainment? {
        let sourceRange = source.range
        let keyRange = key.column.range
        if let sourceRange, let keyRange, !keyRange.overlaps(sourceRange) { return nil }
        let (considered, found) = key.index.containment(of: source.sketch)
        if source.sketch.isComplete && considered == source.sketch.hashes.count {
            return ValueContainment(method: .exact, considered: considered, found: found)
        }
        if considered < ValueContainment.minimumSample, let sourceRange, let keyRange, keyRange.isDense, keyRange.contains(sourceRange) {
            return ValueContainment(method: .denseRange, considered: source.metadata.profile.distinctCount, found: source.metadata.profile.distinctCount)
        }
        return considered == 0 ? nil : ValueContainment(method: .estimated, considered: considered, found: found)
    }

    private static func describe(_ containment: ValueContainment, source: PreparedColumn, key: PreparedColumn) -> String {
        let keys = "\(key.metadata.qualifiedName) (\(key.metadata.profile.distinctCount) keys)"
        switch containment.method {
        case .exact:
            return "\(percent(containment.fraction)) of \(containment.considered) distinct values found in \(keys)"
        case .estimated:
            return "about \(percent(containment.fraction)) of \(containment.considered) sampled distinct values "
                + "(of \(source.metadata.profile.distinctCount)) found in \(keys), estimated from key sketches"
        case .denseRange:
            let range = key.range.map { "\($0.lower)…\($0.upper)" } ?? ""
            return "all \(containment.considered) distinct values lie within \(keys), every integer of \(range)"
        }
    }

    private static func describe(_ role: KeyRole, of key: PreparedColumn) -> String? {
        switch role {
        case .ownKey: nil
        case .naturalKey: "\(key.metadata.qualifiedName) is unique but not named after its table (natural key)"
        case let .extensionOf(table): "\(key.metadata.qualifiedName) is unique but names table \(table): a one-to-one extension of it"
        }
    }

    /// Confidences keep three decimals: stable in tests and evidence, finer than any evidence is.
    private static func rounded(_ confidence: Double) -> Double { (confidence * 1000).rounded() / 1000 }

    /// `100%`, `96.7%`: one decimal unless whole, and never rounded up to 100%.
    static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded(.down)
        let text = tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
        return text + "%"
    }
}

/// A candidate with what breaks ties between equally confident targets.
private struct ScoredCandidate {
    let relationship: RelationshipMetadata
    let keyWeight: Double

    func isBetter(than other: ScoredCandidate) -> Bool {
        if relationship.confidence != other.relationship.confidence { return relationship.confidence > other.relationship.confidence }
        if keyWeight != other.keyWeight { return keyWeight > other.keyWeight }
        return (relationship.toTable, relationship.toColumn) < (other.relationship.toTable, other.relationship.toColumn)
    }
}
