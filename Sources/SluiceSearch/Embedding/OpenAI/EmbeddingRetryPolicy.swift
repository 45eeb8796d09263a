/// How often and how patiently a remote embedder repeats a request that failed for a
/// reason that may pass: 429 (rate limited), a 5xx status, a timeout, a refused or
/// dropped connection.
///
/// Waits grow exponentially with "full jitter" (a random wait between zero and the
/// exponential bound), which spreads out clients that failed together so they do not all
/// come back at the same moment. A `Retry-After` header, when the server sends one, is
/// honoured up to ``maxDelay``. Refusals that will not pass (a wrong key, an unknown
/// model, a malformed request) are never retried.
public struct EmbeddingRetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included; 1 disables retrying.
    public var maxAttempts: Int
    /// The bound on the first wait; it doubles with each further try.
    public var baseDelay: Duration
    /// No wait is longer than this.
    public var maxDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// How long to wait before try number `attempt + 1`, after `attempt` failures;
    /// `retryAfter` is what the server asked for, if anything.
    func delay(after attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxDelay) }
        let bound = min(maxDelay, baseDelay * (1 << min(attempt - 1, 20)))
        return bound * Double.random(in: 0...1)
    }

    /// Whether an answer with HTTP `status` may succeed if asked again.
    static func isTransient(status: Int) -> Bool {
        status == 429 || status == 408 || (500..<600).contains(status)
    }
}
