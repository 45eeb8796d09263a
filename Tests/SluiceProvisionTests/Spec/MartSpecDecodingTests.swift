import Foundation
import SluiceProvision
import Testing

/// The JSON shapes of `MartSpec`'s documentation, each read into the value written out by hand.
@Suite struct MartSpecDecodingTests {
    /// The example of `MartSpec`'s documentation, verbatim.
    static let documentedExample = """
    {
      "name": "portfolio_exposure",
      "sources": [{"table": "positions", "alias": "p"}, {"table": "accounts", "alias": "a"},
                  {"table": "clients", "alias": "c"}, {"table": "instruments", "alias": "i"}],
      "joins": [
        {"source": "a", "type": "inner", "on": [{"left": "p.account_id", "right": "a.account_id"}]},
        {"source": "c", "on": [{"left": "a.client_id", "right": "c.client_id"}]},
        {"source": "i", "on": [{"left": "p.instrument_id", "right": "i.instrument_id"}]}
      ],
      "dimensions": [{"column": "i.sector"}, {"column": "c.segment"}, {"column": "p.currency"}],
      "measures": [
        {"name": "position_count", "function": "count"},
        {"name": "client_count", "function": "count_distinct", "column": "c.client_id"},
        {"name": "market_value", "function": "sum", "column": "p.market_value"}
      ],
      "filter": {"column": "p.as_of_date", "op": "is_latest"},
      "order": [{"by": "sector"}, {"by": "market_value", "direction": "desc"}],
      "limit": 1000,
      "indexes": [["sector", "segment"]]
    }
    """

    private static func column(_ text: String) -> SourceColumn {
        let dot = text.firstIndex(of: ".")!
        return SourceColumn(source: String(text[..<dot]), column: String(text[text.index(after: dot)...]))
    }

    private static func ref(_ text: String) -> MartExpression { .column(column(text)) }

    /// A spec of one source whose only interesting part is `json`, spliced in as `key`.
    private func decodePart(_ key: String, _ json: String) throws -> MartSpec {
        try MartSpec.decode(#"{"name": "m", "sources": [{"table": "t"}], "\#(key)": \#(json)}"#)
    }

    @Test func theDocumentedExample() throws {
        let spec = try MartSpec.decode(Self.documentedExample)
        let expected = MartSpec(
            name: "portfolio_exposure",
            sources: [.init(table: "positions", alias: "p"), .init(table: "accounts", alias: "a"),
                      .init(table: "clients", alias: "c"), .init(table: "instruments", alias: "i")],
            joins: [.init(source: "a", kind: .inner, on: [.init(left: Self.column("p.account_id"), right: Self.column("a.account_id"))]),
                    .init(source: "c", kind: .inner, on: [.init(left: Self.column("a.client_id"), right: Self.column("c.client_id"))]),
                    .init(source: "i", kind: .inner, on: [.init(left: Self.column("p.instrument_id"), right: Self.column("i.instrument_id"))])],
            dimensions: [.init(expression: Self.ref("i.sector")), .init(expression: Self.ref("c.segment")), .init(expression: Self.ref("p.currency"))],
            measures: [.init(name: "position_count", aggregate: .countRows(filter: nil)),
                       .init(name: "client_count", aggregate: .aggregate(.countDistinct, Self.ref("c.client_id"), filter: nil)),
                       .init(name: "market_value", aggregate: .aggregate(.sum, Self.ref("p.market_value"), filter: nil))],
            filter: .isLatest(Self.column("p.as_of_date")),
            order: [.init(target: .output("sector")), .init(target: .output("market_value"), descending: true)],
            limit: 1000,
            indexes: [["sector", "segment"]])
        #expect(spec == expected)
    }

    @Test func joinTypeDefaultsToInnerAndLeftIsRead() throws {
        let spec = try MartSpec.decode("""
            {"name": "m", "sources": [{"table": "t"}, {"table": "u"}, {"table": "v"}],
             "joins": [{"source": "u", "on": [{"left": "t.a", "right": "u.a"}]},
                       {"source": "v", "type": "left", "on": [{"left": "u.b", "right": "v.b"}, {"left": "t.c", "right": "v.c"}]}]}
            """)
        #expect(spec.joins.map(\.kind) == [.inner, .left])
        #expect(spec.joins[1].on.count == 2)
        #expect(spec.joins[1].on[1].right == SourceColumn(source: "v", column: "c"))
    }

    @Test func dimensionsOfEveryDocumentedShape() throws {
        let spec = try decodePart("dimensions", """
            [{"column": "o.side"},
             {"column": "o.side", "as": "order_side"},
             {"transform": "date_trunc", "unit": "month", "args": [{"column": "o.created_at"}], "as": "month"},
             {"transform": "round", "args": [{"column": "p.weight_pct"}], "digits": 1, "as": "weight"},
             {"transform": "extract", "field": "day_of_week", "args": [{"column": "o.created_at"}], "as": "weekday"},
             {"transform": "bucket", "width": 2.5, "args": [{"column": "o.quantity"}], "as": "size"},
             {"transform": "concat", "args": [{"column": "c.legal_name"}, {"value": " / "}, {"transform": "lower", "args": [{"column": "c.email"}]}], "as": "who"},
             {"value": 10, "as": "ten"}]
            """)
        #expect(spec.dimensions == [
            .init(expression: Self.ref("o.side")),
            .init(expression: Self.ref("o.side"), alias: "order_side"),
            .init(expression: .transform(.init(function: .dateTrunc, arguments: [Self.ref("o.created_at")], unit: .month)), alias: "month"),
            .init(expression: .transform(.init(function: .round, arguments: [Self.ref("p.weight_pct")], digits: 1)), alias: "weight"),
            .init(expression: .transform(.init(function: .extract, arguments: [Self.ref("o.created_at")], field: .dayOfWeek)), alias: "weekday"),
            .init(expression: .transform(.init(function: .bucket, arguments: [Self.ref("o.quantity")], width: 2.5)), alias: "size"),
            .init(expression: .transform(.init(function: .concat, arguments: [
                Self.ref("c.legal_name"), .literal(.string(" / ")),
                .transform(.init(function: .lower, arguments: [Self.ref("c.email")])),
            ])), alias: "who"),
            .init(expression: .literal(.integer(10)), alias: "ten"),
        ])
    }

    @Test func measuresOfEveryDocumentedShape() throws {
        let spec = try decodePart("measures", """
            [{"name": "market_value", "function": "sum", "column": "p.market_value"},
             {"name": "position_count", "function": "count"},
             {"name": "priced", "function": "count", "column": "p.market_price"},
             {"name": "flagged_orders", "function": "count_distinct", "column": "o.order_id",
              "filter": {"column": "o.compliance_check", "op": "in", "values": ["FLAGGED", "BLOCKED"]}},
             {"name": "fill_rate_pct", "function": "safe_ratio", "scale": 100,
              "numerator": {"function": "sum", "column": "e.fill_quantity"},
              "denominator": {"function": "sum", "column": "o.quantity"}},
             {"name": "ratio", "function": "safe_ratio",
              "numerator": {"function": "count", "filter": {"column": "o.side", "op": "=", "value": "BUY"}},
              "denominator": {"function": "count"}},
             {"name": "first_month", "function": "min", "expression": {"transform": "date_trunc", "unit": "month", "args": [{"column": "o.created_at"}]}},
             {"name": "avg_px", "function": "avg", "column": "e.fill_price"},
             {"name": "top_px", "function": "max", "column": "e.fill_price"}]
            """)
        let compliance = MartPredicate.inList(Self.ref("o.compliance_check"), [.string("FLAGGED"), .string("BLOCKED")])
        #expect(spec.measures == [
            .init(name: "market_value", aggregate: .aggregate(.sum, Self.ref("p.market_value"), filter: nil)),
            .init(name: "position_count", aggregate: .countRows(filter: nil)),
            .init(name: "priced", aggregate: .aggregate(.count, Self.ref("p.market_price"), filter: nil)),
            .init(name: "flagged_orders", aggregate: .aggregate(.countDistinct, Self.ref("o.order_id"), filter: compliance)),
            .init(name: "fill_rate_pct", aggregate: .safeRatio(numerator: .aggregate(.sum, Self.ref("e.fill_quantity"), filter: nil),
                                                               denominator: .aggregate(.sum, Self.ref("o.quantity"), filter: nil), scale: 100)),
            .init(name: "ratio", aggregate: .safeRatio(numerator: .countRows(filter: .comparison(Self.ref("o.side"), .equal, .string("BUY"))),
                                                       denominator: .countRows(filter: nil), scale: 1)),
            .init(name: "first_month", aggregate: .aggregate(.min, .transform(.init(function: .dateTrunc, arguments: [Self.ref("o.created_at")], unit: .month)), filter: nil)),
            .init(name: "avg_px", aggregate: .aggregate(.avg, Self.ref("e.fill_price"), filter: nil)),
            .init(name: "top_px", aggregate: .aggregate(.max, Self.ref("e.fill_price"), filter: nil)),
        ])
    }

    @Test func conditionsOfEveryDocumentedShape() throws {
        let spec = try decodePart("filter", """
            {"and": [
              {"column": "r.utilization_pct", "op": ">=", "value": 80},
              {"column": "al.status", "op": "in", "values": ["open", "escalated"]},
              {"column": "p.quantity", "op": "between", "values": [10, 100.5]},
              {"column": "i.maturity_date", "op": "is_null"},
              {"column": "i.coupon_rate", "op": "is_not_null"},
              {"column": "i.name", "op": "like", "value": "Swiss%"},
              {"column": "p.as_of_date", "op": "is_latest"},
              {"or": [{"column": "o.side", "op": "<>", "value": "SELL"}, {"not": {"column": "o.is_test", "op": "=", "value": true}}]},
              {"expression": {"transform": "lower", "args": [{"column": "c.segment"}]}, "op": "<", "value": "m"},
              {"column": "x.a", "op": "<=", "value": -1.25}, {"column": "x.b", "op": ">", "value": 0}, {"column": "x.c", "op": "=", "value": "2024-01-31"}
            ]}
            """)
        #expect(spec.filter == .and([
            .comparison(Self.ref("r.utilization_pct"), .greaterOrEqual, .integer(80)),
            .inList(Self.ref("al.status"), [.string("open"), .string("escalated")]),
            .between(Self.ref("p.quantity"), .integer(10), .double(100.5)),
            .isNull(Self.ref("i.maturity_date")),
            .isNotNull(Self.ref("i.coupon_rate")),
            .like(Self.ref("i.name"), pattern: "Swiss%"),
            .isLatest(Self.column("p.as_of_date")),
            .or([.comparison(Self.ref("o.side"), .notEqual, .string("SELL")), .not(.comparison(Self.ref("o.is_test"), .equal, .boolean(true)))]),
            .comparison(.transform(.init(function: .lower, arguments: [Self.ref("c.segment")])), .less, .string("m")),
            .comparison(Self.ref("x.a"), .lessOrEqual, .double(-1.25)),
            .comparison(Self.ref("x.b"), .greater, .integer(0)),
            .comparison(Self.ref("x.c"), .equal, .string("2024-01-31")),
        ]))
    }

    @Test func rowPolicyAndDescriptionAreRead() throws {
        let spec = try MartSpec.decode("""
            {"name": "m", "description": "for the desk", "sources": [{"table": "t"}],
             "row_policy": {"column": "t.desk", "op": "=", "value": "zurich"}}
            """)
        #expect(spec.description == "for the desk")
        #expect(spec.rowPolicy == .comparison(Self.ref("t.desk"), .equal, .string("zurich")))
        #expect(spec.filter == nil)
    }

    @Test func sortKeysByOutputColumnOrExpression() throws {
        let spec = try decodePart("order", """
            [{"by": "sector"}, {"by": "market_value", "direction": "desc"}, {"column": "c.segment", "direction": "asc"},
             {"expression": {"transform": "upper", "args": [{"column": "c.segment"}]}, "direction": "desc"}]
            """)
        #expect(spec.order == [
            .init(target: .output("sector")),
            .init(target: .output("market_value"), descending: true),
            .init(target: .expression(Self.ref("c.segment"))),
            .init(target: .expression(.transform(.init(function: .upper, arguments: [Self.ref("c.segment")]))), descending: true),
        ])
    }

    /// JSON does not tell `10` from `10.0`; both are the integer 10, so a spec reads the same
    /// whichever way a tool wrote it.
    @Test func literalsOfEveryKind() throws {
        let spec = try decodePart("filter", """
            {"column": "t.a", "op": "in", "values": ["x", 10, 10.0, -3, 2.5, true, false, "10", "", "ü😀"]}
            """)
        #expect(spec.filter == .inList(Self.ref("t.a"), [.string("x"), .integer(10), .integer(10), .integer(-3), .double(2.5),
                                                          .boolean(true), .boolean(false), .string("10"), .string(""), .string("ü😀")]))
        let null = try decodePart("dimensions", #"[{"value": null, "as": "nothing"}]"#)
        #expect(null.dimensions == [.init(expression: .literal(.null), alias: "nothing")])
    }

    @Test(arguments: [
        ("p.market_value", "p", "market_value"),
        ("clients.legal_name", "clients", "legal_name"),
        ("a.b.c", "a", "b.c"),
        ("ü.名前", "ü", "名前"),
    ])
    func sourceColumnSplitsAtTheFirstDot(text: String, source: String, column: String) throws {
        #expect(try SourceColumn(parsing: text) == SourceColumn(source: source, column: column))
        #expect(SourceColumn(source: source, column: column).description == text)
    }

    @Test(arguments: ["market_value", "", ".x", "p.", "."])
    func sourceColumnWithoutBothSidesIsAnError(text: String) throws {
        let error = try #require(throws: MartSpecError.self) { try SourceColumn(parsing: text) }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].message.contains(String(reflecting: text)))
        #expect(error.problems[0].message.contains("source.column"))
    }
}
