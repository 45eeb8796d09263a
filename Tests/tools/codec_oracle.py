"""pyarrow as the independent codec implementation the Swift codecs are checked against.

Records on stdin and stdout are `<u64 LE length><bytes>`; a decompress record is
preceded by a `<u64 LE expected size>`.

    codec_oracle.py compress CODEC      each record -> pyarrow.compress(record)
    codec_oracle.py decompress CODEC    each (size, record) -> pyarrow.decompress(record, size)
    codec_oracle.py pages FILE          for each page of each column chunk in FILE, three
                                        records: the codec name, the page's compressed bytes,
                                        and its uncompressed bytes as pyarrow decodes them
"""
import gzip
import struct
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def read_records(data, sized):
    position = 0
    while position < len(data):
        size = None
        if sized:
            (size,) = struct.unpack_from("<Q", data, position)
            position += 8
        (length,) = struct.unpack_from("<Q", data, position)
        position += 8
        yield size, data[position:position + length]
        position += length


def record(payload):
    return struct.pack("<Q", len(payload)) + payload


class CompactReader:
    """Just enough of Thrift's compact protocol to find a page header's sizes and its end."""

    def __init__(self, data, position):
        self.data, self.position = data, position

    def byte(self):
        value = self.data[self.position]
        self.position += 1
        return value

    def varint(self):
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    def zigzag(self):
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def struct_fields(self):
        """Yields (field id, type) and expects the caller to read or skip each value."""
        last = 0
        while True:
            header = self.byte()
            if header == 0:
                return
            delta, kind = header >> 4, header & 0x0F
            last = last + delta if delta else self.zigzag()
            yield last, kind

    def skip(self, kind):
        if kind in (1, 2):  # booleans live in the type nibble
            return
        if kind == 3:
            self.position += 1
        elif kind in (4, 5, 6):
            self.varint()
        elif kind == 7:
            self.position += 8
        elif kind == 8:
            length = self.varint()
            self.position += length
        elif kind in (9, 10):
            header = self.byte()
            count = header >> 4 if header >> 4 != 15 else self.varint()
            for _ in range(count):
                self.skip(header & 0x0F)
        elif kind == 11:
            count = self.varint()
            if count:
                types = self.byte()
                for _ in range(count):
                    self.skip(types >> 4)
                    self.skip(types & 0x0F)
        elif kind == 12:
            for _, inner in self.struct_fields():
                self.skip(inner)
        else:
            raise ValueError(f"unknown compact type {kind}")


def page_header(data, position):
    reader = CompactReader(data, position)
    header, levels, compressed = {}, 0, True
    for field, kind in reader.struct_fields():
        if field in (1, 2, 3):
            header[field] = reader.zigzag()
        elif field == 8:  # data page v2: the level bytes before the values are never compressed
            for inner, inner_kind in reader.struct_fields():
                if inner in (5, 6):
                    levels += reader.zigzag()
                elif inner == 7:
                    compressed = inner_kind == 1
                else:
                    reader.skip(inner_kind)
        else:
            reader.skip(kind)
    return header[2] - levels, header[3] - levels, levels, compressed, reader.position


def decompress_lz4_hadoop_or_raw(payload, size):
    """Arrow's reading of the deprecated LZ4 codec, built on pyarrow's raw block decoder."""
    try:
        out, position = b"", 0
        while len(payload) - position >= 8:
            expanded, packed = struct.unpack_from(">II", payload, position)
            position += 8
            out += pa.decompress(payload[position:position + packed], expanded, codec="lz4_raw", asbytes=True)
            position += packed
        if position == len(payload) and len(out) == size:
            return out
    except Exception:
        pass
    return pa.decompress(payload, size, codec="lz4_raw", asbytes=True)


def pages(path):
    data = open(path, "rb").read()
    metadata = pq.ParquetFile(path).metadata
    out = []
    for g in range(metadata.num_row_groups):
        for c in range(metadata.num_columns):
            column = metadata.row_group(g).column(c)
            start = column.dictionary_page_offset or column.data_page_offset
            end = start + column.total_compressed_size
            position = start
            while position < end:
                expanded, packed, levels, compressed, body = page_header(data, position)
                position = body + levels + packed
                if not compressed:
                    continue
                payload = data[body + levels:body + levels + packed]
                codec = column.compression
                if codec == "GZIP":
                    plain = gzip.decompress(payload)
                elif codec == "LZ4":
                    plain = pa.decompress(payload, expanded, codec="lz4_raw", asbytes=True)
                else:  # pyarrow names the deprecated Hadoop LZ4 codec UNKNOWN
                    codec = "LZ4_HADOOP"
                    plain = decompress_lz4_hadoop_or_raw(payload, expanded)
                assert len(plain) == expanded
                out += [record(codec.encode()), record(payload), record(plain)]
    return b"".join(out)


def main():
    command, argument = sys.argv[1], sys.argv[2]
    if command == "pages":
        sys.stdout.buffer.write(pages(argument))
        return
    data = sys.stdin.buffer.read()
    results = []
    for size, payload in read_records(data, sized=command == "decompress"):
        if command == "compress":
            results.append(pa.compress(payload, codec=argument, asbytes=True))
        else:
            results.append(pa.decompress(payload, size, codec=argument, asbytes=True))
    sys.stdout.buffer.write(b"".join(record(r) for r in results))


if __name__ == "__main__":
    main()
