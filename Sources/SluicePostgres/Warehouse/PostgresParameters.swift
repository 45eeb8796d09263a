import NIOCore
import PostgresNIO
import SluiceProvision

/// A mart's literals as statement parameters.
///
/// Strings go untyped (type OID 0), as a literal in the SQL text would: PostgreSQL then reads
/// `'2024-06-30'` as a date next to a date column and as text next to text, which is what
/// the spec meant; the other literals carry their own type.
enum PostgresParameters {
    static func bindings(_ literals: [MartLiteral]) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: literals.count)
        for literal in literals {
            switch literal {
            case let .string(text): bindings.append(UntypedText(text))
            case let .integer(number): bindings.append(number)
            case let .double(number): bindings.append(number)
            case let .boolean(flag): bindings.append(flag)
            case .null: bindings.appendNull()
            }
        }
        return bindings
    }
}

/// Text sent with no declared type, for the server to type from context.
struct UntypedText: PostgresNonThrowingEncodable, PostgresDynamicTypeEncodable {
    let text: String

    init(_ text: String) { self.text = text }

    static var psqlType: PostgresDataType { PostgresDataType(0) }
    static var psqlFormat: PostgresFormat { .text }
    var psqlType: PostgresDataType { Self.psqlType }
    var psqlFormat: PostgresFormat { Self.psqlFormat }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}
