/// A declarative plan for one data mart: which lake tables, how they join, what to group
/// by, what to compute, which rows, in which order. It holds no SQL: names are resolved
/// against the catalog and quoted, literals are bound as parameters, and functions come
/// from closed lists (``TransformFunction``, ``MeasureFunction``), so no spec can change
/// the structure of the statement it compiles to.
///
/// The JSON (or YAML) form, documented by `mart-spec.schema.json` (`sluice provision --schema`):
///
/// ```json
/// {
///   "name": "portfolio_exposure",
///   "sources": [{"table": "positions", "alias": "p"}, {"table": "accounts", "alias": "a"},
///               {"table": "clients", "alias": "c"}, {"table": "instruments", "alias": "i"}],
///   "joins": [
///     {"source": "a", "type": "inner", "on": [{"left": "p.account_id", "right": "a.account_id"}]},
///     {"source": "c", "on": [{"left": "a.client_id", "right": "c.client_id"}]},
///     {"source": "i", "on": [{"left": "p.instrument_id", "right": "i.instrument_id"}]}
///   ],
///   "dimensions": [{"column": "i.sector"}, {"column": "c.segment"}, {"column": "p.currency"}],
///   "measures": [
///     {"name": "position_count", "function": "count"},
///     {"name": "client_count", "function": "count_distinct", "column": "c.client_id"},
///     {"name": "market_value", "function": "sum", "column": "p.market_value"}
///   ],
///   "filter": {"column": "p.as_of_date", "op": "is_latest"},
///   "order": [{"by": "sector"}, {"by": "market_value", "direction": "desc"}],
///   "limit": 1000,
///   "indexes": [["sector", "segment"]]
/// }
/// ```
///
/// With measures the mart has one row per distinct combination of the dimensions
/// (`GROUP BY`); without measures it is a detail mart, one row per source row that passes
/// the filter and the row policy.
public struct MartSpec: Sendable, Codable, Equatable {
    /// The mart's name without the `dm_` prefix the warehouse adds: a lowercase letter, then
    /// lowercase letters, digits and `_`, at most ``maximumNameLength`` characters.
    public var name: String
    public var description: String?
    /// The tables read, each once; the first is the root the joins start from.
    public var sources: [MartSource]
    /// One per source after the first, each joining a source not yet joined.
    public var joins: [MartJoin]
    /// Output columns that are not aggregates (the `GROUP BY` keys when there are measures).
    public var dimensions: [MartDimension]
    public var measures: [MartMeasure]
    /// Which source rows count, applied before aggregation.
    public var filter: MartPredicate?
    /// A restriction the requester's policy adds (applied like ``filter``, kept apart so the
    /// audit and lineage show which rows policy removed).
    public var rowPolicy: MartPredicate?
    public var order: [MartOrdering]
    /// At most this many rows (1…``maximumLimit``).
    public var limit: Int?
    /// Indexes to create on the mart, each a list of output column names. The executor adds
    /// one on the dimensions when there are measures.
    public var indexes: [[String]]

    public static let maximumNameLength = 40
    public static let maximumLimit = 10_000_000

    public init(name: String, description: String? = nil, sources: [MartSource], joins: [MartJoin] = [],
                dimensions: [MartDimension] = [], measures: [MartMeasure] = [], filter: MartPredicate? = nil,
                rowPolicy: MartPredicate? = nil, order: [MartOrdering] = [], limit: Int? = nil, indexes: [[String]] = []) {
        self.name = name
        self.description = description
        self.sources = sources
        self.joins = joins
        self.dimensions = dimensions
        self.measures = measures
        self.filter = filter
        self.rowPolicy = rowPolicy
        self.order = order
        self.limit = limit
        self.indexes = indexes
    }
}

/// A lake table the mart reads, by its catalog name, optionally under a short alias that
/// column references use (`p.market_value`).
public struct MartSource: Sendable, Codable, Equatable {
    public var table: String
    public var alias: String?

    public init(table: String, alias: String? = nil) {
        self.table = table
        self.alias = alias
    }

    /// The name column references use: the alias, else the table.
    public var reference: String { alias ?? table }
}

public enum JoinKind: String, Sendable, Codable, CaseIterable {
    case inner
    case left
}

/// Joins ``source`` (a table or alias of ``MartSpec/sources``) to the sources before it.
public struct MartJoin: Sendable, Codable, Equatable {
    public var source: String
    /// `inner` when the JSON leaves it out.
    public var kind: JoinKind
    /// Equalities, all of which must hold: `{"left": "p.account_id", "right": "a.account_id"}`.
    public var on: [JoinCondition]

    public init(source: String, kind: JoinKind = .inner, on: [JoinCondition]) {
        self.source = source
        self.kind = kind
        self.on = on
    }
}

public struct JoinCondition: Sendable, Codable, Equatable {
    public var left: SourceColumn
    public var right: SourceColumn

    public init(left: SourceColumn, right: SourceColumn) {
        self.left = left
        self.right = right
    }
}

/// `p.market_value`: a column of a source, named by the source's alias or table. Encoded
/// as that one string.
public struct SourceColumn: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    public var source: String
    public var column: String

    public init(source: String, column: String) {
        self.source = source
        self.column = column
    }

    /// Splits at the first `.`: `p.market_value`.
    ///
    /// - Throws: ``MartSpecError`` when there is no `.` or either side is empty.
    public init(parsing text: String) throws {
        fatalError("contract")
    }

    public var description: String { "\(source).\(column)" }
}

/// An output column that is not an aggregate.
///
/// JSON: the expression's keys plus `"as"`: `{"column": "i.sector"}`,
/// `{"transform": "date_trunc", "unit": "month", "args": [{"column": "o.created_at"}], "as": "month"}`.
public struct MartDimension: Sendable, Codable, Equatable {
    public var expression: MartExpression
    /// The output column's name; defaults to the column's name for a plain column and is
    /// required otherwise.
    public var alias: String?

    public init(expression: MartExpression, alias: String? = nil) {
        self.expression = expression
        self.alias = alias
    }
}

/// A value computed per row: a column, a literal, or a whitelisted transform of others.
///
/// JSON: `{"column": "c.segment"}`, `{"value": 10}`, or
/// `{"transform": "round", "args": [{"column": "p.weight_pct"}], "digits": 1}`.
public indirect enum MartExpression: Sendable, Codable, Equatable {
    case column(SourceColumn)
    case literal(MartLiteral)
    case transform(MartTransform)
}

/// A whitelisted function applied to expressions, with its parameters.
public struct MartTransform: Sendable, Codable, Equatable {
    public var function: TransformFunction
    public var arguments: [MartExpression]
    /// `date_trunc` only.
    public var unit: DateUnit?
    /// `extract` only.
    public var field: DateField?
    /// `bucket` only: the value is floored to a multiple of `width` (> 0).
    public var width: Double?
    /// `round` only: decimal places, 0…10 (default 0).
    public var digits: Int?

    public init(function: TransformFunction, arguments: [MartExpression], unit: DateUnit? = nil, field: DateField? = nil,
                width: Double? = nil, digits: Int? = nil) {
        self.function = function
        self.arguments = arguments
        self.unit = unit
        self.field = field
        self.width = width
        self.digits = digits
    }
}

/// The transforms a spec may use. Anything else (`substring`, `cast`, `case`, …) is
/// rejected when the spec is read, naming these.
public enum TransformFunction: String, Sendable, Codable, CaseIterable {
    /// One text argument.
    case trim, lower, upper
    /// Two or more arguments: the first that is not null.
    case coalesce
    /// One date or timestamp argument and ``MartTransform/unit``.
    case dateTrunc = "date_trunc"
    /// One date or timestamp argument and ``MartTransform/field``; an integer.
    case extract
    /// One numeric argument and ``MartTransform/width``.
    case bucket
    /// One numeric argument and ``MartTransform/digits``.
    case round
    /// Two or more arguments joined as text (null counts as empty).
    case concat
}

public enum DateUnit: String, Sendable, Codable, CaseIterable {
    case day, week, month, quarter, year
}

public enum DateField: String, Sendable, Codable, CaseIterable {
    case year, quarter, month, day
    case dayOfWeek = "day_of_week"
    case hour
}

/// A constant in a spec. Always bound as a parameter, never spliced into SQL.
/// JSON: a string, number, boolean or null.
public enum MartLiteral: Sendable, Codable, Equatable, Hashable {
    case string(String)
    case integer(Int64)
    case double(Double)
    case boolean(Bool)
    case null
}

/// An aggregate output column.
///
/// JSON: `{"name": "market_value", "function": "sum", "column": "p.market_value"}`;
/// `{"name": "position_count", "function": "count"}` (all rows);
/// `{"name": "flagged_orders", "function": "count_distinct", "column": "o.order_id",
///   "filter": {"column": "o.compliance_check", "op": "in", "values": ["FLAGGED", "BLOCKED"]}}`;
/// `{"name": "fill_rate_pct", "function": "safe_ratio", "scale": 100,
///   "numerator": {"function": "sum", "column": "e.fill_quantity"},
///   "denominator": {"function": "sum", "column": "o.quantity"}}`.
/// An argument may be an expression instead of a column: `"expression": {…}`.
public struct MartMeasure: Sendable, Codable, Equatable {
    public var name: String
    public var aggregate: MartAggregate

    public init(name: String, aggregate: MartAggregate) {
        self.name = name
        self.aggregate = aggregate
    }
}

public indirect enum MartAggregate: Sendable, Codable, Equatable {
    /// `COUNT(*)`, of the rows that pass `filter` when given.
    case countRows(filter: MartPredicate?)
    /// `function(argument)` over the rows that pass `filter` when given.
    case aggregate(MeasureFunction, MartExpression, filter: MartPredicate?)
    /// `scale × numerator / denominator`, null when the denominator is 0 or null.
    case safeRatio(numerator: MartAggregate, denominator: MartAggregate, scale: Double)
}

/// Aggregates over an argument. `count` counts non-null values; `count` without an
/// argument and `safe_ratio` are spelled in JSON but modelled by ``MartAggregate``.
public enum MeasureFunction: String, Sendable, Codable, CaseIterable {
    case sum, avg, min, max, count
    case countDistinct = "count_distinct"
}

/// A condition on rows.
///
/// JSON: `{"column": "r.utilization_pct", "op": ">=", "value": 80}`,
/// `{"column": "al.status", "op": "in", "values": ["open", "escalated"]}`,
/// `{"column": "p.quantity", "op": "between", "values": [10, 100]}`,
/// `{"column": "i.maturity_date", "op": "is_null"}` / `"is_not_null"`,
/// `{"column": "i.name", "op": "like", "value": "Swiss%"}`,
/// `{"column": "p.as_of_date", "op": "is_latest"}` (the column equals its greatest value
/// in its table), `{"and": […]}`, `{"or": […]}`, `{"not": {…}}`. `"expression": {…}`
/// may stand for `"column"`.
public indirect enum MartPredicate: Sendable, Codable, Equatable {
    case comparison(MartExpression, ComparisonOperator, MartLiteral)
    case inList(MartExpression, [MartLiteral])
    case between(MartExpression, MartLiteral, MartLiteral)
    case isNull(MartExpression)
    case isNotNull(MartExpression)
    /// The pattern is a literal (bound as a parameter): `%` and `_` are its only wildcards.
    case like(MartExpression, pattern: String)
    case isLatest(SourceColumn)
    case and([MartPredicate])
    case or([MartPredicate])
    case not(MartPredicate)
}

public enum ComparisonOperator: String, Sendable, Codable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// One sort key. JSON: `{"by": "market_value", "direction": "desc"}` names an output
/// column; `{"column": "c.segment"}` or `{"expression": {…}}` sorts by a source value.
public struct MartOrdering: Sendable, Codable, Equatable {
    public enum Target: Sendable, Codable, Equatable {
        case output(String)
        case expression(MartExpression)
    }

    public var target: Target
    public var descending: Bool

    public init(target: Target, descending: Bool = false) {
        self.target = target
        self.descending = descending
    }
}
