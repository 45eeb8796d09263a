import SluiceCore

/// The demo lake as `../shared/spec/demo-lake.md` states it, copied from the spec's
/// table by hand — not derived from the generator — so the tests catch any drift.
enum DemoLakeSpec {
    /// Table → (columns with the spec's type names, rows at scale 1, whether the count is approximate "~").
    static let tables: [(name: String, columns: String, rows: Int, approximate: Bool)] = [
        ("exchanges", "exchange_id int32, mic string, name string, country string, city string, timezone string, currency string", 8, false),
        ("instruments", "instrument_id int32, isin string, sedol string, bloomberg_ticker string, name string, asset_class string, sector string, currency string, exchange_id int32, issuer string, country string, coupon_rate double, maturity_date date", 34, false),
        ("counterparties", "counterparty_id int32, name string, lei string, counterparty_type string, country string, credit_rating string", 6, false),
        ("clients", "client_id int32, legal_name string, short_name string, client_type string, segment string, domicile_country string, nationality string, date_of_birth date, email string, phone string, risk_rating string, is_pep bool, kyc_status string, relationship_manager string, onboarded_on date", 25, false),
        ("accounts", "account_id int32, client_id int32, account_number string, account_type string, base_currency string, custodian_id int32, opened_on date, status string", 63, true),
        ("orders", "order_id int64, cl_ord_id string, account_id int32, instrument_id int32, broker_id int32, side string, order_type string, quantity double, limit_price double, currency string, time_in_force string, status string, compliance_check string, created_at timestamp(us, UTC), updated_at timestamp(us, UTC)", 515, true),
        ("executions", "execution_id int64, order_id int64, venue_id int32, executed_at timestamp(us, UTC), fill_quantity double, fill_price double, commission_bps double, commission_amount double, currency string, settlement_date date", 668, true),
        ("positions", "position_id int64, account_id int32, instrument_id int32, as_of_date date, quantity double, avg_cost double, market_price double, market_value double, unrealized_pnl double, currency string, weight_pct double", 358, true),
        ("market_prices", "instrument_id int32, price_date date, open double, high double, low double, close double, volume int64, currency string", 1_020, true),
        ("cash_balances", "account_id int32, currency string, balance double, available double, reserved double, as_of_date date", 63, true),
        ("risk_limits", "limit_id int32, client_id int32, limit_type string, limit_value double, current_value double, utilization_pct double, breach_status string, review_date date", 75, true),
        ("risk_metrics", "client_id int32, as_of_date date, var_1d_95 double, var_1d_99 double, cvar_1d_95 double, sharpe_ratio double, volatility_30d double, max_drawdown double, beta double", 125, false),
        ("compliance_checks", "check_id int64, order_id int64, check_type string, result string, checked_at timestamp(us, UTC), rule_id string, details string", 1_040, true),
        ("aml_alerts", "alert_id int32, client_id int32, alert_type string, severity string, status string, created_at timestamp(us, UTC), assigned_to string, risk_score double, narrative string", 15, true),
    ]

    /// The spec's 16 relationships: (table, column) → (table, key).
    static let relationships: [(String, String, String, String)] = [
        ("orders", "account_id", "accounts", "account_id"), ("orders", "instrument_id", "instruments", "instrument_id"),
        ("orders", "broker_id", "counterparties", "counterparty_id"), ("executions", "order_id", "orders", "order_id"),
        ("executions", "venue_id", "exchanges", "exchange_id"), ("accounts", "client_id", "clients", "client_id"),
        ("accounts", "custodian_id", "counterparties", "counterparty_id"), ("positions", "account_id", "accounts", "account_id"),
        ("positions", "instrument_id", "instruments", "instrument_id"), ("instruments", "exchange_id", "exchanges", "exchange_id"),
        ("market_prices", "instrument_id", "instruments", "instrument_id"), ("cash_balances", "account_id", "accounts", "account_id"),
        ("risk_limits", "client_id", "clients", "client_id"), ("risk_metrics", "client_id", "clients", "client_id"),
        ("compliance_checks", "order_id", "orders", "order_id"), ("aml_alerts", "client_id", "clients", "client_id"),
    ]

    /// The column list as (name, type) pairs; "timestamp(us, UTC)" holds a comma, so split by regex.
    static func columns(_ text: String) -> [(String, DataType)] {
        text.matches(of: /(\w+) (timestamp\(us, UTC\)|\w+)/).map { match in
            let type: DataType = switch match.output.2 {
            case "int32": .int32
            case "int64": .int64
            case "string": .string
            case "double": .float64
            case "date": .date
            case "bool": .boolean
            case "timestamp(us, UTC)": .timestamp(.micros, utc: true)
            default: fatalError("spec type \(match.output.2) not mapped")
            }
            return (String(match.output.1), type)
        }
    }
}
