import ArgumentParser

/// `sluice catalog …`: reads and curates what `sluice scan` found.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Read and curate the catalog: tables, columns, relationships, KPI patterns, PII reviews, classifications.",
        discussion: """
        Every listing takes --json for scripts. The catalog is the one `sluice scan` wrote \
        (--catalog DIR, default ./.sluice).

        Examples:
          sluice catalog tables
          sluice catalog show orders
          sluice catalog columns --pii --json
          sluice catalog confirm clients.email
          sluice catalog reject orders.cl_ord_id
          sluice catalog classify orders confidential
        """,
        subcommands: [
            CatalogTablesCommand.self, CatalogShowCommand.self, CatalogColumnsCommand.self,
            CatalogRelationshipsCommand.self, CatalogKPIsCommand.self,
            CatalogConfirmCommand.self, CatalogRejectCommand.self, CatalogClassifyCommand.self,
        ]
    )
}
