import Foundation

/// A one-line progress bar on stderr, redrawn only when what it shows changes; silent
/// when stderr is not a terminal, so logs and pipes get no control characters.
final class ProgressBar: @unchecked Sendable {
    // Progress may be reported from several tasks; the lock keeps redraws whole.
    private let lock = NSLock()
    let enabled: Bool
    private var lastLine = ""

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) { self.enabled = enabled }

    func update(fraction: Double, label: String) {
        guard enabled else { return }
        let clamped = min(1, max(0, fraction))
        let filled = Int(clamped * 30)
        let line = "[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] "
            + "\(Int(clamped * 100))%  \(label)"
        lock.withLock {
            guard line != lastLine else { return }
            lastLine = line
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }
    }

    func finish() {
        guard enabled else { return }
        lock.withLock {
            if !lastLine.isEmpty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}

/// 1234567 → "1,234,567".
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = value < 0 ? "-" : ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return result
}

func byteCount(_ bytes: Int) -> String {
    ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
}

func leftPadded(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

/// Pretty, key-sorted JSON for `--json` outputs: scripts read it, people can too.
/// `snakeCase` turns Swift property names into the `snake_case` keys every Sluice JSON uses.
func jsonText<T: Encodable>(_ value: T, snakeCase: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
