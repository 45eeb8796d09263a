/// Positions and cash balances on the as-of date.
///
/// Positions are priced at the as-of close in `market_prices`, so
/// `market_value = quantity × market_price` (÷ 100 for instruments quoted in
/// percent) holds exactly as the data says, and `weight_pct` adds up to 100 per
/// account (weights are taken in CHF at the demo's fixed rates).
enum HoldingsData {
    /// Holdings per securities account, by segment.
    private static func positionCount(_ segment: Segment) -> ClosedRange<Int> {
        switch segment {
        case .retail: 3...5
        case .affluent: 4...6
        case .hnwi: 6...9
        case .uhnwi: 8...11
        case .corporate: 4...7
        case .institutional: 10...14
        }
    }

    static func writePositions(to output: TableOutput, clients: [Client], accounts: [Account],
                               prices: RecentPrices, seed: UInt64) async throws {
        var random = SeededRandom(seed: seed, stream: "positions")
        let clientsByID = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0) })
        var positionID: Int64 = 0
        for account in accounts where account.holdsSecurities {
            let client = clientsByID[account.clientID]!
            let count = random.int(in: positionCount(client.segment))
            // A partial Fisher–Yates shuffle: `count` distinct instruments.
            var candidates = ReferenceData.instruments.map(\.id)
            for index in 0..<count {
                candidates.swapAt(index, random.int(in: index...(candidates.count - 1)))
            }
            let budgetCHF = client.assetsCHF * 0.8 / Double(client.segment.accountTypes.count)
            var rows: [(instrument: Instrument, quantity: Double, price: Double, value: Double, valueCHF: Double, cost: Double)] = []
            for instrumentID in candidates.prefix(count) {
                let instrument = ReferenceData.instrument(instrumentID)
                let price = prices.lastClose(instrumentID: instrumentID)
                let perUnit = instrument.assetClass.isQuotedInPercent ? price / 100 : price
                let targetCHF = budgetCHF / Double(count) * random.double(in: 0.4...1.6)
                let units = targetCHF / (perUnit * Money.chfPerUnit(instrument.currency))
                let quantity = instrument.assetClass.isQuotedInPercent
                    ? max(1_000, Money.round(units / 1_000, 0) * 1_000) : max(1, Money.round(units, 0))
                let spread = instrument.assetClass == .equity ? 0.15 : 0.04
                let cost = Money.round(price * (1 + spread * random.normal() / 2), Money.priceDecimals(instrument.currency) + 2)
                let value = Money.round(quantity * perUnit)
                rows.append((instrument, quantity, price, value, value * Money.chfPerUnit(instrument.currency), cost))
            }
            let totalCHF = rows.reduce(0) { $0 + $1.valueCHF }
            for row in rows {
                let perUnitCost = row.instrument.assetClass.isQuotedInPercent ? row.cost / 100 : row.cost
                positionID += 1
                try await output.append([
                    .int(positionID), .integer(account.id), .integer(row.instrument.id), .integer(DemoCalendar.asOfDay),
                    .double(row.quantity), .double(row.cost), .double(row.price), .double(row.value),
                    .double(Money.round(row.value - row.quantity * perUnitCost)), .string(row.instrument.currency),
                    .double(Money.round(row.valueCHF / totalCHF * 100)),
                ])
            }
        }
    }

    /// One balance per account in its base currency. Volkov's is frozen: all of it reserved.
    static func writeCashBalances(to output: TableOutput, clients: [Client], accounts: [Account], seed: UInt64) async throws {
        var random = SeededRandom(seed: seed, stream: "cash_balances")
        let clientsByID = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0) })
        for account in accounts {
            let client = clientsByID[account.clientID]!
            let share = account.type == "cash" ? random.double(in: 0.05...0.2) : random.double(in: 0.002...0.03)
            let balance = account.status == "closed" ? 0
                : Money.round(client.assetsCHF * share / Money.chfPerUnit(account.currency))
            let reserved = client.isSanctioned ? balance
                : random.chance(0.4) ? Money.round(balance * random.double(in: 0.01...0.25)) : 0
            try await output.append([
                .integer(account.id), .string(account.currency), .double(balance), .double(Money.round(balance - reserved)),
                .double(reserved), .integer(DemoCalendar.asOfDay),
            ])
        }
    }
}
