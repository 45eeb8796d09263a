/// Building FSE distributions from observed symbol frequencies and writing
/// them as table descriptions: the encoder's side of ``ZstdFSEDistribution/read(_:count:maxSymbol:maxAccuracyLog:)``.
extension ZstdFSEDistribution {
    /// Scales `frequencies` to counts summing to `2^accuracyLog`, giving every
    /// present symbol at least one state. The table must have at least as many
    /// states as there are distinct symbols.
    static func normalized(_ frequencies: [Int], accuracyLog: Int) -> ZstdFSEDistribution {
        let size = 1 << accuracyLog
        let total = frequencies.reduce(0, +)
        var counts = [Int16](repeating: 0, count: frequencies.count)
        var assigned = 0
        for (symbol, frequency) in frequencies.enumerated() where frequency > 0 {
            let count = max(1, (frequency * size + total / 2) / total)
            counts[symbol] = Int16(count)
            assigned += count
        }
        // Rounding is off by at most one per symbol; settle the difference on the
        // largest counts, where one state more or less matters least.
        while assigned != size {
            guard let largest = counts.indices.max(by: { counts[$0] < counts[$1] }) else { break }
            counts[largest] += assigned > size ? -1 : 1
            assigned += assigned > size ? -1 : 1
        }
        return ZstdFSEDistribution(counts: counts, accuracyLog: accuracyLog)
    }

    /// A table size suited to `sampleCount` symbols drawn from `distinct` values.
    static func accuracyLog(sampleCount: Int, distinct: Int, maxAccuracyLog: Int) -> Int {
        let needed = Int.bitWidth - max(1, distinct - 1).leadingZeroBitCount
        let suggested = Int.bitWidth - max(1, sampleCount).leadingZeroBitCount - 2
        return min(maxAccuracyLog, max(5, needed, suggested))
    }

    /// Estimated bits to code symbols with these frequencies under this distribution.
    func cost(of frequencies: [Int]) -> Double {
        var bits = 0.0
        for (symbol, frequency) in frequencies.enumerated() where frequency > 0 {
            guard symbol < counts.count, counts[symbol] != 0 else { return .infinity }
            let share = counts[symbol] < 0 ? 1 : Double(counts[symbol])
            bits += Double(frequency) * (Double(accuracyLog) - Self.approximateLog2(share))
        }
        return bits
    }

    /// `log2(value)` for `value >= 1`, within 0.09: good enough to compare table costs.
    private static func approximateLog2(_ value: Double) -> Double {
        Double(value.exponent) + (value.significand - 1)
    }

    /// The table description, mirroring the reader step for step.
    func description() -> [UInt8] {
        var writer = ZstdBitWriter()
        writer.add(accuracyLog - 5, bits: 4)
        var remaining = tableSize + 1
        var threshold = tableSize
        var width = accuracyLog + 1
        var symbol = 0
        while remaining > 1, symbol < counts.count {
            let count = Int(counts[symbol])
            let value = count + 1
            let smallLimit = 2 * threshold - 1 - remaining
            if value < smallLimit {
                writer.add(value, bits: width - 1)
            } else {
                writer.add(value >= threshold ? value + smallLimit : value, bits: width)
            }
            remaining -= count < 0 ? 1 : count
            symbol += 1
            if count == 0 {
                var zeros = 0
                while symbol + zeros < counts.count, counts[symbol + zeros] == 0 { zeros += 1 }
                symbol += zeros
                while zeros >= 3 {
                    writer.add(3, bits: 2)
                    zeros -= 3
                }
                writer.add(zeros, bits: 2)
            }
            while remaining < threshold {
                width -= 1
                threshold >>= 1
            }
        }
        return writer.padded()
    }
}

/// FSE encoding tables for one distribution.
///
/// The encoder runs the decoder's state machine backwards: for a symbol owning
/// `n` states, the current state decides how many low bits to emit (so the
/// decoder can rebuild it) and which of the symbol's states comes next.
/// `deltaBits` folds the "emit `k` or `k+1` bits" choice into one addition and
/// shift; `deltaState` locates the symbol's run in `nextStates`.
struct ZstdFSEEncodeTable: Sendable {
    private let nextStates: [UInt16]
    private let deltaBits: [Int]
    private let deltaState: [Int]
    let accuracyLog: Int

    init(_ distribution: ZstdFSEDistribution) throws {
        let size = distribution.tableSize
        let log = distribution.accuracyLog
        let spread = try distribution.spreadSymbols()
        let owned = distribution.counts.map { $0 < 0 ? 1 : Int($0) }
        var start = [0]
        for count in owned { start.append(start[start.count - 1] + count) }
        var next = start
        var nextStates = [UInt16](repeating: 0, count: size)
        for (state, symbol) in spread.enumerated() {
            nextStates[next[Int(symbol)]] = UInt16(size + state)
            next[Int(symbol)] += 1
        }
        var deltaBits = [Int](repeating: 0, count: owned.count)
        var deltaState = [Int](repeating: 0, count: owned.count)
        for (symbol, count) in owned.enumerated() where count > 0 {
            let maxBitsOut = log - (Int.bitWidth - 1 - (count - 1).leadingZeroBitCount)
            let bitsOut = count == 1 ? log : maxBitsOut
            deltaBits[symbol] = bitsOut << 16 - (count << bitsOut)
            deltaState[symbol] = start[symbol] - count
        }
        self.nextStates = nextStates
        self.deltaBits = deltaBits
        self.deltaState = deltaState
        accuracyLog = log
    }

    static let predefined: [ZstdFSEEncodeTable] = ZstdSequenceField.allCases.map {
        // Constant, valid distributions: building cannot fail.
        try! ZstdFSEEncodeTable($0.predefinedDistribution)
    }

    /// The state after encoding the first (that is, last decoded) symbol; it emits no bits.
    func initialState(_ symbol: Int) -> Int {
        let bitsOut = (deltaBits[symbol] + (1 << 15)) >> 16
        let value = bitsOut << 16 - deltaBits[symbol]
        return Int(nextStates[value >> bitsOut + deltaState[symbol]])
    }

    @inline(__always)
    func encode(_ symbol: Int, state: inout Int, into writer: inout ZstdBitWriter) {
        let bitsOut = (state + deltaBits[symbol]) >> 16
        writer.add(state, bits: bitsOut)
        state = Int(nextStates[state >> bitsOut + deltaState[symbol]])
    }

    func flush(_ state: Int, into writer: inout ZstdBitWriter) {
        writer.add(state, bits: accuracyLog)
    }
}
