import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceCore
import SluiceLake

/// `sluice scan`: catalogs every dataset of a lake.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Catalog every dataset of a lake: schema, statistics, PII, classification, relationships.",
        discussion: """
        A dataset is a Parquet, CSV, TSV or JSON file, or a folder of part files (hive-style \
        key=value folders become partition keys). For each dataset the catalog keeps the lake \
        path, format, row count, size, content hash and schema; for each column its statistics \
        (distinct count, null fraction, min/max, samples, top values, average length), a PII \
        verdict with its evidence, a masking rule for PII columns, and a semantic domain. \
        Relationships between tables are inferred; tables get a classification.

        Re-scans are incremental: datasets whose objects did not change (ETag and size) are not \
        read again; changed ones are profiled again and marked for re-embedding; datasets gone \
        from the lake are marked removed. Confirmed or rejected PII verdicts and manual \
        classifications are kept. Parquet footers answer row counts, null counts and min/max; \
        column data is read for the rest, at most --sample-rows rows per dataset when given.

        Annotations (business descriptions, classifications, PII confirmations, relationships, \
        KPI patterns) come from --annotations FILE; without it the built-in demo-lake \
        annotations apply when the lake holds every demo table. The catalog never stores a raw \
        PII value: samples, min/max and top values of PII columns are stored masked.

        Examples:
          sluice scan --demo
          sluice scan
          sluice scan ./lake --sample-rows 100000 --json
          sluice scan s3://bank-lake/demo --catalog /var/lib/sluice
          sluice scan ./lake --annotations my-lake.yaml
        """
    )

    @Argument(help: ArgumentHelp("Lake location: a folder path, file:// URI or s3://bucket/prefix.", valueName: "lake-uri"))
    var lake = "./lake"

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: ArgumentHelp("Read at most about this many rows of each dataset's data (footers still give exact row and null counts).", valueName: "n"))
    var sampleRows: Int?

    @Option(name: .long, help: ArgumentHelp("Annotations file (YAML) to apply.", valueName: "file"))
    var annotations: String?

    @Flag(name: .long, help: "Apply no annotations, not even the built-in demo-lake ones.")
    var noAnnotations = false

    @Flag(name: .long, help: "Profile every dataset again, also unchanged ones (re-evaluates their PII suggestions).")
    var full = false

    @Flag(name: .long, help: "Write the demo lake (seed 42, scale 1) to the lake location first, when it holds no file yet.")
    var demo = false

    @Flag(name: .long, help: "Print the scan summary as JSON on stdout.")
    var json = false

    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        if let sampleRows, sampleRows < 1 { throw ValidationError("--sample-rows must be at least 1, got \(sampleRows)") }
        if annotations != nil && noAnnotations { throw ValidationError("--annotations and --no-annotations exclude each other") }
    }

    func run() async throws {
        try await reportingErrors {
            let location = try LakeLocation.parse(lake)
            if case let .folder(root) = location.kind, !demo {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
                    throw CommandError("lake folder \(root) does not exist (sluice scan --demo writes the demo lake there first)")
                }
            }
            let config = try settings.load()
            let store = try PrefixedObjectStore.open(location, config: config)
            if demo { try await writeDemoLakeIfEmpty(store) }
            var options = ScanOptions(applyDemoAnnotations: !noAnnotations, full: full)
            options.profile.sampleRows = sampleRows
            if let annotations { options.annotations = try Annotations.load(path: annotations) }

            let reporter = ScanProgressReporter()
            let summary = try await catalogOptions.withCatalogStore(settings: config) { catalog in
                try await CatalogScanner(lake: store, store: catalog, options: options).scan { reporter.report($0) }
            }
            reporter.finish()
            for warning in summary.warnings {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            if json {
                print(try jsonText(summary, snakeCase: true))
            } else {
                printSummary(summary)
            }
            guard summary.failed.isEmpty else {
                for failure in summary.failed {
                    FileHandle.standardError.write(Data("error: \(failure.error)\n".utf8))
                }
                throw CommandError("\(summary.failed.count) of the lake's datasets could not be read; the catalog kept what it knew of them")
            }
        }
    }

    /// Writes the demo lake into an empty location; a lake that holds files is scanned as it is.
    private func writeDemoLakeIfEmpty(_ store: any ObjectStore) async throws {
        for try await _ in store.list(prefix: "") {
            FileHandle.standardError.write(Data("scan: \(store.location) is not empty; scanning it as it is\n".utf8))
            return
        }
        FileHandle.standardError.write(Data("scan: writing the demo lake to \(store.location)\n".utf8))
        _ = try await DemoLakeGenerator(store: store).generate()
    }

    private func printSummary(_ summary: ScanSummary) {
        let found = summary.added.count + summary.changed.count + summary.unchanged.count
        print("Scanned \(summary.lake): \(found) datasets (\(summary.added.count) added, \(summary.changed.count) changed, "
            + "\(summary.unchanged.count) unchanged, \(summary.removed.count) removed) in \(String(format: "%.2f", Double(summary.milliseconds) / 1000)) s")
        print("Read \(grouped(summary.rowsRead)) rows, \(byteCount(summary.bytesRead)) in \(grouped(summary.requests)) requests")
        print("Catalog \(summary.catalog): \(summary.tables) tables, \(summary.columns) columns (\(summary.piiColumns) PII), "
            + "\(summary.relationships) relationships, \(summary.kpiPatterns) KPI patterns")
        if let annotations = summary.annotations { print("Annotations: \(annotations)") }
        if !summary.removed.isEmpty { print("Removed from the lake: \(summary.removed.joined(separator: ", "))") }
        for skipped in summary.skippedObjects { print("Skipped \(skipped.key): \(skipped.reason)") }
    }
}

/// Shows scan progress on stderr: a bar on a terminal, a line per dataset otherwise (logs, CI).
private final class ScanProgressReporter: @unchecked Sendable {
    private let bar = ProgressBar()
    private let lock = NSLock()
    private var done = 0
    private var total = 0

    func report(_ progress: ScanProgress) {
        lock.withLock {
            switch progress {
            case let .listed(objects, datasets, toProfile):
                total = toProfile
                log("listed \(grouped(objects)) objects: \(datasets) datasets, \(toProfile) to profile")
            case let .profiling(dataset, index, of):
                if bar.enabled {
                    bar.update(fraction: Double(done) / Double(max(of, 1)), label: "profiling \(dataset) (\(index)/\(of))")
                }
            case let .profiled(dataset, rows, rowsRead):
                done += 1
                if bar.enabled {
                    bar.update(fraction: Double(done) / Double(max(total, 1)), label: "\(dataset) done")
                } else {
                    log("profiled \(dataset) (\(done)/\(total)): \(grouped(rows)) rows, \(grouped(rowsRead)) read")
                }
            case .finishing:
                bar.finish()
                log("inferring relationships, applying annotations, writing the catalog")
            }
        }
    }

    func finish() { bar.finish() }

    private func log(_ line: String) {
        guard !bar.enabled else { return }
        FileHandle.standardError.write(Data("scan: \(line)\n".utf8))
    }
}
