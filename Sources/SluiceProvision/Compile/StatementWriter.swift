import SluiceCatalog
import SluiceGovernance

/// Writes the parts of a mart's `SELECT` for one dialect, masking at the leaves: every column
/// reference becomes its masked form before anything is computed from it, so aliases,
/// transforms, aggregates, conditions and sort keys only ever see masked values.
///
/// Literals become numbered parameters, bound in the order they are written. Beside the SQL
/// it keeps, per written expression, the lineage in words (`lower(mask_email(clients.email))`),
/// the source columns it reads and the masks it applied, and, per use of a masked column,
/// where it was used, for the policy notes.
struct StatementWriter {
    let dialect: any SQLDialect
    let resolved: ResolvedMartSpec
    let masking: ColumnMasking
    /// Source reference → its staging table's name, for `is_latest`'s subquery.
    let stagedNames: [String: String]

    private(set) var parameters: [MartLiteral] = []
    /// Each masked column use: the column, its decision, and where ("dimension short_name").
    private(set) var maskedUses: [(column: ColumnMetadata, decision: ColumnMasking.Decision, position: String)] = []

    /// The schema staging tables live in.
    static let stagingSchema = "lake"
    /// The alias of the staging table inside `is_latest`'s subquery (an inner scope, so a
    /// source of the same name outside is shadowed there and nowhere else).
    static let latestAlias = "latest"

    init(dialect: any SQLDialect, resolved: ResolvedMartSpec, masking: ColumnMasking, stagedNames: [String: String]) {
        self.dialect = dialect
        self.resolved = resolved
        self.masking = masking
        self.stagedNames = stagedNames
    }

    /// One written expression or aggregate.
    struct Written {
        var sql: String
        /// Lineage in words, close to SQL: `sum(positions.market_value)`.
        var words: String
        /// `table.column` of each source column read, in order of first use.
        var sources: [String] = []
        /// The masks applied, in order of use.
        var masks: [MaskingRule] = []
        /// Whether the value depends on a row (false for constants and columns masked to null).
        var readsRow = false

        mutating func absorb(_ other: Written) {
            for source in other.sources where !sources.contains(source) { sources.append(source) }
            masks += other.masks
            readsRow = readsRow || other.readsRow
        }
    }

    mutating func bind(_ literal: MartLiteral) -> String {
        parameters.append(literal)
        return dialect.placeholder(parameters.count)
    }

    private func column(_ reference: SourceColumn) -> ColumnMetadata {
        // Every column of a resolved spec is in `resolved.columns`.
        guard let metadata = resolved.columns[reference] else {
            preconditionFailure("\(reference) was not resolved before writing SQL")
        }
        return metadata
    }

    /// The SQL storage type of what `expression` computes, with masking applied.
    func type(of expression: MartExpression) -> StagedColumnType? {
        ValueTypes.of(expression, columnType: { masking.maskedType(of: column($0)) })
    }

    func type(of aggregate: MartAggregate) -> StagedColumnType? {
        ValueTypes.of(aggregate, columnType: { masking.maskedType(of: column($0)) })
    }

    // MARK: Expressions

    /// A column as the requester may see it: `"c"."email"`, or `mask_email("c"."email")`.
    mutating func write(_ reference: SourceColumn, position: String, qualifier: String? = nil) -> Written {
        let metadata = column(reference)
        let raw = dialect.quote(qualifier ?? reference.source) + "." + dialect.quote(reference.column)
        var written = Written(sql: raw, words: metadata.qualifiedName, sources: [metadata.qualifiedName], readsRow: true)
        if let decision = masking.decision(for: metadata) {
            written.sql = dialect.mask(decision.rule, raw)
            written.words = "\(decision.rule.rawValue)(\(metadata.qualifiedName))"
            written.masks = [decision.rule]
            written.readsRow = decision.rule != .null
            maskedUses.append((metadata, decision, position))
        }
        return written
    }

    mutating func write(_ expression: MartExpression, position: String) -> Written {
        switch expression {
        case let .column(reference):
            return write(reference, position: position)
        case let .literal(literal):
            return Written(sql: bind(literal), words: Self.words(literal))
        case let .transform(transform):
            return write(transform, position: position)
        }
    }

    private mutating func write(_ transform: MartTransform, position: String) -> Written {
        let arguments = transform.arguments.map { write($0, position: position) }
        let sql = arguments.map(\.sql), words = arguments.map(\.words)
        let name = transform.function.rawValue
        var written: Written
        switch transform.function {
        case .trim, .lower, .upper, .coalesce:
            written = Written(sql: "\(name.uppercased())(\(sql.joined(separator: ", ")))", words: "\(name)(\(words.joined(separator: ", ")))")
        case .concat:
            written = Written(sql: dialect.concat(sql), words: "concat(\(words.joined(separator: ", ")))")
        case .dateTrunc:
            let unit = transform.unit ?? .day
            written = Written(sql: dialect.dateTrunc(unit, sql[0], type: temporalType(of: transform.arguments[0])),
                              words: "date_trunc(\(unit.rawValue), \(words[0]))")
        case .extract:
            let field = transform.field ?? .year
            written = Written(sql: dialect.extract(field, sql[0], type: temporalType(of: transform.arguments[0])),
                              words: "extract(\(field.rawValue), \(words[0]))")
        case .bucket:
            let width = transform.width ?? 1
            // A whole width over integers stays an integer; otherwise the bucket is real.
            let literal: MartLiteral = type(of: transform.arguments[0]) == .integer && width.rounded() == width ? .integer(Int64(width)) : .double(width)
            written = Written(sql: dialect.bucket(sql[0], width: bind(literal)), words: "bucket(\(words[0]), \(Self.words(literal)))")
        case .round:
            let digits = transform.digits ?? 0
            written = Written(sql: dialect.round(sql[0], digits: bind(.integer(Int64(digits)))), words: "round(\(words[0]), \(digits))")
        }
        for argument in arguments { written.absorb(argument) }
        return written
    }

    /// Date functions read the argument's stored shape; a masked date is text the date
    /// functions turn to null, and any shape does for that.
    private func temporalType(of expression: MartExpression) -> StagedColumnType {
        let type = type(of: expression)
        return type?.isTemporal == true ? type! : .date
    }

    // MARK: Aggregates

    mutating func write(_ aggregate: MartAggregate, position: String) -> Written {
        switch aggregate {
        case let .countRows(filter):
            guard let filter else { return Written(sql: "COUNT(*)", words: "count(*)", readsRow: true) }
            // A filter's columns decide which rows count; they are not where the value comes
            // from, so they join neither the lineage's sources nor its masks.
            let condition = write(filter, position: position)
            return Written(sql: "COUNT(CASE WHEN \(condition.sql) THEN 1 END)", words: "count(*) where \(condition.words)", readsRow: true)
        case let .aggregate(function, argument, filter):
            let condition = filter.map { write($0, position: position) }
            let value = write(argument, position: position)
            let input = condition.map { "CASE WHEN \($0.sql) THEN \(value.sql) END" } ?? value.sql
            let sql: String
            switch function {
            case .countDistinct: sql = "COUNT(DISTINCT \(input))"
            default: sql = "\(function.rawValue.uppercased())(\(input))"
            }
            var written = Written(sql: sql, words: "\(function.rawValue)(\(value.words))" + (condition.map { " where \($0.words)" } ?? ""))
            written.absorb(value)
            return written
        case let .safeRatio(numerator, denominator, scale):
            // The scale is bound as a real, so the division is real whatever the parts' types.
            let factor = bind(.double(scale))
            let top = write(numerator, position: position)
            let bottom = write(denominator, position: position)
            var written = Written(sql: "(\(factor) * \(top.sql) / NULLIF(\(bottom.sql), 0))",
                                  words: "\(Self.number(scale)) * \(top.words) / \(bottom.words)")
            written.absorb(top)
            written.absorb(bottom)
            return written
        }
    }

    // MARK: Conditions

    mutating func write(_ predicate: MartPredicate, position: String) -> Written {
        var parts = Written(sql: "", words: "")
        func take(_ written: Written) -> Written {
            parts.absorb(written)
            return written
        }
        let sql: String, words: String
        switch predicate {
        case let .comparison(expression, op, literal):
            let subject = take(write(expression, position: position))
            sql = "(\(subject.sql) \(op.rawValue) \(bind(literal)))"
            words = "\(subject.words) \(op.rawValue) \(Self.words(literal))"
        case let .inList(expression, values):
            let subject = take(write(expression, position: position))
            sql = "(\(subject.sql) IN (\(values.map { bind($0) }.joined(separator: ", "))))"
            words = "\(subject.words) in (\(values.map(Self.words).joined(separator: ", ")))"
        case let .between(expression, low, high):
            let subject = take(write(expression, position: position))
            sql = "(\(subject.sql) BETWEEN \(bind(low)) AND \(bind(high)))"
            words = "\(subject.words) between \(Self.words(low)) and \(Self.words(high))"
        case let .isNull(expression), let .isNotNull(expression):
            let subject = take(write(expression, position: position))
            let test = if case .isNull = predicate { "IS NULL" } else { "IS NOT NULL" }
            sql = "(\(subject.sql) \(test))"
            words = "\(subject.words) \(test.lowercased())"
        case let .like(expression, pattern):
            let subject = take(write(expression, position: position))
            sql = "(\(subject.sql) LIKE \(bind(.string(pattern))))"
            words = "\(subject.words) like \(Self.words(.string(pattern)))"
        case let .isLatest(reference):
            let outer = take(write(reference, position: position))
            let inner = take(write(reference, position: position, qualifier: Self.latestAlias))
            let staged = dialect.quote(Self.stagingSchema) + "." + dialect.quote(stagedNames[reference.source] ?? reference.source)
            sql = "(\(outer.sql) = (SELECT MAX(\(inner.sql)) FROM \(staged) AS \(dialect.quote(Self.latestAlias))))"
            words = "\(outer.words) is the latest"
        case let .and(conditions), let .or(conditions):
            let connective = if case .and = predicate { "AND" } else { "OR" }
            let written = conditions.map { take(write($0, position: position)) }
            sql = "(" + written.map(\.sql).joined(separator: " \(connective) ") + ")"
            words = "(" + written.map(\.words).joined(separator: " \(connective.lowercased()) ") + ")"
        case let .not(condition):
            let written = take(write(condition, position: position))
            sql = "(NOT \(written.sql))"
            words = "not \(written.words)"
        }
        parts.sql = sql
        parts.words = words
        return parts
    }

    // MARK: Words

    /// A literal as the lineage spells it: `'text'`, `10`, `2.5`, `true`, `null`.
    static func words(_ literal: MartLiteral) -> String {
        switch literal {
        case let .string(text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case let .integer(value): String(value)
        case let .double(value): number(value)
        case let .boolean(value): String(value)
        case .null: "null"
        }
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
