import SluiceGovernance

/// PostgreSQL, with the masking functions in the `governance` schema.
public struct PostgreSQLDialect: SQLDialect {
    public init() {}
    public var name: String { "postgresql" }
    public func quote(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    public func placeholder(_ index: Int) -> String { "$\(index)" }
    public func mask(_ rule: MaskingRule, _ expression: String) -> String { fatalError("contract") }
    public func dateTrunc(_ unit: DateUnit, _ expression: String, type: StagedColumnType) -> String { fatalError("contract") }
    public func extract(_ field: DateField, _ expression: String, type: StagedColumnType) -> String { fatalError("contract") }
    public func concat(_ expressions: [String]) -> String { fatalError("contract") }
}
