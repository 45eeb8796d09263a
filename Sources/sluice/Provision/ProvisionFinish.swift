import ArgumentParser
import Foundation
import SluiceGovernance
import SluiceProvision
import SluiceSQLite

/// What `ask` and `provision` do once the executor is done: read a sample of the new mart as
/// the requester, and turn the outcome into the exit status scripts test.
enum ProvisionFinish {
    /// The exit status of a refused request, told apart from a failure (1) so scripts can react.
    static let refusedStatus: Int32 = 3

    /// The first `rows` rows of the published mart, read through the requester's grant
    /// (``SluiceProvision/Warehouse/query(_:as:rowLimit:)``): exactly what they may see. `nil` for a dry
    /// run, a request that did not succeed, or `rows` 0.
    static func sample(_ outcome: ProvisionOutcome, from warehouse: any Warehouse, as role: Role, rows: Int) async throws -> QueryResult? {
        guard rows > 0, outcome.status == .succeeded, !outcome.dryRun, let name = outcome.registration?.name else { return nil }
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return try await warehouse.query("SELECT * FROM data_mart.\(quoted)", as: role, rowLimit: rows)
    }

    /// Exit 3 for a refusal and 1 for a failure, after the output is written.
    static func exit(for outcome: ProvisionOutcome) throws {
        switch outcome.status {
        case .succeeded: return
        case .refused: throw ExitCode(refusedStatus)
        case .failed: throw ExitCode.failure
        }
    }

    /// The one-line error a failure also gets on stderr, where scripts look for it.
    static func reportFailure(_ outcome: ProvisionOutcome) {
        guard outcome.status == .failed, let error = outcome.error else { return }
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    }
}
