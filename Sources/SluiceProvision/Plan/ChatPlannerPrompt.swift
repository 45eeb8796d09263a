import Foundation
import SluiceCore
import SluiceCatalog
import SluiceSearch

/// The messages a ``ChatModelPlanner`` sends: what the model may know to propose a spec.
///
/// It is catalog metadata only. For each table the recommendation ranked: its name,
/// classification and hand-written description, whether search selected it, and every column
/// with its type, hand-written description, PII flag, PII kind and masking rule; the join
/// plan and retrieved relationships as `table.column = table.column`; the KPI pattern with
/// its mart template; the spec's JSON schema and two short examples.
///
/// Never a value read from the lake: no profile samples, top values, minimum or maximum, row
/// counts, nor the generated descriptions (`detail_agent`), which quote top values. The
/// model proposes structure; the compiler applies masking and access from the policy.
struct ChatPlannerPrompt {
    let question: String
    let recommendation: Recommendation
    let catalog: CatalogContents

    struct Message: Encodable, Equatable {
        var role: String
        var content: String
    }

    func messages() throws -> [Message] {
        [Message(role: "system", content: Self.instructions), Message(role: "user", content: try context())]
    }

    /// What the model is asked to do, and the format it must answer in.
    static let instructions = """
        You plan data marts for Sluice. Given an analyst's question and catalog metadata, answer with \
        one JSON object: a mart spec in the format of the JSON schema below. Use only the tables and \
        columns listed in the metadata, joined on the listed joins; refer to columns as alias.column. \
        With measures the mart has one row per combination of the dimensions; without measures it is a \
        detail mart of the dimension columns (give it a limit). Prefer the KPI's mart template when it \
        answers the question. The name is lowercase letters, digits and _ (at most 40 characters). \
        Do not mask or hide columns yourself: Sluice masks PII and checks access after you answer. \
        Answer with the JSON object only, no text around it.

        JSON schema of a mart spec:
        \(MartSpec.jsonSchema)

        Example, a grouped mart:
        \(groupedExample)

        Example, a detail mart:
        \(detailExample)
        """

    static let groupedExample = """
        {"name": "order_volume_by_side", "sources": [{"table": "orders", "alias": "o"}, {"table": "instruments", "alias": "i"}], \
        "joins": [{"source": "i", "on": [{"left": "i.instrument_id", "right": "o.instrument_id"}]}], \
        "dimensions": [{"column": "i.asset_class"}, {"column": "o.side"}], \
        "measures": [{"name": "order_count", "function": "count"}, {"name": "quantity", "function": "sum", "column": "o.quantity"}], \
        "order": [{"by": "asset_class"}, {"by": "side"}]}
        """

    static let detailExample = """
        {"name": "large_open_orders", "sources": [{"table": "orders", "alias": "o"}], \
        "dimensions": [{"column": "o.order_id"}, {"column": "o.side"}, {"column": "o.quantity"}], \
        "filter": {"and": [{"column": "o.status", "op": "=", "value": "OPEN"}, {"column": "o.quantity", "op": ">=", "value": 1000}]}, \
        "order": [{"by": "quantity", "direction": "desc"}], "limit": 100}
        """

    /// The question and the metadata, as pretty JSON with sorted keys (stable for the same catalog).
    func context() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return "Question: \(question)\n\nCatalog metadata:\n" + String(decoding: try encoder.encode(metadata()), as: UTF8.self)
    }

    struct Metadata: Encodable {
        var tables: [Table]
        var joins: [String]
        var kpi: KPI?
    }

    struct Table: Encodable {
        var name: String
        var classification: String
        var description: String?
        var selected: Bool
        var columns: [Column]
    }

    struct Column: Encodable {
        var name: String
        var type: String
        var description: String?
        var pii: Bool
        var piiKind: String?
        var maskingRule: String?
        var recommended: Bool

        enum CodingKeys: String, CodingKey {
            case name, type, description, pii, recommended
            case piiKind = "pii_kind"
            case maskingRule = "masking_rule"
        }
    }

    struct KPI: Encodable {
        var id: String
        var name: String
        var description: String
        var tables: [String]
        /// The template as a JSON value, not as a string holding JSON.
        var martTemplate: JSONText?

        enum CodingKeys: String, CodingKey {
            case id, name, description, tables
            case martTemplate = "mart_template"
        }
    }

    func metadata() -> Metadata {
        let recommended = Set(recommendation.columns.map(\.qualifiedName))
        var names = recommendation.tables.map(\.name)
        // The KPI's tables too, so its template can be read against them.
        for table in recommendation.kpi?.tables ?? [] where !names.contains(table) { names.append(table) }
        let selected = Set(recommendation.tables.filter(\.selected).map(\.name))
        let tables: [Table] = names.compactMap { name in
            guard let table = catalog.table(named: name), table.lifecycle == .active else { return nil }
            let columns = catalog.columns(of: name).map { column in
                Column(name: column.name, type: column.dataType, description: column.detailBI,
                       pii: column.pii.effectiveIsPII, piiKind: column.pii.effectiveIsPII ? column.pii.kind?.rawValue : nil,
                       maskingRule: column.maskingRule?.rawValue, recommended: recommended.contains(column.qualifiedName))
            }
            return Table(name: name, classification: table.classification.rawValue, description: table.detailBI,
                         selected: selected.contains(name), columns: columns)
        }
        var joins: [String] = []
        for condition in (recommendation.joinPlan?.joins ?? []).map(\.condition) + recommendation.relationships.map(\.condition)
        where !joins.contains(condition) {
            joins.append(condition)
        }
        let kpi = recommendation.kpi.map { kpi in
            let pattern = catalog.kpiPatterns.first { $0.id == kpi.id }
            return KPI(id: kpi.id, name: kpi.name, description: pattern?.description ?? "", tables: kpi.tables,
                       martTemplate: pattern?.martTemplate.map(JSONText.init))
        }
        return Metadata(tables: tables, joins: joins, kpi: kpi)
    }
}

/// JSON text embedded as the value it spells rather than as a string.
struct JSONText: Encodable {
    let text: String

    func encode(to encoder: any Encoder) throws {
        let value = try JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
        try value.encode(to: encoder)
    }
}
