extension ParquetField {
    /// The field that writes values read from `descriptor` unchanged (for flat columns).
    public init(_ descriptor: ColumnDescriptor) {
        self.init(
            name: descriptor.name,
            physicalType: descriptor.physicalType,
            logicalType: descriptor.logicalType,
            isNullable: descriptor.isNullable,
            typeLength: descriptor.physicalType == .fixedLenByteArray ? descriptor.typeLength : nil
        )
    }
}
