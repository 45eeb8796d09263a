/// Picks the delimiter of a CSV file from its first lines.
///
/// Each candidate — `,` `;` tab `|` — splits up to ``recordLimit`` records of the
/// sample with the real, quote-aware parser (so delimiters inside quoted fields do not
/// count). A candidate is *consistent* when every record has the same number of fields
/// and that number is at least 2. The consistent candidate with the most fields wins;
/// ties go to the earlier candidate in the list. With no consistent candidate (a one-
/// column file, or a ragged one that will fail anyway) the delimiter is `,`.
///
/// When the sample stops before the end of the file its last record may be cut short,
/// so it is left out of the count.
enum CSVDelimiterDetection {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
    static let recordLimit = 50

    static func detect(in prefix: TextPrefix, file: TextFile) async -> UInt8 {
        var best: (delimiter: UInt8, fields: Int)?
        for candidate in candidates {
            guard let fields = await consistentFieldCount(prefix, delimiter: candidate, file: file) else { continue }
            if fields > (best?.fields ?? 1) { best = (candidate, fields) }
        }
        return best?.delimiter ?? candidates[0]
    }

    private static func consistentFieldCount(_ prefix: TextPrefix, delimiter: UInt8, file: TextFile) async -> Int? {
        var parser = CSVRecordParser(source: ChunkedByteReader(bytes: prefix.bytes, key: file.key), delimiter: delimiter, file: file)
        var counts: [Int] = []
        // A syntax error in the sample (often a quoted field cut off by the sample's end)
        // ends the sample; the records before it still count.
        while counts.count <= recordLimit, let record = try? await parser.next() {
            counts.append(record.fields.count)
        }
        if !prefix.isWholeObject && counts.count > 1 { counts.removeLast() }
        guard let first = counts.first, first >= 2, counts.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}
