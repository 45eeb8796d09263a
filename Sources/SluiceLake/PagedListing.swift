/// Turns a page-at-a-time producer into the lazy stream ``ObjectStore/list(prefix:)`` returns.
///
/// The next page is fetched only when the consumer has used up the current one, so
/// listing a million-object bucket holds one page in memory, and a consumer that stops
/// early (a `break` out of `for try await`) costs no further requests.
///
/// `nextPage` receives the cursor of the page to fetch and returns its objects with
/// the cursor of the page after it, or `nil` when it was the last. For S3 the cursor
/// is a continuation token; for a folder, the walk's pending entries.
func pagedListing<Cursor: Sendable>(
    startingAt first: Cursor,
    nextPage: @escaping @Sendable (Cursor) async throws -> (objects: [ObjectInfo], next: Cursor?)
) -> AsyncThrowingStream<ObjectInfo, any Error> {
    let pager = Pager(cursor: first, nextPage: nextPage)
    return AsyncThrowingStream { try await pager.next() }
}

/// The state behind ``pagedListing(startingAt:nextPage:)``: the current page and where the next one starts.
private actor Pager<Cursor: Sendable> {
    private var page: [ObjectInfo] = []
    private var index = 0
    private var cursor: Cursor?
    private let nextPage: @Sendable (Cursor) async throws -> (objects: [ObjectInfo], next: Cursor?)

    init(cursor: Cursor, nextPage: @escaping @Sendable (Cursor) async throws -> (objects: [ObjectInfo], next: Cursor?)) {
        self.cursor = cursor
        self.nextPage = nextPage
    }

    func next() async throws -> ObjectInfo? {
        // A page may be empty (S3 can return an empty page with a continuation token),
        // so keep fetching until there is an object or no cursor.
        while index == page.count {
            guard let current = cursor else { return nil }
            cursor = nil
            let fetched = try await nextPage(current)
            page = fetched.objects
            index = 0
            cursor = fetched.next
        }
        defer { index += 1 }
        return page[index]
    }
}

extension String {
    /// Byte-wise prefix test: S3 compares keys as UTF-8 bytes, while `hasPrefix` treats
    /// canonically equivalent strings (`é` and `e` + combining accent) as equal.
    func hasKeyPrefix(_ prefix: String) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// Key order as S3 lists it: by UTF-8 bytes.
    func keyPrecedes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
