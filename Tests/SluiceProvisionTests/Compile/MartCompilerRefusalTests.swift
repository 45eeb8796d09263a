import SluiceGovernance
import SluiceProvision
import Testing

/// What the compiler refuses, in order: classification, then PII exposure through a join,
/// then a missing pseudonym key, each with a message naming what is at fault.
@Suite struct MartCompilerRefusalTests {
    private func refusal(_ json: String, as requester: Requester, keyAvailable: Bool = true) throws -> ProvisionRefusal {
        try #require(throws: ProvisionRefusal.self) { try BankFixture.compile(json, as: requester, keyAvailable: keyAvailable) }
    }

    static let piiJoin = #"{"name": "m", "sources": [{"table": "clients", "alias": "c"}, {"table": "accounts", "alias": "a"}], "joins": [{"source": "a", "on": [{"left": "a.client_id", "right": "c.client_id"}, {"left": "a.iban", "right": "c.email"}]}], "dimensions": [{"column": "c.segment"}]}"#

    @Test func classificationIsRefusedFirst() throws {
        let refused = try refusal("""
            {"name": "m", "sources": [{"table": "trades", "alias": "t"}, {"table": "accounts", "alias": "a"}],
             "joins": [{"source": "a", "on": [{"left": "a.account_id", "right": "t.account_id"}, {"left": "a.iban", "right": "t.trader"}]}],
             "dimensions": [{"column": "a.contact_phone"}]}
            """, as: BankFixture.analyst, keyAvailable: false)
        #expect(refused.reason == .classification)
        #expect(refused.message == "bi_analyst may not read confidential data: trades is confidential (readers: risk_manager, compliance_officer)")
        #expect(refused.decision?.classification == .confidential)
        #expect(refused.decision?.sourceClassifications == ["trades": .confidential, "accounts": .internal])
        #expect(refused.description == "refused: \(refused.message)")
    }

    @Test(arguments: [BankFixture.analyst, BankFixture.riskManager])
    func restrictedTablesAreRefusedToReadersBelowThem(requester: Requester) throws {
        let refused = try refusal(#"{"name": "m", "sources": [{"table": "alerts"}], "measures": [{"name": "n", "function": "count"}]}"#, as: requester)
        #expect(refused.reason == .classification)
        #expect(refused.message == "\(requester.role.rawValue) may not read restricted data: alerts is restricted (readers: compliance_officer)")
    }

    /// Joining on a column whose mask does not keep equal values equal is refused; the keys
    /// named are the PII ones.
    @Test(arguments: [BankFixture.analyst, BankFixture.riskManager])
    func joiningOnMaskedPIIIsRefused(requester: Requester) throws {
        let refused = try refusal(Self.piiJoin, as: requester, keyAvailable: false)
        #expect(refused.reason == .piiExposure)
        #expect(refused.message == "\(requester.role.rawValue) may not join on PII columns whose mask does not keep equal values equal: joins[0] compares accounts.iban (masked with mask_account); joins[0] compares clients.email (masked with mask_email); only a column masked with hash may be a join key. Join on a key column instead, or ask as compliance_officer (the PII privilege)")
        #expect(refused.decision?.allowed == true)
    }

    @Test func theSameJoinCompilesForTheComplianceOfficer() throws {
        let compiled = try BankFixture.compile(Self.piiJoin, as: BankFixture.officer, keyAvailable: false)
        #expect(compiled.selectSQL.contains(#"JOIN "lake"."t1_2_accounts" AS "a" ON ("a"."client_id" = "c"."client_id" AND "a"."iban" = "c"."email")"#))
    }

    /// A hashed key joins: equal values have equal pseudonyms. The comparison itself needs no
    /// key, as the raw values meet inside the warehouse only.
    @Test func joiningOnAHashedKeyIsAllowed() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "clients", "alias": "c"}, {"table": "accounts", "alias": "a"}],
             "joins": [{"source": "a", "on": [{"left": "a.contact_phone", "right": "c.phone"}]}],
             "dimensions": [{"column": "a.account_id"}, {"column": "c.segment"}], "order": [{"by": "account_id"}]}
            """, as: BankFixture.analyst, keyAvailable: false)
        #expect(!compiled.needsPseudonymKey)
        #expect(compiled.selectSQL.contains(#"ON ("a"."contact_phone" = "c"."phone")"#))
        #expect(compiled.policyNotes == [
            "joins[0] compares accounts.contact_phone, PII masked with hash for bi_analyst, as stored: join keys are compared inside the warehouse and never reach the mart",
            "joins[0] compares clients.phone, PII masked with hash for bi_analyst, as stored: join keys are compared inside the warehouse and never reach the mart",
        ])
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        #expect(try run.column("account_id") == [10, 11, 12].map(\.databaseValue))
        #expect(try run.strings("segment") == ["retail", "retail", "retail"])
    }

    @Test(arguments: [
        #"{"name": "m", "sources": [{"table": "clients", "alias": "c"}], "dimensions": [{"column": "c.phone"}]}"#,
        #"{"name": "m", "sources": [{"table": "clients", "alias": "c"}], "dimensions": [{"column": "c.segment"}], "filter": {"column": "c.phone", "op": "is_not_null"}}"#,
        #"{"name": "m", "sources": [{"table": "clients", "alias": "c"}], "measures": [{"name": "n", "function": "count_distinct", "column": "c.phone"}]}"#,
    ])
    func hashWithoutAKeyIsRefusedWhereverItIsUsed(json: String) throws {
        let refused = try refusal(json, as: BankFixture.analyst, keyAvailable: false)
        #expect(refused.reason == .missingPseudonymKey)
        #expect(refused.message == "the mart masks clients.phone with hash, a keyed pseudonym, for bi_analyst, and no pseudonym key is configured: set SLUICE_PSEUDONYM_KEY or governance.pseudonym_key (at least 16 bytes), or leave the column out")
        #expect(refused.decision?.allowed == true)
        #expect(try BankFixture.compile(json, as: BankFixture.analyst, keyAvailable: true).needsPseudonymKey)
    }

    @Test func everyHashedColumnIsNamed() throws {
        let refused = try refusal("""
            {"name": "m", "sources": [{"table": "clients", "alias": "c"}, {"table": "accounts", "alias": "a"}],
             "joins": [{"source": "a", "on": [{"left": "a.client_id", "right": "c.client_id"}]}],
             "dimensions": [{"column": "c.phone"}, {"column": "a.contact_phone"}, {"column": "c.phone", "as": "again"}]}
            """, as: BankFixture.riskManager, keyAvailable: false)
        #expect(refused.message.hasPrefix("the mart masks clients.phone, accounts.contact_phone with hash"))
        #expect(refused.message.hasSuffix("or leave those columns out"))
    }

    /// Exposure through a join is decided before the missing key.
    @Test func piiExposureComesBeforeTheMissingKey() throws {
        let refused = try refusal("""
            {"name": "m", "sources": [{"table": "clients", "alias": "c"}, {"table": "accounts", "alias": "a"}],
             "joins": [{"source": "a", "on": [{"left": "a.iban", "right": "c.email"}]}], "dimensions": [{"column": "c.phone"}]}
            """, as: BankFixture.analyst, keyAvailable: false)
        #expect(refused.reason == .piiExposure)
    }

    /// Names that are not in the catalog are spec errors naming them, not refusals.
    @Test func unknownNamesAreSpecErrorsNamingThem() throws {
        let error = try #require(throws: MartSpecError.self) {
            try BankFixture.compile(#"{"name": "m", "sources": [{"table": "clients", "alias": "c"}, {"table": "acounts"}], "dimensions": [{"column": "c.emial"}]}"#,
                                    as: BankFixture.officer)
        }
        #expect(error.problems.contains(.init(path: "sources[1].table", message: #"unknown table "acounts": did you mean accounts?"#)))
        #expect(error.problems.contains(.init(path: "dimensions[0].column", message: #"unknown column c.emial: clients has no column "emial"; did you mean email?"#)))
    }
}
