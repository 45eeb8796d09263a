import Foundation

/// Whether a settings file with secrets in it is readable by more than its owner.
enum ConfigFilePermissions {
    /// A warning to print, or `nil` when only the owner can read the file (or its mode is unknown).
    /// `secrets` says what the file holds: "S3 secrets", "an embedding API key".
    static func exposureWarning(path: String, holding secrets: String) -> String? {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int,
              mode & 0o077 != 0
        else { return nil }
        return "\(path) holds \(secrets) but its permissions are \(String(mode & 0o777, radix: 8)); run `chmod 600 \(path)` so only you can read it"
    }
}
