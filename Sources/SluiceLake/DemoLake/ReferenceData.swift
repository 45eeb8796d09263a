/// The lake's reference data — exchanges, instruments and counterparties — and
/// the money conventions every table shares.
///
/// These rows are fixed: the demo's questions and golden search results name
/// them. Identifiers are real where the security is real (Apple's ISIN is
/// Apple's); every check digit is computed by ``CheckDigits`` from the body, so
/// none is typed by hand.

struct Exchange {
    let id: Int
    let mic: String
    let name: String
    let country: String
    let city: String
    let timezone: String
    let currency: String
    /// The continuous trading session in seconds after midnight UTC (standard time).
    let sessionUTC: ClosedRange<Int>
}

enum AssetClass: String {
    case equity, governmentBond = "government_bond", corporateBond = "corporate_bond", etf, structuredProduct = "structured_product"

    /// Bonds and structured products are quoted in percent of nominal and traded in nominal amounts.
    var isQuotedInPercent: Bool { self == .governmentBond || self == .corporateBond || self == .structuredProduct }

    /// Daily volatility of the price path.
    var dailyVolatility: Double {
        switch self {
        case .equity: 0.015
        case .etf: 0.009
        case .governmentBond: 0.002
        case .corporateBond: 0.003
        case .structuredProduct: 0.006
        }
    }
}

struct Instrument {
    let id: Int
    let isin: String
    let sedol: String
    let ticker: String
    let name: String
    let assetClass: AssetClass
    let sector: String
    let currency: String
    let exchangeID: Int
    let issuer: String
    let country: String
    let coupon: Double?
    let maturity: Int?
    /// Where the price path starts, in the quote unit.
    let basePrice: Double
    /// Typical daily volume in shares or nominal.
    let baseVolume: Int
}

struct Counterparty {
    let id: Int
    let name: String
    let lei: String
    let type: String
    let country: String
    let rating: String
    /// What a broker charges, before the client-segment discount.
    let commissionBps: Double
}

enum Money {
    /// CHF per unit of each currency: fixed demo rates for weights and order sizing.
    static func chfPerUnit(_ currency: String) -> Double {
        switch currency {
        case "CHF": 1
        case "EUR": 0.94
        case "USD": 0.86
        case "GBP": 1.12
        case "JPY": 0.0057
        case "HKD": 0.11
        case "SGD": 0.64
        case "SEK", "NOK", "DKK": 0.082
        default: 1
        }
    }

    /// Rounded to `decimals` places (half away from zero), so values print as a bank would book them.
    static func round(_ value: Double, _ decimals: Int = 2) -> Double {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        return (value * factor).rounded() / factor
    }

    /// Yen trade in whole units; everything else in cents.
    static func priceDecimals(_ currency: String) -> Int { currency == "JPY" ? 0 : 2 }
}

enum ReferenceData {
    static let exchanges: [Exchange] = [
        Exchange(id: 1, mic: "XSWX", name: "SIX Swiss Exchange", country: "CH", city: "Zurich", timezone: "Europe/Zurich", currency: "CHF", sessionUTC: 28_800...59_400),
        Exchange(id: 2, mic: "XETR", name: "Xetra", country: "DE", city: "Frankfurt", timezone: "Europe/Berlin", currency: "EUR", sessionUTC: 28_800...59_400),
        Exchange(id: 3, mic: "XPAR", name: "Euronext Paris", country: "FR", city: "Paris", timezone: "Europe/Paris", currency: "EUR", sessionUTC: 28_800...59_400),
        Exchange(id: 4, mic: "XLON", name: "London Stock Exchange", country: "GB", city: "London", timezone: "Europe/London", currency: "GBP", sessionUTC: 28_800...59_400),
        Exchange(id: 5, mic: "XNYS", name: "New York Stock Exchange", country: "US", city: "New York", timezone: "America/New_York", currency: "USD", sessionUTC: 52_200...75_600),
        Exchange(id: 6, mic: "XNAS", name: "Nasdaq Stock Market", country: "US", city: "New York", timezone: "America/New_York", currency: "USD", sessionUTC: 52_200...75_600),
        Exchange(id: 7, mic: "XTKS", name: "Tokyo Stock Exchange", country: "JP", city: "Tokyo", timezone: "Asia/Tokyo", currency: "JPY", sessionUTC: 0...21_600),
        Exchange(id: 8, mic: "XHKG", name: "Hong Kong Exchanges and Clearing", country: "HK", city: "Hong Kong", timezone: "Asia/Hong_Kong", currency: "HKD", sessionUTC: 5_400...28_800),
    ]

    static func exchange(_ id: Int) -> Exchange { exchanges[id - 1] }

    private static func equity(_ id: Int, _ isinBody: String, _ ticker: String, _ name: String, _ sector: String,
                               _ exchangeID: Int, _ price: Double, _ volume: Int, sedol sedolBody: String) -> Instrument {
        let country = String(isinBody.prefix(2))
        return Instrument(id: id, isin: CheckDigits.isin(isinBody), sedol: CheckDigits.sedol(sedolBody), ticker: ticker,
                          name: name, assetClass: .equity, sector: sector, currency: exchange(exchangeID).currency,
                          exchangeID: exchangeID, issuer: name, country: country, coupon: nil, maturity: nil,
                          basePrice: price, baseVolume: volume)
    }

    /// A UK security: its ISIN embeds the SEDOL (`GB00` + SEDOL), as real UK ISINs do.
    private static func ukEquity(_ id: Int, sedol sedolBody: String, _ ticker: String, _ name: String, _ sector: String,
                                 _ price: Double, _ volume: Int) -> Instrument {
        let sedol = CheckDigits.sedol(sedolBody)
        return Instrument(id: id, isin: CheckDigits.isin("GB00" + sedol), sedol: sedol, ticker: ticker, name: name,
                          assetClass: .equity, sector: sector, currency: "GBP", exchangeID: 4, issuer: name, country: "GB",
                          coupon: nil, maturity: nil, basePrice: price, baseVolume: volume)
    }

    private static func other(_ id: Int, _ isinBody: String, _ ticker: String, _ name: String, _ assetClass: AssetClass,
                              _ sector: String, _ exchangeID: Int, issuer: String, coupon: Double?, maturity: Int?,
                              _ price: Double, _ volume: Int, sedol sedolBody: String) -> Instrument {
        Instrument(id: id, isin: CheckDigits.isin(isinBody), sedol: CheckDigits.sedol(sedolBody), ticker: ticker, name: name,
                   assetClass: assetClass, sector: sector, currency: exchange(exchangeID).currency, exchangeID: exchangeID,
                   issuer: issuer, country: String(isinBody.prefix(2)), coupon: coupon, maturity: maturity,
                   basePrice: price, baseVolume: volume)
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> Int {
        DemoCalendar.day(year: year, month: month, day: day)
    }

    /// 25 equities (CH, US, DE, FR, GB, JP, HK), 3 government and 2 corporate bonds,
    /// 2 ETFs and 2 structured products. Sectors are GICS sectors; sovereign bonds
    /// carry "Government" and broad funds "Diversified", since GICS classifies neither.
    static let instruments: [Instrument] = [
        equity(1, "CH003886335", "NESN SW Equity", "Nestlé SA", "Consumer Staples", 1, 85.40, 4_800_000, sedol: "712387"),
        equity(2, "CH001200526", "NOVN SW Equity", "Novartis AG", "Health Care", 1, 94.10, 5_200_000, sedol: "710306"),
        equity(3, "CH001203204", "ROG SW Equity", "Roche Holding AG", "Health Care", 1, 271.50, 1_600_000, sedol: "711038"),
        equity(4, "CH024476758", "UBSG SW Equity", "UBS Group AG", "Financials", 1, 27.90, 9_500_000, sedol: "BRJL17"),
        equity(5, "CH001107539", "ZURN SW Equity", "Zurich Insurance Group AG", "Financials", 1, 541.00, 420_000, sedol: "598381"),
        equity(6, "CH001222171", "ABBN SW Equity", "ABB Ltd", "Industrials", 1, 48.30, 3_900_000, sedol: "710889"),
        equity(7, "CH021048333", "CFR SW Equity", "Compagnie Financière Richemont SA", "Consumer Discretionary", 1, 139.20, 1_300_000, sedol: "BCRWZ1"),
        equity(8, "CH001384101", "LONN SW Equity", "Lonza Group AG", "Health Care", 1, 562.00, 260_000, sedol: "733871"),
        equity(9, "US037833100", "AAPL US Equity", "Apple Inc.", "Information Technology", 6, 229.50, 52_000_000, sedol: "204662"),
        equity(10, "US594918104", "MSFT US Equity", "Microsoft Corporation", "Information Technology", 6, 421.30, 21_000_000, sedol: "258854"),
        equity(11, "US67066G104", "NVDA US Equity", "NVIDIA Corporation", "Information Technology", 6, 135.60, 240_000_000, sedol: "237931"),
        equity(12, "US023135106", "AMZN US Equity", "Amazon.com, Inc.", "Consumer Discretionary", 6, 188.40, 41_000_000, sedol: "200001"),
        equity(13, "US46625H100", "JPM US Equity", "JPMorgan Chase & Co.", "Financials", 5, 221.70, 9_000_000, sedol: "219011"),
        equity(14, "US02079K305", "GOOGL US Equity", "Alphabet Inc. Class A", "Communication Services", 6, 167.20, 25_000_000, sedol: "BYVY8G"),
        equity(15, "DE000716460", "SAP GY Equity", "SAP SE", "Information Technology", 2, 231.80, 1_700_000, sedol: "484628"),
        equity(16, "DE000723610", "SIE GY Equity", "Siemens AG", "Industrials", 2, 181.50, 1_900_000, sedol: "572797"),
        equity(17, "DE000840400", "ALV GY Equity", "Allianz SE", "Financials", 2, 289.40, 900_000, sedol: "523148"),
        equity(18, "FR000012101", "MC FP Equity", "LVMH Moët Hennessy Louis Vuitton SE", "Consumer Discretionary", 3, 648.20, 450_000, sedol: "406141"),
        equity(19, "FR000012027", "TTE FP Equity", "TotalEnergies SE", "Energy", 3, 58.30, 5_600_000, sedol: "B15C55"),
        equity(20, "FR000012057", "SAN FP Equity", "Sanofi SA", "Health Care", 3, 94.70, 2_300_000, sedol: "567173"),
        ukEquity(21, sedol: "098952", "AZN LN Equity", "AstraZeneca PLC", "Health Care", 114.60, 2_100_000),
        ukEquity(22, sedol: "BP6MXD", "SHEL LN Equity", "Shell plc", "Energy", 26.10, 11_000_000),
        ukEquity(23, sedol: "054052", "HSBA LN Equity", "HSBC Holdings plc", "Financials", 7.21, 24_000_000),
        equity(24, "JP363340000", "7203 JT Equity", "Toyota Motor Corporation", "Consumer Discretionary", 7, 2712, 28_000_000, sedol: "690064"),
        equity(25, "HK000006968", "1299 HK Equity", "AIA Group Ltd", "Financials", 8, 64.80, 30_000_000, sedol: "B4TX8S"),
        other(26, "CH022439721", "SWISS 0.5 06/27/32 Govt", "Swiss Confederation 0.5% 2032", .governmentBond, "Government", 1,
              issuer: "Swiss Confederation", coupon: 0.5, maturity: date(2032, 6, 27), 99.20, 15_000_000, sedol: "BNKD3Q"),
        other(27, "DE000BU2Z03", "DBR 2.6 08/15/34 Govt", "Bundesrepublik Deutschland 2.6% 2034", .governmentBond, "Government", 2,
              issuer: "Federal Republic of Germany", coupon: 2.6, maturity: date(2034, 8, 15), 100.40, 60_000_000, sedol: "BMG8W2"),
        other(28, "US91282CKQ3", "T 4.25 11/15/34 Govt", "United States Treasury Note 4.25% 2034", .governmentBond, "Government", 5,
              issuer: "United States Treasury", coupon: 4.25, maturity: date(2034, 11, 15), 98.70, 90_000_000, sedol: "BR2Y4K"),
        other(29, "CH125623401", "NESNVX 1.625 03/14/31 Corp", "Nestlé Finance 1.625% 2031", .corporateBond, "Consumer Staples", 1,
              issuer: "Nestlé Holdings Inc.", coupon: 1.625, maturity: date(2031, 3, 14), 97.60, 4_000_000, sedol: "BP9C4V"),
        other(30, "US037833DX5", "AAPL 3.25 08/08/29 Corp", "Apple Inc. 3.25% 2029", .corporateBond, "Information Technology", 5,
              issuer: "Apple Inc.", coupon: 3.25, maturity: date(2029, 8, 8), 98.10, 8_000_000, sedol: "BYN2GF"),
        other(31, "CH000889976", "CSSMI SW Equity", "iShares SMI (CH)", .etf, "Diversified", 1,
              issuer: "BlackRock Asset Management Schweiz AG", coupon: nil, maturity: nil, 131.40, 350_000, sedol: "733587"),
        other(32, "US78462F103", "SPY US Equity", "SPDR S&P 500 ETF Trust", .etf, "Diversified", 5,
              issuer: "State Street Global Advisors", coupon: nil, maturity: nil, 572.30, 45_000_000, sedol: "226357"),
        other(33, "CH131445218", "UBS BRC NESN 8.25 Corp", "UBS 8.25% Barrier Reverse Convertible on Nestlé", .structuredProduct,
              "Consumer Staples", 1, issuer: "UBS AG", coupon: nil, maturity: nil, 100.80, 500_000, sedol: "BQXK7R"),
        other(34, "CH129876543", "VONT TRACKER CHDIV Corp", "Vontobel Tracker Certificate on Swiss Dividend Leaders", .structuredProduct,
              "Diversified", 1, issuer: "Bank Vontobel AG", coupon: nil, maturity: nil, 104.20, 300_000, sedol: "BMW4T9"),
    ]

    /// Brokers (orders.broker_id), custodians (accounts.custodian_id) and the clearing house.
    static let counterparties: [Counterparty] = [
        Counterparty(id: 1, name: "Goldman Sachs", lei: CheckDigits.lei("784F5XWPLTWKTBV3E5"), type: "broker", country: "US", rating: "A+", commissionBps: 8),
        Counterparty(id: 2, name: "JPMorgan", lei: CheckDigits.lei("8I5DZWZKVSZI1NUHU7"), type: "broker", country: "US", rating: "AA-", commissionBps: 7),
        Counterparty(id: 3, name: "UBS", lei: CheckDigits.lei("BFM8T61CT2L1QCEMIK"), type: "broker", country: "CH", rating: "A+", commissionBps: 10),
        Counterparty(id: 4, name: "SIX SIS", lei: CheckDigits.lei("529900HEKOENBZ1DTW"), type: "custodian", country: "CH", rating: "AA", commissionBps: 0),
        Counterparty(id: 5, name: "Clearstream", lei: CheckDigits.lei("549300OL514RA0SXJJ"), type: "custodian", country: "LU", rating: "AA", commissionBps: 0),
        Counterparty(id: 6, name: "Eurex", lei: CheckDigits.lei("529900LN3S50JPU47S"), type: "clearing", country: "DE", rating: "AA+", commissionBps: 0),
    ]

    static let brokerIDs = [1, 2, 3]
    static let swissCustodianID = 4
    static let internationalCustodianID = 5

    static func instrument(_ id: Int) -> Instrument { instruments[id - 1] }

    static func exchangeRows() -> [[DemoValue]] {
        exchanges.map { e in
            [.integer(e.id), .string(e.mic), .string(e.name), .string(e.country), .string(e.city), .string(e.timezone), .string(e.currency)]
        }
    }

    static func instrumentRows() -> [[DemoValue]] {
        instruments.map { i in
            [.integer(i.id), .string(i.isin), .string(i.sedol), .string(i.ticker), .string(i.name), .string(i.assetClass.rawValue),
             .string(i.sector), .string(i.currency), .integer(i.exchangeID), .string(i.issuer), .string(i.country),
             .optional(i.coupon), .optional(day: i.maturity)]
        }
    }

    static func counterpartyRows() -> [[DemoValue]] {
        counterparties.map { c in
            [.integer(c.id), .string(c.name), .string(c.lei), .string(c.type), .string(c.country), .string(c.rating)]
        }
    }
}
