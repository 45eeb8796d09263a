import Foundation
import SluiceCatalog
import SluiceLake
import SluiceTestSupport
import Testing

/// What `Tests/tools/profile_reference.py` says pandas computed for one dataset.
struct ReferenceDataset: Decodable, Sendable {
    var rows: Int
    var columns: [String: ReferenceColumn]
}

struct ReferenceColumn: Decodable, Sendable {
    struct Frequency: Decodable, Sendable {
        var value: String
        var count: Int

        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            value = try pair.decode(String.self)
            count = try pair.decode(Int.self)
        }
    }

    /// `bool`, `float`, `float32`, `date`, `timestamp`, `str`, or `other` (integers, decimals).
    var kind: String?
    var nulls: Int?
    var nunique: Int
    var min: String?
    var max: String?
    /// Every value tied with the 10th count or above; `nil` when there are too many (a unique column).
    var top: [Frequency]?
    var top_counts: [Int]?
    var first: [String]?
    var values: [String]?
    var mean_len: Double?
}

/// Lake files written by the reference script, with its report, made once per test run.
struct ReferenceLake: Sendable {
    let root: URL
    let report: [String: ReferenceDataset]

    static func make(mode: String) throws -> ReferenceLake {
        let root = try Python.temporaryDirectory()
        let output = try Python.runTool("profile_reference.py", arguments: [mode, root.path])
        return ReferenceLake(root: root, report: try JSONDecoder().decode([String: ReferenceDataset].self, from: output))
    }

    var store: FolderStore { FolderStore(root: root.path) }

    func discovered() async throws -> DiscoveryResult {
        var objects: [ObjectInfo] = []
        for try await object in store.list(prefix: "") { objects.append(object) }
        return DatasetDiscovery.discover(objects)
    }

    func dataset(_ lakePath: String) async throws -> DiscoveredDataset {
        let result = try await discovered()
        return try #require(result.datasets.first { $0.lakePath == lakePath }, "no dataset \(lakePath)")
    }

    func reference(_ lakePath: String) throws -> ReferenceDataset {
        try #require(report[lakePath], "the reference script reported no \(lakePath)")
    }
}

/// Compares a profile with the pandas reference, column by column.
enum ProfileComparison {
    static func check(_ profile: DatasetProfile, against reference: ReferenceDataset, samplesInRowOrder: Bool = true,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(profile.rowCount == reference.rows, sourceLocation: sourceLocation)
        #expect(Set(profile.columns.map(\.field.name)) == Set(reference.columns.keys), sourceLocation: sourceLocation)
        for column in profile.columns {
            let expected = try #require(reference.columns[column.field.name], sourceLocation: sourceLocation)
            check(column, against: expected, rows: reference.rows, samplesInRowOrder: samplesInRowOrder, sourceLocation: sourceLocation)
        }
    }

    static func check(_ column: ProfiledColumn, against expected: ReferenceColumn, rows: Int, samplesInRowOrder: Bool,
                      sourceLocation: SourceLocation) {
        let name = column.field.name
        let profile = column.profile
        let kind = expected.kind ?? "other"
        #expect(profile.rowCount == rows, "\(name)", sourceLocation: sourceLocation)
        #expect(profile.nullCount == expected.nulls, "\(name): nulls", sourceLocation: sourceLocation)
        #expect(profile.distinctCount == expected.nunique, "\(name): distinct", sourceLocation: sourceLocation)
        #expect(profile.distinctMethod == .exact, "\(name)", sourceLocation: sourceLocation)
        #expect(sameValue(profile.min, expected.min, kind: kind), "\(name): min \(profile.min ?? "nil") vs \(expected.min ?? "nil")",
                sourceLocation: sourceLocation)
        #expect(sameValue(profile.max, expected.max, kind: kind), "\(name): max \(profile.max ?? "nil") vs \(expected.max ?? "nil")",
                sourceLocation: sourceLocation)
        #expect(profile.topValues.map(\.count) == expected.top_counts, "\(name): top counts", sourceLocation: sourceLocation)
        if let top = expected.top {
            let counts = Dictionary(uniqueKeysWithValues: top.map { ($0.value, $0.count) })
            for frequency in profile.topValues {
                #expect(counts[frequency.value] == frequency.count, "\(name): top value \(frequency.value)", sourceLocation: sourceLocation)
            }
            // Ties are listed in value order.
            for (a, b) in zip(profile.topValues, profile.topValues.dropFirst()) where a.count == b.count {
                #expect(isLess(a.value, b.value, kind: kind), "\(name): tie order \(a.value), \(b.value)", sourceLocation: sourceLocation)
            }
        }
        if samplesInRowOrder {
            #expect(profile.samples == expected.first, "\(name): samples", sourceLocation: sourceLocation)
            #expect(Array(column.sample.values.prefix(5)) == expected.first, "\(name): detection values", sourceLocation: sourceLocation)
        } else if let values = expected.values {
            #expect(Set(profile.samples).isSubset(of: Set(values)), "\(name): samples", sourceLocation: sourceLocation)
        }
        if let values = expected.values {
            // The detectors see at most the default 1,000 distinct values.
            let seen = Set(column.sample.values)
            #expect(seen.isSubset(of: Set(values)) && seen.count == min(values.count, 1000), "\(name): detection values",
                    sourceLocation: sourceLocation)
        }
        if let mean = expected.mean_len {
            #expect(abs((profile.averageLength ?? -1) - mean) < 1e-9, "\(name): average length", sourceLocation: sourceLocation)
        } else {
            #expect(profile.averageLength == nil, "\(name): average length", sourceLocation: sourceLocation)
        }
        let unique = expected.nulls == 0 && expected.nunique == rows
        #expect(profile.isUnique == unique, "\(name): unique", sourceLocation: sourceLocation)
        #expect(column.sample.nullCount == expected.nulls && column.sample.distinctCount == expected.nunique,
                sourceLocation: sourceLocation)
    }

    /// Numbers compare as numbers: pandas and Swift may spell the same double differently.
    static func sameValue(_ mine: String?, _ theirs: String?, kind: String) -> Bool {
        guard let mine, let theirs else { return mine == theirs }
        switch kind {
        case "float": return Double(mine) == Double(theirs)
        case "float32": return Float(mine) == Float(theirs)
        default: return mine == theirs
        }
    }

    static func isLess(_ a: String, _ b: String, kind: String) -> Bool {
        switch kind {
        case "float", "float32": return Double(a)! < Double(b)!
        case "other": return Decimal(string: a)! < Decimal(string: b)!
        case "bool": return a == "false" && b == "true"
        default: return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
    }
}
