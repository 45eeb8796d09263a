// The entry points that turn Parquet metadata into bytes and back. Each
// struct's decoder and encoder sit side by side in FooterCoding.swift,
// SchemaCoding.swift and PageHeaderCoding.swift, so that a reviewer can check
// that they mirror each other field by field.

extension FileMetaData {
    /// Decodes a footer: the Thrift compact bytes between the data and the
    /// trailing length and magic.
    ///
    /// Unknown fields are skipped, so footers of newer writers still decode; anything
    /// that does not fit the format throws a ``ParquetError`` (`.corrupt` or
    /// `.truncated`) naming what was wrong.
    public init(thriftBytes: UnsafeRawBufferPointer) throws {
        var reader = ThriftCompactReader(thriftBytes)
        try self.init(thrift: &reader)
    }

    /// The footer in Thrift compact form.
    public func thriftEncoded() -> [UInt8] {
        ThriftCompactWriter.encode(self)
    }
}

extension PageHeader {
    /// Decodes one page header at the start of `input`; returns it and the bytes it used.
    ///
    /// The page's data follows the header, so bytes after it are not an error.
    public static func decode(_ input: UnsafeRawBufferPointer) throws -> (header: PageHeader, length: Int) {
        var reader = ThriftCompactReader(input)
        let header = try PageHeader(thrift: &reader)
        return (header, reader.offset)
    }

    /// The header in Thrift compact form, to be followed by the page's data.
    public func thriftEncoded() -> [UInt8] {
        ThriftCompactWriter.encode(self)
    }
}

/// A value stored as a Thrift struct or union.
///
/// Decoders read fields in any order, skip what they do not know, and check
/// required fields at the end; encoders write every field the model holds, in
/// id order. `decode(encode(x)) == x` holds for every value a decoder returns,
/// and for every value built in code except cases that spell a known number as
/// unknown (`Encoding.other(0)` reads back as `.plain`, and
/// `LogicalType.unrecognized(fieldID: 1)` as `.string`).
protocol ThriftCodable {
    /// Reads the struct's fields up to and including its stop byte.
    init(thrift reader: inout ThriftCompactReader) throws
    /// Writes the struct's fields; the caller writes the stop byte.
    func encode(thrift writer: inout ThriftCompactWriter)
}

/// Returns a required field's value, or throws naming it (as `"Struct.field"`) when it was absent.
func requiredField<Value>(_ value: Value?, _ name: StaticString) throws -> Value {
    guard let value else { throw ParquetError.corrupt("\(name): required field missing") }
    return value
}

extension ThriftCompactReader {
    /// Reads an enum whose unknown numbers are corrupt, as they are for types a reader must understand.
    ///
    /// `name` is the field (`"SchemaElement.type"`), `kind` what its values are
    /// (`"physical type"`): `SchemaElement.type: invalid physical type 9`.
    mutating func readEnum<Value: RawRepresentable<Int32>>(
        _: Value.Type, _ name: StaticString, _ kind: StaticString
    ) throws -> Value {
        let raw = try readI32()
        guard let value = Value(rawValue: raw) else { throw ParquetError.corrupt("\(name): invalid \(kind) \(raw)") }
        return value
    }
}

extension ThriftField {
    /// Checks that a known member of a union is a struct, as all of Parquet's union members are.
    ///
    /// Another type cannot be skipped like an unknown member: the reader would
    /// keep a member it knows while having dropped its content.
    func requireUnionMember(_ union: StaticString) throws {
        guard type == .struct else { throw ParquetError.corrupt("\(union): member \(id) is \(type), not struct") }
    }
}
