"""Writes a one-column Parquet file with pyarrow and prints the raw bytes of its data page.

Input (stdin, JSON): {"type": "int32" | "int64" | "float" | "double" | "bool" | "binary" | "fixed<N>",
                      "values": [...], "encoding": "PLAIN" | "DELTA_BINARY_PACKED" | ... | "DICTIONARY"}
Binary values are given as hex strings. Output: the data page body in hex (the column is
required and uncompressed, so the body is exactly the encoded values; for DICTIONARY it
is the bit-width byte plus the RLE-encoded indices).
"""
import io
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def varint(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def skip_value(data, i, kind):
    if kind in (1, 2):
        return kind == 1, i
    if kind == 3:
        return data[i], i + 1
    if kind in (4, 5, 6):
        raw, i = varint(data, i)
        return (raw >> 1) ^ -(raw & 1), i
    if kind == 7:
        return None, i + 8
    if kind == 8:
        length, i = varint(data, i)
        return data[i:i + length], i + length
    if kind in (9, 10):
        head = data[i]
        i += 1
        count, element = head >> 4, head & 0x0F
        if count == 15:
            count, i = varint(data, i)
        for _ in range(count):
            _, i = skip_value(data, i, 3 if element in (1, 2) else element)
        return None, i
    if kind == 12:
        return read_struct(data, i)
    raise ValueError(f"thrift type {kind}")


def read_struct(data, i):
    fields, last = {}, 0
    while True:
        head = data[i]
        i += 1
        if head == 0:
            return fields, i
        delta, kind = head >> 4, head & 0x0F
        if delta == 0:
            raw, i = varint(data, i)
            last = (raw >> 1) ^ -(raw & 1)
        else:
            last += delta
        fields[last], i = skip_value(data, i, kind)


def main():
    spec = json.load(sys.stdin)
    kind, values = spec["type"], spec["values"]
    if kind == "binary":
        arrow_type, values = pa.binary(), [bytes.fromhex(v) for v in values]
    elif kind.startswith("fixed"):
        arrow_type, values = pa.binary(int(kind[5:])), [bytes.fromhex(v) for v in values]
    else:
        arrow_type = {"int32": pa.int32(), "int64": pa.int64(), "float": pa.float32(),
                      "double": pa.float64(), "bool": pa.bool_()}[kind]
    schema = pa.schema([pa.field("c", arrow_type, nullable=False)])
    table = pa.table({"c": pa.array(values, type=arrow_type)}, schema=schema)
    options = dict(compression="NONE", data_page_version="1.0", write_statistics=False)
    if spec["encoding"] == "DICTIONARY":
        options["use_dictionary"] = True
    else:
        options.update(use_dictionary=False, column_encoding={"c": spec["encoding"]})
    sink = io.BytesIO()
    pq.write_table(table, sink, **options)
    data = sink.getvalue()
    offset = pq.ParquetFile(io.BytesIO(data)).metadata.row_group(0).column(0).data_page_offset
    header, body = read_struct(data, offset)
    print(data[body:body + header[3]].hex())


main()
