"""Writes Parquet files with pyarrow in every combination the reader must handle.

  pyarrow_write_matrix.py OUT_DIR      prints one file name per line

The table mixes every flat type Sluice reads, with nulls, extremes and non-ASCII
text; each file varies one writer setting (page version, dictionary, codec, page
and row-group size, encodings) so that a reader bug shows up as a named file.
"""
import datetime as dt
import decimal
import os
import sys
import uuid

import pyarrow as pa
import pyarrow.parquet as pq


def base_table(rows: int = 1000) -> pa.Table:
    words = ["alpha", "Zürich", "東京", "", "naïve café", "😀 emoji", "line\nbreak", 'quote"s']
    def nullable(values, every=7):
        return [None if i % every == 3 else v for i, v in enumerate(values)]
    i64 = [(-1) ** i * i * 7_919_000_000_003 for i in range(rows)]
    i64[0], i64[1] = -(2**63), 2**63 - 1
    i32 = [(-1) ** i * i * 2_147_483 for i in range(rows)]
    i32[0], i32[1] = -(2**31), 2**31 - 1
    f64 = [i * 0.25 - 100 for i in range(rows)]
    f64[:6] = [float("nan"), float("inf"), float("-inf"), -0.0, 5e-324, 1.7976931348623157e308]
    f32 = [i * 0.5 for i in range(rows)]
    f32[:3] = [float("nan"), float("-inf"), 3.4028234663852886e38]
    return pa.table({
        "id": pa.array(range(rows), pa.int64()),
        "i64": pa.array(i64, pa.int64()),
        "i32": pa.array(nullable(i32), pa.int32()),
        "i8": pa.array([(i % 256) - 128 for i in range(rows)], pa.int8()),
        "u16": pa.array(nullable([i * 65 % 65536 for i in range(rows)]), pa.uint16()),
        "u32": pa.array([2**32 - 1 - i for i in range(rows)], pa.uint32()),
        "u64": pa.array([2**64 - 1 - i for i in range(rows)], pa.uint64()),
        "f64": pa.array(f64, pa.float64()),
        "f32": pa.array(nullable(f32, 5), pa.float32()),
        "flag": pa.array(nullable([i % 3 == 0 for i in range(rows)], 4), pa.bool_()),
        "text": pa.array(nullable([words[i % len(words)] + str(i % 50) for i in range(rows)]), pa.string()),
        "blob": pa.array([bytes([i % 256, 0, 255]) * (i % 4) for i in range(rows)], pa.binary()),
        "fixed": pa.array([bytes([i % 256] * 5) for i in range(rows)], pa.binary(5)),
        "day": pa.array(nullable([dt.date(1970, 1, 1) + dt.timedelta(days=i * 37 - 20000) for i in range(rows)]), pa.date32()),
        "ts_ms": pa.array([1_700_000_000_000 + i * 1001 for i in range(rows)], pa.timestamp("ms", tz="UTC")),
        "ts_us": pa.array(nullable([1_700_000_000_000_000 + i * 999_999 for i in range(rows)]), pa.timestamp("us")),
        "ts_ns": pa.array([-1_000_000_000_000_000 + i * 123_456_789 for i in range(rows)], pa.timestamp("ns", tz="UTC")),
        "t_ms": pa.array([(i * 86_399_999 // rows) for i in range(rows)], pa.time32("ms")),
        "t_us": pa.array([(i * 86_399_999_999 // rows) for i in range(rows)], pa.time64("us")),
        "dec9": pa.array(nullable([decimal.Decimal(i * 10_001 - 5_000_000).scaleb(-2) for i in range(rows)]), pa.decimal128(9, 2)),
        "dec38": pa.array([decimal.Decimal((-1) ** i * (10**37 + i)).scaleb(-10) for i in range(rows)], pa.decimal128(38, 10)),
        "uid": pa.array([uuid.UUID(int=i * 2**100 + i).bytes for i in range(rows)], pa.uuid()),
        "f16": pa.array(nullable([float(i % 100) / 8 for i in range(rows)]), pa.float16()),
        "all_null": pa.array([None] * rows, pa.string()),
        "no_null": pa.array([f"v{i % 13}" for i in range(rows)], pa.string()),
    })


def variants():
    table = base_table()
    yield "default", table, {}
    yield "v1_pages", table, {"data_page_version": "1.0"}
    yield "v2_pages", table, {"data_page_version": "2.0"}
    yield "no_dictionary", table, {"use_dictionary": False}
    yield "dictionary_v2", table, {"use_dictionary": True, "data_page_version": "2.0"}
    for codec in ["NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4"]:
        yield f"codec_{codec.lower()}", table, {"compression": codec}
        yield f"codec_{codec.lower()}_v2", table, {"compression": codec, "data_page_version": "2.0"}
    yield "tiny_pages", table, {"data_page_size": 64, "write_batch_size": 10}
    yield "tiny_pages_v2", table, {"data_page_size": 64, "write_batch_size": 10, "data_page_version": "2.0"}
    yield "tiny_row_groups", table, {"row_group_size": 7}
    yield "tiny_dictionary_fallback", table, {"dictionary_pagesize_limit": 64}
    yield "checksums", table, {"write_page_checksum": True}
    yield "decimals_as_integers", table.select(["id", "dec9"]).append_column(
        "dec18", pa.array([decimal.Decimal(i * 1_000_000_007 - 10**17).scaleb(-4) for i in range(table.num_rows)], pa.decimal128(18, 4))
    ), {"store_decimal_as_integer": True}
    yield "delta_encodings", table.select(["id", "i64", "i32", "text", "blob", "no_null"]), {
        "use_dictionary": False,
        "column_encoding": {"id": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "i32": "DELTA_BINARY_PACKED",
                            "text": "DELTA_BYTE_ARRAY", "blob": "DELTA_LENGTH_BYTE_ARRAY", "no_null": "DELTA_BYTE_ARRAY"},
    }
    yield "byte_stream_split", table.select(["f64", "f32", "i32", "i64", "fixed"]), {
        "use_dictionary": False,
        "column_encoding": {"f64": "BYTE_STREAM_SPLIT", "f32": "BYTE_STREAM_SPLIT", "i32": "BYTE_STREAM_SPLIT",
                            "i64": "BYTE_STREAM_SPLIT", "fixed": "BYTE_STREAM_SPLIT"},
    }
    yield "empty", table.slice(0, 0), {}
    yield "single_row", table.slice(5, 1), {}
    yield "all_null_table", pa.table({"a": pa.array([None] * 100, pa.int64()), "b": pa.array([None] * 100, pa.string())}), {}
    yield "lists", pa.table({
        "id": pa.array(range(6), pa.int32()),
        "ints": pa.array([[1, 2], [], None, [None, 5], [6], [7, 8, 9]], pa.list_(pa.int64())),
        "strs": pa.array([["a"], ["b", None, "ç"], [], None, ["x" * 100], []], pa.list_(pa.string())),
    }), {}


def main() -> int:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, table, options in variants():
        path = os.path.join(out, f"{name}.parquet")
        pq.write_table(table, path, **options)
        print(os.path.basename(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
