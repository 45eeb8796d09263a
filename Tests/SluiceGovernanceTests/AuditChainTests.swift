import Foundation
import SluiceGovernance
import Testing

@Suite struct AuditChainTests {
    static func record(_ number: Int, status: AuditStatus = .succeeded) -> AuditRecord {
        AuditRecord(requestID: "req-\(number)", requestedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(number) + 0.125),
                    requester: "maria.chen", role: "bi_analyst", question: "exposure by sector #\(number)",
                    searchResults: ["positions", "instruments"], martSpec: #"{"name":"exposure"}"#,
                    compiledSQL: ["CREATE TABLE data_mart.dm_exposure AS SELECT …"], classification: .internal,
                    masking: ["client_name": "mask_name"], grants: ["bi_analyst: SELECT on data_mart.dm_exposure"],
                    status: status, rowCount: 42, timingsMs: ["total": 12.5])
    }

    static func chain(_ count: Int) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for number in 1...count {
            entries.append(try AuditChain.entry(for: record(number), sequence: Int64(number),
                                                previousHash: entries.last?.entryHash ?? AuditChain.genesisHash))
        }
        return entries
    }

    @Test func anUntouchedChainIsIntactAndRecordsRoundTrip() throws {
        let entries = try Self.chain(4)
        #expect(AuditChain.verify(entries) == .intact(entries: 4))
        #expect(AuditChain.verify([]) == .intact(entries: 0))
        #expect(try entries[2].record() == Self.record(3))
        #expect(entries[0].previousHash == AuditChain.genesisHash)
        #expect(Set(entries.map(\.entryHash)).count == 4)
        #expect(entries[0].recordJSON.contains(#""requested_at":"2023-11-14T22:13:21.125Z""#))
    }

    @Test func anEditedEntryIsNamed() throws {
        var entries = try Self.chain(4)
        entries[1].recordJSON = entries[1].recordJSON.replacingOccurrences(of: "bi_analyst", with: "compliance_officer")
        #expect(AuditChain.verify(entries) == .broken(sequence: 2, reason: "entry 2 was changed after it was written (its hash no longer matches its contents)"))
    }

    @Test func aRemovedEntryIsNamed() throws {
        var entries = try Self.chain(4)
        entries.remove(at: 1)
        guard case let .broken(sequence, reason) = AuditChain.verify(entries) else {
            Issue.record("a gap was not found")
            return
        }
        #expect(sequence == 3 && reason.contains("missing"))
    }

    @Test func aRewrittenEntryWithAFreshHashStillBreaksTheNextLink() throws {
        var entries = try Self.chain(4)
        // A forger rewrites entry 2 and recomputes its own hash, but cannot fix entry 3's link.
        entries[1] = try AuditChain.entry(for: Self.record(99, status: .refused), sequence: 2, previousHash: entries[0].entryHash)
        #expect(AuditChain.verify(entries) == .broken(sequence: 3, reason: "entry 3 does not link to the entry before it (its previous hash differs)"))
    }
}
