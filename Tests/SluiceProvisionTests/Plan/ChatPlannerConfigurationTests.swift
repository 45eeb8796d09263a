import SluiceCore
import SluiceProvision
import Testing

@Suite("chat planner configuration")
struct ChatPlannerConfigurationTests {
    static let file = SluiceConfig(path: "/home/ana/.sluice/config.json", planner: .init(
        provider: .openai, url: "http://127.0.0.1:11434/v1/", model: "qwen2.5:7b-instruct", apiKey: "file-key"))

    @Test("the file alone: its URL without the trailing slash, its model and key")
    func fileAlone() throws {
        let configuration = try #require(try ChatPlannerConfiguration.resolve(config: Self.file, environment: [:]))
        #expect(configuration == ChatPlannerConfiguration(url: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b-instruct", apiKey: "file-key"))
        #expect(configuration.endpoint == "http://127.0.0.1:11434/v1/chat/completions")
    }

    @Test("the environment wins over the file, field by field")
    func environmentWins() throws {
        let configuration = try ChatPlannerConfiguration.resolve(config: Self.file, environment: [
            "SLUICE_PLANNER_URL": "https://api.openai.com/v1", "SLUICE_PLANNER_MODEL": "gpt-4o-mini", "SLUICE_PLANNER_API_KEY": "env-key",
        ])
        #expect(configuration == ChatPlannerConfiguration(url: "https://api.openai.com/v1", model: "gpt-4o-mini", apiKey: "env-key"))
        let modelOnly = try ChatPlannerConfiguration.resolve(config: Self.file, environment: ["SLUICE_PLANNER_MODEL": "llama3"])
        #expect(modelOnly == ChatPlannerConfiguration(url: "http://127.0.0.1:11434/v1", model: "llama3", apiKey: "file-key"))
    }

    @Test("deterministic or no provider means no chat planner; the environment's provider wins either way")
    func provider() throws {
        #expect(try ChatPlannerConfiguration.resolve(config: SluiceConfig(), environment: [:]) == nil)
        #expect(try ChatPlannerConfiguration.resolve(config: Self.file, environment: ["SLUICE_PLANNER_PROVIDER": "deterministic"]) == nil)
        let turnedOn = try ChatPlannerConfiguration.resolve(config: SluiceConfig(), environment: [
            "SLUICE_PLANNER_PROVIDER": "OpenAI", "SLUICE_PLANNER_URL": "http://localhost:8000/v1", "SLUICE_PLANNER_MODEL": "m",
        ])
        #expect(turnedOn == ChatPlannerConfiguration(url: "http://localhost:8000/v1", model: "m", apiKey: nil))
    }

    @Test("a missing or wrong setting is an error naming the variable and the file key", arguments: [
        (SluiceConfig(path: "/etc/sluice.json", planner: .init(provider: .openai, url: "http://h/v1")), [String: String](),
         "the openai planner needs model: set SLUICE_PLANNER_MODEL or planner.model in /etc/sluice.json to the chat model to ask"),
        (SluiceConfig(planner: .init(provider: .openai, model: "m")), [:],
         "the openai planner needs url: set SLUICE_PLANNER_URL or planner.url to the server's base URL up to /v1"),
        (SluiceConfig(), ["SLUICE_PLANNER_PROVIDER": "anthropic"],
         "SLUICE_PLANNER_PROVIDER: expected deterministic or openai, got \"anthropic\""),
        (SluiceConfig(planner: .init(provider: .openai, model: "m")), ["SLUICE_PLANNER_URL": "ftp://h/v1"],
         "SLUICE_PLANNER_URL: \"ftp://h/v1\" is not an http or https URL with a host"),
    ])
    func errorsNameTheSetting(config: SluiceConfig, environment: [String: String], message: String) throws {
        let error = try #require(throws: PlanningError.self) { try ChatPlannerConfiguration.resolve(config: config, environment: environment) }
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }
}
