/// Where provisioning requests are audited: append-only and hash-chained (``AuditChain``).
/// Each backend keeps it in `governance.provisioning_audit`.
public protocol AuditLog: Sendable {
    /// Appends `record` as the next entry of the chain and returns it.
    @discardableResult
    func append(_ record: AuditRecord) async throws -> AuditEntry
    /// Every entry, in sequence order.
    func entries() async throws -> [AuditEntry]
    /// Checks the whole chain and reports the first broken link.
    func verify() async throws -> AuditChain.Verification
}
