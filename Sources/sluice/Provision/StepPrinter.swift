import Foundation
import SluiceProvision

/// Prints a request's steps on stdout as the events arrive, and shows a progress bar on
/// stderr (on a terminal only) while a long table is staged.
///
/// Events may come from the executor's tasks, so printing is serialised by a lock, and each
/// block is written at once, so the log keeps its order when stdout is a pipe.
final class StepPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let planner: String
    private let bar = ProgressBar()
    /// The table being staged and its rows so far; printed when the next one starts.
    private var staging: (table: String, rows: Int)?
    private var stagedLines: [String] = []

    init(planner: String) {
        self.planner = planner
    }

    func handle(_ event: ProvisionEvent) {
        lock.withLock {
            switch event {
            case let .searched(response, milliseconds):
                write(ProvisionText.searched(response, milliseconds: milliseconds))
            case let .planned(plan, milliseconds):
                write(ProvisionText.planned(plan, planner: planner, milliseconds: milliseconds))
            case .planFailed:
                // The reason follows once, in the outcome.
                write(ProvisionText.block("Plan", ["no mart can be planned: nothing was staged"]))
            case let .compiled(preview):
                write(ProvisionText.compiled(preview))
            case let .progress(progress):
                handle(progress)
            }
        }
    }

    /// Writes `lines` to stdout now.
    func write(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    private func handle(_ progress: ProvisionProgress) {
        switch progress {
        case .started:
            break
        case let .staged(table, rows, expected):
            if let current = staging, current.table != table { stagedLines.append(Self.stagedLine(current)) }
            staging = (table, rows)
            bar.update(fraction: expected > 0 ? Double(rows) / Double(expected) : 0,
                       label: "staging \(table): \(grouped(rows)) of \(grouped(expected)) rows")
        case let .finished(step, milliseconds):
            let time = ProvisionText.ms(milliseconds)
            switch step {
            case .compile:
                break
            case .stage:
                bar.finish()
                if let current = staging { stagedLines.append(Self.stagedLine(current)) }
                staging = nil
                write(ProvisionText.block("Stage", stagedLines + [time]))
                stagedLines = []
            case .build:
                write(ProvisionText.block("Build", ["built and indexed under a build name no reader is granted (\(time))"]))
            case .grant:
                write(ProvisionText.block("Grant", ["published, registered with lineage and granted in one transaction (\(time))"]))
            case .cleanup:
                write(ProvisionText.block("Cleanup", ["staging tables dropped (\(time))"]))
            }
        }
    }

    private static func stagedLine(_ table: (table: String, rows: Int)) -> String {
        "\(table.table.padding(toLength: 18, withPad: " ", startingAt: 0)) \(leftPadded(grouped(table.rows), 10)) rows"
    }
}
