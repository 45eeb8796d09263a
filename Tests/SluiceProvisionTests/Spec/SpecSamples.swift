import SluiceProvision

/// Specs the format tests share: one that uses every case of every type, built in code.
enum SpecSamples {
    static func column(_ text: String) -> SourceColumn {
        let dot = text.firstIndex(of: ".")!
        return SourceColumn(source: String(text[..<dot]), column: String(text[text.index(after: dot)...]))
    }

    static func ref(_ text: String) -> MartExpression { .column(column(text)) }

    /// Every expression, aggregate, condition, sort key and option at least once, with
    /// literals of every kind (doubles with a fraction: JSON reads whole numbers as integers).
    static let everything = MartSpec(
        name: "every_case_1",
        description: "Kitchen sink: \"quotes\", back\\slash, ünïcode 😀, new\nline",
        sources: [.init(table: "orders", alias: "o"), .init(table: "executions", alias: "e"), .init(table: "instruments")],
        joins: [
            .init(source: "e", kind: .left, on: [.init(left: column("o.order_id"), right: column("e.order_id"))]),
            .init(source: "instruments", on: [.init(left: column("o.instrument_id"), right: column("instruments.instrument_id")),
                                              .init(left: column("o.currency"), right: column("instruments.currency"))]),
        ],
        dimensions: [
            .init(expression: ref("o.side")),
            .init(expression: ref("instruments.sector"), alias: "sector"),
            .init(expression: .transform(.init(function: .dateTrunc, arguments: [ref("o.created_at")], unit: .quarter)), alias: "quarter"),
            .init(expression: .transform(.init(function: .extract, arguments: [ref("o.created_at")], field: .hour)), alias: "hour"),
            .init(expression: .transform(.init(function: .bucket, arguments: [ref("o.quantity")], width: 12.5)), alias: "size"),
            .init(expression: .transform(.init(function: .round, arguments: [ref("e.fill_price")], digits: 2)), alias: "px"),
            .init(expression: .transform(.init(function: .concat, arguments: [
                .transform(.init(function: .trim, arguments: [ref("o.side")])), .literal(.string(" – ")),
                .transform(.init(function: .upper, arguments: [ref("o.status")])),
                .transform(.init(function: .coalesce, arguments: [ref("o.limit_price"), .literal(.double(-0.5))])),
            ])), alias: "label"),
            .init(expression: .transform(.init(function: .lower, arguments: [ref("o.order_type")])), alias: "kind"),
            .init(expression: .literal(.boolean(false)), alias: "flag"),
            .init(expression: .literal(.null), alias: "nothing"),
        ],
        measures: [
            .init(name: "orders", aggregate: .countRows(filter: nil)),
            .init(name: "buys", aggregate: .countRows(filter: .comparison(ref("o.side"), .equal, .string("BUY")))),
            .init(name: "quantity", aggregate: .aggregate(.sum, ref("o.quantity"), filter: .not(.isNull(ref("o.limit_price"))))),
            .init(name: "avg_px", aggregate: .aggregate(.avg, ref("e.fill_price"), filter: nil)),
            .init(name: "first", aggregate: .aggregate(.min, .transform(.init(function: .dateTrunc, arguments: [ref("o.created_at")], unit: .day)), filter: nil)),
            .init(name: "last", aggregate: .aggregate(.max, ref("o.created_at"), filter: nil)),
            .init(name: "fills", aggregate: .aggregate(.count, ref("e.execution_id"), filter: nil)),
            .init(name: "flagged", aggregate: .aggregate(.countDistinct, ref("o.order_id"),
                                                          filter: .inList(ref("o.compliance_check"), [.string("FLAGGED"), .string("BLOCKED")]))),
            .init(name: "fill_rate", aggregate: .safeRatio(numerator: .aggregate(.sum, ref("e.fill_quantity"), filter: nil),
                                                           denominator: .aggregate(.sum, ref("o.quantity"), filter: nil), scale: 100)),
            .init(name: "nested", aggregate: .safeRatio(numerator: .safeRatio(numerator: .countRows(filter: nil), denominator: .countRows(filter: nil), scale: 1),
                                                        denominator: .aggregate(.count, ref("o.order_id"), filter: nil), scale: 0.25)),
        ],
        filter: .and([
            .comparison(ref("o.quantity"), .greaterOrEqual, .integer(10)),
            .comparison(ref("o.quantity"), .less, .double(1e9 + 0.5)),
            .comparison(ref("o.quantity"), .lessOrEqual, .integer(-1)),
            .comparison(ref("o.quantity"), .greater, .double(-2.75)),
            .comparison(ref("o.status"), .notEqual, .string("it's; -- /* x */ \\")),
            .between(ref("o.created_at"), .string("2024-01-01"), .string("2024-12-31 23:59:59.999999")),
            .isNotNull(ref("o.created_at")),
            .like(.transform(.init(function: .lower, arguments: [ref("instruments.name")])), pattern: "swiss_%"),
            .isLatest(column("o.created_at")),
            .or([.comparison(ref("o.is_test"), .equal, .boolean(true)), .not(.inList(ref("o.side"), [.integer(1), .double(2.5), .boolean(false)]))]),
        ]),
        rowPolicy: .comparison(ref("o.desk"), .equal, .string("zürich")),
        order: [.init(target: .output("sector")), .init(target: .output("quantity"), descending: true),
                .init(target: .expression(ref("o.side")), descending: true),
                .init(target: .expression(.transform(.init(function: .lower, arguments: [ref("o.order_type")]))))],
        limit: 500,
        indexes: [["sector", "quarter"], ["label"]])
}
