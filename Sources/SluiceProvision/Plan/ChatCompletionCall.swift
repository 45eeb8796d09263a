import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One `POST {url}/chat/completions` and what came of it, in terms a fallback reason can
/// name: the answer's content, or why there is none.
struct ChatCompletionCall {
    let configuration: ChatPlannerConfiguration
    let http: HTTPClient

    struct RequestBody: Encodable {
        struct ResponseFormat: Encodable {
            var type = "json_object"
        }

        var model: String
        var messages: [ChatPlannerPrompt.Message]
        var responseFormat = ResponseFormat()
        /// The same question and catalog should get the same plan, as far as the server allows.
        var temperature = 0.0

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature
            case responseFormat = "response_format"
        }
    }

    /// The part of OpenAI's chat completion object the planner reads.
    private struct ResponseBody: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: String?
            }

            var message: Message
        }

        var choices: [Choice]
    }

    enum Outcome {
        /// A 2xx answer whose first choice has text content.
        case content(String, responseCharacters: Int)
        /// No usable answer; `reason` names the endpoint and what went wrong.
        case failed(reason: String, responseCharacters: Int)
    }

    /// Answers larger than this are refused: a spec is a few kilobytes.
    static let responseLimit = 4 * 1024 * 1024

    func send(_ messages: [ChatPlannerPrompt.Message]) async throws -> Outcome {
        let endpoint = configuration.endpoint
        let body = try JSONEncoder().encode(RequestBody(model: configuration.model, messages: messages))
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "application/json")
        request.headers.add(name: "user-agent", value: "sluice")
        if let key = configuration.apiKey, !key.isEmpty {
            request.headers.add(name: "authorization", value: "Bearer \(key)")
        }
        request.body = .bytes(ByteBuffer(bytes: body))

        let status: Int
        let answer: String
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(Int64(configuration.timeoutSeconds * 1e9)))
            status = Int(response.status.code)
            answer = String(buffer: try await response.body.collect(upTo: Self.responseLimit))
        } catch let error as HTTPClientError where Self.timeouts.contains(error) {
            return .failed(reason: "timeout: \(endpoint) did not answer within \(Self.seconds(configuration.timeoutSeconds))", responseCharacters: 0)
        } catch is NIOTooManyBytesError {
            return .failed(reason: "\(endpoint) answered more than \(Self.responseLimit) bytes, too much for a spec", responseCharacters: 0)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return .failed(reason: "the request to \(endpoint) failed: \(error)", responseCharacters: 0)
        }
        guard (200..<300).contains(status) else {
            let phrase = HTTPResponseStatus(statusCode: status).reasonPhrase
            return .failed(reason: "\(endpoint) answered HTTP \(status)\(phrase.isEmpty ? "" : " \(phrase)")\(Self.errorMessage(in: answer))",
                           responseCharacters: answer.count)
        }
        guard let parsed = try? JSONDecoder().decode(ResponseBody.self, from: Data(answer.utf8)) else {
            return .failed(reason: "\(endpoint) answered HTTP \(status) with something other than a chat completion (no choices[0].message)",
                           responseCharacters: answer.count)
        }
        guard let content = parsed.choices.first?.message.content else {
            return .failed(reason: "\(endpoint) answered a chat completion without choices[0].message.content", responseCharacters: answer.count)
        }
        return .content(content, responseCharacters: answer.count)
    }

    private static let timeouts: [HTTPClientError] = [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout]

    /// `: message` from OpenAI's error format (`{"error": {"message": …}}`), else the body's start.
    private static func errorMessage(in body: String) -> String {
        struct ErrorBody: Decodable {
            struct Detail: Decodable { var message: String? }
            var error: Detail
        }
        if let message = (try? JSONDecoder().decode(ErrorBody.self, from: Data(body.utf8)))?.error.message, !message.isEmpty {
            return ": \(message)"
        }
        let start = body.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
        return start.isEmpty ? "" : ": \(start)"
    }

    private static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value)) s" : "\(value) s"
    }
}
