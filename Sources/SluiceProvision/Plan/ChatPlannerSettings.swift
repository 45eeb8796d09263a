import Foundation
import SluiceCore

/// The `planner` section and the environment, read with errors that name the variable or the
/// file key (and the file) a value came from, so a person knows which one to fix.
struct ChatPlannerSettings {
    let section: SluiceConfig.PlannerSection
    let file: String?
    let environment: [String: String]

    static let providerVariable = "SLUICE_PLANNER_PROVIDER"
    static let urlVariable = "SLUICE_PLANNER_URL"
    static let modelVariable = "SLUICE_PLANNER_MODEL"
    static let apiKeyVariable = "SLUICE_PLANNER_API_KEY"

    func resolve() throws -> ChatPlannerConfiguration? {
        guard try provider() == .openai else { return nil }
        let url = try required(variable: Self.urlVariable, key: "url", fileValue: section.url,
                               hint: "the server's base URL up to /v1, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama)")
        let model = try required(variable: Self.modelVariable, key: "model", fileValue: section.model,
                                 hint: "the chat model to ask, such as gpt-4o-mini or qwen2.5:7b-instruct")
        let baseURL = try Self.normalized(url.value, setting: url.setting)
        return ChatPlannerConfiguration(url: baseURL, model: model.value,
                                        apiKey: variable(Self.apiKeyVariable) ?? nonEmpty(section.apiKey))
    }

    private func provider() throws -> SluiceConfig.PlannerSection.Provider? {
        guard let text = variable(Self.providerVariable) else { return section.provider }
        guard let provider = SluiceConfig.PlannerSection.Provider(rawValue: text.lowercased()) else {
            let names = SluiceConfig.PlannerSection.Provider.allCases.map(\.rawValue).joined(separator: " or ")
            throw PlanningError("\(Self.providerVariable): expected \(names), got \(String(reflecting: text))")
        }
        return provider
    }

    /// The variable when set, else the file's value; missing both is an error naming both.
    private func required(variable name: String, key: String, fileValue: String?, hint: String) throws -> (value: String, setting: String) {
        if let value = variable(name) { return (value, name) }
        if let value = nonEmpty(fileValue) { return (value, fileSetting(key)) }
        throw PlanningError("the openai planner needs \(key): set \(name) or \(fileSetting(key)) to \(hint)")
    }

    private func variable(_ name: String) -> String? {
        nonEmpty(environment[name])
    }

    private func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `planner.url in /home/me/.sluice/config.json`, or the key alone without a file.
    private func fileSetting(_ key: String) -> String {
        "planner.\(key)" + (file.map { " in \($0)" } ?? "")
    }

    /// An http or https URL with a host, without trailing slashes (requests append `/chat/completions`).
    static func normalized(_ url: String, setting: String) throws -> String {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false else {
            throw PlanningError("\(setting): \(String(reflecting: url)) is not an http or https URL with a host, such as http://127.0.0.1:11434/v1")
        }
        guard components.query == nil, components.fragment == nil else {
            throw PlanningError("\(setting): \(String(reflecting: url)) has a query or fragment; give the base URL up to /v1 only")
        }
        return text
    }
}
