#!/usr/bin/env python3
"""Print a Parquet file's rows as JSON lines, as pyarrow reads them.

This is the independent reference for Sluice's reader: the conformance tests
run it on the same file and compare the parsed JSON with Sluice's
`ParquetValue` rendering, value by value. The rendering rules are the ones of
`sluice parquet cat --json` (see README.md, "JSON rendering"):

  null -> null; booleans and integers plain; floats as the nearest double
  (float32 widened), NaN/Infinity/-Infinity as strings; strings as strings
  (invalid UTF-8 replaced); other binary as Base64; dates YYYY-MM-DD; times
  HH:MM:SS.fff[fff[fff]] by unit; timestamps YYYY-MM-DDTHH:MM:SS.fff[...] by
  unit plus Z when the type has a time zone; decimals as strings with exactly
  `scale` fractional digits; UUIDs 8-4-4-4-12 lowercase; lists as arrays.

INT96 is a nanosecond timestamp without Z. pyarrow reads it as timestamp[ns],
which wraps around for dates outside 1677..2262 (int96_from_spark.parquet has
some); such columns are read a second time in milliseconds, which never
overflows, and the exact nanosecond value is recovered from the two.

Usage:
  pyarrow_rows.py FILE [--columns a,b]   one JSON object per row
  pyarrow_rows.py FILE --statistics      one JSON object per column chunk with
                                         footer min/max: {"row_group", "column", "min", "max"}
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

UNITS_PER_SECOND = {"ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
FRACTION_DIGITS = {"ms": 3, "us": 6, "ns": 9}
EPOCH = datetime.date(1970, 1, 1)


def civil_from_days(days):
    """Proleptic Gregorian (year, month, day) for days since 1970-01-01, any range."""
    try:
        date = EPOCH + datetime.timedelta(days=days)
        return date.year, date.month, date.day
    except OverflowError:
        pass
    # Howard Hinnant's civil_from_days, for years outside Python's 1..9999.
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if month <= 2 else 0), month, day


def format_date(days):
    year, month, day = civil_from_days(days)
    year_text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    return f"{year_text}-{month:02d}-{day:02d}"


def format_time(value, unit):
    per_second = UNITS_PER_SECOND[unit]
    magnitude = abs(value)
    seconds, fraction = divmod(magnitude, per_second)
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{fraction:0{FRACTION_DIGITS[unit]}d}"
    return "-" + text if value < 0 else text


def format_timestamp(value, unit, utc):
    days, within = divmod(value, UNITS_PER_SECOND[unit] * 86_400)
    return f"{format_date(days)}T{format_time(within, unit)}" + ("Z" if utc else "")


def format_float(value):
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def integers(array):
    """The stored integers of a temporal array (a cast from time32 is not allowed; a view is)."""
    return array.view(pa.int32() if array.type.bit_width == 32 else pa.int64()).to_pylist()


def render(array):
    """JSON-ready Python values for every slot of a pyarrow Array."""
    t = array.type
    if isinstance(t, pa.BaseExtensionType):
        if t.extension_name == "arrow.uuid":
            return [None if v is None else str(uuid.UUID(bytes=v)) for v in array.storage.to_pylist()]
        return render(array.storage)
    if pa.types.is_null(t):
        return [None] * len(array)
    if pa.types.is_boolean(t) or pa.types.is_integer(t):
        return array.to_pylist()
    if pa.types.is_floating(t):
        return [None if v is None else format_float(v) for v in array.cast(pa.float64()).to_pylist()]
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        raw = array.cast(pa.binary() if pa.types.is_string(t) else pa.large_binary()).to_pylist()
        return [None if v is None else v.decode("utf-8", errors="replace") for v in raw]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return [None if v is None else base64.b64encode(v).decode("ascii") for v in array.to_pylist()]
    if pa.types.is_date32(t):
        return [None if v is None else format_date(v) for v in array.cast(pa.int32()).to_pylist()]
    if pa.types.is_time(t):
        return [None if v is None else format_time(v, t.unit) for v in integers(array)]
    if pa.types.is_timestamp(t):
        return [None if v is None else format_timestamp(v, t.unit, t.tz is not None) for v in integers(array)]
    if pa.types.is_decimal(t):
        return [None if v is None else f"{v:f}" for v in array.to_pylist()]
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        elements = render(array.values)
        offsets = array.offsets.to_pylist()
        valid = array.is_valid().to_pylist()
        return [elements[offsets[i]:offsets[i + 1]] if valid[i] else None for i in range(len(array))]
    raise SystemExit(f"pyarrow_rows.py: no JSON rendering for type {t}")


def int96_exact(wrapped_ns, millis):
    """The true nanosecond value of an INT96 whose int64 nanoseconds wrapped around."""
    rendered = []
    for wrapped, ms in zip(wrapped_ns, millis):
        if wrapped is None:
            rendered.append(None)
            continue
        turns = round((ms * 1_000_000 - wrapped) / 2**64)
        rendered.append(format_timestamp(wrapped + turns * 2**64, "ns", False))
    return rendered


def print_rows(path, columns):
    parquet = pq.ParquetFile(path)
    table = parquet.read(columns=columns)
    int96_names = {parquet.schema.column(i).path.split(".")[0]
                   for i in range(len(parquet.schema)) if parquet.schema.column(i).physical_type == "INT96"}
    rendered = {}
    for name in table.column_names:
        array = table.column(name).combine_chunks()
        if name in int96_names and pa.types.is_timestamp(array.type):
            millis = pq.ParquetFile(path, coerce_int96_timestamp_unit="ms").read(columns=[name]).column(0)
            rendered[name] = int96_exact(integers(array), integers(millis.combine_chunks()))
        else:
            rendered[name] = render(array)
    out = sys.stdout
    for row in range(table.num_rows):
        out.write(json.dumps({name: rendered[name][row] for name in table.column_names}, ensure_ascii=False) + "\n")


def print_statistics(path):
    parquet = pq.ParquetFile(path)
    arrow_schema = parquet.schema_arrow
    for group in range(parquet.metadata.num_row_groups):
        row_group = parquet.metadata.row_group(group)
        for index in range(row_group.num_columns):
            chunk = row_group.column(index)
            stats = chunk.statistics
            if stats is None or not stats.has_min_max or "." in chunk.path_in_schema:
                continue
            arrow_type = arrow_schema.field(chunk.path_in_schema).type
            if chunk.physical_type == "INT96":
                continue
            try:
                values = render(pa.array([stats.min, stats.max], type=arrow_type))
            except (pa.ArrowException, TypeError, ValueError):
                # pyarrow cannot turn some statistics (FLOAT16's) back into an array;
                # the tests compare only what the reference can show.
                continue
            print(json.dumps({"row_group": group, "column": chunk.path_in_schema, "min": values[0], "max": values[1]},
                             ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--columns", help="comma-separated top-level column names (default: all)")
    parser.add_argument("--statistics", action="store_true", help="print footer min/max instead of rows")
    args = parser.parse_args()
    if args.statistics:
        print_statistics(args.file)
    else:
        print_rows(args.file, args.columns.split(",") if args.columns else None)


if __name__ == "__main__":
    main()
