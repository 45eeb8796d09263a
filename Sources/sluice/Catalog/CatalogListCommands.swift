import ArgumentParser
import Foundation
import SluiceCatalog

/// `sluice catalog tables`
struct CatalogTablesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "List the cataloged tables with rows, columns, PII columns and classification."
    )

    @Flag(name: .long, help: "Include tables that are gone from the lake (marked removed).")
    var all = false

    @Flag(name: .long, help: "Print one JSON object per table.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let contents = try await catalogOptions.withCatalogStore { try await $0.load() }
            let tables = contents.tables.filter { all || $0.lifecycle == .active }
            if json {
                print(try jsonText(tables.map { TableJSON($0, columns: contents.columns(of: $0.name)) }))
                return
            }
            guard !tables.isEmpty else {
                print("The catalog is empty: run `sluice scan` first.")
                return
            }
            let header = ["table", "rows", "columns", "pii", "classification", "format", "status", "lake path"]
            let rows = tables.map { table -> [String] in
                let columns = contents.columns(of: table.name)
                return [table.name, grouped(table.rowCount), String(columns.count),
                        String(columns.filter(\.pii.effectiveIsPII).count),
                        "\(table.classification) (\(table.classificationSource.rawValue))", table.format,
                        table.lifecycle == .active ? (table.needsEmbedding ? "stale" : "current") : "removed",
                        table.lakePath]
            }
            printTable(header: header, rows: rows)
        }
    }
}

/// `sluice catalog columns`
struct CatalogColumnsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columns",
        abstract: "List columns with type, PII verdict, masking rule, domain and classification."
    )

    @Option(name: .long, help: ArgumentHelp("Only the columns of this table.", valueName: "table"))
    var table: String?

    @Flag(name: .long, help: "Only columns that count as PII.")
    var pii = false

    @Flag(name: .long, help: "Print one JSON object per column.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let contents = try await catalogOptions.withCatalogStore { try await $0.load() }
            if let table, contents.table(named: table) == nil { throw CatalogError.unknownTable(table) }
            let columns = contents.columns.filter { column in
                (table == nil || column.table == table) && (!pii || column.pii.effectiveIsPII)
            }
            if json {
                print(try jsonText(columns.map { ColumnJSON($0, table: contents.table(named: $0.table)) }))
                return
            }
            let header = ["column", "type", "pii", "status", "recognizer", "score", "masking", "domain", "nulls", "distinct"]
            printTable(header: header, rows: columns.map { column in
                [column.qualifiedName, column.dataType, column.pii.effectiveIsPII ? "yes" : "no", column.pii.status.rawValue,
                 column.pii.recognizer ?? "-", String(format: "%.2f", column.pii.score), column.maskingRule?.rawValue ?? "-",
                 "\(column.domain.name) (\(column.domain.band.rawValue))", percent(column.profile.nullFraction),
                 grouped(column.profile.distinctCount)]
            })
        }
    }
}

/// `sluice catalog relationships`
struct CatalogRelationshipsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relationships",
        abstract: "List the relationships (joins) between tables, inferred or declared, with confidence and evidence."
    )

    @Flag(name: .long, help: "Include rejected relationships.")
    var all = false

    @Flag(name: .long, help: "Print one JSON object per relationship.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let relationships = try await catalogOptions.withCatalogStore { try await $0.load() }.relationships
                .filter { all || $0.status != .rejected }
            if json {
                print(try jsonText(relationships.map(RelationshipJSON.init)))
                return
            }
            printTable(header: ["from", "to", "confidence", "source", "status", "evidence"], rows: relationships.map {
                ["\($0.fromTable).\($0.fromColumn)", "\($0.toTable).\($0.toColumn)", String(format: "%.2f", $0.confidence),
                 $0.source.rawValue, $0.status.rawValue, $0.evidence]
            }, lastColumnUnbounded: true)
        }
    }
}

/// `sluice catalog kpis`
struct CatalogKPIsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "List the KPI patterns: documented analyses with the tables they need and a SQL template."
    )

    @Flag(name: .long, help: "Print one JSON object per pattern, with its SQL template.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let patterns = try await catalogOptions.withCatalogStore { try await $0.load() }.kpiPatterns
            if json {
                print(try jsonText(patterns.map(KPIPatternJSON.init)))
                return
            }
            guard !patterns.isEmpty else {
                print("No KPI patterns: they come from an annotations file (sluice scan --annotations FILE).")
                return
            }
            printTable(header: ["id", "name", "tables"], rows: patterns.map {
                [$0.id, $0.name, $0.tables.joined(separator: ", ")]
            }, lastColumnUnbounded: true)
        }
    }
}

/// Prints `rows` under `header` in aligned columns; the last column may run past the usual width.
func printTable(header: [String], rows: [[String]], lastColumnUnbounded: Bool = false) {
    // A table without a width for the last column lets that column run to the line's end.
    let table = lastColumnUnbounded
        ? TextTable(header: Array(header.dropLast()), sample: rows.map { Array($0.dropLast()) })
        : TextTable(header: header, sample: rows)
    var output = StandardOutput()
    for line in table.headerLines(header) { output.line(line) }
    for row in rows { output.line(table.line(row.map(\.singleLine))) }
    output.flush()
}

/// 0.0213 → "2.1%".
func percent(_ fraction: Double) -> String {
    String(format: "%.1f%%", fraction * 100)
}
