import Foundation

/// The milliseconds of one `sluice ask`, split by step.
///
/// `search` and `plan` are the ask pipeline's, `compile` … `cleanup` the executor's (see
/// ``SluiceProvision/ProvisionStep``); `other` is what the run spent outside them (opening and
/// closing the state folder, loading the catalog, compiling the preview `ask` shows before any
/// data moves, appending the audit entry), so the steps and `other` add up to `total`, the wall
/// time of the whole run.
struct ProvisionBenchSteps: Codable, Equatable {
    var searchMs: Double
    var planMs: Double
    var compileMs: Double
    var stageMs: Double
    var buildMs: Double
    var grantMs: Double
    var cleanupMs: Double
    var otherMs: Double
    var totalMs: Double

    /// The steps an outcome reports (`timingsMs`, keyed by step name) within a run of `totalMs`.
    init(steps: [String: Double], totalMs: Double) {
        searchMs = steps["search"] ?? 0
        planMs = steps["plan"] ?? 0
        compileMs = steps["compile"] ?? 0
        stageMs = steps["stage"] ?? 0
        buildMs = steps["build"] ?? 0
        grantMs = steps["grant"] ?? 0
        cleanupMs = steps["cleanup"] ?? 0
        self.totalMs = totalMs
        otherMs = totalMs - (searchMs + planMs + compileMs + stageMs + buildMs + grantMs + cleanupMs)
    }

    /// The steps with a name, `other` left out.
    var namedStepsMs: Double { searchMs + planMs + compileMs + stageMs + buildMs + grantMs + cleanupMs }

    /// The mean of `a` and `b`, step by step: an even number of runs has two middle ones.
    static func mean(_ a: ProvisionBenchSteps, _ b: ProvisionBenchSteps) -> ProvisionBenchSteps {
        var steps = a
        steps.searchMs = (a.searchMs + b.searchMs) / 2
        steps.planMs = (a.planMs + b.planMs) / 2
        steps.compileMs = (a.compileMs + b.compileMs) / 2
        steps.stageMs = (a.stageMs + b.stageMs) / 2
        steps.buildMs = (a.buildMs + b.buildMs) / 2
        steps.grantMs = (a.grantMs + b.grantMs) / 2
        steps.cleanupMs = (a.cleanupMs + b.cleanupMs) / 2
        steps.otherMs = (a.otherMs + b.otherMs) / 2
        steps.totalMs = (a.totalMs + b.totalMs) / 2
        return steps
    }
}

/// One timed `sluice ask`.
struct ProvisionBenchRun: Codable, Equatable {
    var timings: ProvisionBenchSteps
    /// Rows copied from the lake into staging, all source tables together.
    var rowsStaged: Int
    /// The published mart (`dm_portfolio_exposure`) and its rows.
    var mart: String
    var martRows: Int

    init(stepsMs: [String: Double], totalMs: Double, mart: String, martRows: Int, rowsStaged: Int) {
        timings = ProvisionBenchSteps(steps: stepsMs, totalMs: totalMs)
        self.rowsStaged = rowsStaged
        self.mart = mart
        self.martRows = martRows
    }
}

/// One scale: the lake it made and the runs measured on it.
struct ProvisionBenchScale: Codable, Equatable {
    var scale: Int
    var lakeRows: Int
    var lakeBytes: Int
    var generateMs: Double
    var scanMs: Double
    var embedMs: Double
    var mart: String
    var martRows: Int
    var rowsStaged: Int
    /// Rows staged per second of the stage step, in the median run.
    var rowsStagedPerSecond: Double
    /// The run with the median total (the step-by-step mean of the two middle runs for an
    /// even count): its steps add up to its total, which a median per step would not.
    var median: ProvisionBenchSteps
    var runs: [ProvisionBenchRun]

    init(scale: Int, lakeRows: Int, lakeBytes: Int, generateMs: Double, scanMs: Double, embedMs: Double, runs: [ProvisionBenchRun]) {
        precondition(!runs.isEmpty, "a scale is measured at least once")
        self.scale = scale
        self.lakeRows = lakeRows
        self.lakeBytes = lakeBytes
        self.generateMs = generateMs
        self.scanMs = scanMs
        self.embedMs = embedMs
        self.runs = runs
        let sorted = runs.sorted { $0.timings.totalMs < $1.timings.totalMs }
        let middle = sorted[sorted.count / 2]
        median = sorted.count % 2 == 1 ? middle.timings : .mean(sorted[sorted.count / 2 - 1].timings, middle.timings)
        mart = middle.mart
        martRows = middle.martRows
        rowsStaged = middle.rowsStaged
        rowsStagedPerSecond = median.stageMs > 0 ? Double(rowsStaged) / (median.stageMs / 1000) : 0
    }
}

/// What `sluice bench provision` reports.
struct ProvisionBenchReport: Codable, Equatable {
    var question: String
    var requester: String
    var role: String
    /// Runs per scale.
    var runs: Int
    var scales: [ProvisionBenchScale]

    func printTable() {
        print("sluice ask \"\(question)\" as \(requester) (\(role)): the run with the median total of \(runs), in ms")
        let header = ["scale", "lake rows", "staged", "search", "plan", "compile", "stage", "build", "grant", "cleanup", "other",
                      "total", "staged rows/s"]
        let rows = scales.map { scale -> [String] in
            let m = scale.median
            return [String(scale.scale), grouped(scale.lakeRows), grouped(scale.rowsStaged)]
                + [m.searchMs, m.planMs, m.compileMs, m.stageMs, m.buildMs, m.grantMs, m.cleanupMs, m.otherMs, m.totalMs]
                    .map(Self.milliseconds)
                + [grouped(Int(scale.rowsStagedPerSecond.rounded()))]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for line in [header] + rows {
            print(zip(line, widths).map { leftPadded($0, $1) }.joined(separator: "  "))
        }
        print("")
        for scale in scales {
            print("scale \(scale.scale): lake of \(grouped(scale.lakeRows)) rows (\(byteCount(scale.lakeBytes))) written in "
                + "\(Self.seconds(scale.generateMs)), scanned in \(Self.seconds(scale.scanMs)), embedded in \(Self.seconds(scale.embedMs)); "
                + "data_mart.\(scale.mart): \(grouped(scale.martRows)) rows; totals "
                + scale.runs.map { Self.milliseconds($0.timings.totalMs) }.joined(separator: ", ") + " ms")
        }
    }

    /// Milliseconds to one decimal below 100, whole above: the digits that mean something.
    static func milliseconds(_ value: Double) -> String {
        value < 100 ? String(format: "%.1f", value) : grouped(Int(value.rounded()))
    }

    static func seconds(_ milliseconds: Double) -> String {
        String(format: "%.2f s", milliseconds / 1000)
    }
}
