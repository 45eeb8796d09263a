import ArgumentParser
import Foundation
import SluiceSearch

/// `sluice embed`: brings the catalog's vectors up to date with the current embedding model.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed the catalog's tables, columns, relationships and KPI patterns with the current model.",
        discussion: """
        Every searchable item's metadata text (never lake data) gets a vector of the current \
        embedding model, stored in catalog.embeddings with the model's id, version and \
        dimension. Items whose text changed since their vector was made (stale) are embedded \
        first, then items without a vector of this model (missing: new tables, or everything \
        after a model change), in batches written as they finish, so an interrupted run keeps \
        its progress. Vectors of items gone from the catalog are removed. Other models' vectors \
        stay stored and are never mixed in: switching back costs nothing.

        `sluice search` does this by itself when needed; run it ahead of time after a scan of \
        a large lake or a model change. Progress goes to stderr.

        Examples:
          sluice embed
          sluice embed --json
          SLUICE_EMBEDDING_PROVIDER=openai SLUICE_EMBEDDING_URL=http://127.0.0.1:11434/v1 \\
            SLUICE_EMBEDDING_MODEL=nomic-embed-text sluice embed
        """
    )

    @Flag(name: .long, help: "Print the summary as JSON on stdout.")
    var json = false

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var settings: ConfigOptions

    func run() async throws {
        try await reportingErrors {
            let (summary, stored) = try await SearchSession.with(catalog: catalogOptions, embedderSettings: settings) { session in
                _ = try await session.loadCatalog()
                let reporter = EmbeddingProgressReporter()
                let summary = try await session.engine.synchronizeEmbeddings { reporter.report($0) }
                reporter.finish()
                return (summary, try await session.embeddings.storedModels())
            }
            if json {
                print(try jsonText(EmbedJSON(summary, stored: stored)))
                return
            }
            print("Model \(summary.model): \(summary.stale) stale, \(summary.missing) missing, \(summary.unchanged) unchanged, "
                + "\(summary.removed) removed; \(summary.embedded) embedded in \(String(format: "%.2f", summary.durationMs / 1000)) s")
            let others = stored.filter { $0.key != summary.model }.sorted { $0.key.description < $1.key.description }
            for (model, count) in others {
                print("Also stored, unused by this model: \(grouped(count)) vectors of \(model)")
            }
        }
    }
}

/// `sluice embed --json`.
struct EmbedJSON: Encodable {
    struct StoredModel: Encodable {
        var model: ModelJSON
        var vectors: Int
    }

    var model: ModelJSON
    var stale: Int
    var missing: Int
    var unchanged: Int
    var removed: Int
    var embedded: Int
    var duration_ms: Double
    /// Every model with stored vectors, this one included.
    var stored_models: [StoredModel]

    init(_ summary: EmbeddingSyncSummary, stored: [EmbeddingModel: Int]) {
        model = ModelJSON(summary.model)
        stale = summary.stale
        missing = summary.missing
        unchanged = summary.unchanged
        removed = summary.removed
        embedded = summary.embedded
        duration_ms = summary.durationMs
        stored_models = stored.sorted { $0.key.description < $1.key.description }
            .map { StoredModel(model: ModelJSON($0.key), vectors: $0.value) }
    }
}

/// An embedding model in `--json` outputs.
struct ModelJSON: Encodable {
    var id: String
    var version: String
    var dimension: Int

    init(_ model: EmbeddingModel) {
        id = model.id
        version = model.version
        dimension = model.dimension
    }
}

/// Embedding progress on stderr: a bar on a terminal, a line per batch otherwise.
final class EmbeddingProgressReporter: Sendable {
    private let bar = ProgressBar()

    func report(_ progress: EmbeddingProgress) {
        guard progress.total > 0 else { return }
        let label = "\(progress.embedded)/\(progress.total) embedded (\(progress.stage.rawValue) items)"
        if bar.enabled {
            bar.update(fraction: Double(progress.embedded) / Double(progress.total), label: label)
        } else if !progress.items.isEmpty {
            FileHandle.standardError.write(Data("embed: \(label)\n".utf8))
        }
    }

    func finish() { bar.finish() }
}
