import ArgumentParser
import Foundation
import SluiceCatalog
import SluiceCore

/// Sluice's PII detector against Presidio's pattern recognizers on the same labeled corpus.
struct BenchPIICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pii",
        abstract: "Column-level PII detection quality and speed: Sluice against Presidio's pattern recognizers.",
        discussion: """
        Generates the labeled corpus of Tests/tools/pii_corpus.py (Faker, 12 locales, ~170 columns,
        about half PII, with ISIN/LEI/SEDOL/ticker/UUID/code/rating traps among the negatives), then
        runs Sluice's PIIDetector in-process and Presidio (presidio-analyzer, no-op NLP engine, so
        pattern and checksum recognizers only) in benchmarks/pii_bench.py, which makes its own venv
        under .cache/bench-venv-pii on first use.
        A column counts as PII for Sluice when its verdict says so; for Presidio when at least half
        of its non-empty values hold an entity of a personal-data type scored 0.4 or more (the
        column's name words are passed to Presidio as context). Times cover all columns, each side
        on one core: Sluice best of --repeat runs, Presidio best of --presidio-repeat runs (one
        Presidio pass takes about a minute).
        Run from the repository root, built in release mode:
          swift run -c release sluice bench pii --seed 1
        """
    )

    @Option(help: "Corpus seed (the tests use 1 and 2).") var seed = 1
    @Option(name: .customLong("repeat"), help: "Timed runs of Sluice's detector; the best is compared.") var repetitions = 5
    @Option(help: "Timed runs of Presidio; the best is compared.") var presidioRepeat = 1
    @Option(help: "Folder for the generated corpus.") var workDir = ".cache/bench"
    @Option(help: "Python 3 that creates the benchmark's venv (default: python3).") var python = "python3"
    @Flag(help: "Print the results as JSON.") var json = false

    struct Quality: Codable {
        var truePositives: Int
        var falsePositives: Int
        var falseNegatives: Int
        var trueNegatives: Int
        var precision: Double
        var recall: Double
        var f1: Double
        var misclassified: [String]

        init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int, misclassified: [String]) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
            self.trueNegatives = trueNegatives
            precision = truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
            recall = truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
            f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            self.misclassified = misclassified
        }
    }

    struct Side: Codable {
        var quality: Quality
        var timing: Timing
    }

    struct PresidioOutput: Codable {
        var version: String
        var quality: Quality
        var timing: Timing
    }

    struct Result: Codable {
        var seed: Int
        var columns: Int
        var positives: Int
        var values: Int
        var sluice: Side
        var presidio: Side
        var presidioVersion: String
        /// Presidio time / Sluice time: how many times faster Sluice is.
        var speedup: Double
    }

    struct LabeledColumn: Codable {
        var id: String
        var table: String
        var column: String
        var type: String
        var values: [String]
        var label: Bool
        var kind: String?
        var note: String
    }

    func run() async throws {
        let script = "benchmarks/pii_bench.py"
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("\(script) not found: run the benchmark from the repository root")
        }
        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        let corpusPath = "\(workDir)/pii-corpus-\(seed).json"
        progress("generating the corpus (seed \(seed)) → \(corpusPath)")
        _ = try Subprocess.run([python, script, "corpus", "--seed", String(seed), "--out", corpusPath])
        let corpus = try JSONDecoder().decode([LabeledColumn].self, from: Data(contentsOf: URL(fileURLWithPath: corpusPath)))

        progress("presidio (1 core)")
        let presidioJSON = try Subprocess.run(["taskset", "-c", "0", python, script, "presidio", "--corpus", corpusPath,
                                               "--repeat", String(presidioRepeat)])
        let presidio = try JSONDecoder().decode(PresidioOutput.self, from: Data(presidioJSON.utf8))

        progress("sluice (in-process)")
        let sluice = try await measureSluice(corpus)
        let result = Result(seed: seed, columns: corpus.count, positives: corpus.filter(\.label).count,
                            values: corpus.reduce(0) { $0 + $1.values.count }, sluice: sluice,
                            presidio: Side(quality: presidio.quality, timing: presidio.timing), presidioVersion: presidio.version,
                            speedup: presidio.timing.best / max(sluice.timing.best, 1e-9))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            printTable(result)
        }
    }

    private func measureSluice(_ corpus: [LabeledColumn]) async throws -> Side {
        let samples = corpus.map { item in
            ColumnSample(table: item.table, column: item.column, dataType: Self.dataType(item.type), values: item.values,
                         rowCount: item.values.count * 3, distinctCount: item.values.count)
        }
        let detector = PIIDetector()
        var verdicts: [PIIVerdict] = []
        let timing = await Timing.measure(repeat: repetitions) {
            verdicts = samples.map(detector.assess)
        }
        var tp = 0, fp = 0, fn = 0, tn = 0
        var misclassified: [String] = []
        for (item, verdict) in zip(corpus, verdicts) {
            switch (item.label, verdict.isPII) {
            case (true, true): tp += 1
            case (false, false): tn += 1
            case (false, true):
                fp += 1
                misclassified.append("FP \(item.id) \(item.table).\(item.column) [\(item.note)]: \(verdict.reason)")
            case (true, false):
                fn += 1
                misclassified.append("FN \(item.id) \(item.table).\(item.column) [\(item.note)]: \(verdict.reason)")
            }
        }
        return Side(quality: Quality(truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn, misclassified: misclassified),
                    timing: timing)
    }

    private static func dataType(_ name: String) -> DataType {
        switch name {
        case "date": .date
        case "int64": .int64
        case "double": .float64
        default: .string
        }
    }

    private func printTable(_ r: Result) {
        func row(_ label: String, _ s: Side) -> String {
            let q = s.quality
            return label.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%9.3f %9.3f %9.3f   %3ld %3ld %3ld %3ld %10.2f ms", q.precision, q.recall, q.f1,
                         q.truePositives, q.falsePositives, q.falseNegatives, q.trueNegatives, s.timing.best * 1000)
        }
        print("PII benchmark: seed \(r.seed), \(r.columns) columns (\(r.positives) PII), \(r.values) values; best of \(repetitions) (Sluice), \(presidioRepeat) (Presidio)")
        print("                      precision    recall        F1    TP  FP  FN  TN        time")
        print(row("Sluice PIIDetector", r.sluice))
        print(row("Presidio \(r.presidioVersion)", r.presidio))
        print(String(format: "Sluice is %.1f× faster; F1 %+.3f.", r.speedup, r.sluice.quality.f1 - r.presidio.quality.f1))
        for line in r.sluice.quality.misclassified { print("  sluice   \(line)") }
        for line in r.presidio.quality.misclassified.prefix(15) { print("  presidio \(line)") }
        if r.presidio.quality.misclassified.count > 15 {
            print("  presidio … \(r.presidio.quality.misclassified.count - 15) more (see --json)")
        }
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    }
}
