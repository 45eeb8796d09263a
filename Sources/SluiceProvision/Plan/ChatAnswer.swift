import Foundation
import SluiceCatalog

/// A chat model's answer read as a mart spec: JSON first, then the spec format, then the
/// catalog, each failure a reason that says which step failed and what was wrong.
struct ChatAnswer {
    let content: String
    let model: String

    func spec(catalog: CatalogContents) -> Result<MartSpec, PlanningError> {
        let json = Self.unfenced(content)
        do {
            _ = try JSONSerialization.jsonObject(with: Data(json.utf8))
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            return .failure(PlanningError("invalid JSON: the answer of chat model \(model) is not a JSON object (\(detail)): \(json.prefix(120))"))
        }
        let spec: MartSpec
        do {
            spec = try MartSpec.decode(json, format: .json, origin: "from chat model \(model)")
        } catch let error as MartSpecError {
            return .failure(PlanningError("invalid spec: \(error)"))
        } catch {
            return .failure(PlanningError("invalid spec from chat model \(model): \(error)"))
        }
        do {
            _ = try spec.resolve(against: catalog)
        } catch let error as MartSpecError {
            return .failure(PlanningError("the spec of chat model \(model) does not fit the catalog: "
                + error.problems.map(\.description).joined(separator: "; ")))
        } catch {
            return .failure(PlanningError("the spec of chat model \(model) does not fit the catalog: \(error)"))
        }
        return .success(spec)
    }

    /// The text inside a Markdown code fence (some models add one even when asked for JSON);
    /// the text itself otherwise.
    static func unfenced(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), trimmed.count >= 6 else { return trimmed }
        var inner = trimmed.dropFirst(3).dropLast(3)
        if let newline = inner.firstIndex(of: "\n"), inner[..<newline].allSatisfy({ $0.isLetter }) {
            inner = inner[inner.index(after: newline)...]
        }
        return inner.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
