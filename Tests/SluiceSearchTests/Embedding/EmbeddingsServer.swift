import Foundation
import SluiceSearch
import SluiceTestSupport

/// `Tests/tools/openai_embeddings_server.py` running on 127.0.0.1 for one test: a real HTTP
/// server speaking OpenAI's embeddings API, which logs every request body it receives.
final class EmbeddingsServer: Sendable {
    /// One request as the server logged it.
    struct LoggedRequest: Decodable {
        var path: String
        /// 0 for a connection the server dropped without answering.
        var status: Int
        var authorization: Bool
        /// The body exactly as it arrived.
        var body: String

        /// The `input` texts of the body.
        var inputs: [String] {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return [] }
            return object["input"] as? [String] ?? []
        }

        /// The body's top-level fields.
        var fields: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
        }
    }

    let port: Int
    private let service: PythonService
    private let log: URL

    /// - Parameters: see the tool's flags; `dimensions` is the length it answers with
    ///   when a request does not ask for one.
    init(apiKey: String? = nil, dimensions: Int = 16, failFirst: Int = 0, failStatus: Int = 429, dropFirst: Int = 0,
         ignoreDimensions: Bool = false, omitLast: Bool = false) throws {
        log = try Python.temporaryDirectory().appendingPathComponent("requests.jsonl")
        var arguments = ["--log", log.path, "--dimensions", "\(dimensions)", "--fail-first", "\(failFirst)",
                         "--fail-status", "\(failStatus)", "--drop-first", "\(dropFirst)"]
        if let apiKey { arguments += ["--api-key", apiKey] }
        if ignoreDimensions { arguments.append("--ignore-dimensions") }
        if omitLast { arguments.append("--omit-last") }
        service = try Python.startTool("openai_embeddings_server.py", arguments: arguments)
        guard let port = Int(service.readyLine) else {
            throw PythonError(message: "the embeddings server printed \(String(reflecting: service.readyLine)) instead of its port")
        }
        self.port = port
    }

    /// The base URL up to `/v1`, as a configuration names it.
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    func configuration(apiKey: String? = nil, dimensions: Int? = nil, batchSize: Int = 64, queryPrefix: String = "",
                       documentPrefix: String = "", model: String = "test-embed") -> OpenAIEmbeddingConfiguration {
        OpenAIEmbeddingConfiguration(baseURL: baseURL, model: model, apiKey: apiKey, dimensions: dimensions, batchSize: batchSize,
                                     queryPrefix: queryPrefix, documentPrefix: documentPrefix,
                                     retry: EmbeddingRetryPolicy(baseDelay: .milliseconds(50)))
    }

    /// Every request so far, in arrival order.
    func requests() throws -> [LoggedRequest] {
        guard FileManager.default.fileExists(atPath: log.path) else { return [] }
        let text = try String(contentsOf: log, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(LoggedRequest.self, from: Data($0.utf8)) }
    }

    deinit { service.stop() }
}

/// Collects the call log of an embedder.
actor CallRecords {
    private(set) var all: [EmbeddingCallRecord] = []

    func append(_ record: EmbeddingCallRecord) { all.append(record) }

    nonisolated var log: @Sendable (EmbeddingCallRecord) async -> Void {
        { record in await self.append(record) }
    }
}
