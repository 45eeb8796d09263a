import Foundation
import SluiceCatalog

/// A KPI pattern's mart template made into a spec named after the pattern.
///
/// The catalog keeps the template as JSON text without `name`; here the pattern's id is added
/// as the name and the result is read and resolved like any spec, so a template that no
/// longer fits the catalog (a column renamed since the annotations were written) is a
/// ``PlanningError`` naming the pattern and every problem, not a mart that fails later.
struct KPITemplatePlan {
    let pattern: KPIPattern
    /// The recommendation's score for the pattern, shown in the notes.
    let score: Double

    func plan(catalog: CatalogContents) throws -> PlannedMart {
        let spec = try spec()
        do {
            _ = try spec.resolve(against: catalog)
        } catch let error as MartSpecError {
            throw PlanningError("the mart template of KPI pattern \(String(reflecting: pattern.id)) does not fit the catalog: "
                + error.problems.map(\.description).joined(separator: "; "))
        }
        return PlannedMart(spec: spec, source: "kpi:\(pattern.id)",
                           notes: ["KPI \(pattern.id) (score \(DeterministicPlanner.format(score))): \(pattern.name)"])
    }

    /// The template with `name` (and, when it has none, `description`) from the pattern.
    ///
    /// The fields are put in front of the template's own text rather than read and written
    /// again, so its numbers reach the spec exactly as the annotations file wrote them.
    func spec() throws -> MartSpec {
        let origin = "KPI pattern \(pattern.id)'s mart template"
        guard let template = pattern.martTemplate else {
            throw PlanningError("KPI pattern \(String(reflecting: pattern.id)) has no mart template "
                + "(its entry in the annotations file needs a `mart:` mapping)")
        }
        let body = template.drop(while: \.isWhitespace)
        guard body.first == "{",
              let fields = (try? JSONSerialization.jsonObject(with: Data(template.utf8))) as? [String: Any] else {
            throw PlanningError("invalid mart spec \(origin): a template is a JSON object of spec fields without name, found \(template.prefix(60))")
        }
        guard fields["name"] == nil else {
            throw PlanningError("invalid mart spec \(origin): name: a template is named after its pattern; remove name")
        }
        var added = [try Self.member("name", pattern.id)]
        if fields["description"] == nil { added.append(try Self.member("description", pattern.name)) }
        let rest = body.dropFirst().drop(while: \.isWhitespace)
        let json = "{" + added.joined(separator: ",") + (rest.first == "}" ? "" : ",") + rest
        do {
            return try MartSpec.decode(json, origin: origin)
        } catch let error as MartSpecError {
            throw PlanningError(error.description)
        }
    }

    /// `"key":"value"`, the value escaped as JSON.
    private static func member(_ key: String, _ value: String) throws -> String {
        "\"\(key)\":" + String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
