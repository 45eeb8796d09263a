import SluiceGovernance

/// PostgreSQL, with the masking functions of the `governance` schema (SluicePostgres's
/// migrations create them).
///
/// Staged columns have native types (`bigint`, `double precision`, `text`, `boolean`,
/// `bytea`), except dates and timestamps, which are staged in the embedded backend's text
/// forms (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS.ffffff` in UTC): they sort and compare the same
/// way as text, so a spec's predicates, joins, `coalesce` and order give the same rows on
/// both backends, and a masked date (text, or null) flows through date functions as it does
/// in SQLite, where a value that is not a date gives null. `date_trunc` gives back the same
/// text shape, `extract` a bigint. A masking function takes the value's text form, as the
/// embedded backend masks an integer as its decimal digits. Nulls sort first ascending, as
/// in SQLite.
public struct PostgreSQLDialect: SQLDialect {
    public init() {}

    public var name: String { "postgresql" }

    public func placeholder(_ index: Int) -> String { "$\(index)" }

    public func mask(_ rule: MaskingRule, _ expression: String) -> String {
        switch rule {
        case .null: "CAST(NULL AS text)"
        case .hash: "governance.mask_hash(CAST(\(expression) AS text))"
        case .maskName, .maskAccount, .maskISIN, .maskEmail: "governance.\(rule.rawValue)(CAST(\(expression) AS text))"
        }
    }

    public func dateTrunc(_ unit: DateUnit, _ expression: String, type: StagedColumnType) -> String {
        let truncated = "date_trunc('\(unit.rawValue)', \(instant(expression, type: type)))"
        return type == .date ? "to_char(\(truncated), 'YYYY-MM-DD')" : "to_char(\(truncated), 'YYYY-MM-DD HH24:MI:SS.US')"
    }

    /// The staged text as a `date` or `timestamp`, null when it is not one (a masked value).
    private func instant(_ expression: String, type: StagedColumnType) -> String {
        let sqlType = type == .date ? "date" : "timestamp"
        let text = "CAST(\(expression) AS text)"
        return "(CASE WHEN pg_input_is_valid(\(text), '\(sqlType)') THEN CAST(\(text) AS \(sqlType)) END)"
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
        return "CAST(EXTRACT(\(name) FROM \(instant(expression, type: type))) AS bigint)"
    }

    public func concat(_ expressions: [String]) -> String {
        "concat(" + expressions.map { "CAST(\($0) AS text)" }.joined(separator: ", ") + ")"
    }

    public func bucket(_ expression: String, width: String) -> String {
        // In double precision: integer division would truncate toward zero, not floor.
        "(floor(CAST(\(expression) AS double precision) / (\(width))) * (\(width)))"
    }

    public func sortKey(_ expression: String, descending: Bool) -> String {
        expression + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST")
    }

    public func round(_ expression: String, digits: String) -> String {
        // round(numeric, integer) is the one that takes digits; the result is a double, as in SQLite.
        "CAST(round(CAST(\(expression) AS numeric), CAST(\(digits) AS integer)) AS double precision)"
    }
}
