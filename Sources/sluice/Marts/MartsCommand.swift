import ArgumentParser
import SluiceGovernance
import SluiceSQLite

/// `sluice marts …`: the registry of published marts.
struct MartsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marts",
        abstract: "List, inspect and drop published data marts (the registry, with grants and lineage).",
        discussion: """
        Every mart that `sluice ask` or `sluice provision` publishes is registered in the same \
        transaction, with its requester, classification, grants, masking, spec, SQL and \
        lineage: the lake objects it was built from (with their ETag and content hash) and, \
        per output column, the source columns and the transformation, mask included. Names \
        may be given with or without the dm_ prefix.

        Examples:
          sluice marts list
          sluice marts show portfolio_exposure
          sluice marts show dm_portfolio_exposure --json
          sluice marts drop dm_portfolio_exposure
        """,
        subcommands: [MartsListCommand.self, MartsShowCommand.self, MartsDropCommand.self]
    )
}

/// `sluice marts list`
struct MartsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the current version of every published mart.",
        discussion: """
        Examples:
          sluice marts list
          sluice marts list --json
        """
    )

    @Flag(name: .long, help: "Print the current registrations as a JSON array (the shape of `marts show --json`'s versions).")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let marts = try await catalogOptions.withWarehouse { try await $0.registry.currentMarts() }
            if json {
                print(try jsonText(marts.map(RegistrationJSON.init)))
                return
            }
            guard !marts.isEmpty else {
                print("No mart is published (sluice ask, sluice provision).")
                return
            }
            printTable(header: ["mart", "version", "class", "granted to", "rows", "requester", "created", "question"], rows: marts.map { mart in
                [mart.name, String(mart.version), mart.classification.rawValue, mart.grants.map(\.rawValue).joined(separator: ", "),
                 grouped(mart.rowCount), mart.requester.description, AuditChain.timestamp(mart.createdAt), mart.question ?? "(spec given directly)"]
            }, lastColumnUnbounded: true)
        }
    }
}

/// `sluice marts drop NAME`
struct MartsDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop",
        abstract: "Drop a published mart; the registry keeps its versions, marked dropped.",
        discussion: """
        The table and its grants go, and its current version is marked dropped, in one \
        transaction. Asking again builds it anew as the next version.

        Example:
          sluice marts drop dm_portfolio_exposure
        """
    )

    @Argument(help: ArgumentHelp("The mart, with or without the dm_ prefix.", valueName: "name"))
    var name: String

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let published = name.hasPrefix("dm_") ? name : "dm_" + name
            let version = try await catalogOptions.withWarehouse { warehouse in
                try await warehouse.dropMart(name)
                return try await warehouse.registry.versions(of: published).last?.version
            }
            print("dropped data_mart.\(published)\(version.map { " (version \($0) is marked dropped in the registry)" } ?? "")")
        }
    }
}
