import Foundation
import SluiceCatalog
import SluiceSearch

/// The demo catalog embedded with the offline embedder and indexed, built once per test
/// process and shared by the retrieval tests.
enum DemoSearchIndex {
    static let embedder = HashedNGramEmbedder()

    static func index() async throws -> CatalogSearchIndex {
        try await shared.value.index
    }

    static func embeddings() async throws -> [StoredEmbedding] {
        try await shared.value.embeddings
    }

    /// Retrieves `question` from the demo index in `options.mode`, embedding it unless lexical.
    static func retrieve(_ question: String, options: RetrievalOptions = .default) async throws -> RetrievalResult {
        let index = try await index()
        let vector = options.mode == .lexical ? nil : try await embedder.embed([question], mode: .query)[0]
        return try index.retrieve(question: question, queryVector: vector, options: options)
    }

    /// Every searchable item of `contents` embedded in document mode, batch by batch.
    static func embed(_ contents: CatalogContents, with embedder: some Embedder) async throws -> [StoredEmbedding] {
        let documents = CatalogDocument.documents(from: contents)
        var stored: [StoredEmbedding] = []
        for start in stride(from: 0, to: documents.count, by: embedder.batchSize) {
            let batch = Array(documents[start..<min(start + embedder.batchSize, documents.count)])
            let vectors = try await embedder.embed(batch.map(\.text), mode: .document)
            for (document, vector) in zip(batch, vectors) {
                stored.append(StoredEmbedding(item: document.id, model: embedder.model, textHash: document.textHash,
                                              vector: vector, embeddedAt: Date(timeIntervalSince1970: 0)))
            }
        }
        return stored
    }

    private static let shared = Task<(index: CatalogSearchIndex, embeddings: [StoredEmbedding]), any Error> {
        let contents = try await DemoCatalog.contents()
        let embeddings = try await embed(contents, with: embedder)
        return (try CatalogSearchIndex(contents: contents, embeddings: embeddings, model: embedder.model), embeddings)
    }
}
