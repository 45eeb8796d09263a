import Foundation
import GRDB
import SluiceGovernance
import SluiceProvision
import Testing

/// PII is masked wherever a spec uses it, for every reader without the PII privilege: each
/// test compiles a spec that uses PII in one position, runs it over rows with known raw PII,
/// and checks that no raw value reaches any cell while the masked ones (written out by hand) do.
@Suite struct MartCompilerMaskingTests {
    static let readers = [BankFixture.analyst, BankFixture.riskManager]
    static let clientsOnly = #""name": "m", "sources": [{"table": "clients", "alias": "c"}]"#
    static let clientsAndAccounts = #""name": "m", "sources": [{"table": "clients", "alias": "c"}, {"table": "accounts", "alias": "a"}], "joins": [{"source": "a", "on": [{"left": "a.client_id", "right": "c.client_id"}]}]"#

    // Hand-masked forms of the fixture's rows (client 1…4).
    static let maskedNames: [String?] = ["A*** M*****", "A*** M*****", "D** E**** B******", "L******"]
    static let maskedEmails: [String?] = ["a**@bank.ch", "a****@bank.ch", "e***********@example.ch", nil]

    @Test(arguments: readers)
    func dimensionsWithAndWithoutAnAlias(requester: Requester) throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "dimensions": [{"column": "c.legal_name"}, {"column": "c.legal_name", "as": "holder"}, {"column": "c.email"},
              {"column": "c.phone"}, {"column": "c.nickname"}, {"column": "c.net_worth", "as": "worth"}, {"column": "c.segment"}],
             "order": [{"column": "c.client_id"}]}
            """, as: requester)
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        #expect(run.columns == ["legal_name", "holder", "email", "phone", "nickname", "worth", "segment"])
        #expect(try run.strings("legal_name") == Self.maskedNames)
        #expect(try run.strings("holder") == Self.maskedNames)
        #expect(try run.strings("email") == Self.maskedEmails)
        #expect(try run.strings("phone") == ["+41791234567", "+41797654321", "+41790000001"].map(BankFixture.pseudonym) + [nil])
        #expect(try run.column("nickname") == Array(repeating: .null, count: 4), "PII without a rule is null")
        #expect(try run.column("worth") == Array(repeating: .null, count: 4), "a text mask on a real is null")
        #expect(try run.strings("segment") == ["retail", "retail", "hnwi", "uhnwi"], "non-PII stays as it is")

        #expect(compiled.masking == ["legal_name": .maskName, "holder": .maskName, "email": .maskEmail, "phone": .hash,
                                     "nickname": .null, "worth": .null])
        #expect(compiled.needsPseudonymKey)
        #expect(compiled.selectSQL.contains(#"mask_name("c"."legal_name") AS "holder""#))
        let holder = try #require(compiled.outputColumns.first { $0.name == "holder" })
        #expect(holder.lineage == ColumnLineage(outputColumn: "holder", sourceColumns: ["clients.legal_name"],
                                                transformation: "mask_name(clients.legal_name)", masking: .maskName))
        #expect(holder.type == .text)
        #expect(compiled.outputColumns.first { $0.name == "worth" }?.type == .real, "null keeps the column's type")
        let role = requester.role.rawValue
        #expect(compiled.policyNotes.contains("clients.legal_name is PII (person_name): masked with mask_name in dimension holder, for \(role)"))
        #expect(compiled.policyNotes.contains("clients.phone is PII (phone): masked with hash in dimension phone, for \(role)"))
        #expect(compiled.policyNotes.contains("clients.nickname is PII with no masking rule in the catalog, so it is masked with null"))
        #expect(compiled.policyNotes.contains("clients.net_worth is PII stored as real, which mask_account cannot mask (it masks text and integers), so it is masked with null"))
    }

    @Test(arguments: readers)
    func transformArguments(requester: Requester) throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "dimensions": [
              {"transform": "concat", "args": [{"column": "c.legal_name"}, {"value": " <"}, {"column": "c.email"}, {"value": ">"}], "as": "contact"},
              {"transform": "lower", "args": [{"column": "c.email"}], "as": "lower_email"},
              {"transform": "upper", "args": [{"transform": "trim", "args": [{"column": "c.legal_name"}]}], "as": "shout"},
              {"transform": "coalesce", "args": [{"column": "c.nickname"}, {"column": "c.legal_name"}], "as": "called"},
              {"transform": "concat", "args": [{"column": "c.segment"}, {"value": ":"}, {"column": "c.phone"}], "as": "key"}],
             "order": [{"column": "c.client_id"}]}
            """, as: requester)
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        #expect(try run.strings("contact") == ["A*** M***** <a**@bank.ch>", "A*** M***** <a****@bank.ch>",
                                               "D** E**** B****** <e***********@example.ch>", "L****** <>"])
        #expect(try run.strings("lower_email") == Self.maskedEmails)
        #expect(try run.strings("shout") == Self.maskedNames)
        #expect(try run.strings("called") == Self.maskedNames, "the nickname is null, so coalesce falls to the masked name")
        #expect(try run.strings("key") == ["retail:" + BankFixture.pseudonym("+41791234567"), "retail:" + BankFixture.pseudonym("+41797654321"),
                                           "hnwi:" + BankFixture.pseudonym("+41790000001"), "uhnwi:"])
        let lowered = try #require(compiled.outputColumns.first { $0.name == "lower_email" })
        #expect(lowered.lineage == ColumnLineage(outputColumn: "lower_email", sourceColumns: ["clients.email"],
                                                 transformation: "lower(mask_email(clients.email))", masking: .maskEmail))
        let contact = try #require(compiled.outputColumns.first { $0.name == "contact" })
        #expect(contact.lineage.sourceColumns == ["clients.legal_name", "clients.email"])
        #expect(contact.lineage.transformation == "concat(mask_name(clients.legal_name), ' <', mask_email(clients.email), '>')")
        #expect(compiled.masking["called"] == .null, "the first mask on the way: the nickname's")
    }

    /// Grouping happens on the masked value: two clients whose names mask alike are one group.
    @Test(arguments: readers)
    func groupByKeys(requester: Requester) throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsAndAccounts), "dimensions": [{"column": "c.legal_name", "as": "holder"}],
             "measures": [{"name": "accounts", "function": "count"}, {"name": "balance", "function": "sum", "column": "a.balance"}],
             "order": [{"by": "holder"}]}
            """, as: requester)
        #expect(compiled.selectSQL.contains(#"GROUP BY mask_name("c"."legal_name")"#))
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        #expect(try run.strings("holder") == ["A*** M*****", "D** E**** B******"])
        #expect(try run.column("accounts") == [3.databaseValue, 1.databaseValue], "Anna's two accounts and Alex's one are one masked group")
        #expect(try run.column("balance") == [(2150.5).databaseValue, (750.25).databaseValue])
        #expect(compiled.indexes == [["holder"]])
    }

    /// min, max and count_distinct see masked values: two raw names, one masked name.
    @Test(arguments: readers)
    func aggregateArguments(requester: Requester) throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "dimensions": [{"column": "c.segment"}],
             "measures": [{"name": "first_name", "function": "min", "column": "c.legal_name"},
                          {"name": "last_email", "function": "max", "expression": {"transform": "lower", "args": [{"column": "c.email"}]}},
                          {"name": "names", "function": "count_distinct", "column": "c.legal_name"},
                          {"name": "phones", "function": "count", "column": "c.phone"},
                          {"name": "people", "function": "count_distinct", "column": "c.phone"}],
             "order": [{"by": "segment"}]}
            """, as: requester)
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        #expect(try run.strings("segment") == ["hnwi", "retail", "uhnwi"])
        #expect(try run.strings("first_name") == ["D** E**** B******", "A*** M*****", "L******"])
        // '@' sorts after '*', so the shorter mask is the greater.
        #expect(try run.strings("last_email") == ["e***********@example.ch", "a**@bank.ch", nil])
        #expect(try run.column("names") == [1, 1, 1].map(\.databaseValue), "Anna Muster and Alex Mahler both mask to A*** M*****")
        #expect(try run.column("phones") == [1, 2, 0].map(\.databaseValue))
        #expect(try run.column("people") == [1, 2, 0].map(\.databaseValue), "hashed values stay distinct")
        #expect(compiled.outputColumns.first { $0.name == "names" }?.lineage.transformation == "count_distinct(mask_name(clients.legal_name))")
        #expect(compiled.policyNotes.contains("clients.legal_name is PII (person_name): masked with mask_name in measure names, for \(requester.role.rawValue)"))
    }

    /// A measure's filter compares masked values: the raw name matches nothing.
    @Test(arguments: readers)
    func measureFilters(requester: Requester) throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "measures": [
              {"name": "raw_name", "function": "count", "filter": {"column": "c.legal_name", "op": "=", "value": "Anna Muster"}},
              {"name": "masked_name", "function": "count", "filter": {"column": "c.legal_name", "op": "=", "value": "A*** M*****"}},
              {"name": "raw_email", "function": "count_distinct", "column": "c.client_id", "filter": {"column": "c.email", "op": "like", "value": "anna%"}},
              {"name": "masked_email", "function": "count_distinct", "column": "c.client_id", "filter": {"column": "c.email", "op": "like", "value": "a*%"}}]}
            """, as: requester)
        let run = try MartRun(compiled)
        #expect(try run.column("raw_name") == [0.databaseValue])
        #expect(try run.column("masked_name") == [2.databaseValue])
        #expect(try run.column("raw_email") == [0.databaseValue])
        #expect(try run.column("masked_email") == [2.databaseValue])
        #expect(compiled.policyNotes.contains("clients.email is PII (email): masked with mask_email in measure raw_email, for \(requester.role.rawValue)"))
        #expect(compiled.outputColumns[0].lineage.sourceColumns.isEmpty, "filters are not sources of the value")
    }

    /// The filter and the row policy see masked values too.
    @Test(arguments: readers)
    func filterAndRowPolicy(requester: Requester) throws {
        func clients(_ conditions: String) throws -> [Int64?] {
            let compiled = try BankFixture.compile("""
                {\(Self.clientsOnly), "dimensions": [{"column": "c.client_id"}], \(conditions), "order": [{"by": "client_id"}]}
                """, as: requester)
            let run = try MartRun(compiled)
            run.expectNoRawPII()
            return try run.column("client_id").map { Int64.fromDatabaseValue($0) }
        }
        #expect(try clients(#""filter": {"column": "c.legal_name", "op": "=", "value": "Anna Muster"}"#) == [])
        #expect(try clients(#""filter": {"column": "c.legal_name", "op": "in", "values": ["A*** M*****"]}"#) == [1, 2])
        #expect(try clients(#""filter": {"column": "c.phone", "op": "=", "value": "+41791234567"}"#) == [])
        #expect(try clients(#""row_policy": {"column": "c.email", "op": "=", "value": "anna@bank.ch"}"#) == [])
        #expect(try clients(#""row_policy": {"column": "c.email", "op": "like", "value": "a**@%"}"#) == [1])
        #expect(try clients(#""filter": {"column": "c.segment", "op": "=", "value": "retail"}, "row_policy": {"not": {"column": "c.legal_name", "op": "between", "values": ["A", "B"]}}"#) == [])
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "dimensions": [{"column": "c.client_id"}], "filter": {"column": "c.email", "op": "is_not_null"},
             "row_policy": {"column": "c.legal_name", "op": "like", "value": "A%"}}
            """, as: requester)
        #expect(compiled.selectSQL.contains(#"WHERE (mask_email("c"."email") IS NOT NULL) AND (mask_name("c"."legal_name") LIKE ?1)"#))
        #expect(compiled.policyNotes.contains("clients.email is PII (email): masked with mask_email in the filter, for \(requester.role.rawValue)"))
        #expect(compiled.policyNotes.contains("clients.legal_name is PII (person_name): masked with mask_name in the row policy, for \(requester.role.rawValue)"))
    }

    /// Sorting by a PII column sorts by its masked value: by pseudonym, not by phone number.
    @Test(arguments: readers)
    func sortKeys(requester: Requester) throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "dimensions": [{"column": "c.client_id"}], "order": [{"column": "c.phone"}, {"column": "c.client_id"}]}
            """, as: requester)
        #expect(compiled.selectSQL.contains(#"ORDER BY mask_hash("c"."phone") ASC, "c"."client_id" ASC"#))
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        let phones: [Int64: String] = [1: "+41791234567", 2: "+41797654321", 3: "+41790000001"]
        // SQLite sorts null first; then the pseudonyms in text order.
        let expected: [Int64] = [4] + phones.sorted { BankFixture.pseudonym($0.value) < BankFixture.pseudonym($1.value) }.map(\.key)
        #expect(try run.column("client_id").map { Int64.fromDatabaseValue($0) } == expected)
        #expect(compiled.policyNotes.contains("clients.phone is PII (phone): masked with hash in sort key 1, for \(requester.role.rawValue)"))
    }

    /// `is_latest` compares the masked value with the greatest masked value.
    @Test(arguments: readers)
    func isLatest(requester: Requester) throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "dimensions": [{"column": "c.client_id"}], "filter": {"column": "c.phone", "op": "is_latest"}}
            """, as: requester)
        #expect(compiled.selectSQL.contains(#"(mask_hash("c"."phone") = (SELECT MAX(mask_hash("latest"."phone")) FROM "lake"."t1_1_clients" AS "latest"))"#))
        let run = try MartRun(compiled)
        let phones: [Int64: String] = [1: "+41791234567", 2: "+41797654321", 3: "+41790000001"]
        let latest = try #require(phones.max { BankFixture.pseudonym($0.value) < BankFixture.pseudonym($1.value) })
        #expect(try run.column("client_id") == [latest.key.databaseValue])
    }

    /// A risk manager reads confidential trades; the trader's name is still masked.
    @Test func aRiskManagerReadsConfidentialDataMasked() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "trades", "alias": "t"}], "dimensions": [{"column": "t.trader"}],
             "measures": [{"name": "quantity", "function": "sum", "column": "t.quantity"}], "order": [{"by": "quantity"}]}
            """, as: BankFixture.riskManager)
        #expect(compiled.decision.classification == .confidential)
        #expect(compiled.decision.grants == [.riskManager, .complianceOfficer])
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        #expect(try run.strings("trader") == ["M*** K***", "M*** K*****"])
        #expect(try run.column("quantity") == [3, 12].map(\.databaseValue))
    }

    /// The PII privilege: nothing is masked, and the notes say which PII is read in clear.
    @Test func aComplianceOfficerSeesPIIInClear() throws {
        let compiled = try BankFixture.compile("""
            {\(Self.clientsOnly), "dimensions": [{"column": "c.legal_name"}, {"column": "c.email"}, {"column": "c.phone"}, {"column": "c.nickname"},
              {"transform": "lower", "args": [{"column": "c.email"}], "as": "lower_email"}],
             "filter": {"column": "c.legal_name", "op": "=", "value": "Anna Muster"}}
            """, as: BankFixture.officer, keyAvailable: false)
        #expect(compiled.masking.isEmpty)
        #expect(!compiled.needsPseudonymKey)
        #expect(!compiled.selectSQL.contains("mask_"))
        #expect(compiled.outputColumns.allSatisfy { $0.lineage.masking == nil })
        #expect(compiled.policyNotes == ["compliance_officer holds the PII privilege: clients.email, clients.legal_name, clients.nickname, clients.phone are read in clear",
                                         "the mart holds PII in clear, so it is granted only to roles with the PII privilege: compliance_officer"])
        #expect(compiled.decision.grants == [.complianceOfficer])
        let run = try MartRun(compiled)
        #expect(run.rows.count == 1)
        #expect(try run.strings("legal_name") == ["Anna Muster"])
        #expect(try run.strings("email") == ["anna@bank.ch"])
        #expect(try run.strings("phone") == ["+41791234567"])
        #expect(try run.strings("nickname") == ["Nana"])
        #expect(try run.strings("lower_email") == ["anna@bank.ch"])
        // The leak check the other tests rely on does see raw PII when it is there.
        withKnownIssue { run.expectNoRawPII() }
    }
}
