import Foundation
import SluiceProvision
import SluiceTestSupport
import Testing

/// Round trips through the canonical JSON, YAML, files, and the published JSON schema
/// (checked with Python's `jsonschema`, an implementation independent of our decoder).
@Suite struct MartSpecDocumentTests {
    @Test func canonicalJSONReadsBackToAnEqualSpec() throws {
        for pretty in [false, true] {
            let text = SpecSamples.everything.canonicalJSON(pretty: pretty)
            #expect(try MartSpec.decode(text) == SpecSamples.everything, "pretty: \(pretty)")
        }
        let documented = try MartSpec.decode(MartSpecDecodingTests.documentedExample)
        #expect(try MartSpec.decode(documented.canonicalJSON()) == documented)
    }

    /// Sorted keys and compact separators, as Python's `json.dumps(sort_keys=True)` writes the
    /// same document: the text is a function of the spec alone.
    @Test func canonicalJSONIsSortedAndCompact() throws {
        let text = SpecSamples.everything.canonicalJSON()
        let python = try Python.run("""
            import json, sys
            document = json.loads(sys.stdin.read())
            sys.stdout.write(json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
            """, stdin: Data(text.utf8))
        #expect(text == String(decoding: python, as: UTF8.self))
        #expect(text.hasPrefix(#"{"description":"Kitchen sink"#))
        #expect(!text.contains("\n"))
        #expect(SpecSamples.everything.canonicalJSON(pretty: true).contains("\n"))
    }

    /// Defaults are written out (join type, direction, scale) and empty lists left out.
    @Test func canonicalJSONSpellsDefaultsAndOmitsEmptyLists() throws {
        let spec = try MartSpec.decode("""
            {"name": "m", "sources": [{"table": "t"}, {"table": "u"}], "joins": [{"source": "u", "on": [{"left": "t.a", "right": "u.a"}]}],
             "dimensions": [], "measures": [{"name": "r", "function": "safe_ratio", "numerator": {"function": "count"}, "denominator": {"function": "count"}}],
             "order": [{"by": "r"}]}
            """)
        let text = spec.canonicalJSON()
        #expect(text == #"{"joins":[{"on":[{"left":"t.a","right":"u.a"}],"source":"u","type":"inner"}],"measures":[{"denominator":{"function":"count"},"function":"safe_ratio","name":"r","numerator":{"function":"count"},"scale":1}],"name":"m","order":[{"by":"r","direction":"asc"}],"sources":[{"table":"t"},{"table":"u"}]}"#)
    }

    @Test func yamlReadsLikeTheSameJSON() throws {
        let yaml = """
            # The documented example, as YAML.
            name: portfolio_exposure
            sources:
              - {table: positions, alias: p}
              - table: accounts
                alias: a
              - {table: clients, alias: c}
              - {table: instruments, alias: i}
            joins:
              - source: a
                type: inner
                on: [{left: p.account_id, right: a.account_id}]
              - {source: c, on: [{left: a.client_id, right: c.client_id}]}
              - {source: i, on: [{left: p.instrument_id, right: i.instrument_id}]}
            dimensions: [{column: i.sector}, {column: c.segment}, {column: p.currency}]
            measures:
              - {name: position_count, function: count}
              - {name: client_count, function: count_distinct, column: c.client_id}
              - {name: market_value, function: sum, column: p.market_value}
            filter: {column: p.as_of_date, op: is_latest}
            order:
              - by: sector
              - {by: market_value, direction: desc}
            limit: 1000
            indexes: [[sector, segment]]
            """
        #expect(try MartSpec.decode(yaml) == MartSpec.decode(MartSpecDecodingTests.documentedExample))
    }

    /// YAML 1.2's typing as written: quoted text stays text, dates stay the text SQL compares,
    /// `yes` and `on` are words and `0123` is decimal.
    @Test func yamlScalarsKeepTheirWrittenType() throws {
        let spec = try MartSpec.decode("""
            name: m
            sources: [{table: t}]
            filter:
              column: t.a
              op: in
              values: [10, "10", 2.5, true, "true", 2024-01-31, "2024-01-31 09:30:00.000000", ~, null, 0x1F, 'it''s', "é", yes, on, 0123, -7, 1e3]
            """)
        #expect(spec.filter == .inList(SpecSamples.ref("t.a"), [
            .integer(10), .string("10"), .double(2.5), .boolean(true), .string("true"), .string("2024-01-31"),
            .string("2024-01-31 09:30:00.000000"), .null, .null, .integer(31), .string("it's"), .string("é"),
            .string("yes"), .string("on"), .integer(123), .integer(-7), .integer(1000),
        ]))
    }

    @Test func yamlErrorsHaveTheSamePaths() throws {
        let error = try #require(throws: MartSpecError.self) {
            try MartSpec.decode("name: m\nsources: [{table: t}]\nmeasures:\n  - {name: a, function: median, column: t.a}\n", origin: "m.yaml")
        }
        #expect(error.origin == "m.yaml")
        #expect(error.problems == [.init(path: "measures[0].function",
                                         message: "unknown function \"median\": use one of sum, avg, min, max, count, count_distinct, safe_ratio")])
        let duplicate = try #require(throws: MartSpecError.self) { try MartSpec.decode("name: m\nname: n\nsources: [{table: t}]\n") }
        #expect(duplicate.problems[0].message.contains("duplicate key name"))
    }

    @Test func canonicalJSONOfTheEverythingSpecIsValidYAMLToo() throws {
        #expect(try MartSpec.decode("# read as YAML\n" + SpecSamples.everything.canonicalJSON(pretty: true)) == SpecSamples.everything)
    }

    @Test func loadReadsByExtension() throws {
        let folder = try Python.temporaryDirectory()
        let json = folder.appendingPathComponent("spec.json").path
        let yaml = folder.appendingPathComponent("spec.YML").path
        try SpecSamples.everything.canonicalJSON().write(toFile: json, atomically: true, encoding: .utf8)
        try "name: every_case_1\nsources: [{table: orders}]\n".write(toFile: yaml, atomically: true, encoding: .utf8)
        #expect(try MartSpec.load(path: json) == SpecSamples.everything)
        #expect(try MartSpec.load(path: yaml) == MartSpec(name: "every_case_1", sources: [.init(table: "orders")]))

        // A .json file is read as JSON only: YAML in it is an error, not a guess.
        let yamlInJSON = folder.appendingPathComponent("wrong.json").path
        try "name: m\nsources: [{table: t}]\n".write(toFile: yamlInJSON, atomically: true, encoding: .utf8)
        let wrong = try #require(throws: MartSpecError.self) { try MartSpec.load(path: yamlInJSON) }
        #expect(wrong.origin == yamlInJSON)
        #expect(wrong.problems[0].message.hasPrefix("not valid JSON"))

        let text = folder.appendingPathComponent("spec.txt").path
        try "{}".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: MartSpecError(origin: text, path: "", "a spec file ends in .json, .yaml or .yml, so that its format is known")) {
            try MartSpec.load(path: text)
        }
        let missing = try #require(throws: MartSpecError.self) { try MartSpec.load(path: folder.appendingPathComponent("none.yaml").path) }
        #expect(missing.problems[0].message.hasPrefix("cannot read the file"))
    }

    // MARK: The JSON schema

    /// Validates each document against the bundled schema with Python's `jsonschema`; returns
    /// the error messages per document (empty when valid).
    private func schemaErrors(_ documents: [String]) throws -> [[String]] {
        let schema = try Python.temporaryDirectory().appendingPathComponent("mart-spec.schema.json")
        try MartSpec.jsonSchema.write(to: schema, atomically: true, encoding: .utf8)
        let input = "[" + documents.joined(separator: ",") + "]"
        let output = try Python.run("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            documents = json.loads(sys.stdin.read())
            print(json.dumps([[error.message for error in validator.iter_errors(document)] for document in documents]))
            """, arguments: [schema.path], stdin: Data(input.utf8))
        return try JSONDecoder().decode([[String]].self, from: output)
    }

    @Test func theSchemaIsDraft2020AndDocumentsEveryField() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(MartSpec.jsonSchema.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let topLevel = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(Set(topLevel.keys) == ["name", "description", "sources", "joins", "dimensions", "measures", "filter", "row_policy",
                                        "order", "limit", "indexes"])
        // Every property anywhere is described, or refers to a definition that is.
        let definitions = try #require(schema["$defs"] as? [String: [String: Any]])
        func check(_ node: Any, at path: String) {
            if let object = node as? [String: Any] {
                if let properties = object["properties"] as? [String: [String: Any]] {
                    for (name, property) in properties {
                        let reference = (property["$ref"] as? String)?.split(separator: "/").last.map(String.init)
                        let described = property["description"] != nil
                            || reference.map { definitions[$0]?["description"] != nil } == true
                            || property["const"] != nil || property["enum"] != nil
                        #expect(described, "\(path).\(name) has no description")
                    }
                }
                for (key, value) in object { check(value, at: "\(path).\(key)") }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { check(value, at: "\(path)[\(index)]") }
            }
        }
        check(schema, at: "#")
        for (name, definition) in definitions {
            #expect(definition["description"] != nil || definition["oneOf"] != nil, "$defs.\(name) has no description")
        }
    }

    @Test func specsTheDecoderAcceptsValidateAgainstTheSchema() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(MartSpec.jsonSchema.utf8)) as? [String: Any])
        let schemaExamples = try #require(schema["examples"] as? [Any])
        var documents = [MartSpecDecodingTests.documentedExample, SpecSamples.everything.canonicalJSON()]
        documents += try schemaExamples.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        for document in documents { _ = try MartSpec.decode(document) }
        #expect(try schemaErrors(documents) == Array(repeating: [], count: documents.count))
    }

    /// What the decoder refuses, the schema refuses too: the two describe one format.
    @Test func specsTheDecoderRefusesFailTheSchema() throws {
        let base = #""name": "m", "sources": [{"table": "t"}]"#
        let documents = [
            #"{\#(base), "colour": "red"}"#,
            #"{\#(base), "dimensions": [{"transform": "substring", "args": [{"column": "t.a"}], "as": "x"}]}"#,
            #"{\#(base), "dimensions": [{"transform": "cast", "args": [{"column": "t.a"}], "as": "x"}]}"#,
            #"{\#(base), "dimensions": [{"transform": "case", "args": [{"column": "t.a"}], "as": "x"}]}"#,
            #"{\#(base), "dimensions": [{"transform": "lower", "args": [{"column": "t.a"}]}]}"#,
            #"{\#(base), "dimensions": [{"column": "t.a", "value": 1, "as": "x"}]}"#,
            #"{\#(base), "measures": [{"name": "a", "function": "median", "column": "t.a"}]}"#,
            #"{\#(base), "measures": [{"name": "a", "function": "sum"}]}"#,
            #"{\#(base), "measures": [{"name": "a", "function": "safe_ratio", "numerator": {"function": "count"}}]}"#,
            #"{\#(base), "filter": {"column": "t.a", "op": "!=", "value": 1}}"#,
            #"{\#(base), "filter": {"column": "t.a", "op": "between", "values": [1]}}"#,
            #"{\#(base), "filter": {"column": "t.a", "op": "like", "value": 1}}"#,
            #"{\#(base), "filter": {"and": [], "or": []}}"#,
            #"{\#(base), "order": [{"by": "a", "direction": "descending"}]}"#,
            #"{\#(base), "joins": [{"source": "u", "type": "cross", "on": [{"left": "t.a", "right": "u.a"}]}]}"#,
            #"{\#(base), "dimensions": [{"column": "nodot"}]}"#,
            #"{\#(base), "limit": "ten"}"#,
            #"{"sources": [{"table": "t"}]}"#,
        ]
        for document in documents {
            #expect(throws: MartSpecError.self, "\(document)") { try MartSpec.decode(document) }
        }
        let errors = try schemaErrors(documents)
        for (document, messages) in zip(documents, errors) {
            #expect(!messages.isEmpty, "the schema accepts \(document)")
        }
    }
}
