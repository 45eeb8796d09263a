/// A Finite State Entropy distribution: how many of the `2^accuracyLog` states
/// of an FSE table each symbol owns.
///
/// FSE is Zstandard's tabled asymmetric-numeral-system coder. A symbol that owns
/// `n` of `N` states costs about `log2(N / n)` bits. A count of `-1` marks a
/// symbol rarer than `1/N`: it gets a single state and, when decoded, always
/// reloads a full `accuracyLog` bits.
///
/// Encoder and decoder must lay the symbols out over the states in exactly the
/// same order, so both build from ``spreadSymbols()``.
struct ZstdFSEDistribution: Sendable {
    var counts: [Int16]
    var accuracyLog: Int

    var tableSize: Int { 1 << accuracyLog }

    /// The literal-length distribution used by "predefined" mode (RFC 8878 §3.1.1.3.2.2.1).
    static let literalLengths = ZstdFSEDistribution(counts: [
        4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
        -1, -1, -1, -1,
    ], accuracyLog: 6)

    /// The match-length distribution used by "predefined" mode.
    static let matchLengths = ZstdFSEDistribution(counts: [
        1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
        -1, -1, -1, -1, -1,
    ], accuracyLog: 6)

    /// The offset-code distribution used by "predefined" mode.
    static let offsets = ZstdFSEDistribution(counts: [
        1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
    ], accuracyLog: 5)

    /// Parses a table description (RFC 8878 §4.1.1).
    ///
    /// The description is a forward little-endian bitstream: 4 bits of accuracy
    /// log, then one variable-width count per symbol whose width shrinks as the
    /// states left to distribute shrink, with runs of zero counts compressed into
    /// 2-bit repeat flags.
    ///
    /// - Returns: the distribution and how many bytes the description used.
    static func read(
        _ bytes: UnsafePointer<UInt8>, count: Int, maxSymbol: Int, maxAccuracyLog: Int
    ) throws -> (distribution: ZstdFSEDistribution, bytesRead: Int) {
        var reader = ForwardBits(bytes: bytes, count: count)
        let accuracyLog = reader.read(4) + 5
        guard accuracyLog <= maxAccuracyLog else {
            throw ParquetError.corrupt("zstd: FSE accuracy log \(accuracyLog) exceeds \(maxAccuracyLog)")
        }
        var counts = [Int16](repeating: 0, count: maxSymbol + 1)
        var remaining = (1 << accuracyLog) + 1
        var threshold = 1 << accuracyLog
        var width = accuracyLog + 1
        var symbol = 0
        while remaining > 1 {
            guard symbol <= maxSymbol else { throw ParquetError.corrupt("zstd: FSE table describes too many symbols") }
            // Values below `smallLimit` fit in `width - 1` bits; larger ones take `width`.
            let smallLimit = 2 * threshold - 1 - remaining
            let bits = reader.peek()
            var value: Int
            if bits & (threshold - 1) < smallLimit {
                value = bits & (threshold - 1)
                reader.skip(width - 1)
            } else {
                value = bits & (2 * threshold - 1)
                if value >= threshold { value -= smallLimit }
                reader.skip(width)
            }
            let probability = value - 1
            remaining -= probability < 0 ? -probability : probability
            guard remaining >= 1 else { throw ParquetError.corrupt("zstd: FSE counts exceed the table size") }
            counts[symbol] = Int16(probability)
            symbol += 1
            if probability == 0 {
                var repeatFlag = 3
                while repeatFlag == 3 {
                    repeatFlag = reader.read(2)
                    symbol += repeatFlag
                    guard symbol <= maxSymbol + 1 else {
                        throw ParquetError.corrupt("zstd: FSE zero run passes the last symbol")
                    }
                }
            }
            while remaining < threshold {
                width -= 1
                threshold >>= 1
            }
            guard reader.bitOffset <= count * 8 else { throw ParquetError.corrupt("zstd: FSE table description truncated") }
        }
        return (ZstdFSEDistribution(counts: counts, accuracyLog: accuracyLog), (reader.bitOffset + 7) / 8)
    }

    /// The symbol of every state, in state order.
    ///
    /// "Less than one" symbols take the highest states; the others are scattered
    /// with an odd stride (coprime with the table size, so every state is hit
    /// once) that interleaves symbols to keep state transitions well mixed.
    func spreadSymbols() throws -> [UInt8] {
        let size = tableSize
        let total = counts.reduce(0) { $0 + ($1 < 0 ? 1 : Int($1)) }
        guard total == size, counts.count <= 256 else { throw ParquetError.corrupt("zstd: FSE counts do not fill the table") }
        var symbols = [UInt8](repeating: 0, count: size)
        var highest = size - 1
        for (symbol, count) in counts.enumerated() where count < 0 {
            symbols[highest] = UInt8(symbol)
            highest -= 1
        }
        let step = (size >> 1) + (size >> 3) + 3
        let mask = size - 1
        var position = 0
        for (symbol, count) in counts.enumerated() where count > 0 {
            for _ in 0..<Int(count) {
                symbols[position] = UInt8(symbol)
                repeat { position = (position + step) & mask } while position > highest
            }
        }
        guard position == 0 else { throw ParquetError.corrupt("zstd: FSE symbols do not spread evenly") }
        return symbols
    }

    /// The decoding table: for each state, its symbol and how to reach the next state
    /// (`baseline + read(bitCount)`).
    func decodingTable() throws -> [ZstdFSEDecodeEntry] {
        let symbols = try spreadSymbols()
        let size = tableSize
        // A symbol owning `n` states numbers its states n, n+1, ... 2n-1 in state
        // order; each number picks how many bits refill the state.
        var nextNumber = counts.map { $0 < 0 ? 1 : Int($0) }
        var table = [ZstdFSEDecodeEntry](repeating: ZstdFSEDecodeEntry(symbol: 0, bitCount: 0, baseline: 0), count: size)
        for state in 0..<size {
            let symbol = Int(symbols[state])
            let number = nextNumber[symbol]
            nextNumber[symbol] = number + 1
            let bitCount = accuracyLog - (Int.bitWidth - 1 - number.leadingZeroBitCount)
            table[state] = ZstdFSEDecodeEntry(
                symbol: UInt8(symbol), bitCount: UInt8(bitCount), baseline: UInt16((number << bitCount) - size))
        }
        return table
    }
}

/// One state of an FSE decoding table.
struct ZstdFSEDecodeEntry: Sendable {
    var symbol: UInt8
    var bitCount: UInt8
    var baseline: UInt16
}

/// A little-endian forward bit reader for the short FSE table descriptions;
/// bytes past the end read as zero so the caller checks `bitOffset` once per step.
private struct ForwardBits {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var bitOffset = 0

    /// At least 25 bits starting at `bitOffset`.
    func peek() -> Int {
        let first = bitOffset >> 3
        var value = 0
        for index in 0..<4 where first + index < count {
            value |= Int(bytes[first + index]) << (8 * index)
        }
        return value >> (bitOffset & 7)
    }

    mutating func skip(_ bits: Int) { bitOffset += bits }

    mutating func read(_ bits: Int) -> Int {
        let value = peek() & ((1 << bits) - 1)
        bitOffset += bits
        return value
    }
}
