/// Measures the phases of a search in milliseconds on the monotonic clock, so a wall-clock
/// adjustment during a search can never produce a negative or inflated timing.
struct SearchStopwatch: Sendable {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init() { start = clock.now }

    /// Milliseconds since the stopwatch was made.
    var milliseconds: Double {
        let elapsed = start.duration(to: clock.now).components
        return Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
    }
}
