import Foundation
import SluiceCatalog
import SluiceTestSupport
import Testing

/// The `mart:` mapping of a KPI pattern, kept as sorted JSON text in ``KPIPattern/martTemplate``.
@Suite struct KPIMartTemplateTests {
    private static func pattern(mart: String) -> String {
        """
        kpi_patterns:
          - id: fills
            name: Fills
            description: Fills per side.
            tables: [orders]
            template: SELECT side, COUNT(*) FROM orders GROUP BY side
        \(mart)
        """
    }

    @Test("a mart mapping becomes JSON with sorted keys and no whitespace, in list order")
    func mappingBecomesSortedJSON() throws {
        let yaml = Self.pattern(mart: """
                mart:
                  sources: [{table: orders, alias: o}]
                  measures:
                    - {name: fills, function: count}
                  dimensions: [{column: o.side, as: side}]
                  order: [{by: side, direction: desc}]
            """)
        let pattern = try #require(try Annotations.parse(yaml: yaml, source: "lake.yaml").kpiPatterns.first)
        // Written out by hand: keys in byte order at every level, lists in file order.
        #expect(pattern.martTemplate == #"{"dimensions":[{"as":"side","column":"o.side"}],"measures":[{"function":"count","name":"fills"}],"#
            + #""order":[{"by":"side","direction":"desc"}],"sources":[{"alias":"o","table":"orders"}]}"#)
    }

    @Test("scalars are typed as YAML 1.2 reads them: numbers, booleans and null; yes, on and dates stay text")
    func scalarsFollowTheCoreSchema() throws {
        let yaml = Self.pattern(mart: """
                mart:
                  filter:
                    and:
                      - {column: o.quantity, op: ">=", value: 80}
                      - {column: o.price, op: "<", value: 12.5}
                      - {column: o.code, op: "=", value: "80"}
                      - {column: o.flag, op: "=", value: true}
                      - {column: o.word, op: in, values: [yes, on, No]}
                      - {column: o.day, op: "=", value: 2024-01-31}
                      - {column: o.note, op: "=", value: null}
                      - {column: o.text, op: "=", value: "say \\"hi\\"\\tthere"}
                      - {column: o.big, op: "=", value: -0x10}
            """)
        let pattern = try #require(try Annotations.parse(yaml: yaml, source: "lake.yaml").kpiPatterns.first)
        let template = try #require(pattern.martTemplate)
        #expect(template == #"{"filter":{"and":[{"column":"o.quantity","op":">=","value":80},{"column":"o.price","op":"<","value":12.5},"#
            + #"{"column":"o.code","op":"=","value":"80"},{"column":"o.flag","op":"=","value":true},"#
            + #"{"column":"o.word","op":"in","values":["yes","on","No"]},{"column":"o.day","op":"=","value":"2024-01-31"},"#
            + #"{"column":"o.note","op":"=","value":null},{"column":"o.text","op":"=","value":"say \"hi\"\tthere"},"#
            + #"{"column":"o.big","op":"=","value":"-0x10"}]}}"#)
        // An independent JSON reader agrees it is JSON and reads the same values.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(template.utf8)) as? [String: Any])
        let conditions = try #require((object["filter"] as? [String: Any])?["and"] as? [[String: Any]])
        #expect(conditions[0]["value"] as? Int == 80)
        #expect(conditions[7]["value"] as? String == "say \"hi\"\tthere")
    }

    @Test("a YAML alias stands for its anchor's value")
    func aliasesAreExpanded() throws {
        let yaml = Self.pattern(mart: """
                mart:
                  filter: &open {column: o.status, op: "=", value: OPEN}
                  measures: [{name: open_orders, function: count, filter: *open}]
            """)
        let pattern = try #require(try Annotations.parse(yaml: yaml, source: "lake.yaml").kpiPatterns.first)
        #expect(pattern.martTemplate == #"{"filter":{"column":"o.status","op":"=","value":"OPEN"},"#
            + #""measures":[{"filter":{"column":"o.status","op":"=","value":"OPEN"},"function":"count","name":"open_orders"}]}"#)
    }

    @Test("a pattern without mart has no template")
    func noMartNoTemplate() throws {
        let pattern = try #require(try Annotations.parse(yaml: Self.pattern(mart: ""), source: "lake.yaml").kpiPatterns.first)
        #expect(pattern.martTemplate == nil)
    }

    @Test("a mart that is not a mapping, or that names itself, is refused naming the file, the field and the pattern", arguments: [
        ("    mart: [orders]\n", "kpi_patterns[0].mart", "the mart template of KPI pattern \"fills\" must be a mapping", 7),
        ("    mart: portfolio\n", "kpi_patterns[0].mart", "the mart template of KPI pattern \"fills\" must be a mapping", 7),
        ("    mart:\n      name: fills\n      sources: [{table: orders}]\n", "kpi_patterns[0].mart.name",
         "the mart of KPI pattern \"fills\" is named after the pattern; remove `name`", 8),
        ("    mart:\n      limit: 99999999999999999999\n", "kpi_patterns[0].mart.limit",
         "99999999999999999999 in KPI pattern \"fills\"'s mart template does not fit in a 64-bit integer", 8),
    ])
    func rejectsWithFileFieldAndPattern(mart: String, field: String, reason: String, line: Int) throws {
        let error = try #require(throws: CatalogError.self) {
            try Annotations.parse(yaml: Self.pattern(mart: mart), source: "lake.yaml")
        }
        guard case let .invalidAnnotations(file, actualField, actualReason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "lake.yaml")
        #expect(actualField == field)
        #expect(actualReason.hasPrefix(reason), "\(actualReason)")
        #expect(actualReason.hasSuffix("(line \(line))"), "\(actualReason)")
    }

    @Test("every demo KPI pattern has a mart template over the pattern's own tables")
    func demoPatternsHaveTemplates() throws {
        for pattern in try Annotations.demoLake().kpiPatterns {
            let template = try #require(pattern.martTemplate, "\(pattern.id)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(template.utf8)) as? [String: Any], "\(pattern.id)")
            let sources = try #require(object["sources"] as? [[String: Any]], "\(pattern.id)")
            #expect(sources.compactMap { $0["table"] as? String }.sorted() == pattern.tables.sorted(), "\(pattern.id)")
        }
    }
}
