import Foundation
import SluiceCatalog
import SluiceCore
import SluiceLake
import SluiceSearch
import Testing

/// The OpenAI-compatible embedder against a real HTTP server speaking the embeddings API
/// (`Tests/tools/openai_embeddings_server.py`).
@Suite struct OpenAIEmbedderTests {
    private let texts = (0..<7).map { "table number \($0): positions of client accounts" }

    @Test func vectorsComeBackInInputOrderOneBatchAtATime() async throws {
        let server = try EmbeddingsServer(dimensions: 16)
        let records = CallRecords()
        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(batchSize: 3), callLog: records.log)
        #expect(embedder.model == EmbeddingModel(id: "test-embed", version: server.baseURL, dimension: 16))
        #expect(embedder.batchSize == 3)

        let vectors = try await embedder.embed(texts, mode: .document)
        #expect(vectors.count == texts.count && vectors.allSatisfy { $0.count == 16 })
        // The server answers in reverse order; each vector must still belong to its own text.
        for (index, text) in texts.enumerated() {
            #expect(try await embedder.embed([text], mode: .document) == [vectors[index]], "\(index)")
        }
        #expect(Set(vectors.map { $0.map(\.bitPattern) }).count == texts.count)

        let requests = try server.requests()
        // The probe, three batches of at most 3, then one request per text.
        #expect(requests.map(\.inputs.count) == [1, 3, 3, 1] + Array(repeating: 1, count: texts.count))
        #expect(requests[0].inputs == ["dimension probe"])
        #expect(Array(requests[1...3].flatMap(\.inputs)) == texts)
        for request in requests {
            #expect(request.path == "/v1/embeddings" && request.status == 200 && !request.authorization)
            #expect(request.fields["model"] as? String == "test-embed")
            #expect(request.fields["encoding_format"] as? String == "float")
            #expect(request.fields["dimensions"] == nil, "dimensions is sent only when configured")
        }
        #expect(await records.all.count == requests.count)
        #expect(try await embedder.embed([], mode: .query).isEmpty)
        #expect(try server.requests().count == requests.count, "nothing to embed sends nothing")
    }

    @Test func configuredDimensionsAreRequestedAndNotProbed() async throws {
        let server = try EmbeddingsServer(dimensions: 16)
        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(dimensions: 24), callLog: nil)
        #expect(try server.requests().isEmpty)
        #expect(embedder.model.dimension == 24)
        let vectors = try await embedder.embed(["exposure by sector"], mode: .query)
        #expect(vectors.map(\.count) == [24])
        #expect(try server.requests().first?.fields["dimensions"] as? Int == 24)
    }

    @Test(arguments: [429, 500, 503])
    func transientStatusesAreRetriedUntilTheySucceed(status: Int) async throws {
        let server = try EmbeddingsServer(failFirst: 2, failStatus: status)
        let records = CallRecords()
        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(dimensions: 16), callLog: records.log)
        let vectors = try await embedder.embed(["a", "b"], mode: .document)
        #expect(vectors.count == 2)
        #expect(try server.requests().map(\.status) == [status, status, 200])
        let calls = await records.all
        #expect(calls.count == 3)
        #expect(calls[0].error?.hasPrefix("HTTP \(status)") == true, "\(calls[0].error ?? "no error")")
        #expect(calls[1].error != nil && calls[2].error == nil)
        #expect(calls[2].promptTokens == 2)
    }

    @Test func droppedConnectionsAreRetried() async throws {
        let server = try EmbeddingsServer(dropFirst: 2)
        let records = CallRecords()
        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(dimensions: 16), callLog: records.log)
        #expect(try await embedder.embed(["a"], mode: .document).count == 1)
        #expect(try server.requests().map(\.status) == [0, 0, 200])
        let calls = await records.all
        #expect(calls.map { $0.error != nil } == [true, true, false])
        #expect(calls[0].responseBytes == 0)
    }

    @Test func givesUpAfterThreeAttemptsNamingEndpointStatusAndMessage() async throws {
        let server = try EmbeddingsServer(failFirst: 10, failStatus: 503)
        let records = CallRecords()
        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(dimensions: 16), callLog: records.log)
        let error = await #expect(throws: EmbeddingError.self) { try await embedder.embed(["a"], mode: .document) }
        guard case let .provider(endpoint, reason)? = error else { Issue.record("expected a provider error, got \(String(describing: error))"); return }
        #expect(endpoint == server.baseURL + "/embeddings")
        #expect(reason.hasPrefix("HTTP 503 Service Unavailable: The server had an error"), "\(reason)")
        #expect(reason.hasSuffix("(after 3 attempts)"), "\(reason)")
        #expect(try server.requests().count == 3)
        #expect(await records.all.count == 3)
    }

    @Test func aWrongKeyIsRefusedAtOnceWithTheProvidersMessage() async throws {
        let key = "sk-test-c0ffee"
        let server = try EmbeddingsServer(apiKey: key)
        let records = CallRecords()
        let error = await #expect(throws: EmbeddingError.self) {
            _ = try await OpenAICompatibleEmbedder.connect(server.configuration(apiKey: "sk-wrong-key"), callLog: records.log)
        }
        #expect(error == .provider(endpoint: server.baseURL + "/embeddings",
                                   reason: "HTTP 401 Unauthorized: Incorrect API key provided. (invalid_api_key)"))
        #expect(error?.description.contains("embedding provider http://127.0.0.1:\(server.port)/v1/embeddings: HTTP 401") == true)
        #expect(try server.requests().count == 1, "a refused key is not retried")
        #expect(await records.all.map(\.error) == ["HTTP 401 Unauthorized: Incorrect API key provided. (invalid_api_key)"])

        await #expect(throws: EmbeddingError.self) { _ = try await OpenAICompatibleEmbedder.connect(server.configuration(), callLog: nil) }

        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(apiKey: key), callLog: records.log)
        #expect(try await embedder.embed(["a"], mode: .query).count == 1)
        #expect(try server.requests().last.map { $0.status == 200 && $0.authorization } == true)
        let logged = String(decoding: try JSONEncoder().encode(await records.all), as: UTF8.self)
        #expect(!logged.contains(key) && !logged.contains("sk-wrong-key"), "call records never carry the key")
    }

    @Test func callRecordsTellSizesTokensAndTimesButNotTexts() async throws {
        let server = try EmbeddingsServer()
        let records = CallRecords()
        let configuration = server.configuration(dimensions: 16, batchSize: 4, documentPrefix: "passage: ")
        let embedder = try await OpenAICompatibleEmbedder.connect(configuration, callLog: records.log)
        _ = try await embedder.embed(texts, mode: .document)
        let calls = await records.all
        let requests = try server.requests()
        #expect(calls.count == 2 && requests.count == 2)
        for (call, request) in zip(calls, requests) {
            #expect(call.endpoint == server.baseURL)
            #expect(call.model == "test-embed" && call.mode == .document)
            #expect(call.inputCount == request.inputs.count)
            #expect(call.inputCharacters == request.inputs.reduce(0) { $0 + $1.count })
            #expect(call.requestBytes == request.body.utf8.count)
            #expect(call.responseBytes > 16 * 4 * call.inputCount)
            #expect(call.promptTokens == request.inputs.reduce(0) { $0 + $1.split(separator: " ").count })
            #expect(call.durationMs >= 0 && call.error == nil)
            #expect(request.inputs.allSatisfy { $0.hasPrefix("passage: ") })
        }
        #expect(calls.map(\.inputCount) == [4, 3])
        let logged = String(decoding: try JSONEncoder().encode(calls), as: UTF8.self)
        #expect(!logged.contains("positions of client accounts"))
    }

    @Test func modelIdentityChangesWithServerAndPrefixes() async throws {
        let server = try EmbeddingsServer()
        func model(_ configuration: OpenAIEmbeddingConfiguration) async throws -> EmbeddingModel {
            try await OpenAICompatibleEmbedder.connect(configuration, callLog: nil).model
        }
        let plain = try await model(server.configuration(dimensions: 16))
        var respelled = server.configuration(dimensions: 16)
        respelled.baseURL = "HTTP://127.0.0.1:\(server.port)/v1/"
        #expect(try await model(respelled) == plain, "one server spelled two ways is one model")
        var otherHost = server.configuration(dimensions: 16)
        otherHost.baseURL = "http://localhost:\(server.port)/v1"
        let queryPrefixed = try await model(server.configuration(dimensions: 16, queryPrefix: "search_query: "))
        let documentPrefixed = try await model(server.configuration(dimensions: 16, documentPrefix: "search_document: "))
        let versions = [plain, try await model(otherHost), queryPrefixed, documentPrefixed].map(\.version)
        #expect(Set(versions).count == 4, "\(versions)")
        #expect(queryPrefixed.version == "\(server.baseURL) query_prefix=\"search_query: \"")
        #expect(try server.requests().isEmpty)

        // The prefixes reach the server, and a question embeds differently from a document.
        let embedder = try await OpenAICompatibleEmbedder.connect(
            server.configuration(dimensions: 16, queryPrefix: "search_query: ", documentPrefix: "search_document: "), callLog: nil)
        let asQuery = try await embedder.embed(["client segment"], mode: .query)
        let asDocument = try await embedder.embed(["client segment"], mode: .document)
        #expect(asQuery != asDocument)
        #expect(try server.requests().map(\.inputs) == [["search_query: client segment"], ["search_document: client segment"]])
    }

    @Test func answersThatDoNotFitTheRequestAreRejected() async throws {
        let ignoring = try EmbeddingsServer(dimensions: 16, ignoreDimensions: true)
        let embedder = try await OpenAICompatibleEmbedder.connect(ignoring.configuration(dimensions: 8), callLog: nil)
        let wrongLength = await #expect(throws: EmbeddingError.self) { try await embedder.embed(["a", "b"], mode: .document) }
        #expect(wrongLength == .unexpectedResponse(endpoint: ignoring.baseURL + "/embeddings", reason: "vector 0 has 16 dimensions, expected 8 as configured"))

        let short = try EmbeddingsServer(omitLast: true)
        let shortEmbedder = try await OpenAICompatibleEmbedder.connect(short.configuration(dimensions: 16), callLog: nil)
        let missing = await #expect(throws: EmbeddingError.self) { try await shortEmbedder.embed(["a", "b", "c"], mode: .document) }
        #expect(missing == .unexpectedResponse(endpoint: short.baseURL + "/embeddings", reason: "2 vectors for 3 texts"))
    }

    @Test func unusableConfigurationsFailBeforeAnyRequest() async throws {
        let cases: [(OpenAIEmbeddingConfiguration, String)] = [
            (OpenAIEmbeddingConfiguration(baseURL: "ftp://127.0.0.1/v1", model: "m"), "embedding.url"),
            (OpenAIEmbeddingConfiguration(baseURL: "http:///v1", model: "m"), "embedding.url"),
            (OpenAIEmbeddingConfiguration(baseURL: "http://user:secret@127.0.0.1/v1", model: "m"), "embedding.url"),
            (OpenAIEmbeddingConfiguration(baseURL: "http://127.0.0.1/v1", model: " "), "embedding.model"),
            (OpenAIEmbeddingConfiguration(baseURL: "http://127.0.0.1/v1", model: "m", batchSize: 0), "embedding.batch_size"),
            (OpenAIEmbeddingConfiguration(baseURL: "http://127.0.0.1/v1", model: "m", dimensions: 0), "embedding.dimensions"),
        ]
        for (configuration, setting) in cases {
            let error = await #expect(throws: EmbeddingError.self) { _ = try await OpenAICompatibleEmbedder.connect(configuration, callLog: nil) }
            guard case let .configuration(named, _)? = error else { Issue.record("\(configuration.baseURL): \(String(describing: error))"); continue }
            #expect(named == setting)
            #expect(!(error?.description.contains("secret") ?? true), "credentials are not repeated in messages")
        }
    }

    @Test func anEmbedderThatWasShutDownRefusesWork() async throws {
        let server = try EmbeddingsServer()
        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(dimensions: 16), callLog: nil)
        try await embedder.shutdown()
        await #expect(throws: EmbeddingError.provider(endpoint: server.baseURL + "/embeddings", reason: "the embedder was shut down")) {
            try await embedder.embed(["a"], mode: .query)
        }
        #expect(try server.requests().isEmpty)
    }

    /// Governance: a call to a model provider carries metadata only, never a row value of a
    /// PII column. Every searchable document of the demo catalog goes through the provider,
    /// and no request body may hold any raw value of the demo lake's PII columns.
    @Test func embeddingTheWholeCatalogSendsNoPIIValue() async throws {
        let contents = try await DemoCatalog.contents()
        let piiColumns = contents.columns.filter(\.pii.effectiveIsPII)
        #expect(Set(piiColumns.map(\.table)) == ["clients", "accounts", "aml_alerts"])
        let values = try await rawValues(of: piiColumns, in: try await DemoCatalog.lake())
        // The story's names are among them, so the check below looks for the right things.
        #expect(values.contains { $0.contains("Volkov") } && values.contains { $0.contains("Lefèvre") })
        #expect(values.contains { $0.contains("@") } && values.contains { $0.hasPrefix("+") })

        let server = try EmbeddingsServer()
        let records = CallRecords()
        let embedder = try await OpenAICompatibleEmbedder.connect(server.configuration(dimensions: 16, batchSize: 32), callLog: records.log)
        let documents = CatalogDocument.documents(from: contents)
        let vectors = try await embedder.embed(documents.map(\.text), mode: .document)
        #expect(vectors.count == documents.count)

        let requests = try server.requests()
        #expect(requests.count == (documents.count + 31) / 32)
        #expect(requests.flatMap(\.inputs) == documents.map(\.text))
        for request in requests {
            let sent = [request.body] + request.inputs
            for value in values where sent.contains(where: { $0.contains(value) }) {
                Issue.record("a request to the embedding provider carries the PII value \(String(reflecting: value))")
            }
        }
        #expect(await records.all.count == requests.count)
    }

    /// Every distinct non-null value of `columns` in the lake, as text: strings as they
    /// are, dates as ISO `yyyy-mm-dd` (how a date would show up in text).
    private func rawValues(of columns: [ColumnMetadata], in lake: any ObjectStore) async throws -> Set<String> {
        var values = Set<String>()
        for (table, wanted) in Dictionary(grouping: columns, by: \.table) {
            let reader = try await LakeFileReader.open("\(table).parquet", in: lake)
            for try await batch in reader.remainingBatches {
                for metadata in wanted {
                    let column = try #require(batch.column(named: metadata.name), "\(metadata.qualifiedName) is not in the lake")
                    switch column.values {
                    case let .bytes(strings):
                        for row in 0..<strings.count where !column.isNull(row) { values.insert(strings.string(at: row)) }
                    case let .int(days) where column.field.type == .date:
                        for row in 0..<days.count where !column.isNull(row) {
                            let date = CivilDate(daysSinceEpoch: days[row])
                            values.insert(String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
                        }
                    default:
                        Issue.record("\(metadata.qualifiedName): PII of type \(column.field.type) is not checked")
                    }
                }
            }
        }
        return values.filter { !$0.isEmpty }
    }
}
