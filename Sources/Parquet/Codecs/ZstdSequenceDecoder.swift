/// One decoder state of a sequences table with the code already resolved to
/// its base value and extra-bit count, so the hot loop does one lookup per field.
struct ZstdSequenceEntry: Sendable {
    var baseValue: UInt32
    var baseline: UInt16
    var stateBits: UInt8
    var extraBits: UInt8
}

/// The decoding table for one field of the sequences section.
struct ZstdSequenceTable: Sendable {
    var entries: [ZstdSequenceEntry]
    var accuracyLog: Int

    init(_ field: ZstdSequenceField, distribution: ZstdFSEDistribution) throws {
        entries = try distribution.decodingTable().map {
            ZstdSequenceEntry(baseValue: field.baseValue(of: Int($0.symbol)), baseline: $0.baseline,
                              stateBits: $0.bitCount, extraBits: field.extraBits(of: Int($0.symbol)))
        }
        accuracyLog = distribution.accuracyLog
    }

    /// "RLE" mode: every sequence uses the same code, so the table has one state.
    init(_ field: ZstdSequenceField, repeating code: Int) {
        entries = [ZstdSequenceEntry(baseValue: field.baseValue(of: code), baseline: 0, stateBits: 0,
                                     extraBits: field.extraBits(of: code))]
        accuracyLog = 0
    }

    // The predefined distributions are constants known to be valid, so building
    // them cannot fail.
    static let predefined: [ZstdSequenceTable] = ZstdSequenceField.allCases.map {
        try! ZstdSequenceTable($0, distribution: $0.predefinedDistribution)
    }
}

extension ZstdFrameDecoder {
    /// Decodes a sequences section and executes it: literals and matches are
    /// written to the output in one pass (RFC 8878 §3.1.1.3.2).
    mutating func decodeSequences(_ bytes: UnsafePointer<UInt8>, count: Int,
                                  literals: UnsafePointer<UInt8>, literalCount: Int) throws {
        guard count >= 1 else { throw ParquetError.corrupt("zstd: missing sequences section") }
        var sequenceCount = Int(bytes[0])
        var offset = 1
        if sequenceCount == 0 {
            guard count == 1 else { throw ParquetError.corrupt("zstd: bytes after an empty sequences section") }
            try append(literals, count: literalCount)
            return
        }
        if sequenceCount == 255 {
            guard count >= 3 else { throw ParquetError.corrupt("zstd: truncated sequences header") }
            sequenceCount = Int(bytes[1]) + Int(bytes[2]) << 8 + 0x7F00
            offset = 3
        } else if sequenceCount >= 128 {
            guard count >= 2 else { throw ParquetError.corrupt("zstd: truncated sequences header") }
            sequenceCount = (sequenceCount - 128) << 8 + Int(bytes[1])
            offset = 2
        }
        guard offset < count else { throw ParquetError.corrupt("zstd: truncated sequences header") }
        let modes = Int(bytes[offset])
        offset += 1
        guard modes & 3 == 0 else { throw ParquetError.corrupt("zstd: reserved bits set in sequence modes") }
        for field in ZstdSequenceField.allCases {
            let mode = modes >> (6 - 2 * field.rawValue) & 3
            try selectTable(field, mode: mode, bytes, count: count, offset: &offset)
        }
        guard let literalLengths = sequenceTables[0], let offsets = sequenceTables[1],
              let matchLengths = sequenceTables[2] else {
            throw ParquetError.corrupt("zstd: sequence table repeated before one was defined")
        }
        var reader = try ZstdBackwardBitReader(bytes + offset, count: count - offset)
        try literalLengths.entries.withUnsafeBufferPointer { literalLengthTable in
            try offsets.entries.withUnsafeBufferPointer { offsetTable in
                try matchLengths.entries.withUnsafeBufferPointer { matchLengthTable in
                    try execute(sequenceCount, &reader, literals: literals, literalCount: literalCount,
                                tables: (literalLengthTable, offsetTable, matchLengthTable),
                                logs: (literalLengths.accuracyLog, offsets.accuracyLog, matchLengths.accuracyLog))
                }
            }
        }
    }

    private mutating func selectTable(_ field: ZstdSequenceField, mode: Int, _ bytes: UnsafePointer<UInt8>,
                                      count: Int, offset: inout Int) throws {
        switch mode {
        case 0:
            sequenceTables[field.rawValue] = ZstdSequenceTable.predefined[field.rawValue]
        case 1:
            guard offset < count else { throw ParquetError.corrupt("zstd: truncated RLE sequence code") }
            let code = Int(bytes[offset])
            offset += 1
            guard code <= field.maxSymbol else { throw ParquetError.corrupt("zstd: sequence code \(code) out of range") }
            sequenceTables[field.rawValue] = ZstdSequenceTable(field, repeating: code)
        case 2:
            let (distribution, used) = try ZstdFSEDistribution.read(
                bytes + offset, count: count - offset, maxSymbol: field.maxSymbol, maxAccuracyLog: field.maxAccuracyLog)
            offset += used
            sequenceTables[field.rawValue] = try ZstdSequenceTable(field, distribution: distribution)
        default:
            // Repeat mode: keep the previous block's table (checked by the caller).
            break
        }
    }

    private typealias Tables = (
        literalLength: UnsafeBufferPointer<ZstdSequenceEntry>,
        offset: UnsafeBufferPointer<ZstdSequenceEntry>,
        matchLength: UnsafeBufferPointer<ZstdSequenceEntry>)

    private mutating func execute(_ sequenceCount: Int, _ reader: inout ZstdBackwardBitReader,
                                  literals: UnsafePointer<UInt8>, literalCount: Int,
                                  tables: Tables, logs: (Int, Int, Int)) throws {
        var literalLengthState = reader.read(logs.0)
        var offsetState = reader.read(logs.1)
        var matchLengthState = reader.read(logs.2)
        var literal = literals
        let literalEnd = literals + literalCount
        var target = cursor
        let end = outputEnd
        var (repeat1, repeat2, repeat3) = repeatOffsets
        for index in 0..<sequenceCount {
            // Refills are placed so that no run of reads exceeds the 56 bits a
            // refill guarantees: offset bits (≤ 31), lengths (≤ 32), states (≤ 26).
            reader.reload()
            let literalLengthEntry = tables.literalLength[literalLengthState]
            let offsetEntry = tables.offset[offsetState]
            let matchLengthEntry = tables.matchLength[matchLengthState]
            let offsetValue = Int(offsetEntry.baseValue) + reader.read(Int(offsetEntry.extraBits))
            reader.reload()
            let matchLength = Int(matchLengthEntry.baseValue) + reader.read(Int(matchLengthEntry.extraBits))
            let literalLength = Int(literalLengthEntry.baseValue) + reader.read(Int(literalLengthEntry.extraBits))

            let offset: Int
            if offsetValue > 3 {
                offset = offsetValue - 3
                (repeat3, repeat2, repeat1) = (repeat2, repeat1, offset)
            } else {
                // With no literals before the match, repeat code 1 would mean "same
                // match again", which is pointless, so the codes shift by one.
                switch literalLength == 0 ? offsetValue + 1 : offsetValue {
                case 1:
                    offset = repeat1
                case 2:
                    offset = repeat2
                    (repeat2, repeat1) = (repeat1, offset)
                case 3:
                    offset = repeat3
                    (repeat3, repeat2, repeat1) = (repeat2, repeat1, offset)
                default:
                    offset = repeat1 - 1
                    (repeat3, repeat2, repeat1) = (repeat2, repeat1, offset)
                }
            }

            if index + 1 < sequenceCount {
                reader.reload()
                literalLengthState = Int(literalLengthEntry.baseline) + reader.read(Int(literalLengthEntry.stateBits))
                matchLengthState = Int(matchLengthEntry.baseline) + reader.read(Int(matchLengthEntry.stateBits))
                offsetState = Int(offsetEntry.baseline) + reader.read(Int(offsetEntry.stateBits))
            }

            guard literalLength <= literalEnd - literal else {
                throw ParquetError.corrupt("zstd: sequences use more literals than the block holds")
            }
            guard literalLength + matchLength <= end - target else {
                throw ParquetError.corrupt("zstd: sequences produce more than the expected size")
            }
            ZstdCopy.literals(target, from: literal, count: literalLength)
            target += literalLength
            literal += literalLength
            guard offset > 0, offset <= target - frameStart, offset <= windowSize else {
                throw ParquetError.corrupt("zstd: match offset \(offset) points before the frame or window")
            }
            ZstdCopy.match(target, offset: offset, count: matchLength)
            target += matchLength
        }
        guard reader.isFinished else { throw ParquetError.corrupt("zstd: sequences bitstream size mismatch") }
        repeatOffsets = (repeat1, repeat2, repeat3)
        cursor = target
        try append(literal, count: literalEnd - literal)
    }
}
