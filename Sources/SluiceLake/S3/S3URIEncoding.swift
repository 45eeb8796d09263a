/// Percent-encoding as AWS Signature V4 defines it ("UriEncode").
///
/// Every byte of the UTF-8 form is encoded except the unreserved characters
/// `A–Z a–z 0–9 - _ . ~`, with uppercase hex digits. This is stricter than
/// Foundation's URL encoders, which leave characters such as `+`, `=` or `!` alone,
/// and any difference between what is sent and what is signed fails the signature.
/// The same encoding builds the URL and the canonical request, so they always agree.
enum S3URIEncoding {
    /// Encodes an object key for the path: like ``component(_:)`` but keeping `/`,
    /// so `raw/my file+v2.csv` becomes `raw/my%20file%2Bv2.csv`.
    static func path(_ key: String) -> String {
        encode(key, keeping: UInt8(ascii: "/"))
    }

    /// Encodes a query parameter name or value; `/` becomes `%2F`.
    static func component(_ text: String) -> String {
        encode(text, keeping: nil)
    }

    private static func encode(_ text: String, keeping kept: UInt8?) -> String {
        var encoded = [UInt8]()
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || byte == kept {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The canonical query string: parameters encoded, then sorted by name and value.
    /// Sorting after encoding matters: it orders by the encoded bytes, as AWS does.
    static func canonicalQuery(_ parameters: [(name: String, value: String)]) -> String {
        parameters
            .map { (component($0.name), component($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }
}
