import Foundation
import SluiceCatalog
import SluiceProvision
import Testing

/// `MartSpec.resolve(against:)` on the demo lake's catalog: names resolve to its tables and
/// columns, and every problem is reported with its path, the closest names, and what fits.
@Suite struct MartSpecResolveTests {
    private static let base = #""name": "m", "sources": [{"table": "positions", "alias": "p"}, {"table": "accounts", "alias": "a"}, {"table": "clients", "alias": "c"}], "joins": [{"source": "a", "on": [{"left": "p.account_id", "right": "a.account_id"}]}, {"source": "c", "on": [{"left": "a.client_id", "right": "c.client_id"}]}]"#

    /// The problems of a spec made of `base` plus `extra` keys.
    private func problems(_ extra: String, base: String = Self.base) async throws -> [MartSpecError.Problem] {
        let spec = try MartSpec.decode("{\(base), \(extra)}")
        let catalog = try await DemoLake.contents()
        let error = try #require(throws: MartSpecError.self) { try spec.resolve(against: catalog) }
        return error.problems
    }

    @Test func theDocumentedExampleResolves() async throws {
        let spec = try MartSpec.decode(MartSpecDecodingTests.documentedExample)
        let resolved = try spec.resolve(against: try await DemoLake.contents())
        #expect(resolved.spec == spec)
        #expect(resolved.outputNames == ["sector", "segment", "currency", "position_count", "client_count", "market_value"])
        #expect(resolved.tables.mapValues(\.name) == ["p": "positions", "a": "accounts", "c": "clients", "i": "instruments"])
        // Join keys and the filter column are read too, not only the outputs.
        let read = Set(resolved.columns.map { "\($0.key) → \($0.value.qualifiedName)" })
        #expect(read == [
            "p.account_id → positions.account_id", "a.account_id → accounts.account_id", "a.client_id → accounts.client_id",
            "c.client_id → clients.client_id", "p.instrument_id → positions.instrument_id", "i.instrument_id → instruments.instrument_id",
            "i.sector → instruments.sector", "c.segment → clients.segment", "p.currency → positions.currency",
            "p.market_value → positions.market_value", "p.as_of_date → positions.as_of_date",
        ])
    }

    @Test func unknownColumnsNameTheClosestOnes() async throws {
        #expect(try await problems(#""dimensions": [{"column": "c.nmae"}, {"column": "p.markt_value"}, {"column": "p.zzz"}]"#) == [
            .init(path: "dimensions[0].column", message: #"unknown column c.nmae: clients has no column "nmae"; did you mean legal_name, short_name?"#),
            .init(path: "dimensions[1].column", message: #"unknown column p.markt_value: positions has no column "markt_value"; did you mean market_value?"#),
            .init(path: "dimensions[2].column", message: #"unknown column p.zzz: positions has no column "zzz"; its columns are position_id, account_id, instrument_id, as_of_date, quantity, avg_cost, market_price, market_value, unrealized_pnl, currency, weight_pct"#),
        ])
    }

    @Test func unknownTablesNameTheClosestOnes() async throws {
        let problems = try await problems(#""dimensions": [{"column": "p.currency"}]"#,
                                          base: #""name": "m", "sources": [{"table": "postions", "alias": "p"}]"#)
        #expect(problems == [.init(path: "sources[0].table", message: #"unknown table "postions": did you mean positions?"#)])
    }

    @Test func unknownSourcesNameTheSpecsSources() async throws {
        #expect(try await problems(#""dimensions": [{"column": "positions.currency"}, {"column": "x.y"}]"#) == [
            .init(path: "dimensions[0].column", message: "unknown source \"positions\" in positions.currency: the spec's sources are p, a, c (positions is read under its alias p)"),
            .init(path: "dimensions[1].column", message: "unknown source \"x\" in x.y: the spec's sources are p, a, c"),
        ])
    }

    @Test func removedTablesAreRefused() async throws {
        var catalog = try await DemoLake.contents()
        let index = try #require(catalog.tables.firstIndex { $0.name == "positions" })
        catalog.tables[index].lifecycle = .removed
        let spec = MartSpec(name: "m", sources: [.init(table: "positions")], dimensions: [.init(expression: .column(.init(source: "positions", column: "currency")))])
        #expect(throws: MartSpecError(problems: [.init(path: "sources[0].table", message: "table positions was removed from the lake (its objects were gone at the last scan); scan the lake again or read another table")])) {
            try spec.resolve(against: catalog)
        }
    }

    /// Every problem is reported, in document order, not only the first.
    @Test func everyProblemIsCollectedInDocumentOrder() async throws {
        let spec = try MartSpec.decode("""
            {"name": "Bad Name", "sources": [{"table": "positions", "alias": "p"}, {"table": "nope"}],
             "dimensions": [{"column": "p.nope"}, {"transform": "lower", "args": [{"column": "p.quantity"}], "as": "q"}],
             "measures": [{"name": "total", "function": "sum", "column": "p.currency"}],
             "filter": {"column": "p.quantity", "op": ">", "value": "ten"},
             "order": [{"by": "totl"}], "limit": 0, "indexes": [["q", "missing"]]}
            """)
        let catalog = try await DemoLake.contents()
        let error = try #require(throws: MartSpecError.self) { try spec.resolve(against: catalog) }
        #expect(error.problems.map(\.path) == ["name", "sources[1].table", "sources[1]", "dimensions[0].column", "dimensions[1].args[0]", "measures[0].column",
                                               "filter.value", "order[0].by", "limit", "indexes[0][1]"])
        #expect(error.problems[0].message == #""Bad Name" is not a mart name: use a lowercase letter, then lowercase letters, digits and _, at most 40 characters"#)
        #expect(error.problems[4].message == "lower takes text; positions.quantity is float64")
        #expect(error.problems[5].message == "sum takes numbers; positions.currency is string")
        #expect(error.problems[6].message == #"positions.quantity is float64; compare it with a number, not the text "ten""#)
        #expect(error.problems[7].message == #"no output column "totl"; did you mean total?"#)
        #expect(error.problems[8].message == "must be between 1 and 10000000, not 0")
        #expect(error.problems[9].message == #"no output column "missing"; the outputs are nope, q, total"#)
        #expect(error.description.hasPrefix("invalid mart spec:\n  - name: "))
    }

    @Test func joinsHaveTheirShape() async throws {
        let sources = #""name": "m", "sources": [{"table": "positions", "alias": "p"}, {"table": "accounts", "alias": "a"}, {"table": "clients", "alias": "c"}, {"table": "instruments", "alias": "i"}]"#
        let problems = try await problems(#"""
            "joins": [
              {"source": "p", "on": [{"left": "p.account_id", "right": "a.account_id"}]},
              {"source": "a", "on": [{"left": "c.client_id", "right": "a.client_id"}]},
              {"source": "a", "on": [{"left": "p.account_id", "right": "a.account_id"}]},
              {"source": "c", "on": []},
              {"source": "zz", "on": [{"left": "p.account_id", "right": "zz.account_id"}]}
            ],
            "dimensions": [{"column": "p.currency"}]
            """#, base: sources)
        #expect(problems == [
            .init(path: "joins[0].source", message: "p is the first source, which the joins start from; join the other sources to it"),
            .init(path: "joins[1].on[0]", message: "compares c.client_id with a.client_id; each equality compares a column of the joined source a with one of a source joined before it (p)"),
            .init(path: "joins[2].source", message: "a is already joined by joins[1]; join each source once, with all its equalities in on"),
            .init(path: "joins[3].on", message: "list at least one equality (left = right) that joins c"),
            .init(path: "joins[4].source", message: "unknown source \"zz\" in zz: the spec's sources are p, a, c, i"),
            .init(path: "joins[4].on[0].right", message: "unknown source \"zz\" in zz.account_id: the spec's sources are p, a, c, i"),
            .init(path: "sources[3]", message: "i is never joined: add a join for it (one join per source after the first)"),
        ])
    }

    @Test func joinsCompareValuesOfOneKind() async throws {
        let problems = try await problems(#""dimensions": [{"column": "p.currency"}]"#,
                                          base: #""name": "m", "sources": [{"table": "positions", "alias": "p"}, {"table": "accounts", "alias": "a"}], "joins": [{"source": "a", "on": [{"left": "p.account_id", "right": "a.account_number"}]}]"#)
        #expect(problems == [.init(path: "joins[0].on[0]", message: "compares positions.account_id (int32) with accounts.account_number (string); a join compares values of one kind")])
    }

    @Test func sourcesAndAliasesAreUnique() async throws {
        let problems = try await problems(#""dimensions": [{"column": "p.currency"}]"#, base: #"""
            "name": "m", "sources": [{"table": "positions", "alias": "p"}, {"table": "positions", "alias": "q"}, {"table": "accounts", "alias": "P"},
                                     {"table": "clients", "alias": "positions"}, {"table": "instruments", "alias": "i.x"}, {"table": "exchanges", "alias": ""}]
            """#)
        #expect(problems.map(\.path) == ["sources[1].table", "sources[2].alias", "sources[3].alias", "sources[4].alias", "sources[5].alias"])
        #expect(problems[0].message == "positions is already read as sources[0]; each table is read once")
        #expect(problems[1].message == #""P" already names sources[0]; give one of them an alias (names are compared regardless of letter case)"#)
        #expect(problems[2].message == #"alias "positions" is the table of sources[0]; choose an alias no source's table has"#)
        #expect(problems[3].message == #"alias "i.x" contains a dot, which column references (alias.column) split at; choose one without"#)
        #expect(problems[4].message == "an alias cannot be empty")
    }

    @Test func transformsHaveTheirArityParametersAndTypes() async throws {
        let problems = try await problems(#"""
            "dimensions": [
              {"transform": "date_trunc", "args": [{"column": "p.quantity"}], "as": "a"},
              {"transform": "extract", "field": "hour", "args": [{"column": "p.as_of_date"}], "as": "b"},
              {"transform": "round", "digits": 11, "unit": "day", "args": [{"column": "p.quantity"}, {"column": "p.avg_cost"}], "as": "c"},
              {"transform": "bucket", "args": [{"column": "c.segment"}], "as": "d"},
              {"transform": "bucket", "width": 0, "args": [{"column": "p.quantity"}], "as": "e"},
              {"transform": "concat", "args": [{"column": "c.segment"}], "as": "f"},
              {"transform": "coalesce", "args": [{"column": "c.segment"}, {"value": 0}], "as": "g"},
              {"transform": "trim", "args": [{"transform": "upper", "args": [{"column": "c.nope"}]}], "as": "h"}
            ]
            """#)
        #expect(problems == [
            .init(path: "dimensions[0].unit", message: "required: date_trunc needs a unit (day, week, month, quarter, year)"),
            .init(path: "dimensions[0].args[0]", message: "date_trunc takes a date or a timestamp; positions.quantity is float64"),
            .init(path: "dimensions[1].args[0]", message: "extract of hour takes a timestamp; positions.as_of_date is date"),
            .init(path: "dimensions[2].unit", message: "unit applies to date_trunc only, not to round"),
            .init(path: "dimensions[2].digits", message: "round keeps 0 to 10 decimal places, not 11"),
            .init(path: "dimensions[2].args", message: "round takes 1 argument, not 2"),
            .init(path: "dimensions[3].width", message: "required: bucket needs a width greater than 0"),
            .init(path: "dimensions[3].args[0]", message: "bucket takes a number; clients.segment is string"),
            .init(path: "dimensions[4].width", message: "bucket's width must be a number greater than 0, not 0.0"),
            .init(path: "dimensions[5].args", message: "concat takes two or more arguments, not 1"),
            .init(path: "dimensions[6].args", message: "coalesce picks one of values of one kind; its arguments mix number and text"),
            .init(path: "dimensions[7].args[0].args[0].column", message: #"unknown column c.nope: clients has no column "nope"; its columns are client_id, legal_name, short_name, client_type, segment, domicile_country, nationality, date_of_birth, email, phone, risk_rating, is_pep, kyc_status, relationship_manager, onboarded_on"#),
        ])
    }

    @Test func conditionsCompareLikeWithLike() async throws {
        let problems = try await problems(#"""
            "dimensions": [{"column": "p.currency"}],
            "filter": {"and": [
              {"column": "p.as_of_date", "op": ">=", "value": "31/01/2024"},
              {"column": "p.as_of_date", "op": ">=", "value": "2024-01-31"},
              {"column": "c.segment", "op": "=", "value": null},
              {"column": "c.segment", "op": "in", "values": ["retail", 3, null]},
              {"column": "p.quantity", "op": "like", "value": "1%"},
              {"column": "c.is_pep", "op": "=", "value": 1},
              {"column": "c.is_pep", "op": "=", "value": "yes"},
              {"column": "p.quantity", "op": "between", "values": [1, "2"]},
              {"expression": {"transform": "lower", "args": [{"column": "c.segment"}]}, "op": "like", "value": "r%"},
              {"or": []}
            ]},
            "row_policy": {"not": {"column": "p.nope", "op": "is_null"}}
            """#)
        #expect(problems == [
            .init(path: "filter.and[0].value", message: #"positions.as_of_date is date; compare it with a date written YYYY-MM-DD, not the text "31/01/2024""#),
            .init(path: "filter.and[2].value", message: "= null is never true; use is_null or is_not_null"),
            .init(path: "filter.and[3].values[1]", message: "clients.segment is string; compare it with text, not the number 3"),
            .init(path: "filter.and[3].values[2]", message: "in never matches null; use is_null for missing values"),
            .init(path: "filter.and[4]", message: "like matches text; positions.quantity is float64"),
            .init(path: "filter.and[6].value", message: #"clients.is_pep is boolean; compare it with true or false, not the text "yes""#),
            .init(path: "filter.and[7].values[1]", message: #"positions.quantity is float64; compare it with a number, not the text "2""#),
            .init(path: "filter.and[9].or", message: "list at least one condition"),
            .init(path: "row_policy.not.column", message: #"unknown column p.nope: positions has no column "nope"; its columns are position_id, account_id, instrument_id, as_of_date, quantity, avg_cost, market_price, market_value, unrealized_pnl, currency, weight_pct"#),
        ])
    }

    @Test func measuresAndTheirFiltersAreChecked() async throws {
        let problems = try await problems(#"""
            "measures": [
              {"name": "a", "function": "avg", "expression": {"transform": "lower", "args": [{"column": "c.segment"}]}},
              {"name": "b", "function": "count", "filter": {"column": "c.nope", "op": "is_null"}},
              {"name": "c", "function": "safe_ratio", "numerator": {"function": "max", "column": "c.segment"}, "denominator": {"function": "count"}},
              {"name": "d", "function": "min", "column": "c.segment"}
            ]
            """#)
        #expect(problems == [
            .init(path: "measures[0].expression", message: "avg takes numbers; its argument is text"),
            .init(path: "measures[1].filter.column", message: #"unknown column c.nope: clients has no column "nope"; its columns are client_id, legal_name, short_name, client_type, segment, domicile_country, nationality, date_of_birth, email, phone, risk_rating, is_pep, kyc_status, relationship_manager, onboarded_on"#),
            .init(path: "measures[2].numerator", message: "safe_ratio divides numbers; its numerator is text"),
        ])
    }

    @Test func outputNamesAreUniqueAndFitSQL() async throws {
        let long = String(repeating: "é", count: 32)
        var spec = try MartSpec.decode(#"""
            {\#(Self.base),
             "dimensions": [{"column": "c.segment"}, {"column": "p.currency", "as": "Segment"}, {"column": "p.quantity", "as": "\#(long)"}],
             "measures": [{"name": "segment", "function": "count"}, {"name": "", "function": "count"}]}
            """#)
        // The JSON form cannot leave out a computed dimension's name; a spec built in code can.
        spec.dimensions.append(MartDimension(expression: .transform(.init(function: .lower, arguments: [.column(.init(source: "c", column: "segment"))]))))
        let catalog = try await DemoLake.contents()
        let problems = try #require(throws: MartSpecError.self) { try spec.resolve(against: catalog) }.problems
        #expect(problems == [
            .init(path: "dimensions[1].as", message: #"output column "Segment" is already dimensions[0]; output names are unique regardless of letter case"#),
            .init(path: "dimensions[2].as", message: "an output column name \(String(reflecting: long)) is 64 bytes; SQL names have at most 63"),
            .init(path: "dimensions[3].as", message: "required: a dimension computed by a transform or given as a value needs an output column name"),
            .init(path: "measures[0].name", message: #"output column "segment" is already dimensions[0]; output names are unique regardless of letter case"#),
            .init(path: "measures[1].name", message: "an output column name cannot be empty"),
        ])
    }

    @Test func groupedMartsSortByOutputsOrDimensions() async throws {
        let problems = try await problems(#"""
            "dimensions": [{"column": "c.segment"}, {"transform": "upper", "args": [{"column": "p.currency"}], "as": "ccy"}],
            "measures": [{"name": "n", "function": "count"}],
            "order": [{"column": "c.segment"}, {"expression": {"transform": "upper", "args": [{"column": "p.currency"}]}}, {"column": "p.quantity"}, {"by": "N"}]
            """#)
        #expect(problems == [
            .init(path: "order[2]", message: "with measures the mart has one row per group; sort by an output column (by) or by a dimension's own expression"),
            .init(path: "order[3].by", message: #"no output column "N"; did you mean n?"#),
        ])
    }

    @Test func aMartNeedsAnOutput() async throws {
        let spec = MartSpec(name: "m", sources: [.init(table: "positions")])
        let catalog = try await DemoLake.contents()
        #expect(throws: MartSpecError(problems: [.init(path: "", message: "the mart has no output columns: add dimensions or measures")])) {
            try spec.resolve(against: catalog)
        }
    }

    @Test func closestNamesAreFoundByTyposAndWords() {
        let columns = ["legal_name", "short_name", "email", "phone", "segment", "market_value"]
        #expect(ClosestNamesProbe.closest("nmae", columns) == ["legal_name", "short_name"])
        #expect(ClosestNamesProbe.closest("emial", columns) == ["email"])
        #expect(ClosestNamesProbe.closest("market", columns) == ["market_value"])
        #expect(ClosestNamesProbe.closest("SEGMENT", columns) == ["segment"])
        #expect(ClosestNamesProbe.closest("xyzzy", columns) == [])
    }
}

/// Reads the suggestions out of the error a one-source spec gets for an unknown column, so
/// the test sees them as users do.
private enum ClosestNamesProbe {
    static func closest(_ name: String, _ columns: [String]) -> [String] {
        let profile = ColumnProfile(rowCount: 1, profiledRows: 1, nullCount: 0, distinctCount: 1, distinctMethod: .exact)
        let catalog = CatalogContents(
            tables: [TableMetadata(name: "t", lakePath: "t.parquet", lakeURI: "file:///lake", format: "parquet", rowCount: 1, fileSize: 1,
                                   objects: [], contentHash: "h", scannedAt: Date(timeIntervalSince1970: 0))],
            columns: columns.enumerated().map { ColumnMetadata(table: "t", name: $1, position: $0, dataType: "string", isNullable: true, profile: profile) })
        let spec = MartSpec(name: "m", sources: [.init(table: "t")], dimensions: [.init(expression: .column(.init(source: "t", column: name)))])
        do {
            _ = try spec.resolve(against: catalog)
            return ["resolved"]
        } catch let error as MartSpecError {
            let message = error.problems[0].message
            guard let range = message.range(of: "did you mean ") else { return [] }
            return message[range.upperBound...].dropLast().components(separatedBy: ", ")
        } catch {
            return ["unexpected \(error)"]
        }
    }
}
