/// The shapes found among a column's sampled values that domain inference reads,
/// gathered in one pass.
struct StringValueProfile {
    private(set) var total = 0
    private(set) var referenceCodes: [ReferenceCode: Int] = [:]
    private(set) var timestamps = 0
    private(set) var dates = 0
    private(set) var numbers = 0
    private(set) var urls = 0
    private(set) var timeZones = 0
    /// `NEW`, `PARTIALLY_FILLED`, `SAN-001`: upper-case letters, digits, `_` and `-` only.
    private(set) var upperCodes = 0
    private(set) var organisations = 0
    private var words = 0

    init(_ values: [String]) {
        for value in values where !value.isEmpty {
            total += 1
            words += Self.wordCount(value)
            if let code = ReferenceCode.recognize(value) { referenceCodes[code, default: 0] += 1 }
            if DateShapes.isTimestamp(value) { timestamps += 1 }
            if DateShapes.calendarDate(value.utf8) != nil { dates += 1 }
            if Self.isNumber(value) { numbers += 1 }
            if value.hasPrefix("http://") || value.hasPrefix("https://") { urls += 1 }
            if Self.isTimeZone(value) { timeZones += 1 }
            if Self.isUpperCode(value) { upperCodes += 1 }
            if PersonNameShape(value).isOrganisation { organisations += 1 }
        }
    }

    var isAllNumeric: Bool { total > 0 && numbers == total }
    var averageWords: Double { total == 0 ? 0 : Double(words) / Double(total) }

    var dominantReferenceCode: (ReferenceCode, Int)? {
        referenceCodes.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }
            .map { ($0.key, $0.value) }
    }

    private static func wordCount(_ value: String) -> Int {
        var count = 0
        var inWord = false
        for byte in value.utf8 {
            let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            if !isSpace, !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }

    /// `-12.5`, `1e6`, `42`: plain numbers as the catalog renders them.
    private static func isNumber(_ value: String) -> Bool {
        var digits = 0
        for (index, byte) in value.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if index != 0 && !value.utf8.contains(UInt8(ascii: "e")) { return false }
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return false
            }
        }
        return digits > 0
    }

    /// `Europe/Zurich`, `America/New_York`.
    private static func isTimeZone(_ value: String) -> Bool {
        let areas = ["Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/", "Etc/"]
        return value == "UTC" || areas.contains { value.hasPrefix($0) }
    }

    private static func isUpperCode(_ value: String) -> Bool {
        var letters = 0
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): continue
            default: return false
            }
        }
        return letters > 0 && value.utf8.count <= 24
    }
}
