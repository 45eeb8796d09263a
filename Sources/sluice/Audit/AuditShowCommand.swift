import ArgumentParser
import Foundation
import SluiceGovernance

/// `sluice audit show ID`: one entry in full.
struct AuditShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one audit entry in full: request, masking, grants, SQL, timings and its hashes.",
        discussion: """
        ID is the entry's sequence number (as `audit list` shows it) or the request id that \
        `sluice ask` and `sluice provision` print; a unique start of the request id (8 \
        characters or more) is enough.

        Examples:
          sluice audit show 3
          sluice audit show 3f9a2c1e
          sluice audit show 3f9a2c1e-8d4b-4c55-9a0e-2b7d1c6f4e21 --json
        """
    )

    @Argument(help: ArgumentHelp("Sequence number or request id.", valueName: "id"))
    var id: String

    @Flag(name: .long, help: "Print the entry as one JSON object.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    /// The shortest request id start accepted, so a stray digit does not pick an entry by chance.
    static let minimumPrefix = 8

    func run() async throws {
        try await reportingErrors {
            let entries = try await catalogOptions.withAuditLog { log, _ in try await log.entries() }
            let entry = try Self.find(id, in: entries)
            if json {
                print(try jsonText(AuditEntryJSON(entry)))
            } else {
                var output = StandardOutput()
                for line in AuditEntryText.lines(entry, of: entries.count) { output.line(line) }
                output.flush()
            }
        }
    }

    /// The entry `id` names: by sequence when it is a number of one, else by request id or a
    /// unique start of one (a request id's first characters can all be digits).
    static func find(_ id: String, in entries: [AuditEntry]) throws -> AuditEntry {
        let wanted = id.trimmingCharacters(in: .whitespaces)
        if let sequence = Int64(wanted) {
            let startsARequestID = wanted.count >= minimumPrefix
                && entries.contains { $0.decodedRecord?.requestID.lowercased().hasPrefix(wanted) ?? false }
            guard let entry = entries.first(where: { $0.sequence == sequence }) else {
                if startsARequestID { return try findByRequestID(wanted, in: entries) }
                throw CommandError(entries.isEmpty
                    ? "no audit entry \(sequence): the audit trail is empty"
                    : "no audit entry \(sequence): the sequence numbers run from \(entries[0].sequence) to \(entries[entries.count - 1].sequence)")
            }
            return entry
        }
        return try findByRequestID(wanted, in: entries)
    }

    private static func findByRequestID(_ wanted: String, in entries: [AuditEntry]) throws -> AuditEntry {
        let lowered = wanted.lowercased()
        let exact = entries.filter { $0.decodedRecord?.requestID.lowercased() == lowered }
        if let entry = exact.first { return entry }
        guard lowered.count >= minimumPrefix else {
            throw CommandError("\(String(reflecting: wanted)) is neither a sequence number nor a request id (give the number `audit list` shows, or at least \(minimumPrefix) characters of the request id)")
        }
        let matches = entries.filter { $0.decodedRecord?.requestID.lowercased().hasPrefix(lowered) ?? false }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw CommandError("no audit entry has a request id starting \(String(reflecting: wanted)) (sluice audit list shows the entries)")
        default: throw CommandError("\(String(reflecting: wanted)) starts the request ids of entries \(matches.map { String($0.sequence) }.joined(separator: ", ")): give more of it, or the sequence number")
        }
    }
}
