/// Writes the Thrift compact protocol into a growing byte array.
///
/// Encoders write a struct's fields in ascending id order, so that most field
/// headers fit in one byte (the id as a delta of 1 to 15 from the previous
/// one, beside the type). Optional values are passed as optionals and `nil`
/// writes nothing, which is how Thrift marks an optional field absent:
///
/// ```swift
/// writer.writeI32(1, numValues)
/// writer.writeStruct(5, statistics)   // omitted when nil
/// ```
///
/// Nested structs start their own id sequence; ``writeStruct(_:_:)`` and
/// ``writeList(_:_:)`` save and restore the enclosing one.
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0

    /// A writer for the fields of one struct; whoever uses the bytes as a whole
    /// struct appends its stop byte (0). ``encode(_:)`` does both.
    init() {}

    /// The bytes of `value` as a top-level struct.
    static func encode<Value: ThriftCodable>(_ value: Value) -> [UInt8] {
        var writer = ThriftCompactWriter()
        writer.writeStructValue(value)
        return writer.bytes
    }

    // MARK: - Fields

    mutating func writeBool(_ id: Int16, _ value: Bool?) {
        guard let value else { return }
        // A boolean field's value is its header's type: 1 true, 2 false.
        writeFieldHeader(id, compactType: value ? 1 : 2)
    }

    mutating func writeI8(_ id: Int16, _ value: Int8?) {
        guard let value else { return }
        writeFieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func writeI16(_ id: Int16, _ value: Int16?) {
        guard let value else { return }
        writeFieldHeader(id, .i16)
        writeZigZag(Int64(value))
    }

    mutating func writeI32(_ id: Int16, _ value: Int32?) {
        guard let value else { return }
        writeFieldHeader(id, .i32)
        writeZigZag(Int64(value))
    }

    mutating func writeI64(_ id: Int16, _ value: Int64?) {
        guard let value else { return }
        writeFieldHeader(id, .i64)
        writeZigZag(value)
    }

    mutating func writeBinary(_ id: Int16, _ value: [UInt8]?) {
        guard let value else { return }
        writeFieldHeader(id, .binary)
        writeBinaryValue(value)
    }

    mutating func writeString(_ id: Int16, _ value: String?) {
        guard let value else { return }
        writeFieldHeader(id, .binary)
        writeStringValue(value)
    }

    mutating func writeStruct<Value: ThriftCodable>(_ id: Int16, _ value: Value?) {
        guard let value else { return }
        writeStruct(id) { value.encode(thrift: &$0) }
    }

    /// A struct field whose fields `fields` writes, for structs the model folds into other types.
    mutating func writeStruct(_ id: Int16, _ fields: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id, .struct)
        writeStructBody(fields)
    }

    /// A field holding a struct with no fields, the form of most union members.
    mutating func writeEmptyStruct(_ id: Int16) {
        writeStruct(id) { _ in }
    }

    mutating func writeList<Element: ThriftCodable>(_ id: Int16, _ values: [Element]?) {
        writeList(id, values, of: .struct) { $0.writeStructValue($1) }
    }

    mutating func writeList(_ id: Int16, _ values: [String]?) {
        writeList(id, values, of: .binary) { $0.writeStringValue($1) }
    }

    /// A list of enum values, which Thrift encodes as i32.
    mutating func writeList(_ id: Int16, _ values: [Int32]?) {
        writeList(id, values, of: .i32) { $0.writeZigZag(Int64($1)) }
    }

    private mutating func writeList<Element>(
        _ id: Int16, _ values: [Element]?, of elementType: ThriftType,
        _ element: (inout ThriftCompactWriter, Element) -> Void
    ) {
        guard let values else { return }
        writeFieldHeader(id, .list)
        // Counts up to 14 share a byte with the element type; 15 announces a varint count.
        if values.count < 15 {
            bytes.append(UInt8(values.count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarUInt64(UInt64(values.count))
        }
        for value in values { element(&self, value) }
    }

    // MARK: - Values

    private mutating func writeStructValue<Value: ThriftCodable>(_ value: Value) {
        writeStructBody { value.encode(thrift: &$0) }
    }

    private mutating func writeStructBody(_ fields: (inout ThriftCompactWriter) -> Void) {
        let enclosingFieldID = lastFieldID
        lastFieldID = 0
        fields(&self)
        bytes.append(0)  // stop
        lastFieldID = enclosingFieldID
    }

    private mutating func writeBinaryValue(_ value: [UInt8]) {
        writeVarUInt64(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    private mutating func writeStringValue(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeVarUInt64(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    private mutating func writeFieldHeader(_ id: Int16, _ type: ThriftType) {
        writeFieldHeader(id, compactType: type.rawValue)
    }

    private mutating func writeFieldHeader(_ id: Int16, compactType: UInt8) {
        let delta = Int(id) - Int(lastFieldID)
        if (1...15).contains(delta) {
            bytes.append(UInt8(delta) << 4 | compactType)
        } else {
            bytes.append(compactType)
            writeZigZag(Int64(id))
        }
        lastFieldID = id
    }

    private mutating func writeZigZag(_ value: Int64) {
        writeVarUInt64(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    private mutating func writeVarUInt64(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}
