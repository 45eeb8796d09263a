import ArgumentParser
import SluiceGovernance
import SluiceProvision

/// `sluice audit …`: the provisioning audit trail in `governance.provisioning_audit`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read and verify the tamper-evident audit trail of provisioning requests.",
        discussion: """
        Every provisioning request (`sluice ask`, `sluice provision`) appends one entry, whether \
        it succeeded, was refused or failed: who asked in which role, the question, the search \
        results used, the mart spec and its SQL, the classification, the masking and grants \
        applied, the outcome and the timings. Each entry carries the SHA-256 hash of the one \
        before it, so an entry changed, removed or reordered after the fact breaks the chain, \
        and `audit verify` names the first broken link. The database also refuses updates and \
        deletes of the table by trigger.

        Examples:
          sluice audit list --limit 5
          sluice audit show 3
          sluice audit show 3f9a2c1e-8d4b-4c55-9a0e-2b7d1c6f4e21 --json
          sluice audit verify
        """,
        subcommands: [AuditListCommand.self, AuditShowCommand.self, AuditVerifyCommand.self]
    )
}

extension CatalogOptions {
    /// Runs `body` with the warehouse's audit log (the state folder's or PostgreSQL's) and
    /// where it is, for messages: the `governance.sqlite` file or the database.
    func withAuditLog<T>(_ body: (any AuditLog, String) async throws -> T) async throws -> T {
        let backend = try await Backend.open(catalog: catalogLocation(), warehouse: warehouseLocation(), includeWarehouse: true)
        return try await backend.run {
            try await body(try backend.warehouse(pseudonymKey: nil).auditLog, backend.auditLocation)
        }
    }
}

extension AuditEntry {
    /// The record, or `nil` when its text no longer decodes (the chain then says why).
    var decodedRecord: AuditRecord? { try? record() }
}
