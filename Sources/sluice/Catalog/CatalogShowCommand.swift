import ArgumentParser
import Foundation
import SluiceCatalog

/// `sluice catalog show TABLE`
struct CatalogShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one table: lake objects, classification, descriptions, columns with statistics and PII, relationships."
    )

    @Argument(help: "The table's name, as `sluice catalog tables` lists it.")
    var table: String

    @Flag(name: .long, help: "Print the table, its columns and relationships as one JSON object.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let contents = try await catalogOptions.withCatalogStore { try await $0.load() }
            guard let metadata = contents.table(named: table) else { throw CatalogError.unknownTable(table) }
            let columns = contents.columns(of: table)
            let relationships = contents.relationships.filter { $0.fromTable == table || $0.toTable == table }
            if json {
                print(try jsonText(ShowJSON(
                    table: TableJSON(metadata, columns: columns),
                    columns: columns.map { ColumnJSON($0, table: metadata) },
                    relationships: relationships.map(RelationshipJSON.init),
                    metadata_text: metadata.metadataText
                )))
                return
            }
            var output = StandardOutput()
            output.line("\(metadata.name)  (\(metadata.format), \(grouped(metadata.rowCount)) rows, \(byteCount(metadata.fileSize)), \(metadata.lifecycle.rawValue))")
            output.line("lake:            \(metadata.lakeURI.hasSuffix("/") ? metadata.lakeURI : metadata.lakeURI + "/")\(metadata.lakePath)")
            output.line("objects:         \(metadata.objects.count), content hash \(metadata.contentHash.prefix(16))…")
            if !metadata.partitionKeys.isEmpty { output.line("partitions:      \(metadata.partitionKeys.joined(separator: ", "))") }
            output.line("classification:  \(metadata.classification) (\(metadata.classificationSource.rawValue): \(metadata.classificationReason))")
            if let detail = metadata.detailBI { output.line("business:        \(detail.singleLine)") }
            output.line("profile:         \(metadata.detailAgent.singleLine)")
            output.line("")
            output.flush()
            printTable(header: ["column", "type", "nulls", "distinct", "min", "max", "pii", "masking", "domain"], rows: columns.map { column in
                [column.name, column.dataType, percent(column.profile.nullFraction),
                 "\(grouped(column.profile.distinctCount))\(column.profile.distinctMethod == .exact ? "" : "~")",
                 column.profile.min ?? "-", column.profile.max ?? "-",
                 column.pii.effectiveIsPII ? "\(column.pii.kind?.rawValue ?? "yes") (\(column.pii.status.rawValue))"
                     : (column.pii.status == .rejected ? "no (rejected)" : "no"),
                 column.maskingRule?.rawValue ?? "-", column.domain.name]
            })
            if !relationships.isEmpty {
                print("")
                printTable(header: ["relationship", "confidence", "status"], rows: relationships.map {
                    [$0.description, String(format: "%.2f", $0.confidence), "\($0.status.rawValue) (\($0.source.rawValue))"]
                })
            }
        }
    }

    private struct ShowJSON: Encodable {
        var table: TableJSON
        var columns: [ColumnJSON]
        var relationships: [RelationshipJSON]
        var metadata_text: String
    }
}
