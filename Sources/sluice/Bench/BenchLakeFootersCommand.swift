import ArgumentParser
import Foundation
import SluiceLake

/// What one footer-only pass over a lake location costs, in requests and bytes per file.
struct BenchLakeFootersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake-footers",
        abstract: "Count the requests and bytes a footer-only pass over many Parquet objects costs.",
        discussion: """
        Stores N copies of one Parquet file as LOCATION/footers-bench/part-NNNN.parquet \
        (copies already there are kept, so a second run only reads), then opens every \
        copy's footer the way the catalog scan does (one HEAD for the size, ranged GETs \
        of the tail) and counts each request. The file is --source, or by default a \
        20,000-row, 4-row-group table made in memory.

        Examples:
          sluice bench lake-footers s3://sluice-test/bench --objects 1000
          sluice bench lake-footers ./lake --objects 100 --json
        """
    )

    @Argument(help: "A folder path, file:///path or s3://bucket/prefix to hold the copies.")
    var location: String

    @Option(help: "How many copies to read.")
    var objects = 1000

    @Option(help: ArgumentHelp("The Parquet file to copy (default: a demo table made in memory).", valueName: "file"))
    var source: String?

    @Option(help: "Footers opened at once.")
    var concurrency = 16

    @Flag(help: "Print the results as JSON.")
    var json = false

    @OptionGroup var settings: ConfigOptions

    func validate() throws {
        guard objects >= 1 else { throw ValidationError("--objects must be at least 1, got \(objects)") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1, got \(concurrency)") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try PrefixedObjectStore.open(LakeLocation.parse(location), config: settings.load())
            let file: [UInt8]
            if let source {
                file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
            } else {
                file = try await FooterPassBenchmark.demoFile()
            }
            let bench = try FooterPassBenchmark(store: store, objects: objects, file: file, concurrency: concurrency)
            let uploaded = try await bench.prepare()
            if uploaded > 0 { FileHandle.standardError.write(Data("bench: uploaded \(uploaded) copies of \(file.count) bytes\n".utf8)) }
            let report = try await bench.run()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(FooterPassSummary(report)), as: UTF8.self))
            } else {
                printTable(report)
            }
        }
    }

    private func printTable(_ r: FooterPassReport) {
        func fixed(_ value: Double) -> String { String(format: "%.2f", value) }
        let q = r.requests
        print("Footer-only pass: \(r.objects) Parquet objects at \(r.location)\(FooterPassBenchmark.prefix)")
        print("requests       \(q.total) (HEAD \(q.heads), GET \(q.gets), LIST \(q.lists))")
        print("per file       \(fixed(r.requestsPerObject)) requests (HEAD \(fixed(r.headsPerObject)), GET \(fixed(r.getsPerObject)))")
        print("bytes per file \(String(format: "%.0f", r.bytesReadPerObject)) read; footer \(r.footerBytes) B of a \(r.objectBytes) B file")
        print("elapsed        \(String(format: "%.3f", r.seconds)) s (\(concurrency) at a time), \(String(format: "%.1f", r.seconds * 1000 / Double(max(r.objects, 1)))) ms per file")
    }
}

/// The `--json` output: the report with its per-file figures spelled out.
private struct FooterPassSummary: Encodable {
    var location: String
    var objects: Int
    var requests: RequestCounts
    var requestsPerFile: Double
    var headsPerFile: Double
    var getsPerFile: Double
    var bytesReadPerFile: Double
    var footerBytes: Int
    var fileBytes: Int
    var seconds: Double

    init(_ report: FooterPassReport) {
        location = report.location
        objects = report.objects
        requests = report.requests
        requestsPerFile = report.requestsPerObject
        headsPerFile = report.headsPerObject
        getsPerFile = report.getsPerObject
        bytesReadPerFile = report.bytesReadPerObject
        footerBytes = report.footerBytes
        fileBytes = report.objectBytes
        // Milliseconds are as precise as a wall-clock measurement deserves.
        seconds = (report.seconds * 1_000).rounded() / 1_000
    }
}
