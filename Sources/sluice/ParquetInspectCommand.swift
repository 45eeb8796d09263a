import ArgumentParser
import Parquet

/// `sluice parquet inspect`: the footer of a Parquet file, made readable.
struct ParquetInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the schema, row groups and column statistics of a Parquet file.",
        discussion: """
        Reads only the footer (one or two small reads at the end of the file), \
        never the data pages.

        Shows the schema tree with each field's repetition, physical type, logical \
        type and legacy converted type; the writer (created_by), row count and \
        key-value metadata; and for each row group its rows and bytes and, per \
        column chunk, the codec, encodings, compressed and uncompressed sizes and \
        the footer statistics: min and max decoded through the column's logical \
        type, null count and distinct count where the writer stored them.

        Examples:
          sluice parquet inspect trades.parquet
          sluice parquet inspect trades.parquet --json | jq '.row_groups[0].columns'
        """
    )

    @Argument(help: "The Parquet file to inspect.")
    var file: String

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    /// Key-value metadata values longer than this are shortened in the text form (Arrow stores whole schemas there).
    static let metadataPreviewLength = 120

    func run() async throws {
        try await reportingErrors {
            let reader = try await ParquetFileReader.open(path: file)
            var output = StandardOutput()
            if json {
                output.line(jsonReport(reader).rendered())
            } else {
                textReport(reader, into: &output)
            }
            output.flush()
        }
    }

    // MARK: Text

    private func textReport(_ reader: ParquetFileReader, into output: inout StandardOutput) {
        let metadata = reader.metadata
        let facts = [
            ["file", file],
            ["created by", metadata.createdBy ?? "(not recorded)"],
            ["format version", String(metadata.version)],
            ["rows", String(metadata.numRows)],
            ["row groups", String(metadata.rowGroups.count)],
            ["columns", String(reader.schema.columns.count)],
        ]
        let labelWidth = facts.map { $0[0].count }.max() ?? 0
        for fact in facts {
            output.line(fact[0] + String(repeating: " ", count: labelWidth - fact[0].count + 2) + fact[1].singleLine)
        }

        if !reader.keyValueMetadata.isEmpty {
            output.line()
            output.line("key-value metadata")
            for pair in reader.keyValueMetadata {
                output.line("  \(pair.key.singleLine): " + preview(pair.value))
            }
        }

        output.line()
        output.line("schema")
        let schemaRows = schemaLines(reader.schema.root, depth: 0)
        let schemaTable = TextTable(header: ["name", "repetition", "type", "logical", "converted"], sample: schemaRows)
        output.line("  " + schemaTable.line(["name", "repetition", "type", "logical", "converted"]))
        schemaRows.forEach { output.line("  " + schemaTable.line($0)) }

        for (index, group) in metadata.rowGroups.enumerated() {
            output.line()
            let compressed = group.totalCompressedSize.map { ", \($0) bytes compressed" } ?? ""
            output.line("row group \(index): \(group.numRows) rows, \(group.totalByteSize) bytes\(compressed)")
            let header = ["column", "codec", "encodings", "compressed", "uncompressed", "nulls", "distinct", "min", "max"]
            let rows = ChunkSummary.all(in: group, schema: reader.schema).map(chunkRow)
            let table = TextTable(header: header, sample: rows)
            output.line("  " + table.line(header))
            rows.forEach { output.line("  " + table.line($0)) }
        }
    }

    private func chunkRow(_ chunk: ChunkSummary) -> [String] {
        let encodings: String = chunk.encodings.map(\.description).joined(separator: ",")
        let nulls: String = chunk.nullCount.map { String($0) } ?? "-"
        let distinct: String = chunk.distinctCount.map { String($0) } ?? "-"
        let minimum: String = chunk.min?.text.singleLine ?? "-"
        let maximum: String = chunk.max?.text.singleLine ?? "-"
        return [chunk.column.name, chunk.codec.description, encodings, String(chunk.compressedSize),
                String(chunk.uncompressedSize), nulls, distinct, minimum, maximum]
    }

    /// One row per schema element below the root, names indented by depth.
    private func schemaLines(_ node: ParquetSchema.Node, depth: Int) -> [[String]] {
        switch node {
        case let .primitive(element):
            return [schemaRow(SchemaNodeFacts(element: element, isGroup: false), depth: depth)]
        case let .group(element, children):
            let childRows = children.flatMap { schemaLines($0, depth: depth + 1) }
            return depth == 0 ? childRows : [schemaRow(SchemaNodeFacts(element: element, isGroup: true), depth: depth)] + childRows
        }
    }

    private func schemaRow(_ facts: SchemaNodeFacts, depth: Int) -> [String] {
        [
            String(repeating: "  ", count: depth - 1) + facts.element.name.singleLine, facts.repetition ?? "-",
            facts.physicalType ?? "group", facts.logicalType ?? "-", facts.convertedType ?? "-",
        ]
    }

    private func preview(_ value: String?) -> String {
        guard let value else { return "(null)" }
        let line = value.singleLine
        guard line.count > Self.metadataPreviewLength else { return line }
        return line.prefix(Self.metadataPreviewLength) + "… (\(value.utf8.count) bytes; --json shows all)"
    }

    // MARK: JSON

    private func jsonReport(_ reader: ParquetFileReader) -> JSONNode {
        let metadata = reader.metadata
        return .object([
            ("file", .string(file)),
            ("created_by", .optional(metadata.createdBy, JSONNode.string)),
            ("format_version", .integer(Int64(metadata.version))),
            ("num_rows", .integer(metadata.numRows)),
            ("key_value_metadata", .array(reader.keyValueMetadata.map { pair in
                .object([("key", .string(pair.key)), ("value", .optional(pair.value, JSONNode.string))])
            })),
            ("schema", schemaJSON(reader.schema.root, isRoot: true)),
            ("row_groups", .array(metadata.rowGroups.map { group in
                .object([
                    ("num_rows", .integer(group.numRows)),
                    ("total_byte_size", .integer(group.totalByteSize)),
                    ("total_compressed_size", .optional(group.totalCompressedSize, JSONNode.integer)),
                    ("columns", .array(ChunkSummary.all(in: group, schema: reader.schema).map(chunkJSON))),
                ])
            })),
        ])
    }

    private func schemaJSON(_ node: ParquetSchema.Node, isRoot: Bool) -> JSONNode {
        var children: [ParquetSchema.Node]?
        if case let .group(_, nodes) = node { children = nodes }
        let facts = SchemaNodeFacts(element: node.element, isGroup: children != nil)
        var members: [(String, JSONNode)] = [("name", .string(facts.element.name))]
        if !isRoot {
            members += [
                ("repetition", .optional(facts.repetition, JSONNode.string)),
                ("physical_type", .optional(facts.physicalType, JSONNode.string)),
                ("logical_type", .optional(facts.logicalType, JSONNode.string)),
                ("converted_type", .optional(facts.convertedType, JSONNode.string)),
            ]
        }
        if let children { members.append(("fields", .array(children.map { schemaJSON($0, isRoot: false) }))) }
        return .object(members)
    }

    private func chunkJSON(_ chunk: ChunkSummary) -> JSONNode {
        .object([
            ("column", .string(chunk.column.name)),
            ("codec", .string(chunk.codec.description)),
            ("encodings", .array(chunk.encodings.map { .string($0.description) })),
            ("compressed_size", .integer(chunk.compressedSize)),
            ("uncompressed_size", .integer(chunk.uncompressedSize)),
            ("statistics", .object([
                ("min", .optional(chunk.min) { .raw($0.json) }),
                ("max", .optional(chunk.max) { .raw($0.json) }),
                ("null_count", .optional(chunk.nullCount, JSONNode.integer)),
                ("distinct_count", .optional(chunk.distinctCount, JSONNode.integer)),
            ])),
        ])
    }
}
