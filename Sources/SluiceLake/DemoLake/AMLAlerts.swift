/// Anti-money-laundering alerts.
///
/// At scale 1 there are exactly the fifteen alerts of the demo's AML scenario,
/// on Volkov, Al Rashid, Whitfield, Oliveira and Lefèvre. Each further scale
/// step adds fifteen alerts on generated clients, high-risk ones first.
enum AMLAlerts {
    static let alertsPerScale = 15
    private static let investigators = ["Sophie Martin", "Marco Rossi", "Léa Girard", "Jonas Weber"]

    private struct Alert {
        let clientID: Int
        let type: String
        let severity: String
        let status: String
        let score: Double
        let narrative: String
    }

    private static let storyAlerts: [Alert] = [
        Alert(clientID: ClientData.volkovID, type: "sanctions_hit", severity: "critical", status: "sar_filed", score: 97.5,
              narrative: "Beneficial owner Dmitri Volkov matches an entry on the SECO and EU sanctions lists; all orders blocked or flagged and a SAR filed with MROS."),
        Alert(clientID: ClientData.volkovID, type: "pep_activity", severity: "high", status: "escalated", score: 91,
              narrative: "Politically exposed person moved CHF 4.8m between own accounts within 48 hours of a sanctions designation."),
        Alert(clientID: ClientData.volkovID, type: "high_risk_jurisdiction", severity: "high", status: "under_review", score: 88.5,
              narrative: "Incoming transfers routed via Cyprus and the UAE from counterparties without documented business purpose."),
        Alert(clientID: ClientData.volkovID, type: "unusual_volume", severity: "high", status: "open", score: 84,
              narrative: "Order volume five times the twelve-month average, concentrated in liquid large caps."),
        Alert(clientID: ClientData.alRashidID, type: "structuring", severity: "high", status: "escalated", score: 86,
              narrative: "Khalid Al Rashid: eleven cash deposits just below CHF 100,000 across three accounts in two weeks."),
        Alert(clientID: ClientData.alRashidID, type: "high_risk_jurisdiction", severity: "medium", status: "under_review", score: 71.5,
              narrative: "Wire transfers to a newly opened account at a bank in a FATF grey-list jurisdiction."),
        Alert(clientID: ClientData.alRashidID, type: "unusual_volume", severity: "medium", status: "open", score: 66,
              narrative: "Sudden rotation of CHF 12m from bonds into US technology shares without documented rationale."),
        Alert(clientID: ClientData.whitfieldID, type: "pep_activity", severity: "high", status: "under_review", score: 79,
              narrative: "James Whitfield (UK PEP): large purchases in a sector his committee oversees; source of funds requested."),
        Alert(clientID: ClientData.whitfieldID, type: "pep_activity", severity: "medium", status: "closed", score: 58.5,
              narrative: "Gift to a family trust reviewed; documentation complete, alert closed."),
        Alert(clientID: ClientData.whitfieldID, type: "unusual_volume", severity: "medium", status: "open", score: 63,
              narrative: "Trading volume tripled in the month before an announced government contract award."),
        Alert(clientID: ClientData.oliveiraID, type: "structuring", severity: "high", status: "open", score: 81.5,
              narrative: "Isabella Oliveira: repeated transfers of BRL just under the reporting threshold from agricultural subsidiaries."),
        Alert(clientID: ClientData.oliveiraID, type: "high_risk_jurisdiction", severity: "medium", status: "under_review", score: 69,
              narrative: "Payments received from an offshore vehicle whose ultimate beneficial owner is not yet identified."),
        Alert(clientID: ClientData.oliveiraID, type: "unusual_volume", severity: "low", status: "closed", score: 42,
              narrative: "Portfolio rebalancing after the sale of a business; explained by the client, alert closed."),
        Alert(clientID: ClientData.lefevreID, type: "structuring", severity: "medium", status: "escalated", score: 74.5,
              narrative: "Amélie Lefèvre: series of EUR transfers split across accounts at the Luxembourg and Swiss branches."),
        Alert(clientID: ClientData.lefevreID, type: "unusual_volume", severity: "medium", status: "open", score: 67,
              narrative: "KYC expired while activity rose sharply; periodic review overdue."),
    ]

    private static let generatedNarratives: [String: String] = [
        "structuring": "Deposits split into amounts just under the reporting threshold.",
        "unusual_volume": "Trading volume far above the client's usual activity.",
        "sanctions_hit": "Partial name match against a sanctions list; pending second-line review.",
        "pep_activity": "Connection to a politically exposed person found in adverse media screening.",
        "high_risk_jurisdiction": "Transfers involving a high-risk jurisdiction without documented purpose.",
    ]

    static func write(to output: TableOutput, clients: [Client], scale: Int, recentDays: [Int], seed: UInt64) async throws {
        var random = SeededRandom(seed: seed, stream: "aml_alerts")
        var alerts = storyAlerts
        let generated = clients.dropFirst(ClientData.cast.count)
        let highRisk = generated.filter(\.isHighRisk)
        let pool = highRisk.isEmpty ? Array(generated) : Array(highRisk)
        if !pool.isEmpty {
            for _ in 0..<(alertsPerScale * (scale - 1)) {
                let type = random.pick(["structuring", "unusual_volume", "sanctions_hit", "pep_activity", "high_risk_jurisdiction"])
                alerts.append(Alert(clientID: random.pick(pool).id, type: type,
                                    severity: random.pick(weighted: [("low", 30), ("medium", 45), ("high", 20), ("critical", 5)]),
                                    status: random.pick(weighted: [("open", 35), ("under_review", 25), ("escalated", 10), ("closed", 25), ("sar_filed", 5)]),
                                    score: Money.round(random.double(in: 20...95), 1), narrative: generatedNarratives[type]!))
            }
        }
        for (index, alert) in alerts.enumerated() {
            let day = recentDays[random.int(in: 0...(recentDays.count - 1))]
            try await output.append([
                .integer(index + 1), .integer(alert.clientID), .string(alert.type), .string(alert.severity), .string(alert.status),
                .int(DemoCalendar.micros(day: day, seconds: random.int(in: 25_200...64_800))),
                .string(random.pick(investigators)), .double(alert.score), .string(alert.narrative),
            ])
        }
    }
}
