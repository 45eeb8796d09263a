/// The rules that keep a folder store's keys inside its root.
///
/// A key is a relative, `/`-separated path. Any key that could name something outside
/// the root, or that names the same file as another key, is refused before any system
/// call sees it:
///
/// - `..` and `.` segments (`../etc/passwd`, `a/./b`), and empty segments (`a//b`,
///   a leading or trailing `/`), so there is exactly one spelling per file;
/// - absolute paths (`/etc/passwd`);
/// - NUL, which the C library would read as the end of the path, so `a\0/../../x`
///   could mean something other than what was checked;
/// - backslashes, which Windows treats as separators: a lake copied there must not
///   gain `..` segments.
///
/// The check is lexical. A symbolic link the lake's owner placed inside the root is
/// followed when reading; the rules stop keys from escaping, not the owner.
enum FolderKey {
    /// Throws ``LakeError/Kind/invalidKey`` naming `key` and the rule it breaks.
    static func validate(_ key: String, location: String) throws {
        guard let problem = problem(in: key) else { return }
        throw LakeError(.invalidKey, location: location, key: key, message: "invalid key \(quoted(key)): \(problem)")
    }

    /// Why `key` is not a valid folder key, or `nil` when it is.
    static func problem(in key: String) -> String? {
        if key.isEmpty { return "the key is empty" }
        if key.utf8.contains(0) { return "keys cannot contain NUL" }
        if key.contains("\\") { return "keys cannot contain a backslash" }
        if key.hasPrefix("/") { return "keys are relative to the store's root, not absolute paths" }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "": return "keys cannot contain empty segments (`//` or a trailing `/`)"
            case ".", "..": return "keys cannot contain `.` or `..` segments"
            default: continue
            }
        }
        return nil
    }

    /// The key as it appears in messages: control characters, NUL included, made visible.
    static func quoted(_ key: String) -> String {
        "\"" + key.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined() + "\""
    }
}
