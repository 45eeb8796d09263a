import Crypto
import Foundation
import GRDB
import SluiceGovernance
import SluiceProvision
import SluiceSQLite
import SluiceTestSupport
import Testing

/// The SQLite dialect's parts, run in a real SQLite with the warehouse's masking functions,
/// against values written out by hand (and, for date truncation, Python's `datetime`).
@Suite struct SQLiteDialectTests {
    private let dialect = SQLiteDialect()

    private func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        let key = MaskingCases.hashKey
        configuration.prepareDatabase { db in
            MaskingSQLFunctions.register(in: db, pseudonymKey: SymmetricKey(data: key))
        }
        return try DatabaseQueue(configuration: configuration)
    }

    /// `SELECT <sql>` with `arguments` bound to the numbered placeholders.
    private func value(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) throws -> DatabaseValue {
        try database().read { db in
            try DatabaseValue.fetchOne(db, sql: "SELECT \(sql)", arguments: StatementArguments(arguments)) ?? .null
        }
    }

    @Test func quotesIdentifiersSoAnyTextIsOneName() throws {
        #expect(dialect.quote("sector") == #""sector""#)
        #expect(dialect.quote(#"a"b"#) == #""a""b""#)
        let hostile = #"x"; DROP TABLE t; -- /* ü \ "#
        let names = try database().write { db -> [String] in
            try db.execute(sql: "CREATE TABLE \(dialect.quote(hostile)) (\(dialect.quote(hostile)) INTEGER)")
            try db.execute(sql: "INSERT INTO \(dialect.quote(hostile)) VALUES (1)")
            let statement = try db.makeStatement(sql: "SELECT \(dialect.quote(hostile)) AS \(dialect.quote("out" + hostile)) FROM \(dialect.quote(hostile))")
            return statement.columnNames
        }
        #expect(names == ["out" + hostile])
    }

    @Test func placeholdersAreNumberedSoTheyCanRepeat() throws {
        #expect(dialect.placeholder(1) == "?1")
        #expect(dialect.placeholder(12) == "?12")
        let sum = try value("\(dialect.placeholder(1)) + \(dialect.placeholder(2)) * \(dialect.placeholder(1))", [3, 10])
        #expect(sum == 33.databaseValue)
    }

    @Test func masksWithTheWarehousesFunctions() throws {
        let hashed = try #require(MaskingCases.all.first { $0.function == "hash" && $0.input != nil })
        let cases: [(MaskingRule, String, String?)] = [
            (.maskName, "Dr. Elena Brunner", "D** E**** B******"),
            (.maskName, "Lefèvre", "L******"),
            (.maskAccount, "CH9300010001", "CH93********"),
            (.maskISIN, "CH0012032048", "CH00*****048"),
            (.maskEmail, "elena.brunner@example.ch", "e***********@example.ch"),
            (.hash, hashed.input!, hashed.output),
        ]
        for (rule, input, output) in cases where rule != .null {
            let sql = dialect.mask(rule, dialect.placeholder(1))
            #expect(try value(sql, [input]) == (output?.databaseValue ?? .null), "\(rule)")
            #expect(try value(sql, [nil]) == .null, "\(rule) of null")
        }
        // `null` drops its argument altogether (the compiler masks column references only, so
        // no parameter goes with it).
        #expect(try value(dialect.mask(.null, "'anything'")) == .null)
        #expect(dialect.mask(.null, "\"c\".\"email\"") == "NULL")
        #expect(dialect.mask(.hash, "x") == "mask_hash(x)")
        #expect(dialect.mask(.maskEmail, "x") == "mask_email(x)")
    }

    @Test func truncatesDatesAndTimestampsToTheirShapes() throws {
        let cases: [(DateUnit, String, String)] = [
            (.day, "2024-05-17", "2024-05-17"),
            (.week, "2024-05-17", "2024-05-13"), (.week, "2024-05-13", "2024-05-13"), (.week, "2024-05-19", "2024-05-13"),
            (.week, "2024-01-01", "2024-01-01"), (.week, "2023-12-31", "2023-12-25"),
            (.month, "2024-05-17", "2024-05-01"), (.month, "2024-02-29", "2024-02-01"),
            (.quarter, "2024-05-17", "2024-04-01"), (.quarter, "2024-03-31", "2024-01-01"), (.quarter, "2024-12-31", "2024-10-01"),
            (.quarter, "2024-07-01", "2024-07-01"),
            (.year, "2024-05-17", "2024-01-01"),
        ]
        for (unit, input, output) in cases {
            #expect(try value(dialect.dateTrunc(unit, "?1", type: .date), [input]) == output.databaseValue, "\(unit) of \(input)")
            #expect(try value(dialect.dateTrunc(unit, "?1", type: .timestamp), [input + " 13:45:10.123456"])
                == (output + " 00:00:00.000000").databaseValue, "\(unit) of \(input) 13:45:10.123456")
            #expect(try value(dialect.dateTrunc(unit, "?1", type: .timestamp), [nil]) == .null)
        }
    }

    /// Every day from late 2023 to early 2025 against Python's `datetime`, an independent calendar.
    @Test func truncationAgreesWithPythonOverTwoYearsOfDays() throws {
        let output = try Python.run("""
            import datetime, json
            day, rows = datetime.date(2023, 11, 20), []
            while day <= datetime.date(2025, 2, 10):
                rows.append({
                    "date": day.isoformat(),
                    "week": (day - datetime.timedelta(days=day.weekday())).isoformat(),
                    "month": day.replace(day=1).isoformat(),
                    "quarter": day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1).isoformat(),
                    "year": day.replace(month=1, day=1).isoformat(),
                    "dow": (day.weekday() + 1) % 7, "quarter_number": (day.month - 1) // 3 + 1,
                })
                day += datetime.timedelta(days=1)
            print(json.dumps(rows))
            """)
        let rows = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
        #expect(rows.count > 400)
        let db = try database()
        let units: [DateUnit] = [.week, .month, .quarter, .year]
        let sql = "SELECT " + units.map { dialect.dateTrunc($0, "?1", type: .date) }.joined(separator: ", ")
            + ", \(dialect.extract(.dayOfWeek, "?1", type: .date)), \(dialect.extract(.quarter, "?1", type: .date))"
        try db.read { db in
            for row in rows {
                let date = try #require(row["date"] as? String)
                let result = try #require(try Row.fetchOne(db, sql: sql, arguments: [date]))
                for (index, unit) in units.enumerated() {
                    #expect(result[index] as String? == row[unit.rawValue] as? String, "\(unit) of \(date)")
                }
                #expect(result[4] as Int? == row["dow"] as? Int, "day of week of \(date)")
                #expect(result[5] as Int? == row["quarter_number"] as? Int, "quarter of \(date)")
            }
        }
    }

    @Test func extractsFieldsAsIntegers() throws {
        let timestamp = "2024-05-17 13:45:10.123456"
        let cases: [(DateField, Int64)] = [(.year, 2024), (.quarter, 2), (.month, 5), (.day, 17), (.dayOfWeek, 5), (.hour, 13)]
        for (field, expected) in cases {
            #expect(try value(dialect.extract(field, "?1", type: .timestamp), [timestamp]) == expected.databaseValue, "\(field)")
            #expect(try value(dialect.extract(field, "?1", type: .timestamp), [nil]) == .null)
        }
        #expect(try value(dialect.extract(.dayOfWeek, "?1", type: .date), ["2024-05-19"]) == 0.databaseValue, "Sunday is 0")
        #expect(try value(dialect.extract(.quarter, "?1", type: .date), ["2024-12-01"]) == 4.databaseValue)
    }

    @Test func concatenatesWithNullAsEmpty() throws {
        let sql = dialect.concat(["?1", "?2", "?3", "?4"])
        #expect(try value(sql, ["a", nil, 3, 2.5]) == "a32.5".databaseValue)
        #expect(try value(sql, [nil, nil, nil, nil]) == "".databaseValue)
        #expect(try value(dialect.concat(["?1", "?2"]), ["Zürich", " ✓"]) == "Zürich ✓".databaseValue)
    }

    @Test func bucketsFloorToMultiplesOfTheWidth() throws {
        let sql = dialect.bucket("?1", width: "?2")
        let cases: [(any DatabaseValueConvertible, any DatabaseValueConvertible, DatabaseValue)] = [
            (7, 5, 5.databaseValue), (10, 5, 10.databaseValue), (-7, 5, (-10).databaseValue), (-10, 5, (-10).databaseValue),
            (0, 5, 0.databaseValue), (2.4, 0.5, (2.0).databaseValue), (-0.1, 0.5, (-0.5).databaseValue), (1234.5, 100, 1200.databaseValue),
        ]
        for (input, width, expected) in cases {
            #expect(try value(sql, [input, width]) == expected, "bucket(\(input), \(width))")
        }
        #expect(try value(sql, [nil, 5]) == .null)
    }

    @Test func roundsToDigits() throws {
        let sql = dialect.round("?1", digits: "?2")
        #expect(try value(sql, [2.3456, 2]) == (2.35).databaseValue)
        #expect(try value(sql, [2.5, 0]) == (3.0).databaseValue)
        #expect(try value(sql, [nil, 1]) == .null)
    }
}
