/// The sequences of one block as the encoder found them.
struct ZstdSequences {
    var literalLengths: [Int] = []
    var matchLengths: [Int] = []
    /// Offset values as coded: `offset + 3`, or 1 for "same offset as last time".
    var offsetValues: [Int] = []

    var count: Int { literalLengths.count }

    mutating func removeAll() {
        literalLengths.removeAll(keepingCapacity: true)
        matchLengths.removeAll(keepingCapacity: true)
        offsetValues.removeAll(keepingCapacity: true)
    }

    mutating func append(literalLength: Int, matchLength: Int, offsetValue: Int) {
        literalLengths.append(literalLength)
        matchLengths.append(matchLength)
        offsetValues.append(offsetValue)
    }

    private static let smallLiteralLengthCodes = codes(below: 64, bases: ZstdSequenceField.literalLengthBases)
    private static let smallMatchLengthCodes = codes(below: 128, bases: ZstdSequenceField.matchLengthBases.map { $0 - 3 })

    private static func codes(below limit: Int, bases: [UInt32]) -> [UInt8] {
        (0..<limit).map { value in UInt8(bases.lastIndex { Int($0) <= value } ?? 0) }
    }

    private static func highBit(_ value: Int) -> Int { Int.bitWidth - 1 - value.leadingZeroBitCount }

    /// (code, extra-bit value, extra-bit count) for each value of one field.
    private static func codes(_ field: ZstdSequenceField, _ values: [Int]) -> [(code: Int, extra: Int, bits: Int)] {
        // Local tables keep global lookups (and their reference counting) out of the loop.
        let bases = (0...field.maxSymbol).map { Int(field.baseValue(of: $0)) }
        let extraBits = (0...field.maxSymbol).map { Int(field.extraBits(of: $0)) }
        let small = field == .literalLength ? smallLiteralLengthCodes : smallMatchLengthCodes
        return values.map { value in
            let code: Int
            switch field {
            case .literalLength:
                code = value < 64 ? Int(small[value]) : highBit(value) + 19
            case .matchLength:
                code = value - 3 < 128 ? Int(small[value - 3]) : highBit(value - 3) + 36
            case .offset:
                code = highBit(value)
            }
            return (code, value - bases[code], extraBits[code])
        }
    }

    /// The sequences section (RFC 8878 §3.1.1.3.2).
    ///
    /// Each field uses whichever costs less: the predefined distribution (free
    /// to describe) or one fitted to this block plus its table description; a
    /// field with a single code uses RLE mode.
    func encodeSection(into output: inout [UInt8]) {
        let count = self.count
        if count < 128 {
            output.append(UInt8(count))
        } else if count < 0x7F00 {
            output += [UInt8(count >> 8 + 128), UInt8(count & 0xFF)]
        } else {
            output += [255, UInt8((count - 0x7F00) & 0xFF), UInt8((count - 0x7F00) >> 8)]
        }
        guard count > 0 else { return }
        let values = [literalLengths, offsetValues, matchLengths]
        var codes: [[(code: Int, extra: Int, bits: Int)]] = []
        var tables: [ZstdFSEEncodeTable?] = []
        var modes = 0
        var descriptions: [UInt8] = []
        for field in ZstdSequenceField.allCases {
            let fieldCodes = Self.codes(field, values[field.rawValue])
            var histogram = [Int](repeating: 0, count: field.maxSymbol + 1)
            for entry in fieldCodes { histogram[entry.code] += 1 }
            let (mode, table, description) = Self.chooseTable(field, histogram: histogram, sampleCount: count)
            modes |= mode << (6 - 2 * field.rawValue)
            descriptions += description
            tables.append(table)
            codes.append(fieldCodes)
        }
        output.append(UInt8(modes))
        output += descriptions

        let (literalLengthTable, offsetTable, matchLengthTable) = (tables[0], tables[1], tables[2])
        let (literalLengthCodes, offsetCodes, matchLengthCodes) = (codes[0], codes[1], codes[2])
        var writer = ZstdBitWriter()
        // The decoder reads backwards, so the last sequence is written first.
        let last = count - 1
        var literalLengthState = literalLengthTable?.initialState(literalLengthCodes[last].code) ?? 0
        var offsetState = offsetTable?.initialState(offsetCodes[last].code) ?? 0
        var matchLengthState = matchLengthTable?.initialState(matchLengthCodes[last].code) ?? 0
        writer.add(literalLengthCodes[last].extra, bits: literalLengthCodes[last].bits)
        writer.add(matchLengthCodes[last].extra, bits: matchLengthCodes[last].bits)
        writer.add(offsetCodes[last].extra, bits: offsetCodes[last].bits)
        for index in stride(from: count - 2, through: 0, by: -1) {
            let literalLength = literalLengthCodes[index], matchLength = matchLengthCodes[index]
            let offset = offsetCodes[index]
            offsetTable?.encode(offset.code, state: &offsetState, into: &writer)
            matchLengthTable?.encode(matchLength.code, state: &matchLengthState, into: &writer)
            literalLengthTable?.encode(literalLength.code, state: &literalLengthState, into: &writer)
            writer.add(literalLength.extra, bits: literalLength.bits)
            writer.add(matchLength.extra, bits: matchLength.bits)
            writer.add(offset.extra, bits: offset.bits)
        }
        matchLengthTable?.flush(matchLengthState, into: &writer)
        offsetTable?.flush(offsetState, into: &writer)
        literalLengthTable?.flush(literalLengthState, into: &writer)
        output += writer.close()
    }

    /// (mode, encoding table, table description) for one field; no table means
    /// RLE mode, where the one code in use costs no bits at all.
    private static func chooseTable(_ field: ZstdSequenceField, histogram: [Int], sampleCount: Int)
        -> (Int, ZstdFSEEncodeTable?, [UInt8]) {
        let predefined = (0, ZstdFSEEncodeTable.predefined[field.rawValue] as ZstdFSEEncodeTable?, [UInt8]())
        let used = histogram.indices.filter { histogram[$0] > 0 }
        if used.count == 1 { return (1, nil, [UInt8(used[0])]) }
        let log = ZstdFSEDistribution.accuracyLog(sampleCount: sampleCount, distinct: used.count,
                                                  maxAccuracyLog: field.maxAccuracyLog)
        let fitted = ZstdFSEDistribution.normalized(histogram, accuracyLog: log)
        let description = fitted.description()
        let fittedCost = fitted.cost(of: histogram) + Double(8 * description.count)
        guard fittedCost < field.predefinedDistribution.cost(of: histogram),
              let table = try? ZstdFSEEncodeTable(fitted) else { return predefined }
        return (2, table, description)
    }
}
