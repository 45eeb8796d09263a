import Foundation

/// Percentiles of measured values (latencies), by the nearest-rank method.
///
/// The p-th percentile of n sorted values is the value at rank ⌈p·n/100⌉ (1-based):
/// always one of the measurements, never an interpolation between two, so a p99
/// reported as 212 ms means some query really took 212 ms. With few values the high
/// percentiles coincide with the maximum (with 20 queries p95 is the 19th slowest
/// and p99 the slowest), which is the honest answer for a small golden set.
public enum Percentile {
    /// The nearest-rank `p`-th percentile of `values`, `p` in (0, 100]; `nil` when empty.
    public static func nearestRank(_ p: Double, of values: [Double]) -> Double? {
        precondition(p > 0 && p <= 100, "a percentile lies in (0, 100]")
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        // p·n first, then /100: for whole-number p this is exact, so ⌈⌉ does not round 19 up to 20.
        let rank = Int((p * Double(sorted.count) / 100).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
