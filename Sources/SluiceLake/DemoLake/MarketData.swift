/// Daily prices of every instrument over the trading days up to the as-of date.
///
/// Each instrument's close follows a random walk with a gentle pull back to its
/// base price, so that even the 30,000 days of `--scale 1000` stay in a
/// believable range instead of drifting to zero. Opens, highs and lows are drawn
/// around the closes so that low ≤ open, close ≤ high always holds.
enum MarketData {
    /// The last trading days that orders, executions and risk metrics fall in, whatever the scale.
    static let recentDayCount = 30

    /// Writes `market_prices` (30 × `scale` trading days per instrument) and returns
    /// the closes of the recent window, which orders and positions are priced from.
    static func write(to output: TableOutput, scale: Int, seed: UInt64) async throws -> RecentPrices {
        var random = SeededRandom(seed: seed, stream: "market_prices")
        let days = DemoCalendar.businessDays(count: recentDayCount * scale)
        var closes: [[Double]] = []
        for instrument in ReferenceData.instruments {
            let decimals = Money.priceDecimals(instrument.currency)
            let sigma = instrument.assetClass.dailyVolatility
            var previous = instrument.basePrice
            var recent: [Double] = []
            for (index, day) in days.enumerated() {
                let pull = 0.02 * (instrument.basePrice / previous - 1)
                let close = Money.round(previous * (1 + sigma * random.normal() + pull), decimals)
                let open = Money.round(previous * (1 + sigma / 3 * random.normal()), decimals)
                let high = Money.round(max(open, close) * (1 + sigma / 2 * abs(random.normal())), decimals)
                let low = Money.round(min(open, close) * (1 - sigma / 2 * abs(random.normal())), decimals)
                let volume = Int64(Double(instrument.baseVolume) * random.double(in: 0.5...1.5))
                try await output.append([.integer(instrument.id), .integer(day), .double(open), .double(max(high, open, close)),
                                         .double(min(low, open, close)), .double(close), .int(volume), .string(instrument.currency)])
                if index >= days.count - recentDayCount { recent.append(close) }
                previous = close
            }
            closes.append(recent)
        }
        return RecentPrices(days: Array(days.suffix(recentDayCount)), closes: closes)
    }
}

/// The closes of the last ``MarketData/recentDayCount`` trading days.
struct RecentPrices {
    /// Oldest first; the last is the as-of date.
    let days: [Int]
    /// `closes[instrumentID - 1][dayIndex]`.
    let closes: [[Double]]

    func close(instrumentID: Int, dayIndex: Int) -> Double { closes[instrumentID - 1][dayIndex] }
    func lastClose(instrumentID: Int) -> Double { closes[instrumentID - 1][days.count - 1] }
}
