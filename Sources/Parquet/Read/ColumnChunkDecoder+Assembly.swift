/// Placing decoded values into rows: nulls from definition levels, lists from
/// repetition levels. Runs once per chunk, after every page is decoded.
extension ColumnChunkDecoder {
    func assemble() throws -> ParquetColumn {
        if descriptor.maxRepetitionLevel > 0 {
            return try assembleList()
        }
        let data = try spread(values, definedLevel: UInt32(descriptor.maxDefinitionLevel), levels: descriptor.maxDefinitionLevel > 0 ? definitionLevels[...] : nil, slots: rowCount)
        return ParquetColumn(descriptor: descriptor, data: data)
    }

    /// Places the non-null values into `slots` positions: one per level entry, present
    /// where the level equals `definedLevel`, null elsewhere.
    private func spread(_ values: ValueBuffers, definedLevel: UInt32, levels: ArraySlice<UInt32>?, slots: Int) throws -> ColumnData {
        guard let levels, values.count != slots else {
            guard values.count == slots else {
                throw ParquetError.corrupt("pages hold \(values.count) values for \(slots) positions")
            }
            return ColumnData(storage: Self.storage(values))
        }
        let validity = levels.map { $0 == definedLevel }
        var valueIndex = 0
        func expand<T>(_ dense: [T], zero: T) -> [T] {
            var result = [T](repeating: zero, count: slots)
            dense.withUnsafeBufferPointer { source in
                result.withUnsafeMutableBufferPointer { target in
                    var next = 0
                    for slot in 0..<slots where validity[slot] {
                        target[slot] = source[next]
                        next += 1
                    }
                }
            }
            return result
        }
        guard values.count == validity.lazy.filter({ $0 }).count else {
            throw ParquetError.corrupt("pages hold \(values.count) values but levels mark a different number present")
        }
        let storage: ColumnStorage
        switch values.physicalType {
        case .boolean: storage = .boolean(expand(values.booleans, zero: false))
        case .int32: storage = .int32(expand(values.int32s, zero: 0))
        case .int64: storage = .int64(expand(values.int64s, zero: 0))
        case .int96: storage = .int96(expand(values.int96s, zero: Int96(nanosOfDay: 0, julianDay: 0)))
        case .float: storage = .float(expand(values.floats, zero: 0))
        case .double: storage = .double(expand(values.doubles, zero: 0))
        case .byteArray:
            // Nulls are empty values: repeat the previous end offset, no bytes move.
            var offsets = [Int](repeating: 0, count: slots + 1)
            let dense = values.byteArrays.offsets
            for slot in 0..<slots {
                if validity[slot] { valueIndex += 1 }
                offsets[slot + 1] = dense[valueIndex]
            }
            storage = .byteArray(ByteArrayBuffer(offsets: offsets, bytes: values.byteArrays.bytes))
        case .fixedLenByteArray:
            let width = values.width
            var bytes = [UInt8](repeating: 0, count: slots * width)
            var next = 0
            for slot in 0..<slots where validity[slot] {
                for k in 0..<width { bytes[slot * width + k] = values.fixed[next * width + k] }
                next += 1
            }
            storage = .fixedLenByteArray(FixedBuffer(width: width, bytes: bytes))
        }
        return ColumnData(storage: storage, validity: validity)
    }

    private static func storage(_ values: ValueBuffers) -> ColumnStorage {
        switch values.physicalType {
        case .boolean: .boolean(values.booleans)
        case .int32: .int32(values.int32s)
        case .int64: .int64(values.int64s)
        case .int96: .int96(values.int96s)
        case .float: .float(values.floats)
        case .double: .double(values.doubles)
        case .byteArray: .byteArray(values.byteArrays)
        case .fixedLenByteArray: .fixedLenByteArray(FixedBuffer(width: values.width, bytes: values.fixed))
        }
    }

    /// Rebuilds rows of a LIST of primitives from repetition and definition levels.
    ///
    /// With `listLevel` the definition level at which the list itself is present and
    /// `elementLevel` the level of its repeated node: a level below `listLevel` is a
    /// null list, below `elementLevel` an empty list, anything else one element
    /// (null unless it reaches the column's maximum).
    private func assembleList() throws -> ParquetColumn {
        guard let repeatedIndex = descriptor.repetitions.firstIndex(of: .repeated) else {
            throw ParquetError.corrupt("list column has no repeated node")
        }
        let listLevel = UInt32(descriptor.repetitions[..<repeatedIndex].filter { $0 != .required }.count)
        let elementLevel = listLevel + 1
        let levels = descriptor.maxDefinitionLevel > 0 ? definitionLevels : [UInt32](repeating: 0, count: levelCount)
        guard repetitionLevels.count == levels.count else {
            throw ParquetError.corrupt("\(repetitionLevels.count) repetition levels for \(levels.count) definition levels")
        }
        if let first = repetitionLevels.first, first != 0 {
            throw ParquetError.corrupt("the first repetition level is \(first), a row must start at level 0")
        }
        var offsets: [Int] = [0]
        offsets.reserveCapacity(rowCount + 1)
        var listValidity: [Bool] = []
        listValidity.reserveCapacity(rowCount)
        var elementLevels: [UInt32] = []
        elementLevels.reserveCapacity(levels.count)
        for i in 0..<levels.count {
            let level = levels[i]
            if repetitionLevels[i] == 0 {
                if i > 0 { offsets.append(elementLevels.count) }
                listValidity.append(level >= listLevel)
            }
            if level >= elementLevel { elementLevels.append(level) }
        }
        if !levels.isEmpty { offsets.append(elementLevels.count) }
        guard offsets.count - 1 == rowCount else {
            throw ParquetError.corrupt("list column holds \(offsets.count - 1) rows, row group has \(rowCount)")
        }
        let data = try spread(values, definedLevel: UInt32(descriptor.maxDefinitionLevel), levels: elementLevels[...], slots: elementLevels.count)
        let lists = ListStructure(offsets: offsets, validity: listValidity.contains(false) ? listValidity : nil)
        return ParquetColumn(descriptor: descriptor, data: data, lists: lists)
    }
}
