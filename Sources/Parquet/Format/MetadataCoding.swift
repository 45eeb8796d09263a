// OWNED BY: thrift helper. Contract only; bodies to be replaced.
extension FileMetaData {
    /// Decodes the footer (Thrift compact protocol).
    public init(thriftBytes: UnsafeRawBufferPointer) throws { fatalError("unmerged") }
    public func thriftEncoded() -> [UInt8] { fatalError("unmerged") }
}

extension PageHeader {
    /// Decodes one page header at the start of `input`; returns it and the bytes it used.
    public static func decode(_ input: UnsafeRawBufferPointer) throws -> (header: PageHeader, length: Int) { fatalError("unmerged") }
    public func thriftEncoded() -> [UInt8] { fatalError("unmerged") }
}
