/// Times the executor's steps and reports them: `.started` before a step, `.finished` after
/// one that succeeded, and the milliseconds of every step that ran, failed ones included,
/// for the audit.
struct StepClock {
    let progress: ProvisionExecutor.Progress?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private(set) var timingsMs: [String: Double] = [:]
    /// The step running now, or the last one that ran.
    private(set) var current: ProvisionStep?

    init(progress: ProvisionExecutor.Progress?) {
        self.progress = progress
        start = clock.now
    }

    mutating func run<T>(_ step: ProvisionStep, _ work: () async throws -> T) async throws -> T {
        current = step
        progress?(.started(step))
        let begin = clock.now
        do {
            let result = try await work()
            let milliseconds = Self.milliseconds(clock.now - begin)
            timingsMs[step.rawValue] = milliseconds
            progress?(.finished(step, milliseconds: milliseconds))
            return result
        } catch {
            timingsMs[step.rawValue] = Self.milliseconds(clock.now - begin)
            throw error
        }
    }

    /// The milliseconds since the clock started.
    var elapsedMs: Double { Self.milliseconds(clock.now - start) }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
