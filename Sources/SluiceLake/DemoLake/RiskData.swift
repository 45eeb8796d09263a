/// Risk limits and metrics of the cast's 25 clients, and the AML alerts.
///
/// Limits are drawn as a utilisation first and the current value derived from
/// it, so the story is fixed by construction: Volkov and Al Rashid breach a
/// limit, Whitfield, Oliveira and Lefèvre sit in the warning band (80–100%),
/// and everyone else is drawn between 15% and 95% — so some ordinary clients
/// are above 80% too.
enum RiskData {
    private static let limitTypes = ["concentration", "var", "leverage", "sector_exposure"]

    static func writeLimits(to output: TableOutput, clients: [Client], seed: UInt64) async throws {
        var random = SeededRandom(seed: seed, stream: "risk_limits")
        var limitID = 0
        for client in clients {
            // Three of the four limit types; which one a client lacks varies.
            let skipped = random.int(in: 0...3)
            for (typeIndex, type) in limitTypes.enumerated() where typeIndex != skipped {
                let limit: Double = switch type {
                case "concentration": 20
                case "var": Money.round(client.assetsCHF * 0.02 / 1_000, 0) * 1_000
                case "leverage": client.segment == .institutional ? 1.5 : 2
                default: 35
                }
                let isHeadline = typeIndex == (skipped == 0 ? 1 : 0)
                let utilisation: Double
                if isHeadline && [ClientData.volkovID, ClientData.alRashidID].contains(client.id) {
                    utilisation = random.double(in: 104...128)
                } else if isHeadline && [ClientData.whitfieldID, ClientData.oliveiraID, ClientData.lefevreID].contains(client.id) {
                    utilisation = random.double(in: 82...97)
                } else {
                    utilisation = random.double(in: 15...95)
                }
                let current = Money.round(limit * utilisation / 100, type == "var" ? 0 : 2)
                let percent = Money.round(current / limit * 100)
                limitID += 1
                try await output.append([
                    .integer(limitID), .integer(client.id), .string(type), .double(limit), .double(current), .double(percent),
                    .string(percent > 100 ? "breach" : percent >= 80 ? "warning" : "ok"),
                    .integer(DemoCalendar.asOfDay + (percent > 100 ? random.int(in: 1...10) : random.int(in: 30...180))),
                ])
            }
        }
    }

    /// Daily risk figures for the last five trading days. VaR figures are in CHF.
    static func writeMetrics(to output: TableOutput, clients: [Client], seed: UInt64) async throws {
        var random = SeededRandom(seed: seed, stream: "risk_metrics")
        let days = DemoCalendar.businessDays(count: 5)
        for client in clients {
            let annualVolatility = client.isSanctioned ? 0.32 : client.isHighRisk ? 0.22 : random.double(in: 0.07...0.16)
            let beta = random.double(in: 0.5...1.2)
            for day in days {
                let volatility = annualVolatility * random.double(in: 0.95...1.05)
                // Under a normal model: 1-day σ = annual σ / √252; z(95%) = 1.645, z(99%) = 2.326, CVaR(95%) = 2.063 σ.
                let dailySigmaCHF = client.assetsCHF * volatility / 252.0.squareRoot()
                try await output.append([
                    .integer(client.id), .integer(day), .double(Money.round(dailySigmaCHF * 1.645)),
                    .double(Money.round(dailySigmaCHF * 2.326)), .double(Money.round(dailySigmaCHF * 2.063)),
                    .double(Money.round(random.double(in: -0.4...1.8))), .double(Money.round(volatility, 4)),
                    .double(Money.round(-random.double(in: 0.02...0.08) - volatility / 2, 4)),
                    .double(Money.round(beta + 0.02 * random.normal())),
                ])
            }
        }
    }
}
