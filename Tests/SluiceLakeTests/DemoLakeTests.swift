import Foundation
import SluiceTestSupport
import Parquet
import SluiceCore
import Testing
@testable import SluiceLake

/// The lake for seed 42 at scale 1, generated once for all tests that only read it.
private let standardLake = Task { () throws -> (MemoryObjectStore, DemoLakeSummary) in
    let store = MemoryObjectStore()
    let summary = try await DemoLakeGenerator(store: store, options: .init(seed: 42, scale: 1)).generate()
    return (store, summary)
}

private func lake() async throws -> MemoryObjectStore { try await standardLake.value.0 }

private func readTable(_ name: String) async throws -> LakeTable { try await LakeTable.read(name, from: lake()) }

@Suite struct CheckDigitTests {
    @Test func realIdentifiersPassTheIndependentValidators() {
        for isin in ["US0378331005", "CH0012032048", "DE0007164600", "GB0009895292"] {
            #expect(IdentifierValidation.isValidISIN(isin), "\(isin)")
        }
        #expect(!IdentifierValidation.isValidISIN("US0378331006"))
        #expect(IdentifierValidation.isValidIBAN("GB82WEST12345698765432"))
        #expect(IdentifierValidation.isValidIBAN("CH9300762011623852957"))
        #expect(!IdentifierValidation.isValidIBAN("GB83WEST12345698765432"))
        #expect(IdentifierValidation.isValidLEI("5493001KJTIIGC8Y1R12"))
        #expect(!IdentifierValidation.isValidLEI("5493001KJTIIGC8Y1R13"))
        #expect(IdentifierValidation.isValidSEDOL("0263494"))
        #expect(!IdentifierValidation.isValidSEDOL("0263495"))
    }

    @Test func generatorCheckDigitsReproduceRealIdentifiers() {
        #expect(CheckDigits.isin("US037833100") == "US0378331005")
        #expect(CheckDigits.isin("CH001203204") == "CH0012032048")
        #expect(CheckDigits.iban(country: "GB", bban: "WEST12345698765432") == "GB82WEST12345698765432")
        #expect(CheckDigits.iban(country: "CH", bban: "00762011623852957") == "CH9300762011623852957")
        #expect(CheckDigits.lei("5493001KJTIIGC8Y1R") == "5493001KJTIIGC8Y1R12")
        #expect(CheckDigits.sedol("026349") == "0263494")
    }

    @Test func randomBodiesAlwaysValidate() {
        var random = SeededRandom(seed: 7)
        let alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        for _ in 0..<500 {
            #expect(IdentifierValidation.isValidISIN(CheckDigits.isin(random.pick(["CH", "US", "DE", "FR", "GB"]) + random.characters(9, from: alphanumeric))))
            #expect(IdentifierValidation.isValidIBAN(CheckDigits.iban(country: "CH", bban: random.characters(17, from: "0123456789"))))
            #expect(IdentifierValidation.isValidLEI(CheckDigits.lei(random.characters(18, from: alphanumeric))))
            #expect(IdentifierValidation.isValidSEDOL(CheckDigits.sedol(random.characters(6, from: "0123456789BCDFGHJKLMNPQRSTVWXYZ"))))
        }
    }
}

@Suite struct DemoLakeShapeTests {
    @Test func tablesColumnsTypesAndRowCountsFollowTheSpec() async throws {
        let store = try await lake()
        #expect(store.keys == DemoLakeSpec.tables.map { "\($0.name).parquet" }.sorted())
        let summary = try await standardLake.value.1
        #expect(Set(summary.tables.map(\.table)) == Set(DemoLakeSpec.tables.map(\.name)))
        #expect(summary.tables.map(\.table) == DemoTable.all.map(\.name))
        for spec in DemoLakeSpec.tables {
            let data = try await readTable(spec.name)
            let columns = DemoLakeSpec.columns(spec.columns)
            #expect(data.fields.map(\.name) == columns.map(\.0), "\(spec.name) columns")
            #expect(data.fields.map(\.type) == columns.map(\.1), "\(spec.name) types")
            if spec.approximate {
                #expect(abs(data.rowCount - spec.rows) * 10 <= spec.rows, "\(spec.name): \(data.rowCount) rows, spec ~\(spec.rows)")
            } else {
                #expect(data.rowCount == spec.rows, "\(spec.name) rows")
            }
        }
    }

    @Test func everyRelationshipHolds() async throws {
        for (table, column, target, key) in DemoLakeSpec.relationships {
            let keys = Set(try await readTable(target).ints(key))
            let references = try await readTable(table).ints(column)
            #expect(!references.isEmpty, "\(table).\(column) is empty")
            let dangling = Set(references).subtracting(keys)
            #expect(dangling.isEmpty, "\(table).\(column) → \(target).\(key): \(dangling.sorted().prefix(5)) missing")
        }
    }

    @Test func keysAreUnique() async throws {
        for (table, key) in [("exchanges", "exchange_id"), ("instruments", "instrument_id"), ("counterparties", "counterparty_id"),
                             ("clients", "client_id"), ("accounts", "account_id"), ("orders", "order_id"),
                             ("executions", "execution_id"), ("positions", "position_id"), ("risk_limits", "limit_id"),
                             ("compliance_checks", "check_id"), ("aml_alerts", "alert_id")] {
            let values = try await readTable(table).ints(key)
            #expect(Set(values).count == values.count, "\(table).\(key) repeats")
        }
    }

    @Test func classificationIsInTheFileMetadata() async throws {
        let store = try await lake()
        let reader = try await ParquetFileReader.open(InMemoryByteSource(store.bytes("aml_alerts.parquet")!))
        #expect(reader.keyValueMetadata.contains(KeyValue(key: "sluice.classification", value: "restricted")))
    }
}

@Suite struct DemoLakeContentTests {
    @Test func identifiersAreValid() async throws {
        let instruments = try await readTable("instruments")
        #expect(instruments.strings("isin").allSatisfy(IdentifierValidation.isValidISIN))
        #expect(instruments.strings("sedol").allSatisfy(IdentifierValidation.isValidSEDOL))
        #expect(Set(instruments.strings("isin").map { String($0.prefix(2)) }).isSuperset(of: ["CH", "US", "DE", "FR", "GB"]))
        #expect(instruments.strings("isin").contains("US0378331005"))
        #expect(try await readTable("counterparties").strings("lei").allSatisfy(IdentifierValidation.isValidLEI))
        let ibans = try await readTable("accounts").strings("account_number")
        #expect(ibans.allSatisfy(IdentifierValidation.isValidIBAN), "\(ibans.filter { !IdentifierValidation.isValidIBAN($0) })")
        #expect(Set(ibans.map { String($0.prefix(2)) }).isSuperset(of: ["CH", "LU", "DE"]))
        let phones = try await readTable("clients").strings("phone")
        #expect(phones.allSatisfy { $0.wholeMatch(of: /\+[1-9][0-9]{6,14}/) != nil }, "\(phones)")
        let uuids = try await readTable("orders").strings("cl_ord_id")
        #expect(uuids.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil })
        #expect(Set(uuids).count == uuids.count)
    }

    @Test func instrumentsAreRealistic() async throws {
        let instruments = try await readTable("instruments")
        let classes = instruments.strings("asset_class")
        #expect(Set(classes) == ["equity", "government_bond", "corporate_bond", "etf", "structured_product"])
        for row in 0..<instruments.rowCount {
            let isBond = classes[row].hasSuffix("_bond")
            #expect((instruments.optionalDoubles("coupon_rate")[row] != nil) == isBond, "coupon of row \(row)")
            #expect((instruments.values("maturity_date")[row] != nil) == isBond, "maturity of row \(row)")
        }
        let gics: Set = ["Energy", "Materials", "Industrials", "Consumer Discretionary", "Consumer Staples", "Health Care",
                         "Financials", "Information Technology", "Communication Services", "Utilities", "Real Estate"]
        let equitySectors = instruments.rows(where: "asset_class", is: "equity").map { instruments.strings("sector")[$0] }
        #expect(equitySectors.allSatisfy(gics.contains))
    }

    @Test func thePEPsAndClient19() async throws {
        let clients = try await readTable("clients")
        let peps = clients.rows(where: "is_pep", is: true)
        #expect(peps.count == 2)
        let pepNames = peps.map { clients.strings("legal_name")[$0] }
        #expect(pepNames.contains { $0.contains("Whitfield") } && pepNames.contains { $0.contains("Volkov") })
        let whitfield = try #require(clients.rows(where: "legal_name", is: "James Whitfield").first)
        #expect(clients.strings("nationality")[whitfield] == "GB")
        let volkov = try #require(clients.rows(where: "client_id", is: Int64(19)).first)
        #expect(clients.strings("legal_name")[volkov].contains("Volkov"))
        #expect(clients.strings("nationality")[volkov] == "RU")
        #expect(clients.strings("legal_name").contains { $0.unicodeScalars.contains { !$0.isASCII } })
    }

    @Test func volkovsOrdersCarrySanctionsFlags() async throws {
        let accounts = try await readTable("accounts"), orders = try await readTable("orders"), checks = try await readTable("compliance_checks")
        let volkovAccounts = Set(accounts.rows(where: "client_id", is: Int64(19)).map { accounts.ints("account_id")[$0] })
        let volkovOrders = orders.ints("account_id").indices.filter { volkovAccounts.contains(orders.ints("account_id")[$0]) }
        #expect(volkovOrders.count >= 5)
        let flags = Set(volkovOrders.map { orders.strings("compliance_check")[$0] })
        #expect(flags == ["FLAGGED", "BLOCKED"])
        let orderIDs = Set(volkovOrders.map { orders.ints("order_id")[$0] })
        let sanctions = checks.ints("order_id").indices.filter {
            orderIDs.contains(checks.ints("order_id")[$0]) && checks.strings("check_type")[$0] == "sanctions"
        }
        #expect(sanctions.count == orderIDs.count)
        #expect(sanctions.allSatisfy { checks.strings("result")[$0] == "fail" })
        // Nobody else fails sanctions screening.
        #expect(checks.strings("check_type").indices.filter { checks.strings("check_type")[$0] == "sanctions" && checks.strings("result")[$0] == "fail" }.count == sanctions.count)
        let blocked = volkovOrders.filter { orders.strings("compliance_check")[$0] == "BLOCKED" }
        #expect(blocked.allSatisfy { orders.strings("status")[$0] == "REJECTED" })
    }

    @Test func amlAlertsFallOnTheHighRiskClients() async throws {
        let alerts = try await readTable("aml_alerts"), clients = try await readTable("clients")
        let names = Dictionary(uniqueKeysWithValues: zip(clients.ints("client_id"), clients.strings("legal_name")))
        let alerted = Set(alerts.ints("client_id").map { names[$0]! })
        #expect(alerted == ["Dmitri Volkov", "Khalid Al Rashid", "James Whitfield", "Isabella Oliveira", "Amélie Lefèvre"])
        #expect(alerts.strings("narrative").contains { $0.contains("Lefèvre") })
    }

    @Test func accountsPerSegment() async throws {
        let clients = try await readTable("clients"), accounts = try await readTable("accounts")
        let expected = ["uhnwi": 3, "institutional": 3, "hnwi": 2, "corporate": 2, "affluent": 2, "retail": 1]
        var held: [Int64: Int] = [:]
        for client in accounts.ints("client_id") { held[client, default: 0] += 1 }
        for row in 0..<clients.rowCount {
            let segment = clients.strings("segment")[row]
            #expect(held[clients.ints("client_id")[row]] == expected[segment], "client \(clients.ints("client_id")[row]) (\(segment))")
        }
        #expect(Set(clients.strings("segment")) == Set(expected.keys))
        #expect(Set(accounts.strings("status")) == ["active", "dormant", "closed"])
        #expect(Set(accounts.strings("account_type")) == ["custody", "cash", "margin", "pension"])
    }

    @Test func executionsAddUpAndSettleTPlus2() async throws {
        let orders = try await readTable("orders"), executions = try await readTable("executions")
        var filled: [Int64: Double] = [:], fills: [Int64: Int] = [:]
        for (order, quantity) in zip(executions.ints("order_id"), executions.doubles("fill_quantity")) {
            filled[order, default: 0] += quantity
            fills[order, default: 0] += 1
        }
        for row in 0..<orders.rowCount {
            let id = orders.ints("order_id")[row], quantity = orders.doubles("quantity")[row]
            switch orders.strings("status")[row] {
            case "FILLED": #expect(filled[id] == quantity, "order \(id)")
            case "PARTIALLY_FILLED": #expect((filled[id] ?? 0) > 0 && filled[id]! < quantity, "order \(id)")
            default: #expect(filled[id] == nil, "order \(id) has fills but is \(orders.strings("status")[row])")
            }
            #expect((orders.optionalDoubles("limit_price")[row] == nil) == (orders.strings("order_type")[row] == "MARKET"))
        }
        #expect(fills.values.filter { $0 >= 3 }.count >= 10, "large orders fill in several executions")
        for (executed, settlement) in zip(executions.ints("executed_at"), executions.ints("settlement_date")) {
            let tradeDay = Int(executed / 86_400_000_000)
            #expect(DemoCalendar.isBusinessDay(tradeDay))
            #expect(Int(settlement) == DemoCalendar.addingBusinessDays(2, to: tradeDay))
        }
        // Spot checks of the business-day arithmetic itself: Thursday → Monday, Friday → Tuesday.
        let thursday = DemoCalendar.day(year: 2026, month: 10, day: 29)
        #expect(DemoCalendar.addingBusinessDays(2, to: thursday) == DemoCalendar.day(year: 2026, month: 11, day: 2))
        #expect(DemoCalendar.addingBusinessDays(2, to: thursday + 1) == DemoCalendar.day(year: 2026, month: 11, day: 3))
    }

    @Test func marketPricesCover30TradingDays() async throws {
        let prices = try await readTable("market_prices")
        let days = Set(prices.int("price_date"))
        #expect(days.count == 30)
        #expect(days.allSatisfy(DemoCalendar.isBusinessDay))
        #expect(days.max() == DemoCalendar.day(year: 2026, month: 10, day: 30))
        for row in 0..<prices.rowCount {
            let low = prices.doubles("low")[row], high = prices.doubles("high")[row]
            #expect(low > 0 && low <= prices.doubles("open")[row] && low <= prices.doubles("close")[row])
            #expect(high >= prices.doubles("open")[row] && high >= prices.doubles("close")[row])
        }
    }

    @Test func riskLimitsShowWarningsAndBreaches() async throws {
        let limits = try await readTable("risk_limits")
        let utilisation = limits.doubles("utilization_pct")
        #expect(utilisation.filter { $0 > 80 }.count >= 5)
        for (value, status) in zip(utilisation, limits.strings("breach_status")) {
            #expect(status == (value > 100 ? "breach" : value >= 80 ? "warning" : "ok"))
        }
        let breached = Set(limits.rows(where: "breach_status", is: "breach").map { limits.ints("client_id")[$0] })
        #expect(breached.isSuperset(of: [19, 11]))
    }

    @Test func positionsArePricedAtTheLastClose() async throws {
        let positions = try await readTable("positions"), prices = try await readTable("market_prices")
        let asOf = Int64(DemoCalendar.asOfDay)
        var close: [Int64: Double] = [:]
        for row in prices.rows(where: "price_date", is: asOf) { close[prices.ints("instrument_id")[row]] = prices.doubles("close")[row] }
        for row in 0..<positions.rowCount {
            #expect(positions.doubles("market_price")[row] == close[positions.ints("instrument_id")[row]])
        }
        var weights: [Int64: Double] = [:]
        for (account, weight) in zip(positions.ints("account_id"), positions.doubles("weight_pct")) { weights[account, default: 0] += weight }
        #expect(weights.values.allSatisfy { abs($0 - 100) < 0.1 })
    }
}

@Suite struct DemoLakeDeterminismTests {
    @Test func sameSeedGivesIdenticalBytes() async throws {
        let first = try await lake()
        let second = MemoryObjectStore()
        _ = try await DemoLakeGenerator(store: second, options: .init(seed: 42)).generate()
        #expect(first.keys == second.keys)
        for key in first.keys { #expect(first.bytes(key) == second.bytes(key), "\(key) differs between runs") }
        let other = MemoryObjectStore()
        _ = try await DemoLakeGenerator(store: other, options: .init(seed: 7)).generate()
        #expect(other.bytes("orders.parquet") != first.bytes("orders.parquet"))
    }

    /// SHA-256 of every file for seed 42, pinned: a change here changes the demo data
    /// (or the Parquet writer's output) and must be deliberate.
    @Test func seed42FilesHaveThePinnedHashes() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await lake().save(to: folder)
        let output = try Python.run("""
            import hashlib, os, sys
            root = sys.argv[1]
            for name in sorted(os.listdir(root)):
                print(name, hashlib.sha256(open(os.path.join(root, name), 'rb').read()).hexdigest())
            """, arguments: [folder.path])
        let hashes = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(hashes == Self.pinned, "\(hashes)")
    }

    static let pinned = [
        "accounts.parquet 96ad9f874ef069245688808dc022c47ee38d0b2e65646c4d536fa276bded4dc0",
        "aml_alerts.parquet 3f84dfdbce8224784fd992e4b38a682b766df839982b5d4495f383e78b96748e",
        "cash_balances.parquet 1fdb26b0d628bdfa57bb147fe7a5ba898dab4030133f937eb1ecff5da907260f",
        "clients.parquet ffa429e15806d0fbe589f84b3a5d1579f1393838ab16da67ee5954207461b4b7",
        "compliance_checks.parquet 2251ff00b86d2999c8d737290c602146897851513286e90806f2235ea3256ce4",
        "counterparties.parquet 1efb39bb68ad59c14c21539fefbbfedbd2ba0b0f3dd20e5e61b4e72929a024f7",
        "exchanges.parquet 1354b9ea51256ba35d7810a11098728ed41fae1c3e2dee42384a97d3a87b1ff1",
        "executions.parquet c682e3741cb91ef7d1b7536fdc7a993300ad51d3a085d5f9e059d0f276398a4c",
        "instruments.parquet e322336d800b07eb262b4661f5b6084cf4906ace46caa342b7ffe348f452f8c8",
        "market_prices.parquet 8d1dd0ec297125dff2885791b234ab0eefc76f54df5076e4bda4f12fb5c6f47e",
        "orders.parquet f8eed1c31f32a71d12bf1736b2465723fa7cb12ff8f11e05bc9be4b0a6c3c419",
        "positions.parquet b2d0726308cd45b590c38eb8455c91bff53e9ebed2702dc545cc1c358c3d56d6",
        "risk_limits.parquet 453264bc269651176fb64e0c1da91598e197907e9755cee7d4d2b2b33eb160ab",
        "risk_metrics.parquet d6343e89b2ee56b86bd85fee5677f934f080a4472c398b0ea91d574148ed809a",
    ]

    @Test func scaleSplitsIntoPartsAndRerunsRemoveStaleFiles() async throws {
        let store = MemoryObjectStore()
        let split = try await DemoLakeGenerator(store: store, options: .init(seed: 42, scale: 2, rowsPerFile: 800, batchRows: 300)).generate()
        let orders = try #require(split.tables.first { $0.table == "orders" })
        #expect(orders.rows == 1_030)
        #expect(orders.files == ["orders/part-00000.parquet", "orders/part-00001.parquet"])
        let read = try await LakeTable.read("orders", from: store)
        #expect(read.rowCount == 1_030)
        #expect(read.rowsPerFile == [800, 230])
        #expect(read.ints("order_id") == (1...1_030).map(Int64.init))
        let clients = try await LakeTable.read("clients", from: store)
        #expect(clients.rowCount == 50)
        // Relationships hold across part files too.
        let accountIDs = Set(try await LakeTable.read("accounts", from: store).ints("account_id"))
        #expect(Set(read.ints("account_id")).isSubset(of: accountIDs))

        store.store("orders/part-00007.parquet", [1, 2, 3]) // left over from some older, larger run
        _ = try await DemoLakeGenerator(store: store, options: .init(seed: 42, scale: 2)).generate()
        #expect(store.keys.filter { $0.contains("/") }.isEmpty, "\(store.keys)")
        #expect(store.keys.contains("orders.parquet"))
    }

    /// A sink failure mid-run surfaces as the error and leaves the previous file in place.
    @Test func aFailedWriteKeepsThePreviousFile() async throws {
        let store = MemoryObjectStore()
        _ = try await DemoLakeGenerator(store: store, options: .init(seed: 42)).generate()
        let before = try #require(store.bytes("executions.parquet"))
        let failing = FailingStore(base: store, failingKey: "executions.parquet")
        await #expect(throws: FailingStore.Failure.self) {
            _ = try await DemoLakeGenerator(store: failing, options: .init(seed: 7)).generate()
        }
        #expect(store.bytes("executions.parquet") == before)
        #expect(store.bytes("aml_alerts.parquet") != nil)
    }

    @Test func progressIsReportedUpToTheTotal() async throws {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var events: [DemoLakeProgress] = []
        }
        let log = Log()
        let summary = try await DemoLakeGenerator(store: MemoryObjectStore(), options: .init(seed: 42, batchRows: 100))
            .generate { progress in log.lock.withLock { log.events.append(progress) } }
        let events = log.lock.withLock { log.events }
        #expect(events.count > 14)
        #expect(events.last?.totalRows == summary.rows)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.totalRows < $1.totalRows })
    }
}

@Suite struct DemoLakePyarrowTests {
    /// pyarrow reads every file, with the same types and values as our reader.
    @Test func pyarrowReadsTheSameValues() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await lake().save(to: folder)
        let output = try Python.run("""
            import json, os, sys
            import pyarrow as pa, pyarrow.compute as pc, pyarrow.parquet as pq
            root = sys.argv[1]
            result = {}
            for name in sorted(os.listdir(root)):
                table = pq.read_table(os.path.join(root, name))
                columns = {}
                for field in table.schema:
                    column = table.column(field.name)
                    if pa.types.is_timestamp(field.type):
                        column = pc.cast(column, pa.int64())
                    elif pa.types.is_date32(field.type):
                        column = pc.cast(column, pa.int32())
                    values = column.to_pylist()
                    if pa.types.is_floating(field.type):
                        values = [None if v is None else v.hex() for v in values]
                    columns[field.name] = values
                result[name[:-len('.parquet')]] = {'types': [str(f.type) for f in table.schema], 'columns': columns}
            print(json.dumps(result, ensure_ascii=False))
            """, arguments: [folder.path])
        let tables = try #require(try JSONSerialization.jsonObject(with: output) as? [String: [String: Any]])
        #expect(tables.count == 14)
        for spec in DemoLakeSpec.tables {
            let ours = try await readTable(spec.name)
            let theirs = try #require(tables[spec.name])
            let types = try #require(theirs["types"] as? [String])
            #expect(types == ours.fields.map { Self.arrowType($0.type) }, "\(spec.name) types")
            let columns = try #require(theirs["columns"] as? [String: [Any]])
            for field in ours.fields {
                let expected = ours.values(field.name)
                let actual = try #require(columns[field.name])
                #expect(actual.count == expected.count)
                let mismatches = zip(expected, actual).enumerated().filter { !Self.same($0.element.0, $0.element.1) }
                #expect(mismatches.isEmpty, "\(spec.name).\(field.name): first mismatch at row \(mismatches.first?.offset ?? -1)")
            }
        }
    }

    /// What `sluice parquet cat --json` prints for every table equals pyarrow's reading,
    /// rendered by the independent reference script `Tests/tools/pyarrow_rows.py`.
    @Test func catJSONMatchesPyarrowRows() async throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await lake().save(to: folder)
        for spec in DemoLakeSpec.tables {
            let path = folder.appendingPathComponent("\(spec.name).parquet").path
            let output = try Python.runTool("pyarrow_rows.py", arguments: [path])
            let expected = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
            let reader = try await ParquetFileReader.open(path: path)
            var actual: [String] = []
            for group in 0..<reader.rowGroupCount {
                let columns = try await reader.readRowGroup(group)
                for row in 0..<(columns.first?.rowCount ?? 0) { actual.append(columns.jsonRow(row)) }
            }
            #expect(actual.count == expected.count, "\(spec.name): \(actual.count) rows, pyarrow \(expected.count)")
            for (row, (ours, theirs)) in zip(actual, expected).enumerated() {
                let a = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? NSDictionary
                let b = try JSONSerialization.jsonObject(with: Data(theirs.utf8)) as? NSDictionary
                if a != b {
                    Issue.record("\(spec.name) row \(row):\n  sluice  \(ours)\n  pyarrow \(theirs)")
                    break
                }
            }
        }
    }

    static func arrowType(_ type: DataType) -> String {
        switch type {
        case .int32: "int32"
        case .int64: "int64"
        case .float64: "double"
        case .string: "string"
        case .boolean: "bool"
        case .date: "date32[day]"
        case .timestamp(.micros, utc: true): "timestamp[us, tz=UTC]"
        default: "\(type)"
        }
    }

    static func same(_ ours: Any?, _ theirs: Any) -> Bool {
        switch ours {
        case nil: theirs is NSNull
        case let value as Int64: (theirs as? NSNumber)?.int64Value == value
        case let value as Double: (theirs as? String).flatMap(Double.init) == value
        case let value as Bool: (theirs as? NSNumber)?.boolValue == value && !(theirs is String)
        case let value as String: (theirs as? String) == value
        default: false
        }
    }
}
