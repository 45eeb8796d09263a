import Foundation
import SluiceCatalog
import SluiceGovernance
import SluiceTestSupport

/// Deterministic pseudo-random catalogs: every field takes varied values (set and unset
/// optionals, every enumeration case, awkward text), so a round trip that drops or
/// confuses a field fails. SplitMix64 keeps a seed's catalog the same on every run.
struct GeneratedCatalog {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func fraction() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func bool() -> Bool { next() & 1 == 1 }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    /// `text` as a JSON string literal, quotes included.
    func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    mutating func maybe<T>(_ make: (inout GeneratedCatalog) -> T) -> T? {
        bool() ? make(&self) : nil
    }

    /// Text with quotes, SQL punctuation, non-ASCII letters and emoji, which bound arguments must carry unchanged.
    mutating func text(_ prefix: String) -> String {
        let pieces = ["", "'", "\"", "; DROP TABLE x; --", "Lefèvre", "Zürich", "📈", "\n", "%_", "\\"]
        return prefix + pick(pieces) + String(int(0...9999)) + pick(pieces)
    }

    /// An instant with sub-millisecond digits, which storage rounds.
    mutating func date() -> Date {
        Date(timeIntervalSince1970: Double(int(0...2_000_000_000)) + fraction())
    }

    mutating func contents(tableCount: Int) -> CatalogContents {
        var contents = CatalogContents()
        for index in 0..<tableCount {
            let name = index == 1 ? "we\"ird table" : "table_\(index)"
            contents.tables.append(table(name: name, removed: index % 4 == 3))
            for position in 0..<int(1...6) {
                contents.columns.append(column(table: name, position: position))
            }
        }
        for _ in 0..<int(2...5) {
            let from = pick(contents.columns), to = pick(contents.columns)
            let relationship = RelationshipMetadata(
                fromTable: from.table, fromColumn: from.name, toTable: to.table, toColumn: to.name,
                confidence: fraction(), source: pick([.inferred, .annotation]), status: pick(ReviewStatus.allCases),
                evidence: text("contained "), detailBI: maybe { $0.text("joins ") }, metadataText: text("rel "))
            if !contents.relationships.contains(where: { $0.description == relationship.description }) {
                contents.relationships.append(relationship)
            }
        }
        for index in 0..<int(1...3) {
            contents.kpiPatterns.append(KPIPattern(
                id: "kpi_\(index)", name: text("KPI "), description: text("measures "),
                tables: contents.tables.prefix(int(0...3)).map(\.name),
                template: "SELECT sum(amount) FROM \(contents.tables[0].name) WHERE note = 'it''s'",
                metadataText: text("kpi text "),
                // A literal with quotes, backslashes, new lines and emoji, as JSON carries them.
                martTemplate: maybe { #"{"filter":{"column":"t.note","op":"=","value":"# + $0.jsonString($0.text("it's ")) + "}}" }))
        }
        return contents
    }

    mutating func table(name: String, removed: Bool) -> TableMetadata {
        let objects = (0..<int(0...3)).map { part in
            LakeObjectRef(key: "\(name)/part-\(part).parquet", size: int(0...1_000_000_000), etag: maybe { "\"\($0.next())\"" })
        }
        return TableMetadata(
            name: name, lakePath: "\(name)/", lakeURI: pick(["file:///lake", "s3://bucket/lake"]),
            format: pick(["parquet", "csv", "tsv", "json"]), rowCount: int(0...Int(Int32.max) * 4),
            fileSize: int(0...Int.max / 2), partitionKeys: pick([[], ["year"], ["year", "month"]]), objects: objects,
            contentHash: String(next(), radix: 16), classification: pick(Classification.allCases),
            classificationSource: pick([.annotation, .manual, .suggested]), classificationReason: text("because "),
            detailBI: maybe { $0.text("business ") }, detailAgent: text("agent "), metadataText: text("meta "),
            lifecycle: removed ? .removed : .active, needsEmbedding: bool(), scannedAt: date())
    }

    mutating func column(table: String, position: Int) -> ColumnMetadata {
        let rowCount = int(0...100_000)
        var profile = ColumnProfile(
            rowCount: rowCount, profiledRows: int(0...rowCount), nullCount: int(0...rowCount), distinctCount: int(0...rowCount),
            distinctMethod: pick([.exact, .hyperLogLog, .footer]), min: maybe { $0.text("a") }, max: maybe { $0.text("z") },
            minMaxSource: maybe { $0.pick([StatisticSource.footer, .data]) },
            samples: (0..<int(0...5)).map { _ in text("sample ") },
            topValues: (0..<int(0...10)).map { _ in ValueFrequency(value: text("top "), count: int(1...1000)) },
            averageLength: maybe { $0.fraction() * 40 }, isUnique: bool())
        if bool() { profile.nullFraction = fraction() }
        let isPII = bool()
        let pii = PIIVerdict(
            isPII: isPII, kind: maybe { $0.pick(PIIKind.allCases) }, recognizer: maybe { $0.text("recognizer:") },
            score: fraction(), matchedFraction: fraction(), reason: text("reason "), status: pick(ReviewStatus.allCases))
        var domain = SemanticDomain(name: pick(["person.name", "id.key", "money.amount", "unknown"]), confidence: fraction(), evidence: text("cue "))
        if bool() { domain.band = pick(ConfidenceBand.allCases) }
        let sketch: KeySketch? = maybe { generator in
            KeySketch(capacity: generator.pick([4, 16, KeySketch.defaultCapacity]),
                      hashes: (0..<generator.int(0...40)).map { _ in generator.next() } + [0, UInt64.max])
        }
        return ColumnMetadata(
            table: table, name: position == 2 ? "col \"\(position)\"" : "col_\(position)", position: position,
            dataType: pick(["int32", "string", "timestamp(micros, UTC)", "decimal(18, 2)"]), isNullable: bool(),
            isPartitionKey: bool(), profile: profile, pii: pii, maskingRule: maybe { $0.pick(MaskingRule.allCases) },
            domain: domain, keySketch: sketch, detailBI: maybe { $0.text("bi ") }, detailAgent: text("agent "),
            metadataText: text("column meta "))
    }
}

extension CatalogContents {
    /// What a store returns for these contents: instants to the millisecond, and each list
    /// in the store's documented order.
    var asStored: CatalogContents {
        var stored = self
        stored.tables = tables.map { table in
            var table = table
            let milliseconds = (table.scannedAt.timeIntervalSince1970 * 1000).rounded()
            table.scannedAt = Date(timeIntervalSince1970: milliseconds / 1000)
            return table
        }.sorted { inBinaryOrder([$0.name], [$1.name]) }
        stored.columns = columns.sorted { $0.table == $1.table ? $0.position < $1.position : inBinaryOrder([$0.table], [$1.table]) }
        stored.relationships = relationships.sorted {
            inBinaryOrder([$0.fromTable, $0.fromColumn, $0.toTable, $0.toColumn], [$1.fromTable, $1.fromColumn, $1.toTable, $1.toColumn])
        }
        stored.kpiPatterns = kpiPatterns.sorted { inBinaryOrder([$0.id], [$1.id]) }
        return stored
    }
}

/// SQLite's default collation, BINARY: UTF-8 bytes compared in order, field after field.
func inBinaryOrder(_ left: [String], _ right: [String]) -> Bool {
    for (a, b) in zip(left, right) where !a.utf8.elementsEqual(b.utf8) {
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
    return false
}
