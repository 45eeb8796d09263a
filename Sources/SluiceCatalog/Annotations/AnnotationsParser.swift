import SluiceGovernance
import Yams

/// Reads the YAML of an annotations file into ``Annotations``, refusing anything it does not
/// understand. The format is documented at the top of `Resources/demo-lake.yaml`.
struct AnnotationsParser {
    let source: String

    func parse(yaml: String) throws -> Annotations {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw CatalogError.invalidAnnotations(file: source, field: nil, reason: Self.describe(error))
        }
        var annotations = Annotations(source: source)
        // A file of comments only is an empty set of annotations, not an error.
        guard let root else { return annotations }
        let document = AnnotationNode(node: root, path: "", file: source)
        for (key, value) in try document.entries(allowedKeys: ["version", "classification_lists", "tables", "relationships", "kpi_patterns"]) {
            switch key {
            case "version":
                guard value.node.scalar?.string == "1" else { throw value.invalid("unknown format version; only version 1 exists") }
            case "classification_lists":
                annotations.classificationLists = try classificationLists(value)
            case "tables":
                for (name, table) in try value.entries() {
                    annotations.tables[name] = try tableAnnotation(table)
                }
            case "relationships":
                annotations.relationships = try relationships(value)
            default:
                annotations.kpiPatterns = try kpiPatterns(value)
            }
        }
        return annotations
    }

    private func classificationLists(_ node: AnnotationNode) throws -> [Classification: [String]] {
        var lists: [Classification: [String]] = [:]
        for (key, value) in try node.entries() {
            guard let level = Classification(rawValue: key) else {
                throw value.invalid("unknown classification \(String(reflecting: key)); expected one of \(Self.levels)")
            }
            lists[level] = try value.textList()
        }
        return lists
    }

    private func tableAnnotation(_ node: AnnotationNode) throws -> TableAnnotation {
        var table = TableAnnotation()
        for (key, value) in try node.entries(allowedKeys: ["classification", "detail_bi", "columns"]) {
            switch key {
            case "classification":
                table.classification = try value.choice("classification", Classification.init(rawValue:), allowed: Self.levels)
            case "detail_bi":
                table.detailBI = try value.text()
            default:
                for (name, column) in try value.entries() {
                    table.columns[name] = try columnAnnotation(column)
                }
            }
        }
        return table
    }

    private func columnAnnotation(_ node: AnnotationNode) throws -> ColumnAnnotation {
        var column = ColumnAnnotation()
        let entries = try node.entries(allowedKeys: ["detail_bi", "pii", "pii_kind", "masking_rule"])
        for (key, value) in entries {
            switch key {
            case "detail_bi":
                column.detailBI = try value.text()
            case "pii":
                column.pii = try value.choice("PII review", Self.review, allowed: Self.reviews)
            case "pii_kind":
                column.piiKind = try value.choice("PII kind", PIIKind.init(rawValue:), allowed: PIIKind.allCases.map(\.rawValue))
            default:
                column.maskingRule = try value.choice("masking rule", MaskingRule.init(rawValue:), allowed: MaskingRule.allCases.map(\.rawValue))
            }
        }
        // A kind or a masking rule says how to mask, which only means something for confirmed PII.
        if column.pii != .confirmed, let (key, value) = entries.first(where: { $0.key == "pii_kind" || $0.key == "masking_rule" }) {
            throw value.invalid("\(key) needs `pii: confirmed` on the same column")
        }
        return column
    }

    private func relationships(_ node: AnnotationNode) throws -> [RelationshipAnnotation] {
        var seen: Set<String> = []
        return try node.elements().map { element in
            var from: ColumnReference?, to: ColumnReference?
            var status = ReviewStatus.confirmed
            var detailBI: String?
            for (key, value) in try element.entries(allowedKeys: ["from", "to", "status", "detail_bi"]) {
                switch key {
                case "from": from = try value.columnReference()
                case "to": to = try value.columnReference()
                case "status": status = try value.choice("status", Self.review, allowed: Self.reviews)
                default: detailBI = try value.text()
                }
            }
            guard let from else { throw element.invalid("missing `from: table.column` (the foreign key)") }
            guard let to else { throw element.invalid("missing `to: table.column` (the key it refers to)") }
            guard seen.insert("\(from) → \(to)").inserted else {
                throw element.invalid("\(from) → \(to) is declared twice")
            }
            return RelationshipAnnotation(from: from, to: to, status: status, detailBI: detailBI)
        }
    }

    private func kpiPatterns(_ node: AnnotationNode) throws -> [KPIPattern] {
        var seen: Set<String> = []
        return try node.elements().map { element in
            var fields: [String: String] = [:]
            var tables: [String]?
            var mart: AnnotationNode?
            for (key, value) in try element.entries(allowedKeys: ["id", "name", "description", "tables", "template", "mart"]) {
                if key == "tables" {
                    tables = try value.textList()
                    if tables?.isEmpty == true { throw value.invalid("must name at least one table") }
                } else if key == "mart" {
                    // Converted once the id is known, which its errors name (the id may come later in the entry).
                    mart = value
                } else {
                    fields[key] = try value.text()
                }
            }
            guard let id = fields["id"] else { throw element.invalid("missing `id`") }
            guard let name = fields["name"] else { throw element.invalid("missing `name`") }
            guard let description = fields["description"] else { throw element.invalid("missing `description`") }
            guard let tables else { throw element.invalid("missing `tables` (the tables the pattern needs)") }
            guard let template = fields["template"] else { throw element.invalid("missing `template` (the SQL that computes the KPI)") }
            guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw element.invalid("id \(String(reflecting: id)) must be lower-case letters, digits and `_`")
            }
            guard seen.insert(id).inserted else { throw element.invalid("KPI pattern id \(String(reflecting: id)) is used twice") }
            let martTemplate = try mart.map { try MartTemplateJSON(patternID: id).json(of: $0) }
            return KPIPattern(id: id, name: name, description: description, tables: tables, template: template, martTemplate: martTemplate)
        }
    }

    /// Only the decisions a person makes: `suggested` is what the scanner says, not a review.
    private static func review(_ text: String) -> ReviewStatus? {
        let status = ReviewStatus(rawValue: text)
        return status == .suggested ? nil : status
    }

    private static let reviews = [ReviewStatus.confirmed.rawValue, ReviewStatus.rejected.rawValue]
    private static let levels = Classification.allCases.map(\.rawValue)

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return "not valid YAML: \(problem) (line \(mark.line))"
        case let .duplicatedKeysInMapping(duplicates, context):
            return "key \(duplicates.map { String(reflecting: $0) }.joined(separator: ", ")) appears twice in one mapping (line \(context.mark.line))"
        default:
            return "not valid YAML: \(error)"
        }
    }
}
