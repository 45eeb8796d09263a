import Foundation
import GRDB
import SluiceGovernance
import SluiceProvision
import Testing

/// The statement's shape: quoting, parameters, staging, grouping, ratios, lineage, indexes;
/// and hostile names and values that must never change it.
@Suite struct MartCompilerStatementTests {
    static let hostileTexts = [
        #"x"; DROP TABLE "lake"."t1_1_clients"; --"#, "a'b''c", "/* comment */", "-- trailing", #"back\slash\"#, "ünï😀 ℕ",
        "semi;colon", #"");SELECT 1;--"#, "?1", "$1", ":name", "\t\n\r",
    ]

    /// Hostile aliases, output names and literals: the statement still prepares as one,
    /// has exactly the columns named as given, and returns the literals verbatim.
    @Test(arguments: hostileTexts)
    func hostileNamesAndValuesNeverChangeTheStatement(text: String) throws {
        let alias = "c" + text.replacingOccurrences(of: ".", with: "")
        let outputs = ["segment " + text, text + " value", "n" + text]
        var spec = MartSpec(
            name: "hostile",
            sources: [.init(table: "clients", alias: alias)],
            dimensions: [.init(expression: .column(.init(source: alias, column: "segment")), alias: outputs[0]),
                         .init(expression: .literal(.string(text)), alias: outputs[1])],
            measures: [.init(name: outputs[2], aggregate: .countRows(filter: .comparison(.column(.init(source: alias, column: "segment")), .notEqual, .string(text))))],
            filter: .or([.like(.column(.init(source: alias, column: "segment")), pattern: "%" + text + "%"),
                         .inList(.column(.init(source: alias, column: "segment")), [.string(text), .string("retail"), .string("hnwi"), .string("uhnwi")])]),
            order: [.init(target: .output(outputs[0]))])
        spec.limit = 100
        let compiled = try BankFixture.compiler().compile(spec, catalog: BankFixture.catalog, requester: BankFixture.analyst, stagingPrefix: "t1")
        let run = try MartRun(compiled)
        #expect(run.columns == outputs)
        #expect(try run.strings(outputs[0]) == ["hnwi", "retail", "uhnwi"])
        #expect(try run.strings(outputs[1]) == [text, text, text], "a literal comes back as the value it is")
        #expect(try run.column(outputs[2]) == [1, 2, 1].map(\.databaseValue))
        #expect(compiled.parameters == [.string(text), .string(text), .string("%" + text + "%"), .string(text), .string("retail"),
                                        .string("hnwi"), .string("uhnwi"), .integer(100)])
        // No literal is spliced in: the statement is the same whatever the text.
        let plain = try BankFixture.compiler().compile(Self.renamed(spec, from: text, to: "plain"), catalog: BankFixture.catalog,
                                                       requester: BankFixture.analyst, stagingPrefix: "t1")
        #expect(Self.withoutIdentifiers(compiled.selectSQL) == Self.withoutIdentifiers(plain.selectSQL))
    }

    /// The spec with `text` replaced in every literal, alias and output name.
    private static func renamed(_ spec: MartSpec, from text: String, to replacement: String) throws -> MartSpec {
        let json = spec.canonicalJSON()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let encodedText = String(decoding: try encoder.encode(text), as: UTF8.self).dropFirst().dropLast()
        return try MartSpec.decode(json.replacingOccurrences(of: String(encodedText), with: replacement)
            .replacingOccurrences(of: String(encodedText.replacingOccurrences(of: ".", with: "")), with: replacement))
    }

    /// The statement with its quoted names blanked, so that two statements differing only in
    /// names compare equal.
    private static func withoutIdentifiers(_ sql: String) -> String {
        var result = "", inQuotes = false, characters = Array(sql), index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                if inQuotes, index + 1 < characters.count, characters[index + 1] == "\"" {
                    index += 2
                    continue
                }
                inQuotes.toggle()
                result.append(inQuotes ? "<" : ">")
            } else if !inQuotes {
                result.append(character)
            }
            index += 1
        }
        return result
    }

    @Test func theDocumentedShape() throws {
        let compiled = try BankFixture.compile("""
            {"name": "client_balances", "sources": [{"table": "accounts", "alias": "a"}, {"table": "clients", "alias": "c"}],
             "joins": [{"source": "c", "type": "left", "on": [{"left": "a.client_id", "right": "c.client_id"}]}],
             "dimensions": [{"column": "c.segment"}, {"transform": "date_trunc", "unit": "month", "args": [{"column": "a.opened_at"}], "as": "month"}],
             "measures": [{"name": "balance", "function": "sum", "column": "a.balance"}],
             "filter": {"column": "a.balance", "op": ">", "value": 10},
             "order": [{"by": "segment"}, {"by": "balance", "direction": "desc"}], "limit": 50, "indexes": [["month"]]}
            """, as: BankFixture.analyst)
        #expect(compiled.selectSQL == """
            SELECT "c"."segment" AS "segment", (date("a"."opened_at", 'start of month') || ' 00:00:00.000000') AS "month", SUM("a"."balance") AS "balance"
            FROM "lake"."t1_1_accounts" AS "a"
            LEFT JOIN "lake"."t1_2_clients" AS "c" ON ("a"."client_id" = "c"."client_id")
            WHERE ("a"."balance" > ?1)
            GROUP BY "c"."segment", (date("a"."opened_at", 'start of month') || ' 00:00:00.000000')
            ORDER BY "segment" ASC, "balance" DESC
            LIMIT ?2
            """)
        #expect(compiled.parameters == [.integer(10), .integer(50)])
        #expect(compiled.tableName == "dm_client_balances")
        #expect(compiled.dialect == "sqlite")
        #expect(compiled.indexes == [["month"], ["segment", "month"]])
        #expect(compiled.outputColumns.map(\.type) == [.text, .timestamp, .real])
        #expect(compiled.outputColumns.map(\.lineage.transformation) == ["clients.segment", "date_trunc(month, accounts.opened_at)", "sum(accounts.balance)"])
        #expect(compiled.policyNotes.isEmpty && compiled.masking.isEmpty && !compiled.needsPseudonymKey)
        let run = try MartRun(compiled)
        #expect(try run.strings("month") == ["2019-03-01 00:00:00.000000", "2021-07-01 00:00:00.000000", "2020-01-01 00:00:00.000000", "2020-02-01 00:00:00.000000"])
        #expect(try run.column("balance") == [750.25, 2000.0, 100.0, 50.5].map(\.databaseValue))
    }

    /// Only the columns the statement reads are staged, in schema order, under prefixed names.
    @Test func stagingHoldsOnlyTheColumnsRead() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "clients", "alias": "c"}, {"table": "accounts", "alias": "a"}],
             "joins": [{"source": "a", "on": [{"left": "a.client_id", "right": "c.client_id"}]}],
             "dimensions": [{"column": "c.segment"}], "filter": {"column": "a.opened_at", "op": "is_latest"},
             "order": [{"column": "c.onboarded_on"}]}
            """, as: BankFixture.analyst)
        #expect(compiled.staging.map(\.sourceTable) == ["clients", "accounts"])
        #expect(compiled.staging.map(\.stagedName) == ["t1_1_clients", "t1_2_accounts"])
        #expect(compiled.staging[0].columns == [
            StagedColumn(name: "client_id", type: .integer, catalogType: "int32"), StagedColumn(name: "segment", type: .text, catalogType: "string"),
            StagedColumn(name: "onboarded_on", type: .date, catalogType: "date"),
        ])
        #expect(compiled.staging[1].columns.map(\.name) == ["client_id", "opened_at"])
        #expect(compiled.staging[1].columns[1].type == .timestamp)
        #expect(compiled.staging[1].lakeURI == "file:///bank/lake")
        #expect(compiled.staging[1].objects == [.init(key: "accounts.parquet", size: 1000, etag: "etag-accounts")])
        #expect(compiled.staging[1].contentHash == "hash-accounts")
        let run = try MartRun(compiled)
        #expect(try run.strings("segment") == ["retail"], "only Alex's account was opened last")
    }

    @Test func aSourceReadOnlyForItsRowsStagesItsFirstColumn() throws {
        let compiled = try BankFixture.compile(#"{"name": "m", "sources": [{"table": "accounts"}], "measures": [{"name": "n", "function": "count"}]}"#,
                                               as: BankFixture.analyst)
        #expect(compiled.staging[0].columns.map(\.name) == ["account_id"])
        #expect(try MartRun(compiled).column("n") == [4.databaseValue])
        #expect(compiled.indexes.isEmpty)
    }

    @Test func stagingNamesAreCutTo63BytesAndKeepTheirNumber() throws {
        let spec = try MartSpec.decode(#"{"name": "m", "sources": [{"table": "clients"}, {"table": "accounts"}], "joins": [{"source": "accounts", "on": [{"left": "accounts.client_id", "right": "clients.client_id"}]}], "dimensions": [{"column": "clients.segment"}]}"#)
        let prefix = "3f2a9c1e-7b4d-4e8f-9a6b-0c1d2e3f4a5b-and-much-more-text-than-anyone-needs"
        let compiled = try BankFixture.compiler().compile(spec, catalog: BankFixture.catalog, requester: BankFixture.analyst, stagingPrefix: prefix)
        let kept = "3f2a9c1e7b4d4e8f9a6b0c1d2e3f4a5bandmuchm"
        #expect(compiled.staging.map(\.stagedName) == ["\(kept)_1_clients", "\(kept)_2_accounts"])
        #expect(compiled.staging.allSatisfy { $0.stagedName.utf8.count <= 63 })
    }

    /// Parameters are numbered in the order the statement writes them, one per literal.
    @Test func parametersAreNumberedInOrder() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "accounts", "alias": "a"}],
             "dimensions": [{"transform": "coalesce", "args": [{"column": "a.iban"}, {"value": "none"}], "as": "iban"},
                            {"transform": "bucket", "width": 500, "args": [{"column": "a.balance"}], "as": "band"},
                            {"transform": "round", "digits": 1, "args": [{"column": "a.balance"}], "as": "rounded"}],
             "measures": [{"name": "n", "function": "count", "filter": {"column": "a.balance", "op": "between", "values": [1, 5000.5]}},
                          {"name": "share", "function": "safe_ratio", "scale": 100, "numerator": {"function": "count", "filter": {"column": "a.account_id", "op": "in", "values": [10, 11]}}, "denominator": {"function": "count"}}],
             "filter": {"column": "a.opened_at", "op": ">=", "value": "2019-01-01"},
             "row_policy": {"column": "a.iban", "op": "is_not_null"},
             "order": [{"by": "band"}, {"by": "iban"}], "limit": 10}
            """, as: BankFixture.analyst)
        #expect(compiled.parameters == [.string("none"), .double(500), .integer(1), .integer(1), .double(5000.5), .double(100),
                                        .integer(10), .integer(11), .string("2019-01-01"), .integer(10)])
        let numbers = compiled.selectSQL.matches(of: /\?(\d+)/).map { Int($0.output.1)! }
        var firstUses: [Int] = []
        for number in numbers where !firstUses.contains(number) { firstUses.append(number) }
        #expect(firstUses == Array(1...compiled.parameters.count), "each parameter first appears in order")
        let run = try MartRun(compiled)
        run.expectNoRawPII()
        #expect(try run.strings("iban") == ["CH56" + String(repeating: "*", count: 17), "CH93" + String(repeating: "*", count: 17),
                                            "CH93" + String(repeating: "*", count: 8), "DE89" + String(repeating: "*", count: 18)])
        #expect(try run.column("band") == [0.0, 0.0, 500.0, 2000.0].map(\.databaseValue))
        #expect(try run.column("n") == [1, 1, 1, 1].map(\.databaseValue))
        #expect(try run.column("share") == [100.0, 100.0, 0.0, 0.0].map(\.databaseValue))
    }

    /// `safe_ratio` divides as reals and gives null for a zero denominator.
    @Test func safeRatioIsRealDivisionAndNullOverZero() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "trades", "alias": "t"}], "dimensions": [{"column": "t.account_id"}],
             "measures": [{"name": "third", "function": "safe_ratio", "numerator": {"function": "count", "filter": {"column": "t.quantity", "op": "=", "value": 5}}, "denominator": {"function": "count"}},
                          {"name": "pct", "function": "safe_ratio", "scale": 100, "numerator": {"function": "sum", "column": "t.quantity"}, "denominator": {"function": "sum", "column": "t.quantity", "filter": {"column": "t.quantity", "op": ">", "value": 5}}}],
             "order": [{"by": "account_id"}]}
            """, as: BankFixture.riskManager)
        #expect(compiled.outputColumns.map(\.type) == [.integer, .real, .real])
        #expect(compiled.outputColumns[2].lineage.transformation == "100 * sum(trades.quantity) / sum(trades.quantity) where trades.quantity > 5")
        let run = try MartRun(compiled)
        #expect(try run.column("account_id") == [10, 12].map(\.databaseValue))
        #expect(try run.column("third") == [(0.5).databaseValue, (0.0).databaseValue], "1 of 2 trades, as a real")
        #expect(try run.column("pct") == [(100.0 * 12 / 7).databaseValue, .null], "account 12 has no trade above 5: null, not an error")
    }

    @Test func isLatestKeepsTheRowsAtTheGreatestValue() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "clients", "alias": "latest"}], "dimensions": [{"column": "latest.client_id"}],
             "filter": {"column": "latest.onboarded_on", "op": "is_latest"}}
            """, as: BankFixture.analyst)
        #expect(compiled.selectSQL.contains(#"WHERE ("latest"."onboarded_on" = (SELECT MAX("latest"."onboarded_on") FROM "lake"."t1_1_clients" AS "latest"))"#))
        #expect(try MartRun(compiled).column("client_id") == [4.databaseValue])
    }

    /// A constant dimension is selected but not grouped by; a dimension masked to null neither.
    @Test func constantDimensionsAreNotGroupKeys() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "clients", "alias": "c"}],
             "dimensions": [{"value": "all", "as": "scope"}, {"column": "c.nickname"}, {"column": "c.segment"}],
             "measures": [{"name": "n", "function": "count"}], "order": [{"by": "segment"}]}
            """, as: BankFixture.analyst)
        #expect(compiled.selectSQL.contains(#"GROUP BY "c"."segment""#))
        #expect(compiled.indexes == [["scope", "nickname", "segment"]])
        let run = try MartRun(compiled)
        #expect(try run.strings("scope") == ["all", "all", "all"])
        #expect(try run.column("n") == [1, 2, 1].map(\.databaseValue))
    }

    @Test func extractAndRoundAndBucketCompute() throws {
        let compiled = try BankFixture.compile("""
            {"name": "m", "sources": [{"table": "accounts", "alias": "a"}],
             "dimensions": [{"column": "a.account_id"}, {"transform": "extract", "field": "hour", "args": [{"column": "a.opened_at"}], "as": "hour"},
                            {"transform": "extract", "field": "quarter", "args": [{"column": "a.opened_at"}], "as": "quarter"},
                            {"transform": "round", "args": [{"column": "a.balance"}], "as": "whole"},
                            {"transform": "bucket", "width": 100, "args": [{"column": "a.account_id"}], "as": "hundreds"}],
             "order": [{"by": "account_id"}]}
            """, as: BankFixture.analyst)
        #expect(compiled.outputColumns.map(\.type) == [.integer, .integer, .integer, .real, .integer])
        let run = try MartRun(compiled)
        #expect(try run.column("hour") == [9, 17, 8, 12].map(\.databaseValue))
        #expect(try run.column("quarter") == [1, 1, 3, 1].map(\.databaseValue))
        #expect(try run.column("whole") == [100.0, 51.0, 2000.0, 750.0].map(\.databaseValue))
        #expect(try run.column("hundreds") == [0, 0, 0, 0].map(\.databaseValue))
    }
}
