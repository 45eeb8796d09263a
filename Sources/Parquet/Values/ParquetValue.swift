/// One value of a Parquet column with its logical type applied.
///
/// The physical storage (``ColumnStorage``) says how bytes are laid out; this
/// enum says what they mean: an INT32 annotated `DATE` becomes ``date(daysSinceEpoch:)``,
/// a FIXED_LEN_BYTE_ARRAY annotated `DECIMAL(25,2)` becomes ``decimal(_:)``, and so on.
/// It is the form used for display (``json``, ``text``) and for footer statistics
/// (``ColumnDescriptor/decodeStatistic(_:)``), not for bulk processing, which should
/// stay on the columnar storage.
public enum ParquetValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Signed integers of every width (INT32, INT64, `INT(8..64, signed)`).
    case int(Int64)
    /// `INT(8..64, unsigned)`, reinterpreted from the stored two's complement bits.
    case uint(UInt64)
    /// A FLOAT column keeps its single precision so that rendering can widen it exactly once.
    case float(Float)
    case double(Double)
    /// STRING, ENUM and JSON columns; invalid UTF-8 has been replaced with U+FFFD.
    case string(String)
    /// Binary without a textual annotation (also BSON, GEOMETRY, GEOGRAPHY and unknown annotations).
    case bytes([UInt8])
    /// `DATE`: days since 1970-01-01 in the proleptic Gregorian calendar.
    case date(daysSinceEpoch: Int64)
    /// `TIME`: time since midnight in `unit`s.
    case time(Int64, unit: TimeUnit)
    /// `TIMESTAMP`: `unit`s since the Unix epoch; `isAdjustedToUTC` distinguishes an instant from a local date-time.
    case timestamp(Int64, unit: TimeUnit, isAdjustedToUTC: Bool)
    case decimal(ParquetDecimal)
    /// `FLOAT16`, widened to Double (exactly: every half-precision value is a Double).
    case float16(Double)
    /// `UUID`: the 16 bytes in storage (big-endian) order.
    case uuid([UInt8])
    /// The legacy Impala/Spark timestamp, kept as stored so that no range is lost.
    case int96(Int96)
    /// A row of a LIST column.
    case list([ParquetValue])
}

/// A decimal number: an unscaled integer and a scale, `unscaled × 10^-scale`.
public struct ParquetDecimal: Sendable, Hashable {
    public enum Unscaled: Sendable, Hashable {
        /// From an INT32 or INT64 column.
        case integer(Int64)
        /// From a FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY column: big-endian two's complement of any width.
        case bigEndian([UInt8])
    }

    public var unscaled: Unscaled
    public var scale: Int

    public init(unscaled: Unscaled, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// The exact value in positional notation with exactly `scale` fractional digits,
    /// e.g. unscaled `-5`, scale 2 → `-0.05`; a negative scale appends zeros.
    public var text: String {
        switch unscaled {
        case let .integer(value):
            DecimalText.positional(negative: value < 0, magnitudeDigits: String(value.magnitude), scale: scale)
        case let .bigEndian(bytes):
            DecimalText.positional(twosComplementBigEndian: bytes, scale: scale)
        }
    }
}
