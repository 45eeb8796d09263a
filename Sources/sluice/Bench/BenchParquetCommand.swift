import ArgumentParser
import Foundation

/// Sluice's Parquet reader and writer against pyarrow on the same file, same machine, same run.
struct BenchParquetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Time Sluice's Parquet read and write against pyarrow, both pinned to one core.",
        discussion: """
        Generates a table (int64 id; int64 account_id, ~50k distinct; string status, 6 distinct;
        string isin, 2,000 distinct; double price; double quantity; timestamp(us) ts; string note,
        30% null) with pyarrow's defaults (snappy), then times, each pinned with `taskset -c 0`:
          read:  Sluice (all row groups, all columns) vs pq.read_table(use_threads=False)
          write: Sluice's ParquetWriter vs pq.write_table, same data in memory, both with defaults
        plus Sluice's multi-threaded read (columns of each row group in parallel, unpinned).
        Sluice's output is read back by pyarrow and compared with the source table.
        Ratios are Sluice time / pyarrow time (lower is better). Build in release mode:
          swift run -c release sluice bench parquet
        """
    )

    @Option(help: "Rows in the generated table.") var rows = 5_000_000
    @Option(name: .customLong("repeat"), help: "Timed runs per measurement; the best is compared.") var repetitions = 5
    @Option(help: "Folder for the generated and written files.") var workDir = ".cache/bench"
    @Option(help: "Python with pyarrow (default: $SLUICE_PYTHON, else .cache/venv/bin/python3).") var python: String?
    @Flag(help: "Print the results as JSON.") var json = false

    struct Result: Codable {
        var rows: Int
        var file: String
        var fileBytes: Int
        var pyarrowRead: Timing
        var sluiceRead: Timing
        var sluiceReadConcurrent: Timing
        var pyarrowWrite: Timing
        var sluiceWrite: Timing
        var readRatio: Double
        var writeRatio: Double
        var concurrentReadRatio: Double
    }

    func run() async throws {
        let python = try resolvePython()
        let script = try locateScript()
        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        let source = "\(workDir)/bench-\(rows).parquet"
        if !FileManager.default.fileExists(atPath: source) {
            progress("generating \(rows) rows with pyarrow → \(source)")
            _ = try Subprocess.run([python, script, "generate", "--rows", "\(rows)", "--out", source])
        }
        let pinned = ["taskset", "-c", "0"]
        let me = Subprocess.currentExecutable
        let times = String(repetitions)

        progress("pyarrow read (1 core)")
        let pyarrowRead = try Timing.decode(Subprocess.run(pinned + [python, script, "read", source, "--repeat", times]))
        progress("sluice read (1 core)")
        let sluiceRead = try Timing.decode(Subprocess.run(pinned + [me, "bench", "parquet-worker", "read", source, "--repeat", times]))
        progress("sluice read (all cores)")
        let sluiceConcurrent = try Timing.decode(Subprocess.run([me, "bench", "parquet-worker", "read-concurrent", source, "--repeat", times]))
        progress("pyarrow write (1 core)")
        let pyarrowOut = "\(workDir)/pyarrow-written.parquet"
        let pyarrowWrite = try Timing.decode(Subprocess.run(pinned + [python, script, "write", source, "--out", pyarrowOut, "--repeat", times]))
        progress("sluice write (1 core)")
        let sluiceOut = "\(workDir)/sluice-written.parquet"
        let sluiceWrite = try Timing.decode(Subprocess.run(pinned + [me, "bench", "parquet-worker", "write", source, "--out", sluiceOut, "--repeat", times]))
        progress("checking Sluice's file with pyarrow")
        _ = try Subprocess.run([python, script, "verify", source, sluiceOut])

        let size = (try FileManager.default.attributesOfItem(atPath: source)[.size] as? Int) ?? 0
        let result = Result(
            rows: rows, file: source, fileBytes: size,
            pyarrowRead: pyarrowRead, sluiceRead: sluiceRead, sluiceReadConcurrent: sluiceConcurrent,
            pyarrowWrite: pyarrowWrite, sluiceWrite: sluiceWrite,
            readRatio: sluiceRead.best / pyarrowRead.best,
            writeRatio: sluiceWrite.best / pyarrowWrite.best,
            concurrentReadRatio: sluiceConcurrent.best / pyarrowRead.best
        )
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            printTable(result)
        }
    }

    private func printTable(_ r: Result) {
        func ms(_ t: Timing) -> String { String(format: "%8.1f ms", t.best * 1000) }
        print("Parquet benchmark: \(r.rows) rows, \(r.fileBytes / 1_048_576) MiB (snappy), best of \(repetitions)")
        print("                          Sluice        pyarrow     ratio")
        print("read,  1 core        \(ms(r.sluiceRead))    \(ms(r.pyarrowRead))    \(String(format: "%.2f×", r.readRatio))")
        print("write, 1 core        \(ms(r.sluiceWrite))    \(ms(r.pyarrowWrite))    \(String(format: "%.2f×", r.writeRatio))")
        print("read,  all cores     \(ms(r.sluiceReadConcurrent))    (1 core)       \(String(format: "%.2f×", r.concurrentReadRatio))")
        print("Sluice's written file reads back in pyarrow equal to the source.")
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    }

    private func resolvePython() throws -> String {
        try BenchPython.resolve(python, needs: "pyarrow")
    }

    private func locateScript() throws -> String {
        let path = "benchmarks/parquet_bench.py"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(path) not found: run the benchmark from the repository root")
        }
        return path
    }
}
