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
///
/// Reading is strict: a key the format does not know, or a transform, function or operator
/// outside its lists, is a ``MartSpecError`` naming its path (`measures[1].numerator.colum`)
/// and what is allowed. Defaults (`"type": "inner"`, `"direction": "asc"`, `"scale": 1`) may
/// be left out; ``canonicalJSON(pretty:)`` writes them. ``resolve(against:)`` then checks the
/// names against the catalog.
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
    /// audit and lineage show which rows policy removed). JSON key: `row_policy`.
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
        guard let dot = text.firstIndex(of: ".") else {
            throw MartSpecError(path: "", "\(String(reflecting: text)) is not a column reference: write source.column (a table or alias, a dot, a column), as in p.market_value")
        }
        let source = String(text[..<dot]), column = String(text[text.index(after: dot)...])
        guard !source.isEmpty, !column.isEmpty else {
            throw MartSpecError(path: "", "\(String(reflecting: text)) is not a column reference: write source.column with both parts named, as in p.market_value")
        }
        self.init(source: source, column: column)
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

// MARK: - The JSON form
//
// Each type reads and writes exactly the shape its documentation shows. They live here
// because Swift synthesizes `Codable` for a type whose implementation is not in the file
// that declares it. Objects are read with ``SpecKey`` so that unknown keys are errors.

extension MartSpec {
    static let keys = ["name", "description", "sources", "joins", "dimensions", "measures", "filter", "row_policy",
                       "order", "limit", "indexes"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        try container.rejectUnknownKeys(Self.keys, in: "a mart spec")
        self.init(name: try container.required("name"),
                  description: try container.optional("description"),
                  sources: try container.required("sources"),
                  joins: try container.optional("joins") ?? [],
                  dimensions: try container.optional("dimensions") ?? [],
                  measures: try container.optional("measures") ?? [],
                  filter: try container.optional("filter"),
                  rowPolicy: try container.optional("row_policy"),
                  order: try container.optional("order") ?? [],
                  limit: try container.optionalWholeNumber("limit"),
                  indexes: try container.optional("indexes") ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try container.encode(name, "name")
        try container.encodeIfPresent(description, "description")
        try container.encode(sources, "sources")
        try container.encodeUnlessEmpty(joins, "joins")
        try container.encodeUnlessEmpty(dimensions, "dimensions")
        try container.encodeUnlessEmpty(measures, "measures")
        try container.encodeIfPresent(filter, "filter")
        try container.encodeIfPresent(rowPolicy, "row_policy")
        try container.encodeUnlessEmpty(order, "order")
        try container.encodeIfPresent(limit, "limit")
        try container.encodeUnlessEmpty(indexes, "indexes")
    }
}

extension MartSource {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        try container.rejectUnknownKeys(["table", "alias"], in: "a source")
        self.init(table: try container.required("table"), alias: try container.optional("alias"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try container.encode(table, "table")
        try container.encodeIfPresent(alias, "alias")
    }
}

extension JoinKind: SpecName {
    static var kind: String { "join type" }
    public init(from decoder: any Decoder) throws { self = try Self.decodeName(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try encodeName(to: encoder) }
}

extension MartJoin {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        try container.rejectUnknownKeys(["source", "type", "on"], in: "a join")
        self.init(source: try container.required("source"), kind: try container.optional("type") ?? .inner,
                  on: try container.required("on"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try container.encode(source, "source")
        try container.encode(kind, "type")
        try container.encode(on, "on")
    }
}

extension JoinCondition {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        try container.rejectUnknownKeys(["left", "right"], in: "a join condition")
        self.init(left: try container.required("left"), right: try container.required("right"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try container.encode(left, "left")
        try container.encode(right, "right")
    }
}

extension SourceColumn {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let error as MartSpecError {
            throw MartSpecError(path: SpecPath.string(decoder.codingPath), error.problems.map(\.message).joined(separator: "; "))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension MartDimension {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        let expression = try MartExpression.decode(from: container, what: "a dimension", extraKeys: ["as"])
        let alias: String? = try container.optional("as")
        if alias == nil, expression.columnReference == nil {
            throw container.error(at: "as", "required: a dimension computed by a transform or given as a value needs an output column name")
        }
        self.init(expression: expression, alias: alias)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try expression.encode(into: &container)
        try container.encodeIfPresent(alias, "as")
    }
}

extension MartExpression {
    static let columnKeys = ["column"]
    static let valueKeys = ["value"]
    static let transformKeys = ["transform", "args", "unit", "field", "width", "digits"]

    /// Reads the expression whose keys are in `container`, beside `extraKeys` that belong to
    /// the object around it (a dimension's `as`).
    static func decode(from container: KeyedDecodingContainer<SpecKey>, what: String, extraKeys: [String]) throws -> MartExpression {
        try container.rejectUnknownKeys(columnKeys + valueKeys + transformKeys + extraKeys, in: what)
        let forms = ["column", "value", "transform"].filter(container.contains)
        guard forms.count == 1 else {
            throw container.error(forms.isEmpty
                ? "\(what) needs one of column, value or transform"
                : "\(what) is one of column, value or transform, not \(SpecPath.alternatives(forms).replacingOccurrences(of: " or ", with: " and "))")
        }
        let formKeys: [String]
        switch forms[0] {
        case "column": formKeys = columnKeys
        case "value": formKeys = valueKeys
        default: formKeys = transformKeys
        }
        for key in container.names where !formKeys.contains(key) && !extraKeys.contains(key) {
            throw container.error(at: key, "\(key) belongs to a transform, not to \(forms[0] == "column" ? "a column" : "a value")")
        }
        switch forms[0] {
        case "column":
            return .column(try container.required("column"))
        case "value":
            return .literal(try container.required("value"))
        default:
            return .transform(MartTransform(function: try container.required("transform"), arguments: try container.required("args"),
                                            unit: try container.optional("unit"), field: try container.optional("field"),
                                            width: try container.optional("width"), digits: try container.optionalWholeNumber("digits")))
        }
    }

    func encode(into container: inout KeyedEncodingContainer<SpecKey>) throws {
        switch self {
        case let .column(column):
            try container.encode(column, "column")
        case let .literal(literal):
            try container.encode(literal, "value")
        case let .transform(transform):
            try container.encode(transform.function, "transform")
            try container.encode(transform.arguments, "args")
            try container.encodeIfPresent(transform.unit, "unit")
            try container.encodeIfPresent(transform.field, "field")
            try container.encodeIfPresent(transform.width, "width")
            try container.encodeIfPresent(transform.digits, "digits")
        }
    }

    public init(from decoder: any Decoder) throws {
        self = try Self.decode(from: try decoder.container(keyedBy: SpecKey.self), what: "an expression", extraKeys: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try encode(into: &container)
    }
}

extension MartTransform {
    /// The same object as the ``MartExpression/transform(_:)`` case it sits in.
    public init(from decoder: any Decoder) throws {
        guard case let .transform(transform) = try MartExpression(from: decoder) else {
            throw MartSpecError(path: SpecPath.string(decoder.codingPath), "expected a transform: {\"transform\": …, \"args\": […]}")
        }
        self = transform
    }

    public func encode(to encoder: any Encoder) throws {
        try MartExpression.transform(self).encode(to: encoder)
    }
}

extension TransformFunction: SpecName {
    static var kind: String { "transform" }
    public init(from decoder: any Decoder) throws { self = try Self.decodeName(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try encodeName(to: encoder) }
}

extension DateUnit: SpecName {
    static var kind: String { "date unit" }
    public init(from decoder: any Decoder) throws { self = try Self.decodeName(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try encodeName(to: encoder) }
}

extension DateField: SpecName {
    static var kind: String { "date field" }
    public init(from decoder: any Decoder) throws { self = try Self.decodeName(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try encodeName(to: encoder) }
}

extension MartLiteral {
    /// Whole numbers read as ``integer(_:)`` (`10` and `10.0` alike, as JSON does not tell
    /// them apart), other numbers as ``double(_:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            if value.rounded() == value, abs(value) < 0x1p53 {
                self = .integer(Int64(value))
            } else {
                self = .double(value)
            }
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            throw MartSpecError(path: SpecPath.string(decoder.codingPath), "a value is a string, a number, true, false or null")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .integer(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .boolean(value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

extension MartMeasure {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        self.init(name: try container.required("name"),
                  aggregate: try MartAggregate.decode(from: container, what: "a measure", extraKeys: ["name"]))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try container.encode(name, "name")
        try aggregate.encode(into: &container)
    }
}

extension MartAggregate {
    static let safeRatioName = "safe_ratio"
    /// Every `function` a measure may name: the aggregates, then `safe_ratio`.
    static var functionNames: [String] { MeasureFunction.allowedNames + [safeRatioName] }
    static let aggregateKeys = ["function", "column", "expression", "filter"]
    static let safeRatioKeys = ["function", "numerator", "denominator", "scale"]

    static func decode(from container: KeyedDecodingContainer<SpecKey>, what: String, extraKeys: [String]) throws -> MartAggregate {
        try container.rejectUnknownKeys(extraKeys + Array(Set(aggregateKeys + safeRatioKeys)).sorted(), in: what)
        let name: String = try container.required("function")
        if name == safeRatioName {
            for key in container.names where !safeRatioKeys.contains(key) && !extraKeys.contains(key) {
                throw container.error(at: key, "safe_ratio takes numerator, denominator and scale, not \(key); put columns and filters on its numerator and denominator")
            }
            return .safeRatio(numerator: try container.required("numerator"), denominator: try container.required("denominator"),
                              scale: try container.optional("scale") ?? 1)
        }
        guard let function = MeasureFunction(rawValue: name) else {
            throw MeasureFunction.unknown(name, at: SpecPath.string(container.codingPath, "function"), allowed: functionNames)
        }
        for key in container.names where !aggregateKeys.contains(key) && !extraKeys.contains(key) {
            throw container.error(at: key, "\(key) belongs to safe_ratio, not to \(name)")
        }
        let filter: MartPredicate? = try container.optional("filter")
        switch (container.contains("column"), container.contains("expression")) {
        case (true, true):
            throw container.error(at: "expression", "\(name) takes a column or an expression, not both")
        case (true, false):
            return .aggregate(function, .column(try container.required("column")), filter: filter)
        case (false, true):
            return .aggregate(function, try container.required("expression"), filter: filter)
        case (false, false):
            guard function == .count else {
                throw container.error(at: "column", "required: \(name) needs a column (or an expression) to aggregate")
            }
            return .countRows(filter: filter)
        }
    }

    func encode(into container: inout KeyedEncodingContainer<SpecKey>) throws {
        switch self {
        case let .countRows(filter):
            try container.encode(MeasureFunction.count, "function")
            try container.encodeIfPresent(filter, "filter")
        case let .aggregate(function, argument, filter):
            try container.encode(function, "function")
            if case let .column(column) = argument {
                try container.encode(column, "column")
            } else {
                try container.encode(argument, "expression")
            }
            try container.encodeIfPresent(filter, "filter")
        case let .safeRatio(numerator, denominator, scale):
            try container.encode(Self.safeRatioName, "function")
            try container.encode(numerator, "numerator")
            try container.encode(denominator, "denominator")
            try container.encode(scale, "scale")
        }
    }

    /// A measure's object without its `name`: `{"function": "sum", "column": "e.fill_quantity"}`.
    public init(from decoder: any Decoder) throws {
        self = try Self.decode(from: try decoder.container(keyedBy: SpecKey.self), what: "an aggregate", extraKeys: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        try encode(into: &container)
    }
}

extension MeasureFunction: SpecName {
    static var kind: String { "function" }
    public init(from decoder: any Decoder) throws { self = try Self.decodeName(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try encodeName(to: encoder) }
}

extension MartPredicate {
    static let connectives = ["and", "or", "not"]
    static let conditionKeys = ["column", "expression", "op", "value", "values"]
    /// Every `op`: the comparisons, then the named tests.
    static let operatorNames = ComparisonOperator.allowedNames + ["in", "between", "is_null", "is_not_null", "like", "is_latest"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        try container.rejectUnknownKeys(Self.connectives + Self.conditionKeys, in: "a condition")
        if let connective = Self.connectives.first(where: container.contains) {
            if let other = container.names.first(where: { $0 != connective }) {
                throw container.error(at: other, "a condition with \(connective) has no other key; nest the conditions inside it")
            }
            switch connective {
            case "and": self = .and(try container.required("and"))
            case "or": self = .or(try container.required("or"))
            default: self = .not(try container.required("not"))
            }
            return
        }
        let op: String = try container.required("op")
        guard Self.operatorNames.contains(op) else {
            throw MartSpecError(path: SpecPath.string(container.codingPath, "op"),
                                "unknown comparison operator \(String(reflecting: op)): use one of \(Self.operatorNames.joined(separator: ", "))")
        }
        func subject() throws -> MartExpression {
            switch (container.contains("column"), container.contains("expression")) {
            case (true, true): throw container.error(at: "expression", "a condition tests a column or an expression, not both")
            case (true, false): return .column(try container.required("column"))
            case (false, true): return try container.required("expression")
            case (false, false): throw container.error(at: "column", "required: the column (or expression) that \(op) tests")
            }
        }
        func only(_ allowed: [String]) throws {
            for key in container.names where !allowed.contains(key) {
                throw container.error(at: key, "\(op) takes \(SpecPath.alternatives(allowed.filter { $0 != "op" }).replacingOccurrences(of: " or ", with: " and ")), not \(key)")
            }
        }
        func literals(count: Int?) throws -> [MartLiteral] {
            let values: [MartLiteral] = try container.required("values")
            if let count, values.count != count {
                throw container.error(at: "values", "\(op) takes exactly \(count) values (low, high), not \(values.count)")
            }
            if values.isEmpty { throw container.error(at: "values", "\(op) needs at least one value") }
            return values
        }
        let subjectKey = container.contains("expression") ? "expression" : "column"
        switch op {
        case "in":
            try only([subjectKey, "op", "values"])
            self = .inList(try subject(), try literals(count: nil))
        case "between":
            try only([subjectKey, "op", "values"])
            let bounds = try literals(count: 2)
            self = .between(try subject(), bounds[0], bounds[1])
        case "is_null", "is_not_null":
            try only([subjectKey, "op"])
            self = op == "is_null" ? .isNull(try subject()) : .isNotNull(try subject())
        case "like":
            try only([subjectKey, "op", "value"])
            let subject = try subject()
            guard case let .string(pattern) = try container.required("value") as MartLiteral else {
                throw container.error(at: "value", "like takes a text pattern, where % stands for any text and _ for one character")
            }
            self = .like(subject, pattern: pattern)
        case "is_latest":
            if container.contains("expression") {
                throw container.error(at: "expression", "is_latest tests a column (its greatest value in its table), not an expression")
            }
            try only(["column", "op"])
            self = .isLatest(try container.required("column"))
        default:
            try only([subjectKey, "op", "value"])
            let subject = try subject()
            self = .comparison(subject, ComparisonOperator(rawValue: op)!, try container.required("value"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        func subject(_ expression: MartExpression) throws {
            if case let .column(column) = expression {
                try container.encode(column, "column")
            } else {
                try container.encode(expression, "expression")
            }
        }
        switch self {
        case let .comparison(expression, op, value):
            try subject(expression)
            try container.encode(op, "op")
            try container.encode(value, "value")
        case let .inList(expression, values):
            try subject(expression)
            try container.encode("in", "op")
            try container.encode(values, "values")
        case let .between(expression, low, high):
            try subject(expression)
            try container.encode("between", "op")
            try container.encode([low, high], "values")
        case let .isNull(expression):
            try subject(expression)
            try container.encode("is_null", "op")
        case let .isNotNull(expression):
            try subject(expression)
            try container.encode("is_not_null", "op")
        case let .like(expression, pattern):
            try subject(expression)
            try container.encode("like", "op")
            try container.encode(pattern, "value")
        case let .isLatest(column):
            try container.encode(column, "column")
            try container.encode("is_latest", "op")
        case let .and(conditions):
            try container.encode(conditions, "and")
        case let .or(conditions):
            try container.encode(conditions, "or")
        case let .not(condition):
            try container.encode(condition, "not")
        }
    }
}

extension ComparisonOperator: SpecName {
    static var kind: String { "comparison operator" }
    public init(from decoder: any Decoder) throws { self = try Self.decodeName(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try encodeName(to: encoder) }
}

extension MartOrdering {
    static let directions = ["asc", "desc"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecKey.self)
        try container.rejectUnknownKeys(["by", "column", "expression", "direction"], in: "a sort key")
        let targets = ["by", "column", "expression"].filter(container.contains)
        guard targets.count == 1 else {
            throw container.error(targets.isEmpty
                ? "a sort key needs by (an output column), column or expression"
                : "a sort key is one of by, column or expression, not \(targets.joined(separator: " and "))")
        }
        let target: Target
        switch targets[0] {
        case "by": target = .output(try container.required("by"))
        case "column": target = .expression(.column(try container.required("column")))
        default: target = .expression(try container.required("expression"))
        }
        let direction: String = try container.optional("direction") ?? "asc"
        guard Self.directions.contains(direction) else {
            throw container.error(at: "direction", "unknown direction \(String(reflecting: direction)): use one of asc, desc")
        }
        self.init(target: target, descending: direction == "desc")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        switch target {
        case let .output(name): try container.encode(name, "by")
        case let .expression(.column(column)): try container.encode(column, "column")
        case let .expression(expression): try container.encode(expression, "expression")
        }
        try container.encode(descending ? "desc" : "asc", "direction")
    }
}

extension MartOrdering.Target {
    /// The same keys as in a sort key, without its direction.
    public init(from decoder: any Decoder) throws {
        if try decoder.container(keyedBy: SpecKey.self).contains(SpecKey("direction")) {
            throw MartSpecError(path: SpecPath.string(decoder.codingPath, "direction"), "a sort target has no direction; give it on the sort key")
        }
        self = try MartOrdering(from: decoder).target
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecKey.self)
        switch self {
        case let .output(name): try container.encode(name, "by")
        case let .expression(.column(column)): try container.encode(column, "column")
        case let .expression(expression): try container.encode(expression, "expression")
        }
    }
}
