import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceGovernance

/// `sluice catalog confirm TABLE.COLUMN`
struct CatalogConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Confirm that a column holds PII: it is masked from now on, and scans keep the decision.",
        discussion: "The column's stored samples, min/max and top values are masked at once."
    )

    @Argument(help: ArgumentHelp("The column, as TABLE.COLUMN.", valueName: "table.column"))
    var column: String

    @Option(name: .long, help: ArgumentHelp("Masking rule instead of the detected kind's: mask_name, mask_account, mask_isin, mask_email, hash, null.", valueName: "rule"))
    var maskingRule: String?

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let rule = try maskingRule.map { try MaskingRule(parsing: $0) }
            let updated = try await catalogOptions.withCatalogStore { store in
                try await CatalogCuration(store: store).confirm(ColumnReference(parsing: column), maskingRule: rule)
            }
            print("\(updated.qualifiedName): PII confirmed, masked with \(updated.maskingRule?.rawValue ?? "-")")
        }
    }
}

/// `sluice catalog reject TABLE.COLUMN`
struct CatalogRejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject a PII suggestion: the column is not personal data, and scans keep the decision."
    )

    @Argument(help: ArgumentHelp("The column, as TABLE.COLUMN.", valueName: "table.column"))
    var column: String

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let updated = try await catalogOptions.withCatalogStore { store in
                try await CatalogCuration(store: store).reject(ColumnReference(parsing: column))
            }
            print("\(updated.qualifiedName): PII rejected, not masked")
        }
    }
}

/// `sluice catalog classify TABLE LEVEL`
struct CatalogClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Set a table's classification by hand (public, internal, confidential, restricted); scans keep it."
    )

    @Argument(help: "The table's name.")
    var table: String

    @Argument(help: "public, internal, confidential or restricted.")
    var level: String

    @Option(name: .long, help: "Why, for the audit of who may read it.")
    var reason: String?

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let updated = try await catalogOptions.withCatalogStore { store in
                try await CatalogCuration(store: store).classify(table: table, as: try Classification(parsing: level), reason: reason)
            }
            print("\(updated.name): classified \(updated.classification)")
        }
    }
}
