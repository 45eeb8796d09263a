import ArgumentParser
import Foundation
import SluiceCore
import SluiceGovernance

/// `sluice audit list`: the latest entries, oldest first, one line each.
struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the latest audit entries: who asked for which mart, and how it ended.",
        discussion: """
        One line per provisioning request, in the order they were written (the sequence \
        numbers of the hash chain). The last column is the question, or the reason for a \
        refusal or failure. `sluice audit show SEQ` prints an entry in full.

        Examples:
          sluice audit list
          sluice audit list --limit 5 --json
        """
    )

    @Option(name: .long, help: ArgumentHelp("The most recent entries to list.", valueName: "n"))
    var limit = 20

    @Flag(name: .long, help: "Print the entries in full as a JSON array (the shape of `audit show --json`).")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    func run() async throws {
        try await reportingErrors {
            let entries = Array(try await catalogOptions.withAuditLog { log, _ in try await log.entries() }.suffix(limit))
            if json {
                print(try jsonText(entries.map(AuditEntryJSON.init)))
                return
            }
            guard !entries.isEmpty else {
                print("The audit trail is empty: no provisioning request yet (sluice ask, sluice provision).")
                return
            }
            printTable(header: ["seq", "requested at", "requester", "role", "status", "mart", "class", "rows", "ms", "question or reason"],
                       rows: entries.map(Self.row), lastColumnUnbounded: true)
        }
    }

    static func row(_ entry: AuditEntry) -> [String] {
        guard let record = entry.decodedRecord else {
            return [String(entry.sequence), "?", "?", "?", "unreadable", "-", "-", "-", "-", "the record does not decode (run sluice audit verify)"]
        }
        let detail = record.status == .succeeded ? (record.question ?? "(spec given directly)") : (record.error ?? record.status.rawValue)
        return [String(entry.sequence), AuditChain.timestamp(record.requestedAt), record.requester, record.role, record.status.rawValue,
                martName(ofSpec: record.martSpec) ?? "-", record.classification?.rawValue ?? "-",
                record.rowCount.map(grouped) ?? "-", record.timingsMs["total"].map { String(format: "%.0f", $0) } ?? "-", detail]
    }
}

/// The mart a spec (as JSON text) builds: `dm_<name>`; `nil` when the text names none.
func martName(ofSpec specJSON: String?) -> String? {
    guard let specJSON, let name = (try? AnyJSON(parsing: specJSON))?["name"]?.stringValue else { return nil }
    return "dm_" + name
}
