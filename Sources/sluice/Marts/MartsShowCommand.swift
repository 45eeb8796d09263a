import ArgumentParser
import Foundation
import SluiceGovernance

/// `sluice marts show NAME`: a mart's versions, and the latest in full with its lineage.
struct MartsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a mart: its versions, requester, classification, grants, masking, lineage and SQL.",
        discussion: """
        Lists every version (current, superseded or dropped), then the latest in full: who \
        asked and why, the classification and the roles granted, the masking per column, the \
        lake objects it was built from with their ETag and content hash, each output column's \
        source columns and transformation, the spec and the SQL. --json prints every version in full.

        Examples:
          sluice marts show portfolio_exposure
          sluice marts show dm_risk_limit_utilisation --json
        """
    )

    @Argument(help: ArgumentHelp("The mart, with or without the dm_ prefix.", valueName: "name"))
    var name: String

    @Flag(name: .long, help: "Print {\"name\": …, \"versions\": [every version in full]} as JSON.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        try await reportingErrors {
            let (versions, known) = try await catalogOptions.withWarehouse { warehouse in
                var versions = try await warehouse.registry.versions(of: name)
                if versions.isEmpty, !name.hasPrefix("dm_") { versions = try await warehouse.registry.versions(of: "dm_" + name) }
                return (versions, versions.isEmpty ? try await warehouse.registry.currentMarts().map(\.name) : [])
            }
            guard let latest = versions.last else {
                throw CommandError("no mart \(name) was ever published; the current marts are: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
            }
            if json {
                print(try jsonText(ShowJSON(name: latest.name, versions: versions.map(RegistrationJSON.init))))
                return
            }
            var output = StandardOutput()
            for line in Self.lines(versions: versions, latest: latest) { output.line(line) }
            output.flush()
        }
    }

    private struct ShowJSON: Encodable {
        var name: String
        var versions: [RegistrationJSON]
    }

    static func state(_ registration: MartRegistration) -> String {
        if let dropped = registration.droppedAt { return "dropped \(AuditChain.timestamp(dropped))" }
        return registration.isCurrent ? "current" : "superseded"
    }

    static func lines(versions: [MartRegistration], latest: MartRegistration) -> [String] {
        var lines = ["data_mart.\(latest.name)", ""]
        let rows = versions.map { [String($0.version), state($0), AuditChain.timestamp($0.createdAt), $0.requester.description,
                                   grouped($0.rowCount), $0.requestID] }
        let table = TextTable(header: ["version", "state", "created", "requester", "rows", "request"], sample: rows)
        lines += table.headerLines(["version", "state", "created", "requester", "rows", "request"]).map { "  " + $0 }
        lines += rows.map { "  " + table.line($0) }

        lines += ["", "Version \(latest.version) (\(state(latest)))"]
        func field(_ name: String, _ value: String) { lines.append("  " + name.padding(toLength: 15, withPad: " ", startingAt: 0) + value.singleLine) }
        field("requester", latest.requester.description)
        field("question", latest.question ?? "none (a spec given directly)")
        field("classification", latest.classification.rawValue)
        field("granted to", latest.grants.map(\.rawValue).joined(separator: ", "))
        field("rows", grouped(latest.rowCount))
        field("masking", latest.masking.isEmpty ? "none" : latest.masking.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value.rawValue)" }.joined(separator: ", "))

        // Two lines per object: its URI whole (it names the exact file), then the version read.
        lines += ["", "Lineage: lake objects read"]
        for source in latest.lineage.sources {
            lines.append("  \(source.table): \(source.uri)")
            let version = ["etag \(source.etag ?? "none")", "content hash \(source.contentHash ?? "none")", source.size.map(byteCount) ?? "size unknown"]
            lines.append("    \(version.joined(separator: ", ")); columns staged: \(source.columns.joined(separator: ", "))")
        }

        lines += ["", "Lineage: output columns"]
        let columns = latest.lineage.columns.map { column in
            [column.outputColumn, column.sourceColumns.isEmpty ? "-" : column.sourceColumns.joined(separator: ", "),
             column.masking?.rawValue ?? "-", column.transformation]
        }
        lines += indentedTable(["column", "from", "mask", "transformation"], columns)

        lines += ["", "Spec"]
        lines += AuditEntryText.prettyJSON(latest.specJSON).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        lines += ["", "SQL"]
        lines += latest.compiledSQL.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return lines
    }

    /// A table whose last column runs to the end of the line (URIs and transformations are long).
    private static func indentedTable(_ header: [String], _ rows: [[String]]) -> [String] {
        let table = TextTable(header: Array(header.dropLast()), sample: rows.map { Array($0.dropLast()) })
        return table.headerLines(header).map { "  " + $0 } + rows.map { "  " + table.line($0.map(\.singleLine)) }
    }
}
