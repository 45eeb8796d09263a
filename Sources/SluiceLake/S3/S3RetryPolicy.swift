/// How often and how patiently an ``S3Store`` repeats a request that failed for a
/// reason that may pass: a 5xx status, `SlowDown`, a timeout, a dropped connection.
///
/// Waits grow exponentially with "full jitter" (a random wait between zero and the
/// exponential bound), which spreads out clients that failed together so they do not
/// all retry at the same moment. Errors that will not pass (a bad signature, a missing
/// key) are never retried.
public struct S3RetryPolicy: Sendable {
    /// Tries in all, the first included; 1 disables retrying.
    public var maxAttempts: Int
    /// The bound on the first wait; it doubles with each further try.
    public var baseDelay: Duration
    /// No wait is longer than this.
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// How long to wait before try number `attempt + 1`, after `attempt` failures.
    func delay(after attempt: Int) -> Duration {
        let bound = min(maxDelay, baseDelay * (1 << min(attempt - 1, 20)))
        return bound * Double.random(in: 0...1)
    }
}
