struct ZstdEncoder {
    mutating func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] { [] }
}
