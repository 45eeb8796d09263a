extension ColumnDescriptor {
    /// The min/max of a footer ``Statistics`` that can be trusted for this column, decoded.
    ///
    /// `min_value`/`max_value` are always in the column's sort order. The deprecated
    /// `min`/`max` were written with signed comparison whatever the type, so they are
    /// used only where signed order is the right one: booleans, signed integers,
    /// floating point and decimals (whose bytes compare as signed big-endian numbers).
    /// For strings, binary, unsigned integers and INT96 they are ignored, as other
    /// readers do, since old writers got those orders wrong.
    public func statisticsBounds(_ statistics: Statistics) -> (min: ParquetValue?, max: ParquetValue?) {
        let legacyIsSigned = hasSignedSortOrder
        let minimum = statistics.minValue ?? (legacyIsSigned ? statistics.min : nil)
        let maximum = statistics.maxValue ?? (legacyIsSigned ? statistics.max : nil)
        return (minimum.flatMap(decodeStatistic), maximum.flatMap(decodeStatistic))
    }

    private var hasSignedSortOrder: Bool {
        if case .decimal = logicalType { return true }
        switch physicalType {
        case .boolean, .float, .double: return true
        case .int32, .int64:
            if case .integer(_, isSigned: false) = logicalType { return false }
            return true
        case .int96, .byteArray, .fixedLenByteArray: return false
        }
    }
}
