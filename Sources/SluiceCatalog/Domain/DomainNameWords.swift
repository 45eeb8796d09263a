/// Column-name words that point to a domain when the values alone cannot.
enum DomainNameWords {
    /// The last word of a key or a reference to one.
    static let keyWords: Set<String> = ["id", "key", "uuid", "guid"]

    /// Measures in the order they are tried: a `commission_bps` is a ratio before it is money.
    static let measures: [(String, Set<String>)] = [
        ("measure.percent", ["pct", "percent", "percentage", "weight", "utilization", "utilisation", "share"]),
        ("measure.ratio", ["rate", "ratio", "bps", "beta", "volatility", "drawdown", "sharpe", "yield", "coupon"]),
        ("measure.score", ["score", "rank"]),
        ("measure.quantity", ["quantity", "qty", "volume", "shares", "units", "count", "size", "lots"]),
        ("money.price", ["price", "open", "high", "low", "close", "cost", "nav", "bid", "ask", "mid"]),
        ("money.amount", ["amount", "value", "balance", "pnl", "commission", "notional", "available", "reserved", "var",
                          "cvar", "exposure", "fee", "fees", "cash", "income", "revenue", "limit", "salary", "total"]),
    ]

    static let placeWords: Set<String> = ["city", "town", "ort", "location", "country"]

    static let organisationWords: Set<String> = [
        "issuer", "company", "counterparty", "employer", "supplier", "vendor", "bank", "custodian", "broker", "exchange",
        "firm", "organisation", "organization", "institution", "fund", "manager",
    ]
}
