import Foundation

/// The body of `POST /v1/embeddings`.
///
/// `dimensions` is sent only when configured: OpenAI's older models and several
/// compatible servers reject the field outright, and without it every server answers with
/// its model's natural length.
struct EmbeddingsRequestBody: Encodable {
    var model: String
    var input: [String]
    var encodingFormat = "float"
    var dimensions: Int?

    enum CodingKeys: String, CodingKey {
        case model, input, dimensions
        case encodingFormat = "encoding_format"
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        // Stable bytes for equal requests, so request logs and sizes compare across runs.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}

/// A successful answer: one vector per input, each with the input's index.
struct EmbeddingsResponseBody: Decodable {
    struct Item: Decodable {
        var index: Int
        var embedding: [Float]
    }

    struct Usage: Decodable {
        var promptTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
        }
    }

    var data: [Item]
    var usage: Usage?
}

/// What a provider says went wrong, from any of the shapes compatible servers use:
/// OpenAI's `{"error": {"message": …, "code": …}}`, a bare `{"error": "…"}` (Ollama's
/// older versions) or a top-level `{"message": …}` (vLLM).
struct ProviderErrorBody: Decodable {
    var message: String?
    var code: String?

    private enum Keys: String, CodingKey { case error, message, code }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        if let nested = try? container.nestedContainer(keyedBy: Keys.self, forKey: .error) {
            message = try? nested.decodeIfPresent(String.self, forKey: .message)
            code = Self.code(in: nested)
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .error) {
            message = text
        } else {
            message = try? container.decodeIfPresent(String.self, forKey: .message)
            code = Self.code(in: container)
        }
    }

    /// `code` is a string at OpenAI and a number at vLLM.
    private static func code(in container: KeyedDecodingContainer<Keys>) -> String? {
        if let text = try? container.decodeIfPresent(String.self, forKey: .code) { return text }
        return (try? container.decodeIfPresent(Int.self, forKey: .code)).flatMap { $0.map(String.init) }
    }

    /// The provider's own words for a failed answer, or the start of the body when it is
    /// not one of the known error shapes.
    static func summary(of body: [UInt8]) -> String? {
        if let parsed = try? JSONDecoder().decode(ProviderErrorBody.self, from: Data(body)), let message = parsed.message, !message.isEmpty {
            return parsed.code.map { "\(message) (\($0))" } ?? message
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
