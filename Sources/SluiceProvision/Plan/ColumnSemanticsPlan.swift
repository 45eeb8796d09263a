import SluiceCatalog
import SluiceSearch

/// Builds a mart spec from the columns search recommended, when no KPI pattern's template
/// applies (see ``DeterministicPlanner``).
///
/// 1. **Tables and joins**: the recommendation's join plan, cut to the tables that join the
///    grain table without repeating its rows (``MartGrain``); tables no relationship reaches
///    are left out. Joins are inner: a row without its partner is not in the mart.
/// 2. **Columns**: the recommended columns of those tables, best ranked first, each given a
///    ``ColumnRole``. Up to ``maximumDimensions`` categories and dates become dimensions; up
///    to ``maximumMeasures`` amounts and quantities of the grain table become sums, prices
///    and rates averages; a row count is always added.
/// 3. **Detail mart**: with no amount or rate to compute, the mart lists the recommended
///    columns themselves (PII included: the compiler masks it), one row per grain row, at most
///    ``DeterministicPlanner/detailRowLimit`` rows.
struct ColumnSemanticsPlan {
    static let maximumDimensions = 4
    static let maximumMeasures = 6
    static let maximumDetailColumns = 20
    static let countName = "row_count"

    let question: String
    let recommendation: Recommendation
    let catalog: CatalogContents

    func build(notes initialNotes: [String]) throws -> PlannedMart {
        var notes = initialNotes
        let plan = try joinPlan()
        for table in plan.unreachable {
            notes.append("left out \(table): no relationship joins it to \(plan.tables.joined(separator: ", "))")
        }
        let candidates = recommendedColumns(in: Set(plan.tables))
        let grain = MartGrain(plan: plan, preferring: preference(plan: plan, candidates: candidates))
        for (table, reason) in grain.leftOut { notes.append("left out \(table): \(reason)") }
        let aliases = SourceAliases(tables: grain.tables)
        var spec = MartSpec(name: DeterministicPlanner.martName(for: question), description: question,
                            sources: grain.tables.map { MartSource(table: $0, alias: aliases[$0]) },
                            joins: grain.joins.map { join(for: $0, aliases: aliases, grain: grain) })
        for join in grain.joins {
            notes.append("joined \(join.condition)")
        }
        let kept = candidates.filter { grain.tables.contains($0.table) }
        var names = OutputNames()
        let measures = measureColumns(kept, grain: grain)
        if measures.isEmpty {
            detail(kept.isEmpty ? grainColumns(grain.table) : kept, into: &spec, aliases: aliases, names: &names, notes: &notes,
                   fromRecommendation: !kept.isEmpty, grain: grain.table)
        } else {
            aggregate(kept, measures: measures, into: &spec, aliases: aliases, names: &names, notes: &notes, grain: grain.table)
        }
        do {
            _ = try spec.resolve(against: catalog)
        } catch let error as MartSpecError {
            throw PlanningError("the plan built from column semantics for \(String(reflecting: question)) does not fit the catalog: \(error)")
        }
        return PlannedMart(spec: spec, source: "columns", notes: notes)
    }

    // MARK: Tables

    private func joinPlan() throws -> JoinPlan {
        let selected = recommendation.tables.filter(\.selected).map(\.name)
        if let plan = recommendation.joinPlan, !plan.tables.isEmpty { return plan }
        guard let first = selected.first else { throw PlanningError(recommendation.message) }
        return JoinPlan(tables: [first], bridgeTables: [], joins: [], unreachable: Array(selected.dropFirst()))
    }

    /// The grain candidates: tables with the most recommended amounts and rates first, then
    /// the most recommended columns, then in plan order.
    private func preference(plan: JoinPlan, candidates: [ColumnMetadata]) -> [String] {
        func count(_ table: String, _ include: (ColumnMetadata) -> Bool) -> Int {
            candidates.filter { $0.table == table && include($0) }.count
        }
        return plan.tables.enumerated().sorted { left, right in
            let leftKey = (count(left.element) { ColumnRole($0, grainTable: nil).isMeasure }, count(left.element) { _ in true })
            let rightKey = (count(right.element) { ColumnRole($0, grainTable: nil).isMeasure }, count(right.element) { _ in true })
            return leftKey != rightKey ? leftKey > rightKey : left.offset < right.offset
        }.map(\.element)
    }

    private func join(for relationship: RecommendedRelationship, aliases: SourceAliases, grain: MartGrain) -> MartJoin {
        // The joined source is whichever side comes later in the plan.
        let order = Dictionary(uniqueKeysWithValues: grain.tables.enumerated().map { ($0.element, $0.offset) })
        let fromIsNew = order[relationship.fromTable, default: 0] > order[relationship.toTable, default: 0]
        let new = fromIsNew ? (relationship.fromTable, relationship.fromColumn) : (relationship.toTable, relationship.toColumn)
        let old = fromIsNew ? (relationship.toTable, relationship.toColumn) : (relationship.fromTable, relationship.fromColumn)
        return MartJoin(source: aliases[new.0], on: [JoinCondition(left: SourceColumn(source: aliases[new.0], column: new.1),
                                                                   right: SourceColumn(source: aliases[old.0], column: old.1))])
    }

    // MARK: Columns

    /// The recommendation's columns of `tables`, best ranked first, as the catalog has them.
    private func recommendedColumns(in tables: Set<String>) -> [ColumnMetadata] {
        var seen: Set<String> = []
        return recommendation.columns.compactMap { recommended in
            guard tables.contains(recommended.table), seen.insert(recommended.qualifiedName).inserted else { return nil }
            return catalog.columns.first { $0.table == recommended.table && $0.name == recommended.column }
        }
    }

    /// Every column of the grain table, for a detail mart when search recommended none of its columns.
    private func grainColumns(_ table: String) -> [ColumnMetadata] {
        catalog.columns(of: table)
    }

    private func measureColumns(_ columns: [ColumnMetadata], grain: MartGrain) -> [ColumnMetadata] {
        columns.filter { ColumnRole($0, grainTable: grain.table).isMeasure && $0.table == grain.table }
    }

    private func aggregate(_ columns: [ColumnMetadata], measures: [ColumnMetadata], into spec: inout MartSpec, aliases: SourceAliases,
                           names: inout OutputNames, notes: inout [String], grain: String) {
        var dimensions: [(MartDimension, String)] = []
        for column in columns {
            let role = ColumnRole(column, grainTable: grain)
            let reference = SourceColumn(source: aliases[column.table], column: column.name)
            switch role {
            case let .category(values):
                guard dimensions.count < Self.maximumDimensions else {
                    notes.append("left out \(column.qualifiedName): at most \(Self.maximumDimensions) dimensions, taken by rank")
                    continue
                }
                let name = names.claim(column.name, table: column.table)
                dimensions.append((MartDimension(expression: .column(reference), alias: name == column.name ? nil : name),
                                   "dimension \(column.qualifiedName): a category with \(values) values"))
            case let .date(truncation):
                guard dimensions.count < Self.maximumDimensions else {
                    notes.append("left out \(column.qualifiedName): at most \(Self.maximumDimensions) dimensions, taken by rank")
                    continue
                }
                if let truncation {
                    let name = names.claim("\(column.name)_\(truncation.rawValue)", table: column.table)
                    let transform = MartTransform(function: .dateTrunc, arguments: [.column(reference)], unit: truncation)
                    dimensions.append((MartDimension(expression: .transform(transform), alias: name),
                                       "dimension \(column.qualifiedName) by \(truncation.rawValue): a \(column.dataType.hasPrefix("timestamp") ? "timestamp" : "date") of \(column.profile.distinctCount) values"))
                } else {
                    let name = names.claim(column.name, table: column.table)
                    dimensions.append((MartDimension(expression: .column(reference), alias: name == column.name ? nil : name),
                                       "dimension \(column.qualifiedName): a date with \(column.profile.distinctCount) values"))
                }
            case .summed, .averaged:
                if column.table != grain {
                    notes.append("left out \(column.qualifiedName): \(column.table) repeats once per \(grain) row, so its values would be counted more than once")
                }
            case let .unused(reason):
                notes.append("left out \(column.qualifiedName): \(reason)")
            }
        }
        spec.dimensions = dimensions.map(\.0)
        notes += dimensions.map(\.1)
        spec.measures = [MartMeasure(name: names.claim(Self.countName, table: grain), aggregate: .countRows(filter: nil))]
        notes.append("measure \(spec.measures[0].name): rows of \(grain)")
        for column in measures.prefix(Self.maximumMeasures) {
            let reference = MartExpression.column(SourceColumn(source: aliases[column.table], column: column.name))
            if ColumnRole(column, grainTable: grain) == .summed {
                spec.measures.append(MartMeasure(name: names.claim(column.name, table: column.table), aggregate: .aggregate(.sum, reference, filter: nil)))
                notes.append("measure sum of \(column.qualifiedName): \(column.domain.name == "money.amount" ? "an amount" : "a quantity")")
            } else {
                spec.measures.append(MartMeasure(name: names.claim("avg_\(column.name)", table: column.table), aggregate: .aggregate(.avg, reference, filter: nil)))
                notes.append("measure average of \(column.qualifiedName): a \(column.domain.name.split(separator: ".").last.map(String.init) ?? "rate"), which does not add up")
            }
        }
        for column in measures.dropFirst(Self.maximumMeasures) {
            notes.append("left out \(column.qualifiedName): at most \(Self.maximumMeasures) measures, taken by rank")
        }
        spec.order = spec.dimensions.indices.map { index in
            MartOrdering(target: .output(spec.dimensions[index].alias ?? spec.dimensions[index].expression.columnReference?.column ?? ""))
        }
    }

    private func detail(_ columns: [ColumnMetadata], into spec: inout MartSpec, aliases: SourceAliases, names: inout OutputNames,
                        notes: inout [String], fromRecommendation: Bool, grain: String) {
        notes.append(fromRecommendation
            ? "detail mart: no amount or rate among the recommended columns, so it lists them, one row per \(grain) row"
            : "detail mart: search recommended no column of \(grain), so it lists all of them, one row per row")
        for column in columns.prefix(Self.maximumDetailColumns) {
            let name = names.claim(column.name, table: column.table)
            spec.dimensions.append(MartDimension(expression: .column(SourceColumn(source: aliases[column.table], column: column.name)),
                                                 alias: name == column.name ? nil : name))
        }
        for column in columns.dropFirst(Self.maximumDetailColumns) {
            notes.append("left out \(column.qualifiedName): at most \(Self.maximumDetailColumns) columns in a detail mart")
        }
        // A stable order makes the limit keep the same rows on every run.
        if let key = catalog.columns(of: grain).first(where: { $0.domain.name == "id.key" && $0.profile.isUnique }) {
            spec.order = [MartOrdering(target: .expression(.column(SourceColumn(source: aliases[grain], column: key.name))))]
        }
        spec.limit = DeterministicPlanner.detailRowLimit
        notes.append("at most \(DeterministicPlanner.detailRowLimit) rows")
    }
}

/// Output column names, unique regardless of letter case as the spec requires: a name taken
/// by another table's column gets its table as a prefix (`instruments_currency`), then a number.
struct OutputNames {
    private var taken: Set<String> = []

    mutating func claim(_ name: String, table: String) -> String {
        var candidate = name
        if taken.contains(candidate.lowercased()) { candidate = "\(table)_\(name)" }
        var number = 2
        let base = candidate
        while taken.contains(candidate.lowercased()) {
            candidate = "\(base)_\(number)"
            number += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }
}
