/// The checks that keep a writer from producing a file other readers would reject.
///
/// Fields are checked once, when the writer is made: names, and whether the
/// logical type may annotate the physical type (the table in the format's
/// LogicalTypes.md). Every batch is then checked against the fields before any
/// of it is buffered. Each error names the field, and for values the row.
extension ParquetField {
    static func validateSchema(_ fields: [ParquetField]) throws {
        guard !fields.isEmpty else { throw ParquetError.invalidArgument("a Parquet file needs at least one field") }
        var seen = Set<String>()
        for field in fields {
            guard seen.insert(field.name).inserted else {
                throw ParquetError.invalidArgument("field name \"\(field.name)\" is used twice")
            }
            try field.validate()
        }
    }

    func validate() throws {
        guard !name.isEmpty else { throw ParquetError.invalidArgument("a field has an empty name") }
        switch physicalType {
        case .int96:
            throw invalid(.unsupported, "INT96 is deprecated and not writable; store timestamps as INT64 with a TIMESTAMP logical type")
        case .fixedLenByteArray:
            guard let typeLength, typeLength > 0, typeLength <= Int(Int32.max) else {
                throw invalid(.invalidArgument, "FIXED_LEN_BYTE_ARRAY needs a positive typeLength")
            }
        default:
            guard typeLength == nil else {
                throw invalid(.invalidArgument, "typeLength applies only to FIXED_LEN_BYTE_ARRAY, not \(physicalType)")
            }
        }
        if let logicalType { try validate(logicalType) }
    }

    private func validate(_ logical: LogicalType) throws {
        let fits: Bool
        switch logical {
        case .string, .enumeration, .json, .bson:
            fits = physicalType == .byteArray
        case .uuid:
            fits = physicalType == .fixedLenByteArray && typeLength == 16
        case .float16:
            fits = physicalType == .fixedLenByteArray && typeLength == 2
        case .date:
            fits = physicalType == .int32
        case .time(_, .millis):
            fits = physicalType == .int32
        case .time(_, .micros), .time(_, .nanos), .timestamp:
            fits = physicalType == .int64
        case let .integer(bitWidth, _):
            switch bitWidth {
            case 8, 16, 32: fits = physicalType == .int32
            case 64: fits = physicalType == .int64
            default: throw invalid(.invalidArgument, "INT logical type must be 8, 16, 32 or 64 bits wide, not \(bitWidth)")
            }
        case let .decimal(scale, precision):
            guard precision >= 1, scale >= 0, scale <= precision else {
                throw invalid(.invalidArgument, "DECIMAL needs precision >= 1 and 0 <= scale <= precision, got \(logical)")
            }
            guard let limit = Self.maximumDecimalPrecision(physicalType, typeLength: typeLength) else {
                fits = false
                break
            }
            guard precision <= limit else {
                throw invalid(.invalidArgument, "\(logical) needs more digits than \(physicalTypeDescription) holds (at most \(limit))")
            }
            fits = true
        case .map, .list, .unknown, .variant, .geometry, .geography, .unrecognized:
            throw invalid(.unsupported, "writing \(logical) columns is not supported")
        }
        guard fits else {
            throw invalid(.invalidArgument, "logical type \(logical) cannot annotate \(physicalTypeDescription)")
        }
    }

    /// The most decimal digits a two's-complement integer of the type can hold, or nil
    /// if the type cannot store decimals: floor(log10(2^(8n-1) - 1)) for n bytes.
    static func maximumDecimalPrecision(_ type: PhysicalType, typeLength: Int?) -> Int32? {
        switch type {
        case .int32: return 9
        case .int64: return 18
        case .byteArray: return Int32.max
        case .fixedLenByteArray:
            guard let typeLength, typeLength > 0 else { return nil }
            let log10of2 = 0.301_029_995_663_981_2
            return Int32(clamping: Int((Double(8 * typeLength - 1) * log10of2).rounded(.down)))
        case .boolean, .int96, .float, .double: return nil
        }
    }

    private var physicalTypeDescription: String {
        physicalType == .fixedLenByteArray ? "FIXED_LEN_BYTE_ARRAY(\(typeLength ?? 0))" : "\(physicalType)"
    }

    private func invalid(_ kind: ParquetError.Kind, _ message: String) -> ParquetError {
        ParquetError(kind, message, context: ["field \"\(name)\""])
    }

    /// Checks one batch for ``ParquetWriter/write(_:)``: one column per field, each of
    /// the field's type and width, all of one length, and no nulls where none are allowed.
    static func validateBatch(_ columns: [ColumnData], for fields: [ParquetField]) throws {
        guard columns.count == fields.count else {
            throw ParquetError.invalidArgument("batch has \(columns.count) columns, the file has \(fields.count) fields")
        }
        let rowCount = columns[0].count
        for (field, column) in zip(fields, columns) {
            guard column.storage.physicalType == field.physicalType else {
                throw field.invalid(.invalidArgument, "values are \(column.storage.physicalType), the field is \(field.physicalType)")
            }
            if case let .fixedLenByteArray(buffer) = column.storage {
                guard buffer.width == field.typeLength, buffer.bytes.count % buffer.width == 0 else {
                    throw field.invalid(.invalidArgument, "values are \(buffer.width) bytes wide (\(buffer.bytes.count) bytes in all), the field is FIXED_LEN_BYTE_ARRAY(\(field.typeLength ?? 0))")
                }
            }
            guard column.count == rowCount else {
                throw field.invalid(.invalidArgument, "has \(column.count) values, the batch's first column has \(rowCount)")
            }
            if !field.isNullable, let validity = column.validity, let row = validity.firstIndex(of: false) {
                throw field.invalid(.invalidArgument, "is not nullable but row \(row) of the batch is null")
            }
            try field.validateIntegerRange(column)
        }
    }

    /// INT(8) and INT(16) live in INT32, which holds values they cannot mean; readers
    /// would truncate them silently, so such values are refused here.
    private func validateIntegerRange(_ column: ColumnData) throws {
        guard case let .integer(bitWidth, isSigned)? = logicalType, bitWidth < 32, case let .int32(values) = column.storage else { return }
        let range: ClosedRange<Int32> = isSigned
            ? -(1 << (bitWidth - 1))...((1 << (bitWidth - 1)) - 1)
            : 0...((1 << bitWidth) - 1)
        if let row = values.indices.first(where: { !range.contains(values[$0]) && !column.isNull($0) }) {
            throw invalid(.invalidArgument, "value \(values[row]) at row \(row) of the batch is outside \(logicalType!)")
        }
    }
}
