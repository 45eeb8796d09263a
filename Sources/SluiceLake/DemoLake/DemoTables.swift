import SluiceCore

/// One table of the demo lake: its fixed name, columns and classification
/// (`../shared/spec/demo-lake.md`). Golden sets, tests and documentation name
/// these tables and columns, so they change only with the spec.
public struct DemoTable: Sendable, Hashable {
    public let name: String
    /// What governance must end up with (public, internal, confidential, restricted);
    /// written to each file's key-value metadata as `sluice.classification`.
    public let classification: String
    public let fields: [Field]
    /// Whether `--scale` multiplies the rows of this table.
    public let isScaled: Bool
}

extension DemoTable {
    private static func table(_ name: String, _ classification: String, scaled: Bool, _ fields: [Field]) -> DemoTable {
        DemoTable(name: name, classification: classification, fields: fields, isScaled: scaled)
    }

    private static let utcMicros = DataType.timestamp(.micros, utc: true)

    private static func required(_ name: String, _ type: DataType) -> Field { Field(name, type, nullable: false) }
    private static func optional(_ name: String, _ type: DataType) -> Field { Field(name, type, nullable: true) }

    static let exchanges = table("exchanges", "public", scaled: false, [
        required("exchange_id", .int32), required("mic", .string), required("name", .string),
        required("country", .string), required("city", .string), required("timezone", .string),
        required("currency", .string),
    ])

    static let instruments = table("instruments", "public", scaled: false, [
        required("instrument_id", .int32), required("isin", .string), required("sedol", .string),
        required("bloomberg_ticker", .string), required("name", .string), required("asset_class", .string),
        required("sector", .string), required("currency", .string), required("exchange_id", .int32),
        required("issuer", .string), required("country", .string),
        optional("coupon_rate", .float64), optional("maturity_date", .date),
    ])

    static let counterparties = table("counterparties", "public", scaled: false, [
        required("counterparty_id", .int32), required("name", .string), required("lei", .string),
        required("counterparty_type", .string), required("country", .string), required("credit_rating", .string),
    ])

    static let clients = table("clients", "internal", scaled: true, [
        required("client_id", .int32), required("legal_name", .string), required("short_name", .string),
        required("client_type", .string), required("segment", .string), required("domicile_country", .string),
        required("nationality", .string), optional("date_of_birth", .date), required("email", .string),
        required("phone", .string), required("risk_rating", .string), required("is_pep", .boolean),
        required("kyc_status", .string), required("relationship_manager", .string), required("onboarded_on", .date),
    ])

    static let accounts = table("accounts", "internal", scaled: true, [
        required("account_id", .int32), required("client_id", .int32), required("account_number", .string),
        required("account_type", .string), required("base_currency", .string), required("custodian_id", .int32),
        required("opened_on", .date), required("status", .string),
    ])

    static let orders = table("orders", "confidential", scaled: true, [
        required("order_id", .int64), required("cl_ord_id", .string), required("account_id", .int32),
        required("instrument_id", .int32), required("broker_id", .int32), required("side", .string),
        required("order_type", .string), required("quantity", .float64), optional("limit_price", .float64),
        required("currency", .string), required("time_in_force", .string), required("status", .string),
        required("compliance_check", .string), required("created_at", utcMicros), required("updated_at", utcMicros),
    ])

    static let executions = table("executions", "confidential", scaled: true, [
        required("execution_id", .int64), required("order_id", .int64), required("venue_id", .int32),
        required("executed_at", utcMicros), required("fill_quantity", .float64), required("fill_price", .float64),
        required("commission_bps", .float64), required("commission_amount", .float64), required("currency", .string),
        required("settlement_date", .date),
    ])

    static let positions = table("positions", "internal", scaled: true, [
        required("position_id", .int64), required("account_id", .int32), required("instrument_id", .int32),
        required("as_of_date", .date), required("quantity", .float64), required("avg_cost", .float64),
        required("market_price", .float64), required("market_value", .float64), required("unrealized_pnl", .float64),
        required("currency", .string), required("weight_pct", .float64),
    ])

    static let marketPrices = table("market_prices", "internal", scaled: true, [
        required("instrument_id", .int32), required("price_date", .date), required("open", .float64),
        required("high", .float64), required("low", .float64), required("close", .float64),
        required("volume", .int64), required("currency", .string),
    ])

    static let cashBalances = table("cash_balances", "internal", scaled: true, [
        required("account_id", .int32), required("currency", .string), required("balance", .float64),
        required("available", .float64), required("reserved", .float64), required("as_of_date", .date),
    ])

    static let riskLimits = table("risk_limits", "confidential", scaled: false, [
        required("limit_id", .int32), required("client_id", .int32), required("limit_type", .string),
        required("limit_value", .float64), required("current_value", .float64), required("utilization_pct", .float64),
        required("breach_status", .string), required("review_date", .date),
    ])

    static let riskMetrics = table("risk_metrics", "confidential", scaled: false, [
        required("client_id", .int32), required("as_of_date", .date), required("var_1d_95", .float64),
        required("var_1d_99", .float64), required("cvar_1d_95", .float64), required("sharpe_ratio", .float64),
        required("volatility_30d", .float64), required("max_drawdown", .float64), required("beta", .float64),
    ])

    static let complianceChecks = table("compliance_checks", "restricted", scaled: true, [
        required("check_id", .int64), required("order_id", .int64), required("check_type", .string),
        required("result", .string), required("checked_at", utcMicros), required("rule_id", .string),
        required("details", .string),
    ])

    static let amlAlerts = table("aml_alerts", "restricted", scaled: true, [
        required("alert_id", .int32), required("client_id", .int32), required("alert_type", .string),
        required("severity", .string), required("status", .string), required("created_at", utcMicros),
        required("assigned_to", .string), required("risk_score", .float64), required("narrative", .string),
    ])

    /// The 14 tables in the order the generator writes them (referenced tables first).
    public static let all: [DemoTable] = [
        exchanges, instruments, counterparties, clients, accounts, marketPrices,
        orders, executions, complianceChecks, positions, cashBalances, riskLimits, riskMetrics, amlAlerts,
    ]
}
