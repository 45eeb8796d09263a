import Foundation
import SluiceCatalog
import SluiceProvision
import SluiceSearch
import Testing

/// Column-semantics plans over the demo catalog, on recommendations written out by hand:
/// which table's rows the mart has, which tables it leaves out and why, how output names
/// and dates are chosen.
@Suite("column semantics plans")
struct ColumnSemanticsTests {
    /// A recommendation of `columns` (`table.column`, best first) over `tables`, joined by
    /// `joins` (`foreign key`, `key`), with no KPI.
    private static func recommendation(_ question: String, tables: [String], columns: [String], joins: [(String, String)] = [],
                                       catalog: CatalogContents) throws -> Recommendation {
        let recommended = try columns.map { name in
            let column = try #require(catalog.columns.first { $0.qualifiedName == name }, "\(name)")
            return RecommendedColumn(table: column.table, column: column.name, score: 0.7, dataType: column.dataType, reasons: [],
                                     isPII: column.pii.effectiveIsPII, piiKind: column.pii.kind?.rawValue, maskingRule: column.maskingRule)
        }
        let relationships = joins.map { from, to in
            let fromParts = from.split(separator: "."), toParts = to.split(separator: ".")
            return RecommendedRelationship(fromTable: String(fromParts[0]), fromColumn: String(fromParts[1]), toTable: String(toParts[0]),
                                           toColumn: String(toParts[1]), score: 0.5, confidence: 1)
        }
        return Recommendation(
            question: question, answerable: true, message: "found",
            tables: tables.map { RecommendedTable(name: $0, score: 0.7, reasons: [], classification: .internal, rowCount: 1, selected: true) },
            columns: recommended, relationships: relationships,
            joinPlan: JoinPlan(tables: tables, bridgeTables: [], joins: relationships, unreachable: []), governance: .none)
    }

    private static func plan(_ question: String, tables: [String], columns: [String], joins: [(String, String)] = [],
                             catalog: CatalogContents) async throws -> PlannedMart {
        try await DeterministicPlanner().plan(
            question: question, recommendation: try recommendation(question, tables: tables, columns: columns, joins: joins, catalog: catalog),
            catalog: catalog)
    }

    @Test("two tables that both refer to a third are not joined together: the one with more to compute keeps its rows, the other is left out")
    func fanTrapKeepsOneGrain() async throws {
        let catalog = try await DemoLake.contents()
        // Orders and market prices both refer to instruments: joined, every order of an
        // instrument would meet every one of its 30 daily prices.
        let planned = try await Self.plan(
            "Volume, closing price and ordered quantity by asset class",
            tables: ["instruments", "orders", "market_prices"],
            columns: ["orders.quantity", "market_prices.volume", "market_prices.close", "instruments.asset_class"],
            joins: [("orders.instrument_id", "instruments.instrument_id"), ("market_prices.instrument_id", "instruments.instrument_id")],
            catalog: catalog)
        #expect(planned.spec.sources == [MartSource(table: "market_prices", alias: "mp"), MartSource(table: "instruments", alias: "i")])
        #expect(planned.spec.joins == [MartJoin(source: "i", on: [JoinCondition(left: .init(source: "i", column: "instrument_id"),
                                                                                 right: .init(source: "mp", column: "instrument_id"))])])
        #expect(planned.spec.dimensions == [MartDimension(expression: .column(.init(source: "i", column: "asset_class")))])
        #expect(planned.spec.measures == [
            MartMeasure(name: "row_count", aggregate: .countRows(filter: nil)),
            MartMeasure(name: "volume", aggregate: .aggregate(.sum, .column(.init(source: "mp", column: "volume")), filter: nil)),
            MartMeasure(name: "avg_close", aggregate: .aggregate(.avg, .column(.init(source: "mp", column: "close")), filter: nil)),
        ])
        #expect(planned.notes.contains(
            "left out orders: joining it would repeat each market_prices row once per matching orders row (no foreign key leads from market_prices to it), so sums would count rows more than once"),
            "\(planned.notes)")
        _ = try planned.spec.resolve(against: catalog)
    }

    @Test("a column name two tables share is prefixed with its table the second time; PII is never a grouping key")
    func outputNamesAndPII() async throws {
        let catalog = try await DemoLake.contents()
        let planned = try await Self.plan(
            "Market value by position currency, instrument currency and client",
            tables: ["positions", "instruments", "accounts", "clients"],
            columns: ["positions.market_value", "positions.currency", "instruments.currency", "clients.legal_name", "clients.segment"],
            joins: [("positions.instrument_id", "instruments.instrument_id"), ("positions.account_id", "accounts.account_id"),
                    ("accounts.client_id", "clients.client_id")],
            catalog: catalog)
        #expect(planned.spec.sources.map(\.reference) == ["p", "i", "a", "c"])
        #expect(planned.spec.dimensions == [
            MartDimension(expression: .column(.init(source: "p", column: "currency"))),
            MartDimension(expression: .column(.init(source: "i", column: "currency")), alias: "instruments_currency"),
            MartDimension(expression: .column(.init(source: "c", column: "segment"))),
        ])
        #expect(planned.spec.measures.map(\.name) == ["row_count", "market_value"])
        #expect(planned.spec.order == ["currency", "instruments_currency", "segment"].map { MartOrdering(target: .output($0)) })
        #expect(planned.notes.contains("left out clients.legal_name: PII, not a grouping key (it would group masked values)"), "\(planned.notes)")
        #expect(planned.notes.contains("dimension clients.segment: a category with 6 values"), "\(planned.notes)")
        _ = try planned.spec.resolve(against: catalog)
    }

    @Test("a date of few values groups by day, one of many by month; at most four dimensions, the rest noted")
    func datesAndTheDimensionLimit() async throws {
        var catalog = try await DemoLake.contents()
        let opened = try #require(catalog.columns.firstIndex { $0.qualifiedName == "accounts.opened_on" })
        #expect(catalog.columns[opened].profile.distinctCount <= 62)
        let daily = try await Self.plan("Cash by opening day", tables: ["cash_balances", "accounts"],
                                        columns: ["cash_balances.balance", "accounts.opened_on"],
                                        joins: [("cash_balances.account_id", "accounts.account_id")], catalog: catalog)
        #expect(daily.spec.dimensions == [MartDimension(expression: .column(.init(source: "a", column: "opened_on")))])

        // The same column, as a lake of ten years of accounts would profile it.
        catalog.columns[opened].profile.distinctCount = 3_650
        let monthly = try await Self.plan(
            "Cash by opening month, type, status, currency and base currency",
            tables: ["cash_balances", "accounts"],
            columns: ["cash_balances.balance", "accounts.opened_on", "accounts.account_type", "accounts.status", "cash_balances.currency",
                      "accounts.base_currency"],
            joins: [("cash_balances.account_id", "accounts.account_id")], catalog: catalog)
        #expect(monthly.spec.dimensions.first == MartDimension(
            expression: .transform(MartTransform(function: .dateTrunc, arguments: [.column(.init(source: "a", column: "opened_on"))], unit: .month)),
            alias: "opened_on_month"))
        #expect(monthly.spec.dimensions.count == 4)
        #expect(monthly.notes.contains("left out accounts.base_currency: at most 4 dimensions, taken by rank"), "\(monthly.notes)")
        _ = try monthly.spec.resolve(against: catalog)
    }
}
