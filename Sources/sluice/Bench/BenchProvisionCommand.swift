import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceLake
import SluiceProvision

/// `sluice bench provision`: how long `sluice ask` takes to turn the first demo question into
/// a governed mart, and where the time goes, as the lake grows.
///
/// Each scale gets a folder of its own under `--work-dir`, emptied first: the demo lake is
/// written there by ``DemoLakeGenerator`` (the `sluice lake generate` code path), cataloged by
/// ``CatalogScanner`` (the `sluice scan` code path) and embedded, and then scenario 1 of
/// `../shared/spec/demo-lake.md` is asked `--runs` times through ``AskPipeline``, the code
/// `sluice ask` runs. Every run opens its own ``ProvisionSession``, as every `sluice ask`
/// process does, so each one rebuilds the search index and publishes a new version of the
/// mart; the runs are the same request repeated, not a warm loop.
struct BenchProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Time `sluice ask` end to end on the demo lake at several scales: search, plan, stage, build, grant, cleanup.",
        discussion: """
        For each scale: writes the demo lake (seed 42) into <work-dir>/scale-<N>/lake, scans it \
        into <work-dir>/scale-<N>/.sluice, embeds the catalog, then asks
          "\(Self.question)"
        as \(Self.requester.user) (\(Self.requester.role.rawValue)) --runs times, each run as one \
        `sluice ask` (a fresh session: the search index is rebuilt, the mart is published again \
        as a new version). The deterministic planner is used, so no model is called; the \
        embedder is the one the settings choose (offline by default).

        Reported per scale: the time of each step (search, plan, compile, stage, build, grant, \
        cleanup; `other` is the rest of the run: opening and closing the state folder, loading the \
        catalog, compiling the preview `ask` shows, appending the audit entry) of the run with the \
        median total (the mean of the two middle runs for an even --runs), rows staged and rows \
        staged per second of the stage step. \
        Generating, scanning and embedding are timed once and shown apart.
        Progress goes to stderr. Build in release mode for numbers worth comparing:
          swift build -c release --scratch-path .build-release --product sluice
          .build-release/release/sluice bench provision --scales 1,10,100
        """
    )

    /// Scenario 1 of `../shared/spec/demo-lake.md`.
    static let question = "Show me portfolio exposure by sector and client segment"
    static let requester = Requester(user: "maria.chen", role: .biAnalyst)

    @Option(name: .long, help: ArgumentHelp("Demo lake scales to measure, comma-separated.", valueName: "n,n,…"))
    var scales = "1,10,100"

    @Option(name: .long, help: "Times the question is asked per scale; the run with the median total is reported.")
    var runs = 3

    @Option(name: .long, help: ArgumentHelp("Folder for the generated lakes and state folders (each scale's is emptied first).", valueName: "dir"))
    var workDir = ".cache/bench/provision"

    @Flag(name: .long, help: "Print the results as JSON on stdout.")
    var json = false

    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        _ = try parsedScales()
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
    }

    /// `--scales` as numbers, each at least 1, in the order given.
    func parsedScales() throws -> [Int] {
        let parts = scales.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.map { part in
            guard let scale = Int(part), scale >= 1 else {
                throw ValidationError("--scales: \"\(part)\" is not a scale; give whole numbers of 1 or more separated by commas, like 1,10,100")
            }
            return scale
        }
    }

    func run() async throws {
        try await reportingErrors {
            var results: [ProvisionBenchScale] = []
            for scale in try parsedScales() {
                results.append(try await measure(scale: scale))
            }
            let report = ProvisionBenchReport(question: Self.question, requester: Self.requester.user,
                                              role: Self.requester.role.rawValue, runs: runs, scales: results)
            if json {
                print(try jsonText(report, snakeCase: true))
            } else {
                report.printTable()
            }
        }
    }

    /// One scale: a fresh lake and state folder, then the timed runs.
    private func measure(scale: Int) async throws -> ProvisionBenchScale {
        let folder = URL(fileURLWithPath: workDir).appendingPathComponent("scale-\(scale)")
        // A lake or catalog left by an earlier run would make the scan incremental and the
        // mart a later version: every scale starts from nothing.
        if FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lakePath = folder.appendingPathComponent("lake").path
        let statePath = folder.appendingPathComponent(".sluice").path
        let config = try settings.load()

        progress("scale \(scale): generating the demo lake → \(lakePath)")
        let store = try PrefixedObjectStore.open(LakeLocation.parse(lakePath), config: config)
        let (lake, generateMs) = try await Self.timed {
            try await DemoLakeGenerator(store: store, options: .init(scale: scale)).generate()
        }

        let catalogOptions = try CatalogOptions.parse(["--catalog", statePath])
        progress("scale \(scale): scanning \(grouped(lake.rows)) rows → \(statePath)")
        let (scan, scanMs) = try await Self.timed {
            try await catalogOptions.withCatalogStore { catalog in try await CatalogScanner(lake: store, store: catalog, options: ScanOptions()).scan() }
        }
        guard scan.failed.isEmpty else {
            throw CommandError("scale \(scale): the scan of \(lakePath) could not read "
                + scan.failed.map { "\($0.dataset): \($0.error)" }.joined(separator: "; "))
        }

        progress("scale \(scale): embedding the catalog")
        let (_, embedMs) = try await Self.timed {
            try await ProvisionSession.with(catalog: catalogOptions, settings: settings, planner: .deterministic) { session in
                _ = try await session.loadCatalog()
                return try await session.search.engine.synchronizeEmbeddings()
            }
        }

        var measured: [ProvisionBenchRun] = []
        for run in 1...runs {
            progress("scale \(scale): run \(run) of \(runs)")
            measured.append(try await ask(scale: scale, run: run, catalog: catalogOptions))
        }
        return ProvisionBenchScale(scale: scale, lakeRows: lake.rows, lakeBytes: lake.bytes, generateMs: generateMs,
                                   scanMs: scanMs, embedMs: embedMs, runs: measured)
    }

    /// One `sluice ask` of the question, timed from opening the session to the outcome.
    private func ask(scale: Int, run: Int, catalog: CatalogOptions) async throws -> ProvisionBenchRun {
        let (result, totalMs) = try await Self.timed {
            try await ProvisionSession.with(catalog: catalog, settings: settings, planner: .deterministic) { session in
                try await AskPipeline(session: session).run(question: Self.question, requester: Self.requester)
            }
        }
        let outcome = result.outcome
        guard outcome.status == .succeeded else {
            throw CommandError("scale \(scale), run \(run): the request \(outcome.requestID) ended \(outcome.status.rawValue)"
                + (outcome.failedStep.map { " at \($0.rawValue)" } ?? "") + ": \(outcome.error ?? "no reason given")")
        }
        return ProvisionBenchRun(stepsMs: outcome.timingsMs, totalMs: totalMs, mart: outcome.compiled?.tableName ?? "",
                                 martRows: outcome.rowCount ?? 0, rowsStaged: outcome.rowsStaged.values.reduce(0, +))
    }

    /// The result of `work` and the milliseconds it took.
    private static func timed<T>(_ work: () async throws -> T) async throws -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await work()
        let (seconds, attoseconds) = (clock.now - start).components
        return (result, Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    }
}
