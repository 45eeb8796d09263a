import SluiceGovernance
import SluiceProvision

/// Every place a PII column can stand in a mart spec, for the leak suite: each position
/// makes a spec that puts one PII column there and nothing else PII.
enum LeakPosition: String, CaseIterable, Sendable {
    case output, innocentAlias, trim, lower, upper, coalesce, concatText, concatSelf, dateTrunc, extract
    case groupKey, measureMin, measureMax, measureCountDistinct, measureFilter
    case filterEqual, filterNotEqual, filterIn, filterLike, filterBetween, filterIsNull, filterNot
    case rowPolicy, orderBy, isLatest, joinKey

    /// Short, for mart names (which allow 40 characters).
    var code: String {
        switch self {
        case .output: "out"
        case .innocentAlias: "alias"
        case .trim: "trim"
        case .lower: "low"
        case .upper: "up"
        case .coalesce: "coal"
        case .concatText: "cattx"
        case .concatSelf: "catme"
        case .dateTrunc: "trunc"
        case .extract: "extr"
        case .groupKey: "grp"
        case .measureMin: "min"
        case .measureMax: "max"
        case .measureCountDistinct: "cdist"
        case .measureFilter: "mfilt"
        case .filterEqual: "feq"
        case .filterNotEqual: "fne"
        case .filterIn: "fin"
        case .filterLike: "flike"
        case .filterBetween: "fbtw"
        case .filterIsNull: "fnull"
        case .filterNot: "fnot"
        case .rowPolicy: "rpol"
        case .orderBy: "ord"
        case .isLatest: "latest"
        case .joinKey: "join"
        }
    }

    /// `date_trunc` and `extract` take a date; the other positions take any column.
    func applies(toDate isDate: Bool) -> Bool {
        switch self {
        case .dateTrunc, .extract: isDate
        default: true
        }
    }

    /// Positions where a privileged reader's mart shows the column's raw values as they are
    /// (or inside a longer text): the positive control that the suite can tell clear from masked.
    var showsValueInClear: Bool {
        switch self {
        case .output, .innocentAlias, .trim, .coalesce, .concatText, .concatSelf, .groupKey, .measureMin, .measureMax: true
        default: false
        }
    }
}

/// A PII column with the columns around it that the leak specs need: a non-PII key to tell
/// rows apart, a non-PII category to group by, and a table to join it to.
struct LeakTarget: Sendable {
    var pii: SpecText.PIIColumn
    var alias: String
    /// A non-PII column that identifies a row (`client_id`).
    var key: String
    /// A non-PII column with a few values (`segment`).
    var category: String
    /// A table to join on a PII column of it: its name, alias, key and PII column.
    var partner: (table: String, alias: String, key: String, pii: String)

    /// The tables holding PII in the demo lake (names fixed by `../shared/spec/demo-lake.md`).
    init(_ pii: SpecText.PIIColumn) throws {
        self.pii = pii
        switch pii.table {
        case "clients":
            (alias, key, category) = ("c", "client_id", "segment")
            partner = ("accounts", "a", "account_id", "account_number")
        case "accounts":
            (alias, key, category) = ("a", "account_id", "account_type")
            partner = ("clients", "c", "client_id", "legal_name")
        case "aml_alerts":
            (alias, key, category) = ("al", "alert_id", "severity")
            partner = ("clients", "c", "client_id", "relationship_manager")
        default:
            throw FixtureError("the leak suite knows no key and category for PII table \(pii.table)")
        }
    }

    var column: SourceColumn { SourceColumn(source: alias, column: pii.column) }
    var value: MartExpression { .column(column) }

    private func own(_ name: String) -> MartExpression { .column(SourceColumn(source: alias, column: name)) }

    /// The spec that puts the PII column at `position`. `samples` are raw values of the column
    /// (real ones, so that a filter that saw raw values would match).
    func spec(_ position: LeakPosition, name: String, samples: LeakSamples) -> MartSpec {
        let source = MartSource(table: pii.table, alias: alias)
        let key = MartDimension(expression: own(self.key))
        let category = MartDimension(expression: own(self.category))
        let equalsSample = MartPredicate.comparison(value, .equal, .string(samples.first))

        func detail(_ expression: MartExpression, as output: String = "shown") -> MartSpec {
            MartSpec(name: name, sources: [source], dimensions: [key, MartDimension(expression: expression, alias: output)])
        }
        func transform(_ function: TransformFunction, _ arguments: [MartExpression], unit: DateUnit? = nil, field: DateField? = nil) -> MartExpression {
            .transform(MartTransform(function: function, arguments: arguments, unit: unit, field: field))
        }
        func filtered(_ predicate: MartPredicate) -> MartSpec {
            MartSpec(name: name, sources: [source], dimensions: [key, category], filter: predicate)
        }
        func grouped(_ aggregate: MartAggregate) -> MartSpec {
            MartSpec(name: name, sources: [source], dimensions: [category], measures: [MartMeasure(name: "computed", aggregate: aggregate)])
        }

        switch position {
        case .output:
            return MartSpec(name: name, sources: [source], dimensions: [key, MartDimension(expression: value)])
        case .innocentAlias:
            return detail(value, as: "region")
        case .trim:
            return detail(transform(.trim, [value]))
        case .lower:
            return detail(transform(.lower, [value]))
        case .upper:
            return detail(transform(.upper, [value]))
        case .coalesce:
            return detail(transform(.coalesce, [value, .literal(.string("n/a"))]))
        case .concatText:
            return detail(transform(.concat, [.literal(.string("client: ")), value, .literal(.string(" / ")), own(self.category)]))
        case .concatSelf:
            return detail(transform(.concat, [value, value]))
        case .dateTrunc:
            return detail(transform(.dateTrunc, [value], unit: .month))
        case .extract:
            return detail(transform(.extract, [value], field: .year))
        case .groupKey:
            return MartSpec(name: name, sources: [source], dimensions: [MartDimension(expression: value)],
                            measures: [MartMeasure(name: "row_count", aggregate: .countRows(filter: nil))])
        case .measureMin:
            return grouped(.aggregate(.min, value, filter: nil))
        case .measureMax:
            return grouped(.aggregate(.max, value, filter: nil))
        case .measureCountDistinct:
            return grouped(.aggregate(.countDistinct, value, filter: nil))
        case .measureFilter:
            return grouped(.countRows(filter: equalsSample))
        case .filterEqual:
            return filtered(equalsSample)
        case .filterNotEqual:
            return filtered(.comparison(value, .notEqual, .string(samples.first)))
        case .filterIn:
            return filtered(.inList(value, [.string(samples.first), .string(samples.second)]))
        case .filterLike:
            return filtered(.like(value, pattern: samples.likePattern))
        case .filterBetween:
            return filtered(.between(value, .string(samples.low), .string(samples.high)))
        case .filterIsNull:
            return filtered(.isNull(value))
        case .filterNot:
            return filtered(.not(equalsSample))
        case .rowPolicy:
            return MartSpec(name: name, sources: [source], dimensions: [key, category], rowPolicy: equalsSample)
        case .orderBy:
            return MartSpec(name: name, sources: [source], dimensions: [key], order: [MartOrdering(target: .expression(value))])
        case .isLatest:
            return filtered(.isLatest(column))
        case .joinKey:
            let partnerColumn = SourceColumn(source: partner.alias, column: partner.pii)
            return MartSpec(name: name, sources: [source, MartSource(table: partner.table, alias: partner.alias)],
                            joins: [MartJoin(source: partner.alias, on: [JoinCondition(left: column, right: partnerColumn)])],
                            dimensions: [key, MartDimension(expression: value),
                                         MartDimension(expression: .column(SourceColumn(source: partner.alias, column: partner.key)))])
        }
    }
}

/// Real raw values of one PII column, for the literals of the leak specs.
struct LeakSamples: Sendable {
    var first: String
    var second: String
    /// Two distinct values in SQLite's text order (UTF-8 bytes).
    var low: String
    var high: String
    /// The first character of ``first``, then `%`.
    var likePattern: String

    init(raw: [String?]) throws {
        let distinct = Array(Set(raw.compactMap { $0 })).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard distinct.count >= 2, let first = raw.compactMap({ $0 }).first else {
            throw FixtureError("a leak target needs two distinct raw values; it has \(distinct.count)")
        }
        self.first = first
        second = distinct.first { $0 != first }!
        // A range that holds about half the values.
        low = distinct[distinct.count / 4]
        high = distinct[(distinct.count * 3) / 4]
        likePattern = String(first.prefix(1)) + "%"
    }
}
