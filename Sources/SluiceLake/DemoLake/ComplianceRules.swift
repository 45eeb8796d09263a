/// The outcome of one pre-trade compliance check, with the rule that produced it.
struct CheckOutcome {
    let result: String
    let ruleID: String
    let details: String
}

/// Which pre-trade checks pass, warn or fail, and what the compliance system writes.
///
/// Outcomes agree with the order's `compliance_check`: a PASSED order passes
/// every check, a FLAGGED one carries a warning (or, for a sanctioned client,
/// a failure it was released despite), and a BLOCKED one a failed sanctions check.
enum ComplianceRules {
    private static let rules: [String: (id: String, pass: String, warning: String, fail: String)] = [
        "sanctions": ("SAN-001", "Client, beneficial owner and counterparty screened against SECO, EU and OFAC lists: no match",
                      "Partial name match on SECO list; cleared by second-line review",
                      "Beneficial owner matches an entry on the SECO/EU sanctions lists (EU Regulation 269/2014)"),
        "pep": ("PEP-002", "Politically exposed person: enhanced due diligence on file and current",
                "Politically exposed person: transaction outside the documented source-of-wealth profile",
                "Politically exposed person: enhanced due diligence expired"),
        "best_execution": ("BEX-010", "Routed to the venue with the best expected total consideration",
                           "Expected slippage above 25 bps of arrival price", "No eligible venue for the order"),
        "suitability": ("SUI-004", "Instrument matches the client's risk profile and investment objectives",
                        "Instrument risk class above the client's profile; client acknowledgement required",
                        "Instrument not permitted for the client's risk profile"),
        "concentration": ("CON-007", "Post-trade single-issuer weight within 10% of portfolio",
                          "Post-trade single-issuer weight between 10% and 15% of portfolio",
                          "Post-trade single-issuer weight above 15% of portfolio"),
        "market_abuse": ("MAR-012", "No pattern of insider dealing or market manipulation detected",
                         "Order placed shortly before a price-sensitive announcement", "Wash-trade pattern with a related account"),
    ]

    static func outcome(of check: String, for client: Client, orderCompliance: String, isLastCheck: Bool) -> CheckOutcome {
        let rule = rules[check]!
        let result: String
        if client.isSanctioned && check == "sanctions" {
            result = "fail"
        } else if client.isSanctioned && check == "pep" {
            result = "warning"
        } else if orderCompliance == "FLAGGED" && !client.isSanctioned && isLastCheck {
            result = "warning"
        } else {
            result = "pass"
        }
        let details = switch result {
        case "fail": rule.fail
        case "warning": rule.warning
        default: rule.pass
        }
        return CheckOutcome(result: result, ruleID: rule.id, details: details)
    }
}
