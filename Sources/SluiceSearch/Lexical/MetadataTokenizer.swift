/// Splits catalog metadata text (table and column names, descriptions, tags) into search terms.
///
/// Catalog names glue words together in every style, and an analyst types them apart:
/// `customer_id`, `customerId`, `CustomerID` and "customer id" must all meet on the terms
/// `customer` and `id`. So the tokenizer
/// - splits on every character that is not a letter or digit (spaces, `_`, `.`, `-`, `/`, …);
/// - splits camelCase and PascalCase at a lower-to-upper step (`orderDate` → order, date) and
///   at the end of an acronym (`HTTPServer` → http, server);
/// - keeps digits, attached to the letters they follow (`q4`, `sha256`, `2024` stay whole),
///   since in metadata they are part of the name (`address2`, `ipv4`);
/// - lowercases everything.
///
/// No stemming and no stop words: catalog vocabulary is small and precise, and a stemmer's
/// guesses (`sales` → `sale`) would blur names the analyst may mean exactly.
public struct MetadataTokenizer: Sendable {
    public init() {}

    public func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { tokens.append(String(current).lowercased()) }
            current.removeAll(keepingCapacity: true)
        }
        let characters = Array(text)
        for (i, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let previous = current.last, character.isUppercase {
                let next = i + 1 < characters.count ? characters[i + 1] : nil
                // orderDate: lower→upper starts a word. HTTPServer: the S before "erver" starts one.
                let afterLower = previous.isLowercase || previous.isNumber
                let endsAcronym = previous.isUppercase && (next?.isLowercase ?? false)
                if afterLower || endsAcronym { flush() }
            }
            current.append(character)
        }
        flush()
        return tokens
    }
}
