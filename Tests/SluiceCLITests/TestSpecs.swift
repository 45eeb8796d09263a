import Foundation

/// Mart specs written by hand for the provisioning commands' tests, over the demo lake's
/// tables as `../shared/spec/demo-lake.md` names them, each reading PII.
enum TestSpecs {
    /// Internal (positions, accounts, clients): market value per client and account on the
    /// latest position date, with the client's legal name and the account number (both PII).
    static let clientExposureYAML = """
        name: client_exposure
        description: Market value per client and account on the latest position date
        sources:
          - {table: positions, alias: p}
          - {table: accounts, alias: a}
          - {table: clients, alias: c}
        joins:
          - {source: a, on: [{left: p.account_id, right: a.account_id}]}
          - {source: c, on: [{left: a.client_id, right: c.client_id}]}
        dimensions:
          - {column: c.client_id}
          - {column: c.legal_name}
          - {column: a.account_number}
          - {column: c.segment}
        measures:
          - {name: market_value, function: sum, column: p.market_value}
          - {name: positions, function: count}
        filter: {column: p.as_of_date, op: is_latest}
        order: [{by: client_id}, {by: account_number}]
        """

    /// Confidential (risk_limits, clients): limits at or above 80% utilisation, with the client's name.
    static let limitWatchJSON = """
        {"name": "limit_watch",
         "sources": [{"table": "risk_limits", "alias": "r"}, {"table": "clients", "alias": "c"}],
         "joins": [{"source": "c", "on": [{"left": "r.client_id", "right": "c.client_id"}]}],
         "dimensions": [{"column": "r.limit_id"}, {"column": "c.legal_name"}, {"column": "r.limit_type"}, {"column": "r.utilization_pct"}],
         "filter": {"column": "r.utilization_pct", "op": ">=", "value": 80},
         "order": [{"by": "limit_id"}]}
        """

    /// Restricted (aml_alerts, clients): AML alerts with the client's name and the analyst assigned.
    static let amlAlertsJSON = """
        {"name": "aml_alert_list",
         "sources": [{"table": "aml_alerts", "alias": "al"}, {"table": "clients", "alias": "c"}],
         "joins": [{"source": "c", "on": [{"left": "al.client_id", "right": "c.client_id"}]}],
         "dimensions": [{"column": "al.alert_id"}, {"column": "c.legal_name"}, {"column": "al.severity"}, {"column": "al.assigned_to"}],
         "order": [{"by": "alert_id"}]}
        """

    /// Writes `text` to `name` in a fresh folder and returns its path.
    static func file(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
