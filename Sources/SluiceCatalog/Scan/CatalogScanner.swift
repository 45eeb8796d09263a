import Foundation
import SluiceLake

/// Walks a lake and brings the catalog up to date with it.
///
/// ```swift
/// let scanner = CatalogScanner(lake: store, store: catalog)
/// let summary = try await scanner.scan()
/// print(summary.added, summary.changed, summary.removed)
/// ```
///
/// One scan:
/// 1. lists the lake and groups objects into datasets (``DatasetDiscovery``);
/// 2. profiles the datasets that are new or whose objects changed (ETag and size, through
///    the content hash); unchanged ones keep their catalog entries without a read, and
///    ones that vanished are marked ``DatasetLifecycle/removed``, not dropped;
/// 3. assesses every profiled column for PII (``PIIDetector``) and its semantic domain,
///    keeping any earlier confirmation or rejection by a person;
/// 4. infers relationships, applies annotations (given, or the bundled demo-lake ones),
///    suggests classifications for tables nobody classified;
/// 5. masks the stored values of every PII column with its masking rule — the catalog never
///    holds a raw PII value — and writes descriptions and metadata text;
/// 6. replaces the catalog in one transaction, so a failed scan changes nothing.
public struct CatalogScanner: Sendable {
    public let lake: any ObjectStore
    public let store: any CatalogStore
    public let options: ScanOptions

    public init(lake: any ObjectStore, store: any CatalogStore, options: ScanOptions = .init()) {
        self.lake = lake
        self.store = store
        self.options = options
    }

    public func scan(progress: (@Sendable (ScanProgress) -> Void)? = nil) async throws -> ScanSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let counting = RequestCountingStore(base: lake)

        var listing: [ObjectInfo] = []
        for try await object in counting.list(prefix: "") { listing.append(object) }
        let discovery = DatasetDiscovery.discover(listing)
        let previous = try await store.load()

        var plan = ScanPlan(discovery: discovery, previous: previous, full: options.full)
        progress?(.listed(objects: listing.count, datasets: discovery.datasets.count, toProfile: plan.toProfile.count))

        let outcomes = await profileAll(plan.toProfile, in: counting, progress: progress)
        var profiles: [DatasetProfile] = []
        var failures: [ScanSummary.DatasetFailure] = []
        for (dataset, outcome) in zip(plan.toProfile, outcomes) {
            switch outcome {
            case let .success(profile): profiles.append(profile)
            case let .failure(error):
                failures.append(.init(dataset: dataset.name, error: String(describing: error)))
                plan.failedToProfile(dataset, previous: previous)
            }
        }
        progress?(.finishing)

        let annotations = try chooseAnnotations(datasetNames: Set(discovery.datasets.map(\.name)))
        var assembly = CatalogAssembly(previous: previous, scannedAt: Date(), lakeURI: lake.location)
        for dataset in plan.unchanged { assembly.keep(dataset) }
        for profile in profiles { assembly.add(profile) }
        assembly.markRemoved(plan.removed)
        var warnings = profiles.flatMap { profile in
            profile.unsupportedColumns.map { "\(profile.dataset.name): column \($0) left out: no catalog type for it" }
        }
        warnings += assembly.finish(
            annotations: annotations,
            inference: RelationshipInference(options: options.relationships)
        )
        let contents = assembly.contents

        try await store.replace(with: contents)

        let counts = counting.counts
        let elapsed = clock.now - started
        return ScanSummary(
            lake: lake.location,
            catalog: store.location,
            objectsListed: listing.count,
            failed: failures,
            added: plan.added,
            changed: plan.changed,
            unchanged: plan.unchangedNames,
            removed: plan.removed,
            skippedObjects: discovery.skipped.map { .init(key: $0.key, reason: $0.reason) },
            tables: contents.tables.filter { $0.lifecycle == .active }.count,
            columns: contents.columns.count,
            piiColumns: contents.columns.filter(\.pii.effectiveIsPII).count,
            relationships: contents.relationships.filter { $0.status != .rejected }.count,
            kpiPatterns: contents.kpiPatterns.count,
            needsEmbedding: contents.tables.filter(\.needsEmbedding).map(\.name),
            annotations: annotations?.source,
            warnings: warnings,
            rowsRead: profiles.reduce(0) { $0 + $1.rowsRead },
            bytesRead: counts.bytesRead,
            requests: counts.total,
            milliseconds: Int(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        )
    }

    /// Profiles datasets a few at a time, keeping the input order in the result. A dataset
    /// that cannot be read is reported as a failure and does not stop the others.
    private func profileAll(_ datasets: [DiscoveredDataset], in lake: any ObjectStore,
                            progress: (@Sendable (ScanProgress) -> Void)?) async -> [Result<DatasetProfile, any Error>] {
        let profiler = DatasetProfiler(store: lake, options: options.profile)
        let limit = options.concurrency
        return await withTaskGroup(of: ProfileOutcome.self) { group in
            var results = [Result<DatasetProfile, any Error>?](repeating: nil, count: datasets.count)
            var started = 0
            var finished = 0
            while finished < datasets.count {
                // Keep `limit` datasets in flight; each task reports its own index back.
                while started < datasets.count && started - finished < limit {
                    let index = started
                    let dataset = datasets[index]
                    progress?(.profiling(dataset: dataset.name, index: index + 1, of: datasets.count))
                    group.addTask {
                        do {
                            return ProfileOutcome(index: index, result: .success(try await profiler.profile(dataset)))
                        } catch {
                            return ProfileOutcome(index: index, result: .failure(error))
                        }
                    }
                    started += 1
                }
                guard let outcome = await group.next() else { break }
                let (index, result) = (outcome.index, outcome.result)
                finished += 1
                results[index] = result
                let rows = (try? result.get()).map { ($0.rowCount, $0.rowsRead) } ?? (0, 0)
                progress?(.profiled(dataset: datasets[index].name, rows: rows.0, rowsRead: rows.1))
            }
            return results.enumerated().map { index, result in
                result ?? .failure(DatasetProfileError.unreadable(dataset: datasets[index].name, file: datasets[index].lakePath,
                                                                  reason: "profiling did not finish"))
            }
        }
    }

    /// The explicit annotations, else the demo lake's when this lake has every demo table.
    private func chooseAnnotations(datasetNames: Set<String>) throws -> Annotations? {
        if let given = options.annotations { return given }
        guard options.applyDemoAnnotations else { return nil }
        let demo = try Annotations.demoLake()
        return Set(demo.tables.keys).isSubset(of: datasetNames) ? demo : nil
    }
}

/// One profiled dataset and its position in the scan's list. A struct rather than a
/// tuple: release builds of Swift 6.3 garbled an `(Int, Result<…, any Error>)` child-task
/// result (the index came back out of range), which a named type avoids.
struct ProfileOutcome: Sendable {
    var index: Int
    var result: Result<DatasetProfile, any Error>
}

/// Which datasets a scan profiles, keeps or marks removed.
struct ScanPlan {
    var toProfile: [DiscoveredDataset] = []
    /// Unchanged datasets whose catalog entries are kept without reading them.
    var unchanged: [DiscoveredDataset] = []
    /// Every unchanged dataset, also those `full` profiles again.
    var unchangedNames: [String] = []
    var added: [String] = []
    var changed: [String] = []
    var removed: [String] = []

    /// A dataset that could not be profiled keeps its previous catalog entry, if any,
    /// so a bad file never erases what the catalog knew.
    mutating func failedToProfile(_ dataset: DiscoveredDataset, previous: CatalogContents) {
        added.removeAll { $0 == dataset.name }
        changed.removeAll { $0 == dataset.name }
        if previous.table(named: dataset.name)?.lifecycle == .active {
            unchanged.append(dataset)
        }
    }

    init(discovery: DiscoveryResult, previous: CatalogContents, full: Bool) {
        let known = Dictionary(previous.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for dataset in discovery.datasets {
            guard let before = known[dataset.name], before.lifecycle == .active else {
                added.append(dataset.name)
                toProfile.append(dataset)
                continue
            }
            if before.contentHash != dataset.contentHash || before.lakePath != dataset.lakePath {
                changed.append(dataset.name)
                toProfile.append(dataset)
            } else if full {
                toProfile.append(dataset)
                unchangedNames.append(dataset.name)
            } else {
                unchanged.append(dataset)
                unchangedNames.append(dataset.name)
            }
        }
        let present = Set(discovery.datasets.map(\.name))
        removed = previous.tables.filter { $0.lifecycle == .active && !present.contains($0.name) }.map(\.name).sorted()
    }
}
