"""The values a warehouse staging table must hold for a Parquet file, read with pyarrow and
written in the storage forms of Sluice's StagedColumnType, independently of Sluice.

  staged_values.py rows FILE [--columns a,b] [--partition key=value ...]
      one JSON object per row: column -> staged value
  staged_values.py write-typed OUT.parquet
      writes a small file with the types the demo lake lacks (decimals, UUIDs, binary,
      nanosecond and naive timestamps, times, unsigned and small integers)
  staged_values.py write-overflow OUT.parquet
      writes a uint64 column holding 2**64 - 1, which SQLite cannot store

The forms (what SQLite stores, rendered as JSON; numbers are tagged and written as text,
so that no JSON parser's idea of a number gets in the way of an exact comparison):
  null -> null; booleans -> {"integer": "0"} or {"integer": "1"}; integers -> {"integer": "42"};
  floats -> {"real": repr} (NaN -> null, as SQLite has no NaN); decimals -> {"real": repr} of
  the double nearest their exact value; strings -> text;
  UUIDs -> 8-4-4-4-12 lowercase; binary -> {"base64": ...}; dates -> YYYY-MM-DD;
  timestamps -> YYYY-MM-DD HH:MM:SS.ffffff (nanoseconds floored to microseconds, no zone
  suffix); times -> HH:MM:SS plus 3, 6 or 9 fraction digits by unit (none for seconds).
Partition values given with --partition are added as text columns after the file's.
"""
import argparse
import base64
import datetime
import decimal
import json
import sys
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

EPOCH = datetime.datetime(1970, 1, 1)
PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
FRACTION_DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9}


def stored_integers(array):
    return array.view(pa.int32() if array.type.bit_width == 32 else pa.int64()).to_pylist()


def timestamp_text(value, unit):
    micros = value * 1_000_000 // PER_SECOND[unit]
    moment = EPOCH + datetime.timedelta(microseconds=micros)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond:06d}"


def time_text(value, unit):
    seconds, fraction = divmod(value, PER_SECOND[unit])
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    digits = FRACTION_DIGITS[unit]
    return text + (f".{fraction:0{digits}d}" if digits else "")


def integer(value):
    return None if value is None else {"integer": str(int(value))}


def real(value):
    return None if value is None or value != value else {"real": repr(float(value))}


def render(array):
    t = array.type
    if isinstance(t, pa.BaseExtensionType):
        if t.extension_name == "arrow.uuid":
            return [None if v is None else str(uuid.UUID(bytes=v)) for v in array.storage.to_pylist()]
        return render(array.storage)
    if pa.types.is_boolean(t) or pa.types.is_integer(t):
        return [integer(v) for v in array.to_pylist()]
    if pa.types.is_floating(t):
        return [real(v) for v in array.cast(pa.float64()).to_pylist()]
    if pa.types.is_decimal(t):
        return [real(v) for v in array.to_pylist()]
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return array.to_pylist()
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return [None if v is None else {"base64": base64.b64encode(v).decode("ascii")} for v in array.to_pylist()]
    if pa.types.is_date32(t):
        return [None if v is None else (datetime.date(1970, 1, 1) + datetime.timedelta(days=v)).isoformat()
                for v in array.cast(pa.int32()).to_pylist()]
    if pa.types.is_timestamp(t):
        return [None if v is None else timestamp_text(v, t.unit) for v in stored_integers(array)]
    if pa.types.is_time(t):
        return [None if v is None else time_text(v, t.unit) for v in stored_integers(array)]
    raise SystemExit(f"staged_values.py: no staged form for type {t}")


def print_rows(path, columns, partitions):
    table = pq.ParquetFile(path).read(columns=columns)
    rendered = {name: render(table.column(name).combine_chunks()) for name in table.column_names}
    extra = dict(partition.split("=", 1) for partition in partitions)
    for row in range(table.num_rows):
        values = {name: rendered[name][row] for name in table.column_names}
        values.update(extra)
        sys.stdout.write(json.dumps(values, ensure_ascii=False) + "\n")


def write_typed(path):
    rows = 300
    def nullable(values, every=5):
        return [None if i % every == 2 else v for i, v in enumerate(values)]
    table = pa.table({
        "id": pa.array(range(rows), pa.int64()),
        "tiny": pa.array([(i % 256) - 128 for i in range(rows)], pa.int8()),
        "unsigned": pa.array([2**63 - 1 - i for i in range(rows)], pa.uint64()),
        "u32": pa.array([2**32 - 1 - i for i in range(rows)], pa.uint32()),
        "ratio": pa.array(nullable([i / 7 for i in range(rows)]), pa.float32()),
        "flag": pa.array(nullable([i % 3 == 0 for i in range(rows)], 4), pa.bool_()),
        "price": pa.array(nullable([decimal.Decimal(i * 100_003 - 7_000_000).scaleb(-4) for i in range(rows)]), pa.decimal128(12, 4)),
        "big": pa.array([decimal.Decimal((-1) ** i * (10**30 // (i + 1) + i * 12345)).scaleb(-8) for i in range(rows)], pa.decimal128(38, 8)),
        "uid": pa.array([uuid.UUID(int=i * 2**96 + i * 77).bytes for i in range(rows)], pa.uuid()),
        "blob": pa.array(nullable([bytes([i % 256, 0, 255]) * (i % 4) for i in range(rows)]), pa.binary()),
        "fixed": pa.array([bytes([i % 256] * 4) for i in range(rows)], pa.binary(4)),
        "note": pa.array(nullable(["Lefèvre", "Zürich", "東京", "", "a\nb", "quote\"s"] * (rows // 6)), pa.string()),
        "day": pa.array(nullable([datetime.date(1901, 3, 1) + datetime.timedelta(days=i * 97) for i in range(rows)]), pa.date32()),
        "at_ns": pa.array([-2_000_000_000_123_456_789 + i * 987_654_321_123 for i in range(rows)], pa.timestamp("ns", tz="UTC")),
        "at_ms": pa.array(nullable([1_700_000_000_000 + i * 1001 for i in range(rows)]), pa.timestamp("ms", tz="UTC")),
        "at_s": pa.array([1_000_000_000 + i * 86_399 for i in range(rows)], pa.timestamp("s")),
        "local_us": pa.array([1_600_000_000_000_000 + i * 999_999 for i in range(rows)], pa.timestamp("us")),
        "clock_ms": pa.array([i * 86_399_999 // rows for i in range(rows)], pa.time32("ms")),
        "clock_ns": pa.array([i * 86_399_999_999_999 // rows for i in range(rows)], pa.time64("ns")),
    })
    pq.write_table(table, path, row_group_size=128)


def write_overflow(path):
    pq.write_table(pa.table({"counter": pa.array([1, 2**64 - 1], pa.uint64())}), path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["rows", "write-typed", "write-overflow"])
    parser.add_argument("file")
    parser.add_argument("--columns", help="comma-separated column names (default: all)")
    parser.add_argument("--partition", action="append", default=[], help="key=value added as a text column")
    args = parser.parse_args()
    if args.mode == "rows":
        print_rows(args.file, args.columns.split(",") if args.columns else None, args.partition)
    elif args.mode == "write-typed":
        write_typed(args.file)
    else:
        write_overflow(args.file)


if __name__ == "__main__":
    main()
