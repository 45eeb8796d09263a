import SluiceGovernance

/// What differs between the warehouses' SQL: quoting, parameters, the masking and date
/// functions. The compiler writes one statement shape and asks the dialect for the parts.
public protocol SQLDialect: Sendable {
    /// `sqlite`, `postgresql`.
    var name: String { get }
    /// `"name"` with embedded quotes doubled.
    func quote(_ identifier: String) -> String
    /// The placeholder for the `index`-th parameter (1-based): `?` in SQLite, `$1` in PostgreSQL.
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
}

/// SQLite, with the masking functions of ``SluiceSQLite`` registered on the connection.
public struct SQLiteDialect: SQLDialect {
    public init() {}
    public var name: String { "sqlite" }
    public func quote(_ identifier: String) -> String { fatalError("contract") }
    public func placeholder(_ index: Int) -> String { fatalError("contract") }
    public func mask(_ rule: MaskingRule, _ expression: String) -> String { fatalError("contract") }
    public func dateTrunc(_ unit: DateUnit, _ expression: String, type: StagedColumnType) -> String { fatalError("contract") }
    public func extract(_ field: DateField, _ expression: String, type: StagedColumnType) -> String { fatalError("contract") }
    public func concat(_ expressions: [String]) -> String { fatalError("contract") }
}
