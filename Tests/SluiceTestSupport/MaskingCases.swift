import Foundation

/// The shared table of masking cases (`Tests/fixtures/masking_cases.json`): the exact outputs
/// every implementation of the masking functions must give, so Swift and each warehouse are
/// checked against the same rows rather than each against its own copy.
public struct MaskingCase: Decodable, Sendable, CustomStringConvertible {
    /// The SQL function name: `mask_name`, `mask_account`, `mask_isin`, `mask_email`, `hash`, `null`.
    public let function: String
    public let input: String?
    public let output: String?

    public var description: String { "\(function)(\(input.map { String(reflecting: $0) } ?? "NULL"))" }
}

public enum MaskingCases {
    private struct File: Decodable {
        let hash_key: String
        let cases: [MaskingCase]
    }

    private static let file: File = {
        let url = Python.packageRoot.appendingPathComponent("Tests/fixtures/masking_cases.json")
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    public static var all: [MaskingCase] { file.cases }

    /// The key (UTF-8 bytes) the `hash` cases were computed with.
    public static var hashKey: Data { Data(file.hash_key.utf8) }
}
