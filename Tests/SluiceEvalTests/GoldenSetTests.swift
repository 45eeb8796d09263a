import Foundation
import SluiceEval
import SluiceTestSupport
import Testing

@Suite struct GoldenSetTests {
    func decode(_ json: String) throws -> [GoldenQuery] {
        try GoldenSet.decode(Data(json.utf8), source: "golden.json")
    }

    /// The error `json` raises, or an issue when it decodes.
    func error(_ json: String) -> GoldenSetError? {
        do {
            let queries = try decode(json)
            Issue.record("decoded \(queries) instead of failing")
        } catch let error as GoldenSetError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test func readsTheIssueExample() throws {
        let queries = try decode("""
            [{"id": "q01", "query": "exposure by sector", "tables": {"positions": 3, "instruments": 2},
              "columns": {"instruments.sector": 3, "clients.segment": 3}, "kpi": "portfolio_exposure"},
             {"id": "q02", "query": "weather on Mars", "tables": {}, "kpi": null},
             {"id": "q03", "query": "trades", "tables": {"trades": 1}}]
            """)
        #expect(queries == [
            GoldenQuery(id: "q01", query: "exposure by sector", tables: ["positions": 3, "instruments": 2],
                        columns: ["instruments.sector": 3, "clients.segment": 3], kpi: "portfolio_exposure"),
            GoldenQuery(id: "q02", query: "weather on Mars", tables: [:]),
            GoldenQuery(id: "q03", query: "trades", tables: ["trades": 1]),
        ])
        #expect(queries[1].hasRelevantTables == false)
        #expect(queries[0].hasRelevantColumns)
    }

    @Test func loadsFromAnyPathAndRoundTrips() throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let queries = [GoldenQuery(id: "a", query: "q", tables: ["t": 2], columns: ["t.c": 0], kpi: nil)]
        let file = directory.appendingPathComponent("my set.json")
        try JSONEncoder().encode(queries).write(to: file)
        #expect(try GoldenSet.load(path: file.path) == queries)
        // A null KPI is written out, not dropped.
        #expect(String(decoding: try JSONEncoder().encode(queries), as: UTF8.self).contains("\"kpi\":null"))
    }

    @Test func aMissingFileNamesThePath() {
        #expect(throws: GoldenSetError.self) { try GoldenSet.load(path: "/nonexistent/golden.json") }
        do {
            _ = try GoldenSet.load(path: "/nonexistent/golden.json")
        } catch {
            #expect("\(error)".hasPrefix("/nonexistent/golden.json: cannot be read"))
        }
    }

    @Test func gradesOutsideTheTrecScale() throws {
        let high = error(#"[{"id": "q1", "query": "x", "tables": {"positions": 4}}]"#)
        #expect(high == GoldenSetError(source: "golden.json", query: "q1", field: "tables.positions", reason: "grade 4 is outside 0...3"))
        #expect(high?.description == "golden.json: query q1: tables.positions: grade 4 is outside 0...3")
        let negative = error(#"[{"id": "q1", "query": "x", "tables": {}, "columns": {"a.b": -1}}]"#)
        #expect(negative?.field == "columns.a.b")
        let fractional = error(#"[{"id": "q1", "query": "x", "tables": {"t": 2.5}}]"#)
        #expect(fractional?.query == "q1")
        #expect(fractional?.field == "tables.t")
        #expect(fractional?.reason == "grade 2.5 is not a whole number")
        // JSON does not distinguish 2 from 2.0: both are the grade 2.
        #expect(try decode(#"[{"id": "q1", "query": "x", "tables": {"t": 2.0}}]"#)[0].tables == ["t": 2])
        let text = error(#"[{"id": "q1", "query": "x", "tables": {"t": "3"}}]"#)
        #expect(text?.field == "tables.t")
        #expect(text?.reason == "expected an integer grade")
        #expect(error(#"[{"id": "q1", "query": "x", "tables": ["t"]}]"#)?.field == "tables")
    }

    @Test func unknownKeysAreRejected() {
        let typo = error(#"[{"id": "q1", "query": "x", "tables": {}, "kpis": "k"}]"#)
        #expect(typo?.query == "q1")
        #expect(typo?.field == "kpis")
        #expect(typo?.reason.hasPrefix("is not a golden-set field") == true)
    }

    @Test func idsAreUniqueAndNamedByIndexWhenUnusable() {
        let repeated = error(#"[{"id": "q1", "query": "x", "tables": {}}, {"id": "q1", "query": "y", "tables": {}}]"#)
        #expect(repeated == GoldenSetError(source: "golden.json", query: "q1", field: "id", reason: "repeats the id of entry #0 (entry #1)"))
        let missing = error(#"[{"id": "q1", "query": "x", "tables": {}}, {"query": "y", "tables": {}}]"#)
        #expect(missing == GoldenSetError(source: "golden.json", query: "#1", field: "id", reason: "is missing"))
        let numeric = error(#"[{"id": 7, "query": "y", "tables": {}}]"#)
        #expect(numeric?.query == "#0")
        #expect(numeric?.field == "id")
        #expect(error(#"[{"id": " ", "query": "y", "tables": {}}]"#)?.query == "#0")
    }

    @Test func requiredFieldsAndEmptyQueries() {
        #expect(error(#"[{"id": "q1", "query": "  ", "tables": {}}]"#) == GoldenSetError(source: "golden.json", query: "q1", field: "query", reason: "is empty"))
        #expect(error(#"[{"id": "q1", "query": "x"}]"#) == GoldenSetError(source: "golden.json", query: "q1", field: "tables", reason: "is missing"))
        #expect(error(#"[{"id": "q1", "query": null, "tables": {}}]"#)?.field == "query")
        #expect(error(#"[{"id": "q1", "query": "x", "tables": {}, "kpi": ""}]"#)?.field == "kpi")
        #expect(error(#"[{"id": "q1", "query": "x", "tables": {"": 1}}]"#)?.field == "tables")
    }

    @Test func fileLevelProblems() throws {
        #expect(error(#"{"id": "q1"}"#)?.reason == "expected a JSON array of queries")
        #expect(error(#"[{"id": "q1",]"#)?.reason.hasPrefix("is not valid JSON") == true)
        let entry = error(#"[{"id": "q1", "query": "x", "tables": {}}, "q2"]"#)
        #expect(entry == GoldenSetError(source: "golden.json", query: "#1", field: "entry", reason: "is not a query object"))
        #expect(error(#"[{"id": "q1", "query": "x", "tables": {}}, 3]"#)?.query == "#1")
        #expect(try decode("[]").isEmpty)
    }
}
