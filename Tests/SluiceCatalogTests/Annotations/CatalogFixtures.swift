import Foundation
import SluiceCatalog
import SluiceGovernance

/// Small hand-built catalogs for the annotation and describer tests: two tables of the
/// demo lake's shape, with numbers chosen so that every rounding rule shows.
enum CatalogFixtures {
    static let epoch = Date(timeIntervalSince1970: 0)

    static func table(_ name: String, rows: Int, detailBI: String? = nil) -> TableMetadata {
        TableMetadata(name: name, lakePath: "\(name).parquet", lakeURI: "file:///lake", format: "parquet", rowCount: rows,
                      fileSize: 1_000, objects: [LakeObjectRef(key: "\(name).parquet", size: 1_000, etag: "e-\(name)")],
                      contentHash: "hash-\(name)", classificationReason: "no rule applies", detailBI: detailBI, scannedAt: epoch)
    }

    static func column(_ table: String, _ name: String, _ position: Int, _ type: String, _ profile: ColumnProfile,
                       pii: PIIVerdict = .notPII, maskingRule: MaskingRule? = nil) -> ColumnMetadata {
        ColumnMetadata(table: table, name: name, position: position, dataType: type, isNullable: profile.nullCount > 0,
                       profile: profile, pii: pii, maskingRule: maskingRule)
    }

    static func suggestedPII(_ kind: PIIKind) -> PIIVerdict {
        PIIVerdict(isPII: true, kind: kind, recognizer: kind.rawValue, score: 0.9, matchedFraction: 0.96,
                   reason: "96% of 25 sampled values match")
    }

    /// orders (515 rows) and accounts (63 rows), joined by an inferred relationship.
    static var ordersAndAccounts: CatalogContents {
        let orders = [
            column("orders", "order_id", 0, "int64", ColumnProfile(
                rowCount: 515, profiledRows: 515, nullCount: 0, distinctCount: 515, distinctMethod: .exact,
                min: "1", max: "515", minMaxSource: .footer, samples: ["1", "2", "3", "4", "5"], isUnique: true)),
            column("orders", "side", 1, "string", ColumnProfile(
                rowCount: 515, profiledRows: 515, nullCount: 0, distinctCount: 3, distinctMethod: .exact,
                min: "BUY", max: "SHRT", samples: ["SELL", "BUY", "SHRT"],
                topValues: [ValueFrequency(value: "BUY", count: 260), ValueFrequency(value: "SELL", count: 200),
                            ValueFrequency(value: "SHRT", count: 55)], averageLength: 3.2)),
            column("orders", "limit_price", 2, "float64", ColumnProfile(
                rowCount: 515, profiledRows: 515, nullCount: 10, distinctCount: 300, distinctMethod: .exact,
                min: "10.5", max: "1234.5678", samples: ["101.256", "99.5", "250", "17.25"])),
            column("orders", "account_id", 3, "int32", ColumnProfile(
                rowCount: 515, profiledRows: 515, nullCount: 0, distinctCount: 60, distinctMethod: .exact,
                min: "1", max: "63", samples: ["4", "17", "9"])),
        ]
        let accounts = [
            column("accounts", "account_id", 0, "int32", ColumnProfile(
                rowCount: 63, profiledRows: 63, nullCount: 0, distinctCount: 63, distinctMethod: .exact,
                min: "1", max: "63", samples: ["1", "2", "3"], isUnique: true)),
            column("accounts", "account_number", 1, "string", ColumnProfile(
                rowCount: 63, profiledRows: 63, nullCount: 0, distinctCount: 63, distinctMethod: .exact,
                samples: ["CH93********************"], averageLength: 21, isUnique: true),
                   pii: suggestedPII(.iban), maskingRule: .maskAccount),
        ]
        let join = RelationshipMetadata(fromTable: "orders", fromColumn: "account_id", toTable: "accounts", toColumn: "account_id",
                                        confidence: 0.98, source: .inferred, evidence: "98% of 60 distinct values contained")
        return CatalogContents(tables: [table("orders", rows: 515), table("accounts", rows: 63)],
                               columns: orders + accounts, relationships: [join])
    }
}
