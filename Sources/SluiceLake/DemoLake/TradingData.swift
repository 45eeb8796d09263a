/// Orders, their executions and their pre-trade compliance checks, generated in
/// one pass so that every execution and check belongs to an order just made and
/// memory holds one order at a time, at any scale.
///
/// What the demo relies on:
/// - Client 19 (Volkov) fails sanctions screening on every order: his orders are
///   FLAGGED or BLOCKED, and a blocked order is REJECTED with no executions.
/// - Large orders (over CHF 800,000) fill in two to four executions.
/// - Executions settle T+2 business days; fills never exceed the order quantity,
///   and a limit order never fills beyond its limit.
struct TradingData {
    static let ordersPerScale = 515
    /// Orders above this notional (CHF) are worked in several fills.
    static let largeOrderCHF = 800_000.0

    let clients: [Client]
    let accounts: [Account]
    let prices: RecentPrices
    let outputs: (orders: TableOutput, executions: TableOutput, checks: TableOutput)

    private struct Order {
        let id: Int64
        let account: Account
        let client: Client
        let instrument: Instrument
        let brokerID: Int
        let side: String
        let type: String
        let quantity: Double
        let limitPrice: Double?
        let timeInForce: String
        let status: String
        let compliance: String
        let createdAt: Int64
        let referencePrice: Double
        let isLarge: Bool
    }

    func write(scale: Int, seed: UInt64) async throws {
        var random = SeededRandom(seed: seed, stream: "orders")
        let clientsByID = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0) })
        let tradable = accounts.filter(\.trades)
        let pickAccount = WeightedIndex(weights: tradable.map { clientsByID[$0.clientID]!.segment.tradingWeight })
        var executionID: Int64 = 0
        var checkID: Int64 = 0
        for orderNumber in 1...(Self.ordersPerScale * scale) {
            let account = tradable[pickAccount.pick(using: &random)]
            let order = makeOrder(id: Int64(orderNumber), account: account, client: clientsByID[account.clientID]!, random: &random)
            let lastFill = try await writeExecutions(of: order, nextID: &executionID, random: &random)
            try await writeChecks(of: order, nextID: &checkID, random: &random)
            let updatedAt: Int64 = switch order.status {
            case "NEW": order.createdAt
            case "FILLED", "PARTIALLY_FILLED": lastFill ?? order.createdAt
            case "REJECTED": order.createdAt + 2_000_000
            default: order.createdAt + Int64(random.int(in: 600...28_800)) * 1_000_000
            }
            try await outputs.orders.append([
                .int(order.id), .string(random.uuidString()), .integer(account.id), .integer(order.instrument.id),
                .integer(order.brokerID), .string(order.side), .string(order.type), .double(order.quantity),
                .optional(order.limitPrice), .string(order.instrument.currency), .string(order.timeInForce),
                .string(order.status), .string(order.compliance), .int(order.createdAt), .int(updatedAt),
            ])
        }
    }

    private func makeOrder(id: Int64, account: Account, client: Client, random: inout SeededRandom) -> Order {
        let instrument = ReferenceData.instruments[random.int(in: 0...(ReferenceData.instruments.count - 1))]
        let dayIndex = random.int(in: 0...(prices.days.count - 1))
        let reference = prices.close(instrumentID: instrument.id, dayIndex: dayIndex)
        let session = ReferenceData.exchange(instrument.exchangeID).sessionUTC
        let createdAt = DemoCalendar.micros(day: prices.days[dayIndex], seconds: random.int(in: session.lowerBound...(session.upperBound - 3_600)))

        let side = account.type == "margin" && random.chance(0.15) ? "SHRT" : random.pick(weighted: [("BUY", 58), ("SELL", 42)])
        let type = random.pick(weighted: [("MARKET", 45), ("LIMIT", 45), ("STOP", 10)])
        let buying = side == "BUY"
        let decimals = Money.priceDecimals(instrument.currency)
        let limitPrice: Double? = switch type {
        // A limit sits on the passive side of the market, a stop on the other.
        case "LIMIT": Money.round(reference * (1 + (buying ? -1 : 1) * random.double(in: 0...0.015)), decimals)
        case "STOP": Money.round(reference * (1 + (buying ? 1 : -1) * random.double(in: 0.005...0.03)), decimals)
        default: nil
        }

        // Order size: mostly modest, occasionally large (cubing a uniform skews to small).
        let spread = random.unit()
        let notionalCHF = client.assetsCHF * (0.002 + 0.05 * spread * spread * spread)
        let unitValueCHF = (instrument.assetClass.isQuotedInPercent ? reference / 100 : reference) * Money.chfPerUnit(instrument.currency)
        let quantity = instrument.assetClass.isQuotedInPercent
            ? max(1_000, Money.round(notionalCHF / unitValueCHF / 1_000, 0) * 1_000)
            : max(1, Money.round(notionalCHF / unitValueCHF, 0))

        let compliance: String
        if client.isSanctioned {
            compliance = random.pick(weighted: [("FLAGGED", 1), ("BLOCKED", 1)])
        } else {
            compliance = random.chance(client.isHighRisk ? 0.15 : 0.02) ? "FLAGGED" : "PASSED"
        }
        var status = compliance == "BLOCKED" ? "REJECTED"
            : random.pick(weighted: [("FILLED", 62), ("PARTIALLY_FILLED", 9), ("CANCELED", 9), ("NEW", 7), ("REJECTED", 5), ("EXPIRED", 8)])
        let lot: Double = instrument.assetClass.isQuotedInPercent ? 1_000 : 1
        // A single lot cannot be partly filled.
        if status == "PARTIALLY_FILLED" && quantity < 2 * lot { status = "FILLED" }
        let timeInForce = type == "MARKET" ? random.pick(weighted: [("DAY", 80), ("IOC", 20)])
            : random.pick(weighted: [("DAY", 45), ("GTC", 35), ("IOC", 10), ("FOK", 10)])
        return Order(id: id, account: account, client: client, instrument: instrument,
                     brokerID: ReferenceData.brokerIDs[random.int(in: 0...(ReferenceData.brokerIDs.count - 1))],
                     side: side, type: type, quantity: quantity, limitPrice: limitPrice, timeInForce: timeInForce,
                     status: status, compliance: compliance, createdAt: createdAt, referencePrice: reference,
                     isLarge: quantity * unitValueCHF > Self.largeOrderCHF)
    }

    /// Writes the fills of `order` and returns when the last one happened.
    private func writeExecutions(of order: Order, nextID: inout Int64, random: inout SeededRandom) async throws -> Int64? {
        guard order.status == "FILLED" || order.status == "PARTIALLY_FILLED" else { return nil }
        let lot: Double = order.instrument.assetClass.isQuotedInPercent ? 1_000 : 1
        let lots = Int(order.quantity / lot)
        let filledLots = order.status == "FILLED" ? lots : min(lots - 1, max(1, Int(Double(lots) * random.double(in: 0.2...0.8))))
        let fillCount = min(filledLots, order.isLarge ? random.int(in: 2...4) : 1)
        let parts = split(filledLots, into: fillCount, random: &random)

        let broker = ReferenceData.counterparties[order.brokerID - 1]
        // Institutions negotiate lower rates; retail pays the list price.
        let discount: Double = switch order.client.segment {
        case .institutional: 0.5
        case .uhnwi, .corporate: 0.75
        default: 1
        }
        let bps = Money.round(broker.commissionBps * discount, 1)
        let decimals = Money.priceDecimals(order.instrument.currency)
        let buying = order.side == "BUY"
        var executedAt = order.createdAt
        for part in parts {
            executedAt += Int64(order.type == "MARKET" ? random.int(in: 1...90) : random.int(in: 30...3_600)) * 1_000_000
            var price = order.referencePrice * (1 + 0.002 * random.normal())
            if order.type == "LIMIT", let limit = order.limitPrice {
                price = buying ? min(price, limit) : max(price, limit)
            }
            price = Money.round(price, decimals)
            let fillQuantity = Double(part) * lot
            let notional = order.instrument.assetClass.isQuotedInPercent ? fillQuantity * price / 100 : fillQuantity * price
            nextID += 1
            try await outputs.executions.append([
                .int(nextID), .int(order.id), .integer(venue(for: order.instrument, random: &random)), .int(executedAt),
                .double(fillQuantity), .double(price), .double(bps), .double(Money.round(notional * bps / 10_000)),
                .string(order.instrument.currency),
                .integer(DemoCalendar.addingBusinessDays(2, to: DemoCalendar.day(ofMicros: executedAt))),
            ])
        }
        return executedAt
    }

    /// US shares trade on both New York venues; everything else on its listing exchange.
    private func venue(for instrument: Instrument, random: inout SeededRandom) -> Int {
        guard instrument.assetClass == .equity, instrument.exchangeID == 5 || instrument.exchangeID == 6, random.chance(0.3) else {
            return instrument.exchangeID
        }
        return instrument.exchangeID == 5 ? 6 : 5
    }

    /// `total` split into `count` positive parts of random sizes.
    private func split(_ total: Int, into count: Int, random: inout SeededRandom) -> [Int] {
        guard count > 1 else { return [total] }
        let weights = (0..<count).map { _ in random.int(in: 1...10) }
        let weightSum = weights.reduce(0, +)
        var parts = weights.map { max(1, total * $0 / weightSum) }
        // Give the rounding remainder to (or take the excess from) the largest part.
        let largest = parts.indices.max { parts[$0] < parts[$1] }!
        parts[largest] += total - parts.reduce(0, +)
        return parts
    }

    private func writeChecks(of order: Order, nextID: inout Int64, random: inout SeededRandom) async throws {
        var checks = ["sanctions"]
        if order.client.isPEP { checks.append("pep") }
        if random.chance(0.9) { checks.append(random.pick(["best_execution", "suitability", "concentration", "market_abuse"])) }
        var checkedAt = order.createdAt
        for (index, type) in checks.enumerated() {
            let outcome = ComplianceRules.outcome(of: type, for: order.client, orderCompliance: order.compliance,
                                                  isLastCheck: index == checks.count - 1)
            checkedAt += Int64(random.int(in: 100...1_500)) * 1_000
            nextID += 1
            try await outputs.checks.append([
                .int(nextID), .int(order.id), .string(type), .string(outcome.result), .int(checkedAt),
                .string(outcome.ruleID), .string(outcome.details),
            ])
        }
    }
}

/// Picks indices with probability proportional to integer weights in O(log n),
/// which matters when `--scale` makes tens of thousands of accounts.
struct WeightedIndex {
    private let cumulative: [Int]

    init(weights: [Int]) {
        var running = 0
        cumulative = weights.map { running += $0; return running }
    }

    func pick(using random: inout SeededRandom) -> Int {
        let ticket = random.int(in: 0...(cumulative.last! - 1))
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > ticket { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
