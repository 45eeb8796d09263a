import Foundation
import SluiceProvision
import SluiceTestSupport

/// `Tests/tools/openai_chat_server.py` running with a script of answers, and what it recorded.
final class ChatServer: Sendable {
    /// One request as the server logged it.
    struct Request: Decodable {
        var path: String
        var status: Int
        var authorization: String?
        var body: String

        /// The messages' contents, decoded from the body as sent.
        func messageContents() throws -> [String] {
            struct Body: Decodable {
                struct Message: Decodable { var role: String; var content: String }
                var messages: [Message]
            }
            return try JSONDecoder().decode(Body.self, from: Data(body.utf8)).messages.map(\.content)
        }

        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] ?? [:]
        }
    }

    private let service: PythonService
    private let folder: URL
    let baseURL: String

    /// `answers`: the script, one entry per request (see the tool's documentation).
    init(answers: [[String: Any]], apiKey: String? = nil) throws {
        folder = try Python.temporaryDirectory()
        let script = folder.appendingPathComponent("script.json")
        try JSONSerialization.data(withJSONObject: answers).write(to: script)
        service = try Python.startTool("openai_chat_server.py", arguments: [
            "--log", folder.appendingPathComponent("requests.jsonl").path, "--script", script.path,
        ] + (apiKey.map { ["--api-key", $0] } ?? []))
        baseURL = "http://127.0.0.1:\(service.readyLine)/v1"
    }

    func requests() throws -> [Request] {
        let log = folder.appendingPathComponent("requests.jsonl")
        guard FileManager.default.fileExists(atPath: log.path) else { return [] }
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Request.self, from: Data($0.utf8))
        }
    }

    func stop() {
        service.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
