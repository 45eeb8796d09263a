import Foundation
import SluiceProvision
import Testing

/// Every way a spec can fail to fit the format is an error with the JSON path of the field
/// at fault and what would be accepted.
@Suite struct MartSpecDecodingErrorTests {
    /// The one problem `json` has.
    private func problem(_ json: String, origin: String? = nil) throws -> MartSpecError.Problem {
        let error = try #require(throws: MartSpecError.self) { try MartSpec.decode(json, origin: origin) }
        #expect(error.problems.count == 1)
        #expect(error.origin == origin)
        return try #require(error.problems.first)
    }

    /// A spec of one source with `key: json` added.
    private func problem(in key: String, _ json: String) throws -> MartSpecError.Problem {
        try problem(#"{"name": "m", "sources": [{"table": "t"}], "\#(key)": \#(json)}"#)
    }

    @Test(arguments: [
        (#"{"name": "m", "sources": [{"table": "t"}], "colour": "red"}"#, "colour", "a mart spec"),
        (#"{"name": "m", "sources": [{"table": "t", "as": "x"}]}"#, "sources[0].as", "a source"),
        (#"{"name": "m", "sources": [{"table": "t"}], "joins": [{"source": "u", "kind": "left", "on": []}]}"#, "joins[0].kind", "a join"),
        (#"{"name": "m", "sources": [{"table": "t"}], "joins": [{"source": "u", "on": [{"left": "t.a", "right": "u.a", "op": "="}]}]}"#, "joins[0].on[0].op", "a join condition"),
        (#"{"name": "m", "sources": [{"table": "t"}], "dimensions": [{"column": "t.a"}, {"colum": "t.b"}]}"#, "dimensions[1].colum", "a dimension"),
        (#"{"name": "m", "sources": [{"table": "t"}], "dimensions": [{"transform": "lower", "args": [{"column": "t.a", "cast": "int"}], "as": "x"}]}"#, "dimensions[0].args[0].cast", "an expression"),
        (#"{"name": "m", "sources": [{"table": "t"}], "measures": [{"name": "a", "function": "count"}, {"name": "r", "function": "safe_ratio", "numerator": {"function": "sum", "colum": "t.x"}, "denominator": {"function": "count"}}]}"#, "measures[1].numerator.colum", "an aggregate"),
        (#"{"name": "m", "sources": [{"table": "t"}], "measures": [{"name": "a", "function": "sum", "column": "t.x", "alias": "b"}]}"#, "measures[0].alias", "a measure"),
        (#"{"name": "m", "sources": [{"table": "t"}], "filter": {"and": [{"column": "t.a", "op": "=", "value": 1}, {"column": "t.a", "op": "=", "value": 1, "sql": "1=1"}]}}"#, "filter.and[1].sql", "a condition"),
        (#"{"name": "m", "sources": [{"table": "t"}], "order": [{"by": "a", "nulls": "last"}]}"#, "order[0].nulls", "a sort key"),
    ])
    func unknownKeysAreNamedWithTheirPath(json: String, path: String, what: String) throws {
        let problem = try problem(json)
        #expect(problem.path == path)
        let key = String(path.split(separator: ".").last!.split(separator: "[").first!)
        #expect(problem.message.hasPrefix("unknown key \"\(key)\" in \(what); its keys are "), "\(problem)")
    }

    /// A key the format knows, on an object it does not belong to, names the key and the right place.
    @Test func keysOfAnotherShapeAreErrors() throws {
        #expect(try problem(#"{"name": "m", "sources": [{"table": "t"}], "filter": {"column": "t.a", "op": "=", "value": 1, "values": [1]}}"#)
            == .init(path: "filter.values", message: "= takes column and value, not values"))
        #expect(try problem(in: "dimensions", #"[{"column": "t.a", "args": []}]"#)
            == .init(path: "dimensions[0].args", message: "args belongs to a transform, not to a column"))
        #expect(try problem(in: "measures", #"[{"name": "a", "function": "sum", "column": "t.a", "scale": 2}]"#)
            == .init(path: "measures[0].scale", message: "scale belongs to safe_ratio, not to sum"))
        #expect(try problem(in: "measures", #"[{"name": "a", "function": "safe_ratio", "column": "t.a", "numerator": {"function": "count"}, "denominator": {"function": "count"}}]"#).path
            == "measures[0].column")
        #expect(try problem(in: "filter", #"{"and": [], "or": []}"#).path == "filter.or")
        #expect(try problem(in: "filter", #"{"column": "t.a", "op": "is_null", "value": 1}"#)
            == .init(path: "filter.value", message: "is_null takes column, not value"))
        #expect(try problem(in: "filter", #"{"expression": {"column": "t.a"}, "op": "is_latest"}"#).path == "filter.expression")
    }

    /// The format whitelists transforms: SQL's own functions are not reachable from a spec.
    @Test(arguments: ["substring", "cast", "case", "SUBSTR", "lower; DROP TABLE x", "date_part", ""])
    func transformsOutsideTheListAreRefusedNamingTheAllowedOnes(name: String) throws {
        let problem = try problem(in: "dimensions", #"[{"transform": \#(jsonString(name)), "args": [{"column": "t.a"}], "as": "x"}]"#)
        #expect(problem.path == "dimensions[0].transform")
        #expect(problem.message == "unknown transform \(String(reflecting: name)): use one of trim, lower, upper, coalesce, date_trunc, extract, bucket, round, concat")
    }

    @Test(arguments: ["median", "stddev", "group_concat", "string_agg", "SUM"])
    func measureFunctionsOutsideTheListAreRefused(name: String) throws {
        let problem = try problem(in: "measures", #"[{"name": "a", "function": "\#(name)", "column": "t.a"}]"#)
        #expect(problem == .init(path: "measures[0].function",
                                 message: "unknown function \(String(reflecting: name)): use one of sum, avg, min, max, count, count_distinct, safe_ratio"))
    }

    @Test(arguments: ["!=", "==", "ilike", "regexp", "glob", "not_in", "exists"])
    func operatorsOutsideTheListAreRefused(op: String) throws {
        let problem = try problem(in: "filter", #"{"column": "t.a", "op": "\#(op)", "value": "x"}"#)
        #expect(problem == .init(path: "filter.op", message: "unknown comparison operator \(String(reflecting: op)): use one of =, <>, <, <=, >, >=, in, between, is_null, is_not_null, like, is_latest"))
    }

    @Test func closedListsOfUnitsFieldsJoinTypesAndDirections() throws {
        #expect(try problem(in: "dimensions", #"[{"transform": "date_trunc", "unit": "decade", "args": [{"column": "t.a"}], "as": "x"}]"#)
            == .init(path: "dimensions[0].unit", message: "unknown date unit \"decade\": use one of day, week, month, quarter, year"))
        #expect(try problem(in: "dimensions", #"[{"transform": "extract", "field": "epoch", "args": [{"column": "t.a"}], "as": "x"}]"#)
            == .init(path: "dimensions[0].field", message: "unknown date field \"epoch\": use one of year, quarter, month, day, day_of_week, hour"))
        #expect(try problem(in: "joins", #"[{"source": "u", "type": "cross", "on": []}]"#)
            == .init(path: "joins[0].type", message: "unknown join type \"cross\": use one of inner, left"))
        #expect(try problem(in: "order", #"[{"by": "a", "direction": "descending"}]"#)
            == .init(path: "order[0].direction", message: "unknown direction \"descending\": use one of asc, desc"))
    }

    @Test func dimensionsOtherThanAColumnNeedAnOutputName() throws {
        #expect(try problem(in: "dimensions", #"[{"column": "t.a"}, {"transform": "lower", "args": [{"column": "t.a"}]}]"#)
            == .init(path: "dimensions[1].as", message: "required: a dimension computed by a transform or given as a value needs an output column name"))
        #expect(try problem(in: "dimensions", #"[{"value": 1}]"#).path == "dimensions[0].as")
    }

    @Test func anExpressionIsExactlyOneOfColumnValueOrTransform() throws {
        #expect(try problem(in: "dimensions", #"[{"as": "x"}]"#)
            == .init(path: "dimensions[0]", message: "a dimension needs one of column, value or transform"))
        #expect(try problem(in: "dimensions", #"[{"column": "t.a", "value": 1, "as": "x"}]"#)
            == .init(path: "dimensions[0]", message: "a dimension is one of column, value or transform, not column and value"))
        #expect(try problem(in: "order", #"[{"by": "a", "column": "t.a"}]"#)
            == .init(path: "order[0]", message: "a sort key is one of by, column or expression, not by and column"))
    }

    @Test func aggregatesNeedTheirArgument() throws {
        #expect(try problem(in: "measures", #"[{"name": "a", "function": "sum"}]"#)
            == .init(path: "measures[0].column", message: "required: sum needs a column (or an expression) to aggregate"))
        #expect(try problem(in: "measures", #"[{"name": "a", "function": "max", "column": "t.a", "expression": {"column": "t.b"}}]"#)
            == .init(path: "measures[0].expression", message: "max takes a column or an expression, not both"))
        #expect(try problem(in: "measures", #"[{"name": "a", "function": "safe_ratio", "numerator": {"function": "count"}}]"#)
            == .init(path: "measures[0].denominator", message: "required"))
    }

    @Test func conditionValuesHaveTheirShape() throws {
        #expect(try problem(in: "filter", #"{"column": "t.a", "op": "between", "values": [1, 2, 3]}"#)
            == .init(path: "filter.values", message: "between takes exactly 2 values (low, high), not 3"))
        #expect(try problem(in: "filter", #"{"column": "t.a", "op": "in", "values": []}"#)
            == .init(path: "filter.values", message: "in needs at least one value"))
        #expect(try problem(in: "filter", #"{"column": "t.a", "op": "like", "value": 5}"#)
            == .init(path: "filter.value", message: "like takes a text pattern, where % stands for any text and _ for one character"))
        #expect(try problem(in: "filter", #"{"column": "t.a", "op": "="}"#) == .init(path: "filter.value", message: "required"))
        #expect(try problem(in: "filter", #"{"op": "is_null"}"#)
            == .init(path: "filter.column", message: "required: the column (or expression) that is_null tests"))
        #expect(try problem(in: "filter", #"{"column": "t.a", "op": "in", "values": [[1]]}"#)
            == .init(path: "filter.values[0]", message: "a value is a string, a number, true, false or null"))
    }

    @Test func wrongTypesAndMissingFieldsNameThePath() throws {
        #expect(try problem(#"{"name": "m", "sources": [{"table": "t"}], "limit": "ten"}"#) == .init(path: "limit", message: "must be a whole number"))
        #expect(try problem(#"{"name": "m", "sources": [{"table": "t"}], "limit": 2.5}"#) == .init(path: "limit", message: "must be a whole number"))
        #expect(try problem(#"{"sources": [{"table": "t"}]}"#) == .init(path: "name", message: "required"))
        #expect(try problem(#"{"name": "m", "sources": {"table": "t"}}"#) == .init(path: "sources", message: "must be a list"))
        #expect(try problem(#"{"name": "m", "sources": [{"table": 7}]}"#) == .init(path: "sources[0].table", message: "must be a string"))
        #expect(try problem(#"{"name": "m", "sources": [{"table": "t"}], "indexes": [["a", 1]]}"#) == .init(path: "indexes[0][1]", message: "must be a string"))
        #expect(try problem(#"{"name": "m", "sources": [{"table": "t"}], "dimensions": [{"column": "nodot"}]}"#)
            == .init(path: "dimensions[0].column", message: #""nodot" is not a column reference: write source.column (a table or alias, a dot, a column), as in p.market_value"#))
        #expect(try problem(#"{"name": "m", "sources": [{"table": "t"}], "joins": [{"source": "u", "on": [{"left": "t.a", "right": "u"}]}]}"#).path
            == "joins[0].on[0].right")
        #expect(try problem(#"{"name": "m", "sources": [{"table": "t"}], "dimensions": [{"column": "t.a", "as": null}], "order": [{"by": null}]}"#)
            == .init(path: "order[0].by", message: "must be a string, not null"))
    }

    @Test func textThatIsNotASpecSaysSo() throws {
        #expect(try problem("[1, 2]").path.isEmpty)
        #expect(try problem("   ").message == "the spec is empty")
        let broken = try problem(#"{"name": "m", "sources": [{"table": "t"}"#)
        #expect(broken.path.isEmpty)
        #expect(broken.message.hasPrefix("not valid JSON"))
        let yaml = try problem("name: m\nsources: [table: t\n")
        #expect(yaml.message.hasPrefix("not valid YAML"))
        #expect(yaml.message.contains("line "))
    }

    @Test func theOriginIsNamedInTheDescription() throws {
        let error = try #require(throws: MartSpecError.self) {
            try MartSpec.decode(#"{"name": "m", "sources": [{"table": "t"}], "limit": "ten"}"#, origin: "portfolio.json")
        }
        #expect(error.origin == "portfolio.json")
        #expect(error.description == "invalid mart spec portfolio.json: limit: must be a whole number")
    }

    private func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
