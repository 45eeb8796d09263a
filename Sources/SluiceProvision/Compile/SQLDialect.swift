import SluiceGovernance

/// What differs between the warehouses' SQL: quoting, parameters, the masking and date
/// functions. The compiler writes one statement shape and asks the dialect for the parts.
///
/// Every function receives SQL text that is already safe (quoted names, placeholders) and may
/// repeat it: placeholders are numbered, so a repeated expression binds the same parameter.
public protocol SQLDialect: Sendable {
    /// `sqlite`, `postgresql`.
    var name: String { get }
    /// `"name"` with embedded quotes doubled.
    func quote(_ identifier: String) -> String
    /// The placeholder for the `index`-th parameter (1-based): `?1` in SQLite, `$1` in
    /// PostgreSQL. Numbered, so that the same parameter can appear more than once.
    func placeholder(_ index: Int) -> String
    /// `expression` masked by `rule`: `mask_name(x)`; `NULL` for ``MaskingRule/null``.
    func mask(_ rule: MaskingRule, _ expression: String) -> String
    /// `date_trunc` to `unit` of a value stored as `type` (``StagedColumnType/date`` or
    /// ``StagedColumnType/timestamp``), as the same storage type.
    func dateTrunc(_ unit: DateUnit, _ expression: String, type: StagedColumnType) -> String
    /// `extract(field)` as an integer.
    func extract(_ field: DateField, _ expression: String, type: StagedColumnType) -> String
    /// Text concatenation where null counts as empty.
    func concat(_ expressions: [String]) -> String
    /// `expression` floored to a multiple of `width` (both SQL): `bucket(7, 5)` is 5, `bucket(-7, 5)` is -10.
    func bucket(_ expression: String, width: String) -> String
    /// `expression` rounded to `digits` decimal places (SQL), as a floating-point number.
    func round(_ expression: String, digits: String) -> String
    /// One `ORDER BY` key. Nulls sort before every value, as SQLite sorts them, in every dialect.
    func sortKey(_ expression: String, descending: Bool) -> String
}

extension SQLDialect {
    /// Standard SQL's double quotes, embedded quotes doubled (SQLite and PostgreSQL alike).
    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Standard SQL's `floor`.
    public func bucket(_ expression: String, width: String) -> String {
        "(floor((\(expression)) / (\(width))) * (\(width)))"
    }

    /// Standard SQL's `round`.
    public func round(_ expression: String, digits: String) -> String {
        "round(\(expression), \(digits))"
    }

    /// `ASC`/`DESC` as SQLite reads them (nulls first ascending, last descending).
    public func sortKey(_ expression: String, descending: Bool) -> String {
        expression + (descending ? " DESC" : " ASC")
    }
}

/// SQLite, with the masking functions of ``SluiceSQLite`` registered on the connection.
///
/// Dates are stored as `YYYY-MM-DD` text and timestamps as `YYYY-MM-DD HH:MM:SS.ffffff`
/// (UTC), which SQLite's `date` and `strftime` read; truncations give the same text shapes
/// back. Only the core SQL functions are used: `floor` and `concat` are optional in SQLite
/// builds, so they are spelled with `CAST` and `||`.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public var name: String { "sqlite" }

    public func placeholder(_ index: Int) -> String { "?\(index)" }

    public func mask(_ rule: MaskingRule, _ expression: String) -> String {
        switch rule {
        case .null: "NULL"
        case .hash: "mask_hash(\(expression))"
        case .maskName, .maskAccount, .maskISIN, .maskEmail: "\(rule.rawValue)(\(expression))"
        }
    }

    public func dateTrunc(_ unit: DateUnit, _ expression: String, type: StagedColumnType) -> String {
        let day: String
        switch unit {
        case .day:
            day = "date(\(expression))"
        case .week:
            // Back six days, then forward to the next Monday (or stay on it): the week's Monday, as ISO 8601 counts weeks.
            day = "date(\(expression), '-6 days', 'weekday 1')"
        case .month:
            day = "date(\(expression), 'start of month')"
        case .quarter:
            day = "date(\(expression), 'start of month', '-' || ((CAST(strftime('%m', \(expression)) AS INTEGER) - 1) % 3) || ' months')"
        case .year:
            day = "date(\(expression), 'start of year')"
        }
        return type == .timestamp ? "(\(day) || ' 00:00:00.000000')" : day
    }

    public func extract(_ field: DateField, _ expression: String, type: StagedColumnType) -> String {
        switch field {
        case .year: "CAST(strftime('%Y', \(expression)) AS INTEGER)"
        case .quarter: "((CAST(strftime('%m', \(expression)) AS INTEGER) + 2) / 3)"
        case .month: "CAST(strftime('%m', \(expression)) AS INTEGER)"
        case .day: "CAST(strftime('%d', \(expression)) AS INTEGER)"
        // 0 is Sunday, as PostgreSQL's `dow`.
        case .dayOfWeek: "CAST(strftime('%w', \(expression)) AS INTEGER)"
        case .hour: "CAST(strftime('%H', \(expression)) AS INTEGER)"
        }
    }

    public func concat(_ expressions: [String]) -> String {
        "(" + expressions.map { "COALESCE(CAST(\($0) AS TEXT), '')" }.joined(separator: " || ") + ")"
    }

    public func bucket(_ expression: String, width: String) -> String {
        // floor(v) as CAST (which truncates toward zero) less one when that went up.
        let ratio = "((\(expression)) * 1.0 / (\(width)))"
        return "((CAST(\(ratio) AS INTEGER) - (CAST(\(ratio) AS INTEGER) > \(ratio))) * (\(width)))"
    }

    public func round(_ expression: String, digits: String) -> String {
        "ROUND(\(expression), \(digits))"
    }
}
