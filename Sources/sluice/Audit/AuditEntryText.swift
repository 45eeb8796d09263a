import Foundation
import SluiceCore
import SluiceGovernance

/// One audit entry for people: the request, what governance decided, what ran, how long it
/// took, and the hashes that tie the entry into the chain.
enum AuditEntryText {
    /// The order steps happen in; any other timing key follows, alphabetically.
    static let stepOrder = ["search", "plan", "compile", "stage", "build", "grant", "cleanup", "total"]

    static func lines(_ entry: AuditEntry, of count: Int) -> [String] {
        var lines = ["Audit entry \(entry.sequence) of \(count)"]
        guard let record = entry.decodedRecord else {
            lines.append("  The record no longer decodes: it was changed outside Sluice (sluice audit verify names the first broken link).")
            lines.append("  Raw record: \(entry.recordJSON)")
            lines += chain(entry)
            return lines
        }
        lines += field("request", record.requestID)
        lines += field("requested at", AuditChain.timestamp(record.requestedAt))
        lines += field("requester", "\(record.requester) (\(record.role))")
        lines += field("status", record.status.rawValue)
        if let error = record.error { lines += field(record.status == .refused ? "reason" : "error", error) }
        lines += field("question", record.question ?? "none (a spec given directly)")
        lines += field("search results", record.searchResults.isEmpty ? "none" : record.searchResults.joined(separator: ", "))
        lines += field("mart", martName(ofSpec: record.martSpec) ?? "none")
        lines += field("classification", record.classification?.rawValue ?? "not decided")
        lines += field("rows", record.rowCount.map(grouped) ?? "none")

        lines += ["", "Masking (output column → function)"]
        lines += record.masking.isEmpty ? ["  none"] : record.masking.sorted { $0.key < $1.key }.map { "  \($0.key) → \($0.value)" }
        lines += ["", "Grants"]
        lines += record.grants.isEmpty ? ["  none"] : record.grants.map { "  \($0)" }
        lines += ["", "Timings", "  " + timings(record.timingsMs)]

        if let spec = record.martSpec {
            lines += ["", "Mart spec"]
            lines += indented(prettyJSON(spec))
        }
        lines += ["", "Compiled SQL"]
        if record.compiledSQL.isEmpty {
            lines.append("  none (nothing was built)")
        } else {
            for (index, statement) in record.compiledSQL.enumerated() {
                lines.append("  -- statement \(index + 1) of \(record.compiledSQL.count)")
                lines += indented(statement)
            }
        }
        lines += chain(entry)
        return lines
    }

    /// `search 12.5 ms · plan 0.8 ms · … · total 130.2 ms`, steps in the order they ran.
    static func timings(_ timings: [String: Double]) -> String {
        guard !timings.isEmpty else { return "none" }
        let keys = stepOrder.filter { timings[$0] != nil } + timings.keys.filter { !stepOrder.contains($0) }.sorted()
        return keys.map { "\($0) \(String(format: "%.1f", timings[$0] ?? 0)) ms" }.joined(separator: " · ")
    }

    private static func chain(_ entry: AuditEntry) -> [String] {
        ["", "Chain", "  previous hash  \(entry.previousHash)", "  entry hash     \(entry.entryHash)"]
    }

    private static func field(_ name: String, _ value: String) -> [String] {
        ["  " + name.padding(toLength: 15, withPad: " ", startingAt: 0) + value.singleLine]
    }

    private static func indented(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    }

    /// JSON text re-indented for reading; the text as it is when it does not parse.
    static func prettyJSON(_ text: String) -> String {
        guard let value = try? AnyJSON(parsing: text) else { return text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? text
    }
}
