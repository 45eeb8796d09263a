import ArgumentParser
import Foundation
import SluiceGovernance

/// `sluice query "SQL" --role ROLE`: read marts as a role, through the warehouse's grants.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a read-only SQL query over the data marts granted to a role.",
        discussion: """
        The statement runs in the warehouse as ROLE: it may read only the marts granted to \
        that role (data_mart.dm_…), never the staging schema, the catalog, the governance \
        tables or a mart of a higher classification, and it cannot write. A refused statement \
        is reported as the warehouse words it, with exit status 1.

        Examples:
          sluice query "SELECT * FROM data_mart.dm_portfolio_exposure" --role bi_analyst
          sluice query "SELECT segment, sum(market_value) FROM data_mart.dm_portfolio_exposure GROUP BY segment" --role risk_manager --json
          sluice marts list     (which marts exist, and who may read them)
        """
    )

    @Argument(help: ArgumentHelp("One read-only SQL statement (SQLite dialect); name marts as data_mart.<mart>.", valueName: "sql"))
    var sql: String

    @Option(name: .long, help: ArgumentHelp("The role to read as: bi_analyst, risk_manager or compliance_officer.", valueName: "role"))
    var role: String

    @Option(name: .long, help: ArgumentHelp("Most rows to return.", valueName: "n"))
    var limit = 1000

    @Flag(name: .long, help: "Print {\"columns\": […], \"rows\": [[…]], \"truncated\": bool} as JSON.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit)") }
        guard !sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("give a statement, e.g. sluice query \"SELECT * FROM data_mart.dm_portfolio_exposure\" --role bi_analyst")
        }
        do { _ = try Role(parsing: role) } catch { throw ValidationError("--role: \(error)") }
    }

    func run() async throws {
        try await reportingErrors {
            let role = try Role(parsing: role)
            let result = try await catalogOptions.withWarehouse { try await $0.query(sql, as: role, rowLimit: limit) }
            if json {
                print(try jsonText(QueryResultJSON(result)))
                return
            }
            var output = StandardOutput()
            for line in QueryText.table(result) { output.line(line) }
            output.line("\(grouped(result.rows.count)) \(result.rows.count == 1 ? "row" : "rows")\(result.truncated ? " (more exist; raise --limit)" : "")")
            output.flush()
        }
    }
}
