/// The three symbol alphabets of the sequences section.
///
/// A sequence is "copy `literalLength` literals, then copy `matchLength` bytes
/// from `offset` bytes back". Each length is sent as a *code* (an FSE symbol)
/// plus `extraBits` raw bits added to the code's `baseValue`, so small common
/// values cost few bits and rare large ones stay representable.
enum ZstdSequenceField: Int, CaseIterable, Sendable {
    case literalLength, offset, matchLength

    var maxSymbol: Int {
        switch self {
        case .literalLength: 35
        case .offset: 31
        case .matchLength: 52
        }
    }

    var maxAccuracyLog: Int {
        switch self {
        case .literalLength, .matchLength: 9
        case .offset: 8
        }
    }

    var predefinedDistribution: ZstdFSEDistribution {
        switch self {
        case .literalLength: .literalLengths
        case .offset: .offsets
        case .matchLength: .matchLengths
        }
    }

    static let literalLengthBases: [UInt32] = Array(0...15) + [
        16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
    ]
    static let literalLengthExtraBits: [UInt8] = Array(repeating: 0, count: 16) + [
        1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]
    static let matchLengthBases: [UInt32] = Array(3...34) + [
        35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539,
    ]
    static let matchLengthExtraBits: [UInt8] = Array(repeating: 0, count: 32) + [
        1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]

    /// The value a code stands for before its extra bits are added.
    func baseValue(of code: Int) -> UInt32 {
        switch self {
        case .literalLength: Self.literalLengthBases[code]
        case .offset: UInt32(1) << code
        case .matchLength: Self.matchLengthBases[code]
        }
    }

    func extraBits(of code: Int) -> UInt8 {
        switch self {
        case .literalLength: Self.literalLengthExtraBits[code]
        case .offset: UInt8(code)
        case .matchLength: Self.matchLengthExtraBits[code]
        }
    }
}
