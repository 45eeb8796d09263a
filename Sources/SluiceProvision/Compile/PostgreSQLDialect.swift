import SluiceGovernance

/// PostgreSQL, with the masking functions of the `governance` schema (SluicePostgres's
/// migrations create them).
///
/// Staged columns have native types (`bigint`, `double precision`, `text`, `boolean`,
/// `date`, `timestamp` in UTC, `bytea`). A masking function takes the value's text form, as
/// the embedded backend masks an integer as its decimal digits. `date_trunc` gives back the
/// storage type it was given, `extract` a bigint. Parameters are bound untyped where their
/// context decides their type (a date compared with `'2024-06-30'`), so casts appear only
/// where PostgreSQL has no context: the digits of `round`.
public struct PostgreSQLDialect: SQLDialect {
    public init() {}

    public var name: String { "postgresql" }

    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func placeholder(_ index: Int) -> String { "$\(index)" }

    public func mask(_ rule: MaskingRule, _ expression: String) -> String {
        switch rule {
        case .null: "CAST(NULL AS text)"
        case .hash: "governance.mask_hash(CAST(\(expression) AS text))"
        case .maskName, .maskAccount, .maskISIN, .maskEmail: "governance.\(rule.rawValue)(CAST(\(expression) AS text))"
        }
    }

    public func dateTrunc(_ unit: DateUnit, _ expression: String, type: StagedColumnType) -> String {
        let truncated = "date_trunc('\(unit.rawValue)', \(expression))"
        return type == .date ? "CAST(\(truncated) AS date)" : "CAST(\(truncated) AS timestamp)"
    }

    public func extract(_ field: DateField, _ expression: String, type: StagedColumnType) -> String {
        let name: String
        switch field {
        case .year: name = "YEAR"
        case .quarter: name = "QUARTER"
        case .month: name = "MONTH"
        case .day: name = "DAY"
        case .dayOfWeek: name = "DOW"
        case .hour: name = "HOUR"
        }
        return "CAST(EXTRACT(\(name) FROM \(expression)) AS bigint)"
    }

    public func concat(_ expressions: [String]) -> String {
        "concat(" + expressions.map { "CAST(\($0) AS text)" }.joined(separator: ", ") + ")"
    }

    public func bucket(_ expression: String, width: String) -> String {
        // In double precision: integer division would truncate toward zero, not floor.
        "(floor(CAST(\(expression) AS double precision) / (\(width))) * (\(width)))"
    }

    public func round(_ expression: String, digits: String) -> String {
        // round(numeric, integer) is the one that takes digits; the result is a double, as in SQLite.
        "CAST(round(CAST(\(expression) AS numeric), CAST(\(digits) AS integer)) AS double precision)"
    }
}
