/// A banking and trading thesaurus: the words and phrases that name one business concept.
///
/// An analyst asks about "customers", "fees" and "value at risk"; the catalog says
/// `clients`, `commission_bps` and `var_1d_95`. Hashed n-grams see no likeness between
/// those, so the offline embedder adds a concept feature (`concept:client`) for every
/// phrase listed here, in documents and questions alike, and the two meet on it.
///
/// The vocabulary is general banking, trading, risk and compliance language in British
/// and American spelling, not the wording of any one catalog: a concept belongs here when
/// a banker would accept any of its phrases in place of the others in a data request. A
/// phrase may belong to several concepts (`breach` is a limit matter and a failure).
/// Phrases are matched after ``SearchAnalyzer`` (respelled, stemmed), longest first, so
/// "foreign exchange" is a currency matter, never a trading venue.
enum BusinessConcepts {
    /// Concept → phrases. Order is irrelevant to matching; it is kept stable for review.
    static let groups: [(concept: String, phrases: [String])] = [
        ("client", ["client", "customer", "account holder", "investor", "beneficial owner", "end client", "private client"]),
        ("account", ["account", "iban", "custody account", "cash account", "margin account", "pension account", "bank account",
                     "depot", "sub account", "subaccount"]),
        ("holding", ["position", "holding", "exposure", "portfolio", "book", "stake", "allocation", "investment",
                     "invested", "inventory", "asset under management", "assets under management", "aum", "wealth"]),
        ("instrument", ["instrument", "security", "securities", "stock", "share", "equity", "equities", "bond", "etf",
                        "fund", "structured product", "asset class", "asset type", "product", "issuer", "listed"]),
        ("identifier", ["identifier", "isin", "cusip", "sedol", "ticker", "symbol", "lei", "figi", "ric", "bic",
                        "legal entity identifier"]),
        ("sector", ["sector", "industry", "gics", "economic sector", "industry group"]),
        ("segment", ["segment", "tier", "wealth band", "wealth segment", "client category", "hnwi", "uhnwi",
                     "high net worth", "ultra high net worth", "retail", "affluent", "mass affluent", "private banking"]),
        ("counterparty", ["counterparty", "counter party", "broker", "dealer", "custodian", "clearing house", "clearer",
                          "clearing", "prime broker", "executing broker", "market maker", "depositary", "correspondent bank"]),
        ("venue", ["exchange", "venue", "trading venue", "marketplace", "market place", "mic", "bourse",
                   "stock exchange", "listing", "trading platform", "mtf"]),
        ("order", ["order", "ticket", "instruction", "buy", "sell", "side", "short sale", "short selling", "limit order",
                   "market order", "stop order", "time in force", "order type", "order book"]),
        ("execution", ["execution", "fill", "execute", "trade", "deal", "transaction", "partial fill", "traded", "trading"]),
        ("commission", ["commission", "fee", "charge", "brokerage", "basis point", "bps", "markup", "mark up"]),
        ("execution_cost", ["slippage", "transaction cost analysis", "tca", "price improvement", "arrival price",
                            "implementation shortfall", "execution quality", "best execution", "execution cost",
                            "market impact", "trading cost", "transaction cost"]),
        ("price", ["price", "quote", "quotation", "closing price", "close price", "ohlc", "market data", "end of day", "eod",
                   "mark to market", "market price", "last price", "bid", "offer price"]),
        ("volume", ["volume", "turnover", "notional", "traded amount", "quantity", "nominal", "size"]),
        ("pnl", ["pnl", "p l", "profit and loss", "profit", "loss", "gain", "return", "performance", "unrealized",
                 "realized", "mark to market", "upside", "downside"]),
        ("valuation", ["market value", "valuation", "worth", "nav", "net asset value"]),
        ("risk_measure", ["var", "value at risk", "cvar", "conditional var", "conditional value at risk", "expected shortfall", "volatility",
                          "drawdown", "max drawdown", "maximum drawdown", "sharpe", "sharpe ratio", "beta", "tail risk",
                          "risk figure", "risk measure", "risk metric", "stress test", "risk number", "var figure"]),
        ("limit", ["limit", "threshold", "cap", "ceiling", "utilization", "utilisation", "usage", "headroom", "breach",
                   "exceed", "overrun", "limit breach", "over limit", "mandate", "used up", "exhausted", "maxed out"]),
        ("aml", ["aml", "anti money laundering", "money laundering", "laundering", "suspicious activity", "suspicious",
                 "sar", "suspicious transaction report", "structuring", "transaction monitoring", "financial crime",
                 "mros", "fiu", "smurfing", "alert", "investigation", "investigator", "case"]),
        ("sanctions", ["sanction", "embargo", "ofac", "watchlist", "watch list", "blacklist", "sanctions hit",
                       "sanctions screening", "restricted list", "denied party"]),
        ("pep", ["pep", "politically exposed", "politically exposed person", "public official", "public figure"]),
        ("compliance", ["compliance", "check", "screening", "control", "rule", "surveillance", "regulatory",
                        "regulation", "suitability", "market abuse", "pre trade", "post trade", "conduct", "monitoring"]),
        ("failure", ["fail", "failure", "reject", "rejection", "block", "blocked", "flag", "flagged", "exception",
                     "violation", "breach", "warning", "denied", "hit"]),
        ("kyc", ["kyc", "know your customer", "know your client", "due diligence", "cdd", "edd", "onboarding",
                 "onboard", "onboarded", "identity verification"]),
        ("cash", ["cash", "liquidity", "liquid", "balance", "deposit", "available cash", "reserved", "free cash",
                  "money", "cash position", "overdraft", "buying power", "funding"]),
        ("currency", ["currency", "ccy", "fx", "foreign exchange", "exchange rate", "denomination", "base currency"]),
        ("country", ["country", "jurisdiction", "domicile", "nationality", "residence", "resident", "region",
                     "geography", "offshore", "citizenship", "domiciled"]),
        ("rating", ["rating", "credit rating", "creditworthiness", "credit quality", "grade", "risk rating",
                    "risk score", "score", "scoring", "risk class"]),
        ("relationship_manager", ["relationship manager", "rm", "banker", "advisor", "adviser", "account manager",
                                  "client advisor", "client adviser", "coverage officer"]),
        ("settlement", ["settlement", "settle", "settlement date", "value date", "settled", "delivery versus payment", "dvp"]),
        ("ratio", ["rate", "ratio", "percentage", "percent", "pct", "proportion", "fraction", "share of"]),
        ("status", ["status", "state", "lifecycle", "stage", "outcome", "result"]),
        ("concentration", ["concentration", "concentrated", "diversification", "diversified", "single name",
                           "weight", "weighting", "overweight", "underweight"]),
        ("leverage", ["leverage", "leveraged", "margin", "gearing", "borrowing", "lombard", "loan to value"]),
        ("fixed_income", ["coupon", "maturity", "yield", "fixed income", "duration", "redemption", "maturing",
                          "interest rate", "government bond", "corporate bond", "treasury"]),
        ("trend", ["trend", "history", "historical", "time series", "evolution", "over time", "day on day",
                   "daily", "trajectory", "movement", "change", "development"]),
        ("severity", ["severity", "priority", "criticality", "urgency", "critical"]),
        ("contact", ["contact", "email", "e mail", "phone", "telephone", "mobile", "address", "contact details"]),
        ("birth", ["date of birth", "dob", "birthday", "birth date", "age"]),
        ("name", ["name", "legal name", "full name", "short name"]),
    ]

    /// One phrase, analyzed: its stems in order.
    struct Phrase {
        var stems: [String]
        var concepts: [String]
    }

    /// Phrases by first stem, longest first, so a match tries "value at risk" before "value".
    static let phrasesByFirstStem: [String: [Phrase]] = {
        var concepts: [[String]: [String]] = [:]
        for (concept, phrases) in groups {
            for phrase in phrases {
                let stems = SearchAnalyzer.tokens(phrase, mode: .document).map(\.stem)
                guard !stems.isEmpty else { continue }
                if !(concepts[stems]?.contains(concept) ?? false) { concepts[stems, default: []].append(concept) }
            }
        }
        var index: [String: [Phrase]] = [:]
        for (stems, names) in concepts {
            index[stems[0], default: []].append(Phrase(stems: stems, concepts: names.sorted()))
        }
        return index.mapValues { phrases in
            phrases.sorted { $0.stems.count != $1.stems.count ? $0.stems.count > $1.stems.count : $0.stems.lexicographicallyPrecedes($1.stems) }
        }
    }()

    /// A phrase found in a token stream: which concepts, and the tokens it covers.
    struct Match: Equatable {
        var concepts: [String]
        var range: Range<Int>
    }

    /// The concept phrases in `tokens`, left to right, longest match first, not overlapping.
    /// A one-word phrase does not match a token marked as a stop word.
    static func matches(in tokens: [SearchAnalyzer.Token]) -> [Match] {
        var found: [Match] = []
        var i = 0
        while i < tokens.count {
            var matched: Match?
            for phrase in phrasesByFirstStem[tokens[i].stem] ?? [] where i + phrase.stems.count <= tokens.count {
                // A lone stop word names nothing: "return" in "return all clients" is no profit.
                if phrase.stems.count == 1 && tokens[i].isStopWord { continue }
                if zip(phrase.stems, tokens[i..<(i + phrase.stems.count)]).allSatisfy({ $0 == $1.stem }) {
                    matched = Match(concepts: phrase.concepts, range: i..<(i + phrase.stems.count))
                    break
                }
            }
            if let matched {
                found.append(matched)
                i = matched.range.upperBound
            } else {
                i += 1
            }
        }
        return found
    }
}
