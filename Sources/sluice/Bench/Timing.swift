import Foundation

/// Wall-clock timings of repeated runs, as both sides of a benchmark report them.
struct Timing: Codable {
    var seconds: [Double]
    var best: Double
    var median: Double

    init(seconds: [Double]) {
        self.seconds = seconds
        let sorted = seconds.sorted()
        best = sorted.first ?? 0
        median = sorted.isEmpty ? 0 : (sorted.count % 2 == 1
            ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
    }

    static func measure(repeat count: Int, _ body: () async throws -> Void) async rethrows -> Timing {
        var seconds: [Double] = []
        for _ in 0..<max(1, count) {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Timing(seconds: seconds)
    }

    static func decode(_ json: String) throws -> Timing {
        try JSONDecoder().decode(Timing.self, from: Data(json.utf8))
    }
}
