import ArgumentParser
import Foundation
import SluicePostgres
import SluiceSearch

/// Sluice's HNSW index against exact search and hnswlib on the same clustered vectors.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Vector search: Sluice's HNSW against exact search and hnswlib, side by side.",
        discussion: """
        Generates --count clustered unit vectors and --queries queries (64 topic centres in a
        32-dimensional latent space lifted to --dimension by a random matrix, plus noise; seeded,
        so every run and both sides see the same data), computes the exact top-k with
        ExactVectorIndex as ground truth, builds Sluice's HNSWIndex and hnswlib (in
        benchmarks/hnsw_bench.py, which makes its own venv under .cache/bench-venv-hnsw on first
        use) with the same M and ef_construction, and reports build time, p50/p95 single-query
        latency and recall@k at each ef. Both sides run on one thread, queries one at a time.
        Run from the repository root, built in release mode:
          swift build -c release --product sluice --scratch-path .build-release
          .build-release/release/sluice bench search
        """
    )

    @Option(help: "Vectors in the index.") var count = 100_000
    @Option(help: "Vector length.") var dimension = 384
    @Option(help: "Queries to time (and to measure recall over).") var queries = 1000
    @Option(help: "Neighbours per query (recall@k).") var k = 10
    @Option(help: "HNSW links per node.") var m = 16
    @Option(help: "HNSW beam width while building.") var efConstruction = 128
    @Option(help: "Comma-separated search beam widths.") var ef = "16,32,64,128,256"
    @Option(help: "Data seed.") var seed: UInt64 = 42
    @Option(help: "Folder for the generated vector files.") var workDir = ".cache/bench"
    @Option(help: "Python 3 that creates the benchmark's venv (default: python3).") var python = "python3"
    @Option(help: ArgumentHelp("Also load the vectors into this PostgreSQL database (schema sluice_bench, dropped after) and search them through pgvector's HNSW and pgvectorscale's StreamingDiskANN.", valueName: "url"))
    var postgres: String?
    @Flag(help: "Print the results as JSON.") var json = false

    struct Point: Codable {
        var ef: Int
        var p50Milliseconds: Double
        var p95Milliseconds: Double
        var recall: Double
    }

    struct Side: Codable {
        var version: String?
        var buildSeconds: Double
        var results: [Point]
    }

    struct Result: Codable {
        var count: Int
        var dimension: Int
        var queries: Int
        var k: Int
        var m: Int
        var efConstruction: Int
        /// The dot-product kernel Sluice ran (`avx512`, `avx2-fma`, `portable`).
        var kernel: String
        var exact: Point
        var sluice: Side
        var hnswlib: Side
        /// With `--postgres`: latency at the client, one round trip per query.
        var postgresHNSW: Side?
        var postgresDiskANN: Side?
    }

    func run() async throws {
        let script = "benchmarks/hnsw_bench.py"
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("\(script) not found: run the benchmark from the repository root")
        }
        let efs = try ef.split(separator: ",").map { value -> Int in
            guard let number = Int(value.trimmingCharacters(in: .whitespaces)), number > 0 else {
                throw ValidationError("--ef must be comma-separated positive integers, got '\(ef)'")
            }
            return number
        }
        guard count > k, queries > 0, dimension > 0 else { throw ValidationError("need --count > --k, --queries > 0, --dimension > 0") }

        progress("generating \(count) × \(dimension) vectors and \(queries) queries (seed \(seed))")
        let model = ClusteredVectors(dimension: dimension, seed: seed)
        let data = model.sample(count: count, stream: 1)
        let queryData = model.sample(count: queries, stream: 2)

        progress("exact ground truth")
        let exact = try ExactVectorIndex(dimension: dimension)
        for row in 0..<count { try exact.insert(id: String(row), vector: Self.row(data, row, dimension)) }
        var truth: [[Int]] = []
        var exactLatencies: [Double] = []
        for q in 0..<queries {
            let query = Self.row(queryData, q, dimension)
            let start = DispatchTime.now().uptimeNanoseconds
            let hits = try exact.search(query, k: k)
            exactLatencies.append(Self.milliseconds(since: start))
            truth.append(hits.map { Int($0.id)! })
        }
        let exactPoint = Point(ef: 0, p50Milliseconds: Self.percentile(exactLatencies, 0.5),
                               p95Milliseconds: Self.percentile(exactLatencies, 0.95), recall: 1)

        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        let vectorsPath = "\(workDir)/search-vectors.f32", queriesPath = "\(workDir)/search-queries.f32", truthPath = "\(workDir)/search-truth.i32"
        try Self.writeLittleEndian(data.map(\.bitPattern), to: vectorsPath)
        try Self.writeLittleEndian(queryData.map(\.bitPattern), to: queriesPath)
        try Self.writeLittleEndian(truth.flatMap { $0.map { UInt32(truncatingIfNeeded: $0) } }, to: truthPath)

        progress("hnswlib (1 thread)")
        let output = try Subprocess.run([python, script, "--vectors", vectorsPath, "--queries", queriesPath, "--truth", truthPath,
                                         "--dimension", String(dimension), "--m", String(m), "--ef-construction", String(efConstruction),
                                         "--ef", efs.map(String.init).joined(separator: ","), "--k", String(k)])
        let hnswlib = try JSONDecoder().decode(Side.self, from: Data(output.utf8))

        progress("sluice HNSWIndex (in-process, 1 thread)")
        let sluice = try measureSluice(data: data, queryData: queryData, truth: truth, efs: efs)

        var postgresHNSW: Side?, postgresDiskANN: Side?
        if let postgres {
            guard case let .postgres(location) = try BackendLocation.parse(postgres) else { throw ValidationError("--postgres takes a postgres:// URL") }
            let database = try await PostgresDatabase.connect(location)
            let bench = PostgresVectorBench(database: database, dimension: dimension, k: k, m: m, efConstruction: efConstruction, progress: progress)
            do {
                progress("postgres: loading \(count) vectors with COPY")
                try await bench.load(data, count: count)
                let queryRows = (0..<queries).map { Self.row(queryData, $0, dimension) }
                progress("postgres: building HNSW")
                postgresHNSW = try await bench.measure(.hnsw, queries: queryRows, truth: truth, widths: efs)
                progress("postgres: building StreamingDiskANN")
                postgresDiskANN = try await bench.measure(.diskann, queries: queryRows, truth: truth, widths: efs)
                try await bench.dropTables()
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }

        let result = Result(count: count, dimension: dimension, queries: queries, k: k, m: m, efConstruction: efConstruction,
                            kernel: VectorKernel.name, exact: exactPoint, sluice: sluice, hnswlib: hnswlib,
                            postgresHNSW: postgresHNSW, postgresDiskANN: postgresDiskANN)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            printTable(result)
        }
    }

    private func measureSluice(data: [Float], queryData: [Float], truth: [[Int]], efs: [Int]) throws -> Side {
        let index = try HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction)
        let rows = (0..<count).map { Self.row(data, $0, dimension) }
        let start = DispatchTime.now().uptimeNanoseconds
        for (row, vector) in rows.enumerated() { try index.insert(id: String(row), vector: vector) }
        let buildSeconds = Self.milliseconds(since: start) / 1000
        let queryRows = (0..<queries).map { Self.row(queryData, $0, dimension) }
        var points: [Point] = []
        for width in efs {
            var latencies: [Double] = []
            var found = 0
            for (q, query) in queryRows.enumerated() {
                let begin = DispatchTime.now().uptimeNanoseconds
                let hits = try index.search(query, k: k, ef: width)
                latencies.append(Self.milliseconds(since: begin))
                let expected = Set(truth[q])
                found += hits.filter { expected.contains(Int($0.id)!) }.count
            }
            points.append(Point(ef: width, p50Milliseconds: Self.percentile(latencies, 0.5),
                                p95Milliseconds: Self.percentile(latencies, 0.95), recall: Double(found) / Double(queries * k)))
        }
        return Side(version: nil, buildSeconds: buildSeconds, results: points)
    }

    private func printTable(_ r: Result) {
        print("Vector search: \(r.count) × \(r.dimension) clustered unit vectors, \(r.queries) queries, recall@\(r.k), M=\(r.m), ef_construction=\(r.efConstruction), 1 thread, Sluice kernel \(r.kernel)")
        print(String(format: "build: Sluice %.1f s, hnswlib \(r.hnswlib.version ?? "?") %.1f s (%.2f×)", r.sluice.buildSeconds,
                     r.hnswlib.buildSeconds, r.sluice.buildSeconds / max(r.hnswlib.buildSeconds, 1e-9)))
        print(String(format: "exact search: p50 %.3f ms, p95 %.3f ms", r.exact.p50Milliseconds, r.exact.p95Milliseconds))
        print("   ef │ Sluice recall  p50 ms  p95 ms │ hnswlib recall  p50 ms  p95 ms │ p50 ratio")
        for (s, h) in zip(r.sluice.results, r.hnswlib.results) {
            print(String(format: "%5ld │        %.4f %7.3f %7.3f │         %.4f %7.3f %7.3f │ %8.2f×", s.ef, s.recall, s.p50Milliseconds,
                         s.p95Milliseconds, h.recall, h.p50Milliseconds, h.p95Milliseconds, s.p50Milliseconds / max(h.p50Milliseconds, 1e-9)))
        }
        for (name, side) in [("PostgreSQL HNSW", r.postgresHNSW), ("PostgreSQL DiskANN", r.postgresDiskANN)] {
            guard let side else { continue }
            print(String(format: "\(name) (build %.1f s, latency at the client, one round trip per query)", side.buildSeconds))
            print("   ef │ recall  p50 ms  p95 ms │ p50 vs Sluice")
            for (point, mine) in zip(side.results, r.sluice.results) {
                print(String(format: "%5ld │ %.4f %7.3f %7.3f │ %8.2f×", point.ef, point.recall, point.p50Milliseconds, point.p95Milliseconds,
                             point.p50Milliseconds / max(mine.p50Milliseconds, 1e-9)))
            }
        }
        // The target compares latency at equal recall: the cheapest ef reaching 0.95 on each side.
        if let s = r.sluice.results.first(where: { $0.recall >= 0.95 }), let h = r.hnswlib.results.first(where: { $0.recall >= 0.95 }) {
            print(String(format: "recall@%ld ≥ 0.95: Sluice at ef %ld (p50 %.3f ms), hnswlib at ef %ld (p50 %.3f ms): %.2f× hnswlib's p50",
                         r.k, s.ef, s.p50Milliseconds, h.ef, h.p50Milliseconds, s.p50Milliseconds / max(h.p50Milliseconds, 1e-9)))
        }
    }

    private static func row(_ flat: [Float], _ row: Int, _ dimension: Int) -> [Float] {
        Array(flat[row * dimension..<(row + 1) * dimension])
    }

    private static func milliseconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    /// The value at index round(p·(n−1)) of the sorted samples, the same rule hnsw_bench.py uses.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count - 1)).rounded())))]
    }

    private static func writeLittleEndian(_ words: [UInt32], to path: String) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(words.count * 4)
        for word in words { withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) } }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    }
}
