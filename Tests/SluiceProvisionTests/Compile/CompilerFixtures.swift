import Crypto
import Foundation
import GRDB
import SluiceCatalog
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// A small bank catalog written out by hand, with rows whose raw PII strings the tests know,
/// and a runner that stages those rows in an in-memory SQLite (masking functions registered)
/// and executes a compiled mart's statement there.
enum BankFixture {
    struct Column {
        var name: String
        var type: String
        var rule: MaskingRule? = nil
        /// PII after review; a rule implies it unless `pii` says otherwise.
        var pii: Bool? = nil
        var kind: PIIKind? = nil
    }

    static let tables: [(name: String, level: Classification, columns: [Column])] = [
        ("clients", .internal, [
            Column(name: "client_id", type: "int32"),
            Column(name: "legal_name", type: "string", rule: .maskName, kind: .personName),
            Column(name: "email", type: "string", rule: .maskEmail, kind: .email),
            Column(name: "phone", type: "string", rule: .hash, kind: .phone),
            Column(name: "segment", type: "string"),
            // PII by review, but the catalog has no rule for it: masked with null.
            Column(name: "nickname", type: "string", pii: true, kind: .personName),
            // A text mask on a real number: masked with null instead.
            Column(name: "net_worth", type: "float64", rule: .maskAccount),
            Column(name: "onboarded_on", type: "date"),
        ]),
        ("accounts", .internal, [
            Column(name: "account_id", type: "int32"),
            Column(name: "client_id", type: "int32"),
            Column(name: "iban", type: "string", rule: .maskAccount, kind: .iban),
            Column(name: "balance", type: "float64"),
            Column(name: "opened_at", type: "timestamp(micros, UTC)"),
            Column(name: "contact_phone", type: "string", rule: .hash, kind: .phone),
        ]),
        ("trades", .confidential, [
            Column(name: "trade_id", type: "int64"),
            Column(name: "account_id", type: "int32"),
            Column(name: "quantity", type: "int64"),
            Column(name: "price", type: "float64"),
            Column(name: "trader", type: "string", rule: .maskName, kind: .personName),
        ]),
        ("alerts", .restricted, [
            Column(name: "alert_id", type: "int32"),
            Column(name: "client_id", type: "int32"),
            Column(name: "assigned_to", type: "string", rule: .maskName, kind: .personName),
        ]),
    ]

    static var rows: [String: [[String: (any DatabaseValueConvertible)?]]] { [
        "clients": [
            ["client_id": 1, "legal_name": "Anna Muster", "email": "anna@bank.ch", "phone": "+41791234567", "segment": "retail",
             "nickname": "Nana", "net_worth": 1_500_000.5, "onboarded_on": "2020-01-15"],
            ["client_id": 2, "legal_name": "Alex Mahler", "email": "alex.m@bank.ch", "phone": "+41797654321", "segment": "retail",
             "nickname": "Lexi", "net_worth": 2_500_000.25, "onboarded_on": "2021-06-30"],
            ["client_id": 3, "legal_name": "Dr. Elena Brunner", "email": "elena.brunner@example.ch", "phone": "+41790000001", "segment": "hnwi",
             "nickname": nil, "net_worth": 9_000_000.75, "onboarded_on": "2019-03-01"],
            ["client_id": 4, "legal_name": "Lefèvre", "email": nil, "phone": nil, "segment": "uhnwi",
             "nickname": "Léfou", "net_worth": nil, "onboarded_on": "2022-12-31"],
        ],
        "accounts": [
            ["account_id": 10, "client_id": 1, "iban": "CH9300762011623852957", "balance": 100.0, "opened_at": "2020-01-20 09:30:00.000000", "contact_phone": "+41791234567"],
            ["account_id": 11, "client_id": 1, "iban": "CH5604835012345678009", "balance": 50.5, "opened_at": "2020-02-01 17:05:12.250000", "contact_phone": "+41791234567"],
            ["account_id": 12, "client_id": 2, "iban": "DE89370400440532013000", "balance": 2000.0, "opened_at": "2021-07-01 08:00:00.000000", "contact_phone": "+41797654321"],
            ["account_id": 13, "client_id": 3, "iban": "CH9300010001", "balance": 750.25, "opened_at": "2019-03-05 12:00:00.000000", "contact_phone": nil],
        ],
        "trades": [
            ["trade_id": 100, "account_id": 10, "quantity": 5, "price": 10.5, "trader": "Marc Keller"],
            ["trade_id": 101, "account_id": 10, "quantity": 7, "price": 11.0, "trader": "Marc Keller"],
            ["trade_id": 102, "account_id": 12, "quantity": 3, "price": 99.0, "trader": "Mona Kunz"],
        ],
        "alerts": [
            ["alert_id": 1, "client_id": 3, "assigned_to": "Sophie Martin"],
        ],
    ] }

    /// The raw PII strings of the rows, which no reader without the PII privilege may see,
    /// whole or inside another value.
    static let rawPII: [String] = [
        "Anna Muster", "Alex Mahler", "Dr. Elena Brunner", "Lefèvre", "anna@bank.ch", "alex.m@bank.ch", "elena.brunner@example.ch",
        "+41791234567", "+41797654321", "+41790000001", "Nana", "Lexi", "Léfou",
        "CH9300762011623852957", "CH5604835012345678009", "DE89370400440532013000", "CH9300010001",
        "Marc Keller", "Mona Kunz", "Sophie Martin",
    ]
    static let rawNetWorths: [Double] = [1_500_000.5, 2_500_000.25, 9_000_000.75]

    static let catalog: CatalogContents = {
        let profile = ColumnProfile(rowCount: 4, profiledRows: 4, nullCount: 0, distinctCount: 4, distinctMethod: .exact)
        var tableList: [TableMetadata] = [], columnList: [ColumnMetadata] = []
        for table in tables {
            tableList.append(TableMetadata(
                name: table.name, lakePath: "\(table.name).parquet", lakeURI: "file:///bank/lake", format: "parquet",
                rowCount: rows[table.name]?.count ?? 0, fileSize: 1000,
                objects: [LakeObjectRef(key: "\(table.name).parquet", size: 1000, etag: "etag-\(table.name)")],
                contentHash: "hash-\(table.name)", classification: table.level, classificationSource: .annotation,
                scannedAt: Date(timeIntervalSince1970: 1_700_000_000)))
            for (position, column) in table.columns.enumerated() {
                let isPII = column.pii ?? (column.rule != nil)
                let verdict = isPII
                    ? PIIVerdict(isPII: true, kind: column.kind, score: 1, matchedFraction: 1, reason: "fixture", status: .confirmed)
                    : PIIVerdict.notPII
                columnList.append(ColumnMetadata(table: table.name, name: column.name, position: position, dataType: column.type,
                                                 isNullable: true, profile: profile, pii: verdict, maskingRule: column.rule))
            }
        }
        return CatalogContents(tables: tableList, columns: columnList)
    }()

    static let analyst = Requester(user: "maria.chen", role: .biAnalyst)
    static let riskManager = Requester(user: "thomas.weber", role: .riskManager)
    static let officer = Requester(user: "sophie.martin", role: .complianceOfficer)
    static let hashKey = Data("fixture-pseudonym-key-0123456789".utf8)

    static func compiler(keyAvailable: Bool = true) -> MartCompiler {
        MartCompiler(dialect: SQLiteDialect(), pseudonymKeyAvailable: keyAvailable)
    }

    static func compile(_ json: String, as requester: Requester, keyAvailable: Bool = true, catalog: CatalogContents = catalog) throws -> CompiledMart {
        try compiler(keyAvailable: keyAvailable).compile(try MartSpec.decode(json), catalog: catalog, requester: requester, stagingPrefix: "t1")
    }

    /// The keyed pseudonym of `text`, computed here with HMAC-SHA256 directly.
    static func pseudonym(_ text: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: hashKey))
        return code.prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}

/// A compiled mart's statement, run against staged fixture rows.
struct MartRun {
    var columns: [String]
    var rows: [[DatabaseValue]]

    /// Stages `rows` (each source table's rows, only the staged columns) and runs the statement
    /// as ONE prepared statement with the compiled parameters.
    init(_ compiled: CompiledMart, rows: [String: [[String: (any DatabaseValueConvertible)?]]] = BankFixture.rows) throws {
        var configuration = Configuration()
        let key = BankFixture.hashKey
        configuration.prepareDatabase { db in
            MaskingSQLFunctions.register(in: db, pseudonymKey: SymmetricKey(data: key))
            try db.execute(sql: "ATTACH DATABASE ':memory:' AS lake")
        }
        let database = try DatabaseQueue(configuration: configuration)
        (columns, self.rows) = try database.write { db in
            for table in compiled.staging {
                let definitions = table.columns.map { "\(Self.quote($0.name)) \(Self.sqlType($0.type))" }.joined(separator: ", ")
                try db.execute(sql: "CREATE TABLE lake.\(Self.quote(table.stagedName)) (\(definitions))")
                let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                for row in rows[table.sourceTable] ?? [] {
                    let values = table.columns.map { row[$0.name] ?? nil }
                    try db.execute(sql: "INSERT INTO lake.\(Self.quote(table.stagedName)) VALUES (\(placeholders))", arguments: StatementArguments(values))
                }
            }
            // makeStatement refuses text holding more than one statement.
            let statement = try db.makeStatement(sql: compiled.selectSQL)
            statement.arguments = StatementArguments(compiled.parameters.map(Self.value))
            let fetched = try Row.fetchAll(statement).map { row in Array(row.databaseValues) }
            return (statement.columnNames, fetched)
        }
    }

    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func sqlType(_ type: StagedColumnType) -> String {
        switch type {
        case .integer, .boolean: "INTEGER"
        case .real: "REAL"
        case .text, .date, .timestamp: "TEXT"
        case .blob: "BLOB"
        }
    }

    static func value(_ literal: MartLiteral) -> DatabaseValue {
        switch literal {
        case let .string(text): text.databaseValue
        case let .integer(value): value.databaseValue
        case let .double(value): value.databaseValue
        case let .boolean(value): value.databaseValue
        case .null: .null
        }
    }

    /// The column named `name`, as values.
    func column(_ name: String) throws -> [DatabaseValue] {
        let index = try #require(columns.firstIndex(of: name), "no column \(name) in \(columns)")
        return rows.map { $0[index] }
    }

    func strings(_ name: String) throws -> [String?] {
        try column(name).map { String.fromDatabaseValue($0) }
    }

    /// Every text cell, for the leak checks.
    var texts: [String] { rows.flatMap { $0.compactMap { String.fromDatabaseValue($0) } } }

    /// Fails the test for every raw PII string (or raw net worth) found in any cell.
    func expectNoRawPII(sourceLocation: SourceLocation = #_sourceLocation) {
        for cell in texts {
            for raw in BankFixture.rawPII where cell.contains(raw) {
                Issue.record("raw PII \(String(reflecting: raw)) in result cell \(String(reflecting: cell))", sourceLocation: sourceLocation)
            }
        }
        for row in rows {
            for cell in row {
                if let number = Double.fromDatabaseValue(cell), BankFixture.rawNetWorths.contains(number) {
                    Issue.record("raw net worth \(number) in a result cell", sourceLocation: sourceLocation)
                }
            }
        }
    }
}
