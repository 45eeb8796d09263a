import Crypto
import Foundation

/// One link of the audit log: a record, its place in the log, and the two hashes that chain it.
public struct AuditEntry: Sendable, Equatable {
    /// 1 for the first entry, then consecutive.
    public var sequence: Int64
    /// The record exactly as it was hashed (``AuditChain/canonicalJSON(_:)``).
    public var recordJSON: String
    /// The previous entry's ``entryHash`` (``AuditChain/genesisHash`` for the first).
    public var previousHash: String
    /// SHA-256 hex over the previous hash, the sequence and the record JSON.
    public var entryHash: String

    public init(sequence: Int64, recordJSON: String, previousHash: String, entryHash: String) {
        self.sequence = sequence
        self.recordJSON = recordJSON
        self.previousHash = previousHash
        self.entryHash = entryHash
    }

    /// The record, decoded from ``recordJSON``.
    public func record() throws -> AuditRecord {
        try AuditChain.decoder.decode(AuditRecord.self, from: Data(recordJSON.utf8))
    }
}

/// The tamper evidence of the audit log: each entry carries the SHA-256 of the one before,
/// so changing, removing or reordering any entry breaks every later link, and
/// ``verify(_:)`` names the first entry where the chain no longer holds.
///
/// ```swift
/// var last = AuditChain.genesisHash
/// let entry = try AuditChain.entry(for: record, sequence: 1, previousHash: last)
/// AuditChain.verify([entry])      // .intact(entries: 1)
/// ```
///
/// The hash covers `previousHash + "\n" + sequence + "\n" + recordJSON`, with the record as
/// canonical JSON (sorted keys, instants as UTC text with milliseconds), so any
/// implementation that reads the stored text can recompute it; the Python cross-check does.
public enum AuditChain {
    /// What the first entry's `previousHash` is: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The outcome of ``verify(_:)``.
    public enum Verification: Sendable, Equatable {
        case intact(entries: Int)
        /// The first entry at which the chain breaks, and how.
        case broken(sequence: Int64, reason: String)
    }

    /// The record as the canonical JSON the hash covers.
    public static func canonicalJSON(_ record: AuditRecord) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// The hash of an entry with these contents.
    public static func hash(previousHash: String, sequence: Int64, recordJSON: String) -> String {
        let text = "\(previousHash)\n\(sequence)\n\(recordJSON)"
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The entry that appends `record` after an entry whose hash is `previousHash`.
    public static func entry(for record: AuditRecord, sequence: Int64, previousHash: String) throws -> AuditEntry {
        let json = try canonicalJSON(record)
        return AuditEntry(sequence: sequence, recordJSON: json, previousHash: previousHash,
                          entryHash: hash(previousHash: previousHash, sequence: sequence, recordJSON: json))
    }

    /// Walks `entries` in order and reports the first broken link: a sequence gap (an entry
    /// removed), a previous hash that is not the prior entry's hash (reordered or inserted),
    /// or a stored hash that does not match the contents (an entry edited).
    public static func verify(_ entries: [AuditEntry]) -> Verification {
        var previous = genesisHash
        for (index, entry) in entries.enumerated() {
            let expected = Int64(index + 1)
            guard entry.sequence == expected else {
                return .broken(sequence: entry.sequence, reason: "entry \(entry.sequence) follows entry \(expected - 1): entries are missing or out of order")
            }
            guard entry.previousHash == previous else {
                return .broken(sequence: entry.sequence, reason: "entry \(entry.sequence) does not link to the entry before it (its previous hash differs)")
            }
            guard hash(previousHash: entry.previousHash, sequence: entry.sequence, recordJSON: entry.recordJSON) == entry.entryHash else {
                return .broken(sequence: entry.sequence, reason: "entry \(entry.sequence) was changed after it was written (its hash no longer matches its contents)")
            }
            previous = entry.entryHash
        }
        return .intact(entries: entries.count)
    }

    /// The record fields each backend copies into columns of its own for plain SQL, in the
    /// order ``verify(_:copiedColumns:)`` takes them.
    public static let copiedColumns = ["request_id", "requested_at", "requester", "role", "status"]

    /// ``verify(_:)``, then also the columns each backend copies out of the record
    /// (``copiedColumns``, one array per entry): a copy that no longer matches its record was
    /// changed after it was written, even where the chain itself still holds.
    public static func verify(_ entries: [AuditEntry], copiedColumns copies: [[String]]) -> Verification {
        let chain = verify(entries)
        let chainBreak: Int64? = if case let .broken(sequence, _) = chain { sequence } else { nil }
        for (entry, copied) in zip(entries, copies) {
            if let chainBreak, chainBreak <= entry.sequence { break }
            // A record that no longer decodes was edited, and the chain has already said so.
            guard let record = try? entry.record() else { continue }
            let recorded = [record.requestID, timestamp(record.requestedAt), record.requester, record.role, record.status.rawValue]
            if let column = zip(copiedColumns, zip(copied, recorded)).first(where: { $0.1.0 != $0.1.1 })?.0 {
                return .broken(sequence: entry.sequence, reason: "entry \(entry.sequence) was changed after it was written (its \(column) column no longer matches its record)")
            }
        }
        return chain
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a UTC timestamp with milliseconds")
            }
            return date
        }
        return decoder
    }()

    /// An instant as the record JSON writes it: `2024-01-31T08:15:02.125Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
