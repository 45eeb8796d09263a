import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one batch of texts to `{baseURL}/embeddings` and checks the answer, retrying what
/// may pass and reporting every HTTP call, successful or not, to the call log.
///
/// The call log gets sizes, token counts, timings and errors: never the texts, never the
/// key. The texts are catalog metadata (the catalog keeps no raw PII value), and the log
/// is how that can be audited after the fact.
struct OpenAIEmbeddingClient: Sendable {
    typealias CallLog = @Sendable (EmbeddingCallRecord) async -> Void

    let configuration: OpenAIEmbeddingConfiguration
    /// The normalized base URL: what call records name.
    let baseURL: String
    /// `{baseURL}/embeddings`: where requests go and what errors name.
    let endpoint: String
    private let callLog: CallLog?
    private let http: HTTPClient

    init(configuration: OpenAIEmbeddingConfiguration, callLog: CallLog?, http: HTTPClient = Self.sharedHTTPClient) throws {
        try configuration.validate()
        self.configuration = configuration
        self.baseURL = try configuration.normalizedBaseURL()
        self.endpoint = baseURL + "/embeddings"
        self.callLog = callLog
        self.http = http
    }

    /// The client every remote embedder shares: one connection pool for the process,
    /// never shut down (like `S3Store.sharedHTTPClient`), so no embedder has a client to
    /// forget to close.
    ///
    /// - Refused connections fail at once rather than being retried inside the pool, so
    ///   ``EmbeddingRetryPolicy`` alone decides how often to try.
    /// - Redirects are not followed: a redirected POST would carry the bearer key to
    ///   wherever the redirect points.
    static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            decompression: .disabled
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Embeds `texts` (at most one batch) with `mode`'s prefix; one vector per text, in order.
    ///
    /// - Parameter dimension: the length every vector must have; `nil` while probing it,
    ///   when any length above zero is accepted (the same for all vectors).
    func embed(_ texts: [String], mode: EmbeddingMode, dimension: Int?) async throws -> [[Float]] {
        let prefix = configuration.prefix(for: mode)
        let sent = prefix.isEmpty ? texts : texts.map { prefix + $0 }
        let body = try EmbeddingsRequestBody(model: configuration.model, input: sent, dimensions: configuration.dimensions).encoded()
        let characters = sent.reduce(0) { $0 + $1.count }
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            let started = Date()
            let clock = ContinuousClock.now
            var record = EmbeddingCallRecord(
                calledAt: started, endpoint: baseURL, model: configuration.model, mode: mode, inputCount: sent.count,
                inputCharacters: characters, requestBytes: body.count, responseBytes: 0, promptTokens: nil, durationMs: 0, error: nil
            )
            let outcome = await send(body)
            record.durationMs = Self.milliseconds(ContinuousClock.now - clock)
            switch outcome {
            case let .answered(status, headers, responseBody):
                record.responseBytes = responseBody.count
                if (200..<300).contains(status) {
                    do {
                        let (vectors, tokens) = try decode(responseBody, count: sent.count, dimension: dimension)
                        record.promptTokens = tokens
                        await callLog?(record)
                        return vectors
                    } catch {
                        record.error = "\(error)"
                        await callLog?(record)
                        throw error
                    }
                }
                let failure = Self.describe(status: status, body: responseBody)
                record.error = failure
                await callLog?(record)
                if EmbeddingRetryPolicy.isTransient(status: status), attempt < policy.maxAttempts {
                    try await Task.sleep(for: policy.delay(after: attempt, retryAfter: Self.retryAfter(headers)))
                    continue
                }
                throw EmbeddingError.provider(endpoint: endpoint, reason: failure + Self.tries(attempt))
            case let .failed(error):
                record.error = "\(error)"
                await callLog?(record)
                if error is CancellationError { throw error }
                if Self.isTransient(error), attempt < policy.maxAttempts, !Task.isCancelled {
                    try await Task.sleep(for: policy.delay(after: attempt, retryAfter: nil))
                    continue
                }
                throw EmbeddingError.provider(endpoint: endpoint, reason: "request failed\(Self.tries(attempt)): \(error)")
            }
        }
    }

    private enum Outcome {
        case answered(status: Int, headers: HTTPHeaders, body: [UInt8])
        case failed(any Error)
    }

    private func send(_ body: [UInt8]) async -> Outcome {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "application/json")
        request.headers.add(name: "user-agent", value: "sluice")
        if let key = configuration.apiKey, !key.isEmpty {
            request.headers.add(name: "authorization", value: "Bearer \(key)")
        }
        request.body = .bytes(body)
        do {
            let response = try await http.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
            let status = Int(response.status.code)
            let collected = try await response.body.collect(upTo: Self.responseLimit)
            return .answered(status: status, headers: response.headers, body: Array(collected.readableBytesView))
        } catch {
            return .failed(error)
        }
    }

    /// The vectors of a 2xx answer, ordered by `index`, checked against what was asked.
    private func decode(_ body: [UInt8], count: Int, dimension: Int?) throws -> (vectors: [[Float]], promptTokens: Int?) {
        let parsed: EmbeddingsResponseBody
        do {
            parsed = try JSONDecoder().decode(EmbeddingsResponseBody.self, from: Data(body))
        } catch {
            throw EmbeddingError.unexpectedResponse(endpoint: endpoint, reason: "not an embeddings list: \(Self.decodingSummary(error))")
        }
        guard parsed.data.count == count else {
            throw EmbeddingError.unexpectedResponse(endpoint: endpoint, reason: "\(parsed.data.count) vectors for \(count) texts")
        }
        var vectors = [[Float]?](repeating: nil, count: count)
        for item in parsed.data {
            guard vectors.indices.contains(item.index), vectors[item.index] == nil else {
                throw EmbeddingError.unexpectedResponse(endpoint: endpoint, reason: "index \(item.index) is out of range or repeated for \(count) texts")
            }
            vectors[item.index] = item.embedding
        }
        let ordered = vectors.map { $0 ?? [] }
        let expected = dimension ?? ordered.first?.count ?? 0
        for (index, vector) in ordered.enumerated() {
            guard !vector.isEmpty, vector.count == expected else {
                let what = dimension == nil ? "\(ordered.first?.count ?? 0) like the first" : "\(expected) as configured"
                throw EmbeddingError.unexpectedResponse(endpoint: endpoint, reason: "vector \(index) has \(vector.count) dimensions, expected \(what)")
            }
            guard vector.allSatisfy(\.isFinite) else {
                throw EmbeddingError.unexpectedResponse(endpoint: endpoint, reason: "vector \(index) holds a value that is not a finite number")
            }
        }
        return (ordered, parsed.usage?.promptTokens)
    }

    /// "HTTP 401 Unauthorized: Incorrect API key provided (invalid_api_key)".
    private static func describe(status: Int, body: [UInt8]) -> String {
        let phrase = HTTPResponseStatus(statusCode: status).reasonPhrase
        let head = phrase.isEmpty ? "HTTP \(status)" : "HTTP \(status) \(phrase)"
        return ProviderErrorBody.summary(of: body).map { "\(head): \($0)" } ?? head
    }

    private static func tries(_ attempt: Int) -> String {
        attempt == 1 ? "" : " (after \(attempt) attempts)"
    }

    /// `Retry-After` in seconds; the HTTP-date form is rare for APIs and ignored.
    private static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        headers.first(name: "retry-after").flatMap(Double.init).map { .milliseconds(max(0, $0) * 1000) }
    }

    /// Transport failures worth another try: timeouts and refused or dropped connections.
    /// An answer too large to take, or a malformed URL, would fail the same way again.
    private static func isTransient(_ error: any Error) -> Bool {
        if error is NIOTooManyBytesError { return false }
        guard let error = error as? HTTPClientError else {
            // NIO's connection and I/O errors: refused, reset, closed mid-response.
            return true
        }
        return [
            .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .remoteConnectionClosed,
            .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
        ].contains(error)
    }

    private static func decodingSummary(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case let .keyNotFound(key, context):
            return "missing \(key.stringValue) at \(path(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// Large enough for 2048 texts of 3072 dimensions written as JSON text.
    private static let responseLimit = 256 * 1024 * 1024

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
