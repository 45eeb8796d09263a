import Foundation

/// Whether a settings file with secrets in it is readable by more than its owner.
enum ConfigFilePermissions {
    /// A warning to print, or `nil` when only the owner can read the file (or its mode is unknown).
    static func exposureWarning(path: String) -> String? {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int,
              mode & 0o077 != 0
        else { return nil }
        return "\(path) holds S3 secrets but its permissions are \(String(mode & 0o777, radix: 8)); run `chmod 600 \(path)` so only you can read it"
    }
}
