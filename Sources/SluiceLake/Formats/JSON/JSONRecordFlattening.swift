/// Turns a JSON object into columns: nested objects become dotted names
/// (`{"address": {"city": "Oslo"}}` → `address.city`), to any depth.
///
/// Arrays are kept whole as values (they become JSON text columns), and an empty
/// nested object adds no column. When two members flatten to the same name —
/// a repeated key, or `"a.b"` next to `{"a": {"b": …}}` — the later one wins, as in
/// most JSON readers.
enum JSONRecordFlattening {
    static func flatten(_ members: [JSONMember]) -> [(name: String, value: JSONValue)] {
        var columns: [(name: String, value: JSONValue)] = []
        var positions: [String: Int] = [:]
        func add(_ members: [JSONMember], prefix: String) {
            for member in members {
                let name = prefix + member.key
                if case let .object(nested) = member.value {
                    add(nested, prefix: name + ".")
                } else if let position = positions[name] {
                    columns[position].value = member.value
                } else {
                    positions[name] = columns.count
                    columns.append((name, member.value))
                }
            }
        }
        add(members, prefix: "")
        return columns
    }
}
