import ArgumentParser
import Foundation
import SluiceGovernance

/// `sluice audit verify`: recomputes the hash chain and reports the first broken link.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail's hash chain; exit 1 naming the first broken entry.",
        discussion: """
        Recomputes every entry's SHA-256 over the previous entry's hash, its sequence number \
        and its record, and checks that the sequence runs 1, 2, 3, … and that the columns \
        copied out of each record still match it. Prints `intact: N entries, last hash …` and \
        exits 0, or names the first broken entry and why (changed, missing or out of order) \
        and exits 1.

        Examples:
          sluice audit verify
          sluice audit verify --json
        """
    )

    @Flag(name: .long, help: "Print the verdict as JSON: {\"intact\": true, \"entries\": N, \"last_hash\": …} or the broken sequence and reason.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() async throws {
        var intact = true
        try await reportingErrors {
            intact = try await catalogOptions.withAuditLog { log, location in
                let verification = try await log.verify()
                switch verification {
                case let .intact(count):
                    let lastHash = try await log.entries().last?.entryHash ?? AuditChain.genesisHash
                    if json {
                        print(try jsonText(VerifyJSON(intact: true, entries: count, last_hash: lastHash, location: location)))
                    } else {
                        print("intact: \(count) \(count == 1 ? "entry" : "entries"), last hash \(lastHash)")
                    }
                    return true
                case let .broken(sequence, reason):
                    if json {
                        print(try jsonText(VerifyJSON(intact: false, broken_sequence: sequence, reason: reason, location: location)))
                    } else {
                        print("broken at entry \(sequence): \(reason)")
                        print("The audit trail in \(location) was altered outside Sluice; entries from \(sequence) on cannot be trusted.")
                    }
                    return false
                }
            }
        }
        if !intact { throw ExitCode.failure }
    }

    private struct VerifyJSON: Encodable {
        var intact: Bool
        var entries: Int?
        var last_hash: String?
        var broken_sequence: Int64?
        var reason: String?
        var location: String
    }
}
