"""Writes lake files for the profiler tests and prints what pandas says about them.

usage: profile_reference.py lake DIR   -> small lake (Parquet with row groups, CSV, parts, hive folders)
       profile_reference.py large DIR  -> one Parquet file with over a million distinct values per column

Prints one JSON object: for each dataset (keyed by its lake path) the row count and,
per column, null count, distinct count, min/max, the most frequent values, the first
five distinct values and the mean string length in characters, all computed by pandas
over plain Python values, independently of the Swift code under test. Values are
rendered the way the catalog renders them (dates YYYY-MM-DD, timestamps with six
fraction digits and Z, booleans true/false, decimals exact).
"""
import datetime as dt
import decimal
import json
import os
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv  # noqa: F401  (registers the module for pa.csv)
import pyarrow.dataset as ds
import pyarrow.parquet as pq

TOP = 10
FIRST = 5


def render(value, kind):
    if kind == "bool":
        return "true" if value else "false"
    if kind == "float32":
        return str(np.float32(value))
    if kind == "float":
        return repr(float(value))
    if kind == "date":
        return value.isoformat()
    if kind == "timestamp":
        return value.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % value.microsecond
    return str(value)


def describe(values, kind):
    """Statistics of one column given as a list of Python values (None = null)."""
    series = pd.Series(values, dtype=object)
    present = series.dropna()
    counts = present.value_counts()
    top = []
    top_counts = sorted(counts.tolist(), reverse=True)[:TOP]
    if len(counts) > 0:
        # Every value tied with the TOP-th count, so the caller can check its own tie order.
        top = [[render(v, kind), int(c)] for v, c in counts.items() if c >= top_counts[-1]]
        if len(top) > 500:
            top = None  # e.g. a unique column: top_counts says enough
    result = {
        "kind": kind,
        "nulls": int(series.isna().sum()),
        "nunique": int(present.nunique()),
        "min": render(present.min(), kind) if len(present) else None,
        "max": render(present.max(), kind) if len(present) else None,
        "top": top,
        "top_counts": [int(c) for c in top_counts],
        "first": [render(v, kind) for v in pd.unique(present)[:FIRST]],
        # Every distinct value, for key-sketch checks, when there are few enough.
        "values": sorted(render(v, kind) for v in pd.unique(present)) if present.nunique() <= 2000 else None,
        "mean_len": float(present.map(len).mean()) if kind == "str" and len(present) else None,
    }
    return result


def kind_of(arrow_type):
    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_float32(arrow_type):
        return "float32"
    if pa.types.is_floating(arrow_type):
        return "float"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_timestamp(arrow_type):
        return "timestamp"
    if pa.types.is_string(arrow_type) or pa.types.is_dictionary(arrow_type):
        return "str"
    return "other"  # integers and decimals: str() is already the catalog's form


def describe_table(table):
    return {
        "rows": table.num_rows,
        "columns": {name: describe(table.column(name).to_pylist(), kind_of(table.schema.field(name).type))
                    for name in table.column_names},
    }


def mixed_table(rows, seed):
    rng = np.random.default_rng(seed)
    names = ["Lefèvre", "Müller", "Øster", "日本語テキスト", "emoji 😀", "Ng", "", "O'Brien", "Zoë", "Al Rashid",
             "Whitfield", "Volkov", "Oliveira", "Ça va", "naïve café"] + ["client %02d" % i for i in range(25)]
    weights = np.array([1.0 / (i + 1) for i in range(len(names))])
    categories = ["equity", "bond", "etf", "fx", "cash", "structured_product"]
    start = dt.date(2020, 1, 1)
    epoch = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)

    def nulls(fraction):
        return rng.random(rows) < fraction

    ids = (rng.permutation(rows).astype(np.int64) * 37 + 11).tolist()
    qty_null = nulls(0.1)
    qty = [None if qty_null[i] else int(v) for i, v in enumerate(rng.integers(0, 50, rows))]
    price_null = nulls(0.05)
    price = [None if price_null[i] else round(float(v), 2) for i, v in enumerate(rng.random(rows) * 1000 - 100)]
    name_null = nulls(0.08)
    picks = rng.choice(len(names), rows, p=weights / weights.sum())
    name = [None if name_null[i] else names[p] for i, p in enumerate(picks)]
    category = [categories[p] for p in rng.choice(len(categories), rows, p=[0.4, 0.25, 0.15, 0.1, 0.06, 0.04])]
    day_null = nulls(0.1)
    day = [None if day_null[i] else start + dt.timedelta(days=int(v)) for i, v in enumerate(rng.integers(0, 2000, rows))]
    ts_null = nulls(0.05)
    ts = [None if ts_null[i] else epoch + dt.timedelta(microseconds=int(v))
          for i, v in enumerate(rng.integers(-10**13, 10**13, rows))]
    flag_null = nulls(0.2)
    flag = [None if flag_null[i] else bool(v) for i, v in enumerate(rng.integers(0, 2, rows))]
    small = [int(v) for v in rng.integers(-100, 101, rows)]
    amount = [decimal.Decimal(int(v)).scaleb(-2) for v in rng.integers(-10**7, 10**7, rows)]
    big = [int(v) for v in rng.integers(0, 2**64 - 1, rows, dtype=np.uint64)]
    ratio = [float(np.float32(v)) for v in (rng.integers(0, 1000, rows) / 10.0)]
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "qty": pa.array(qty, pa.int32()),
        "price": pa.array(price, pa.float64()),
        "name": pa.array(name, pa.string()),
        "category": pa.array(category, pa.string()),
        "day": pa.array(day, pa.date32()),
        "ts": pa.array(ts, pa.timestamp("us", tz="UTC")),
        "flag": pa.array(flag, pa.bool_()),
        "small": pa.array(small, pa.int8()),
        "amount": pa.array(amount, pa.decimal128(10, 2)),
        "big": pa.array(big, pa.uint64()),
        "ratio": pa.array(ratio, pa.float32()),
    })


def write_csv(path, rows, seed):
    rng = np.random.default_rng(seed)
    names = ["Lefèvre", "Müller", "Søren", "Ana", "Bo", "日本"]
    lines = ["id,name,amount,joined,active"]
    for i in range(rows):
        name = "" if rng.random() < 0.1 else names[int(rng.integers(0, len(names)))]
        amount = "" if rng.random() < 0.1 else repr(round(float(rng.random() * 500), 3))
        joined = (dt.date(2019, 1, 1) + dt.timedelta(days=int(rng.integers(0, 1500)))).isoformat()
        active = "true" if rng.random() < 0.7 else "false"
        lines.append(f"{i + 1},{name},{amount},{joined},{active}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"name": str, "joined": str})
    # "joined" holds dates: the profiler reads them as dates, so no string length is expected.
    kinds = {"id": "other", "name": "str", "amount": "float", "joined": "date_text", "active": "bool"}
    columns = {}
    for column, kind in kinds.items():
        values = [None if pd.isna(v) else v for v in frame[column].astype(object)]
        if column == "id":
            values = [int(v) for v in values]
        columns[column] = describe(values, kind)
    return {"rows": len(frame), "columns": columns}


def write_lake(root):
    report = {}
    mixed = mixed_table(20_000, seed=7)
    pq.write_table(mixed, os.path.join(root, "mixed.parquet"), row_group_size=4_000)
    report["mixed.parquet"] = describe_table(mixed) | {"row_groups": 5}

    nostats = mixed_table(3_000, seed=8)
    pq.write_table(nostats, os.path.join(root, "nostats.parquet"), row_group_size=1_000, write_statistics=False)
    report["nostats.parquet"] = describe_table(nostats)

    report["people.csv"] = write_csv(os.path.join(root, "people.csv"), 1_500, seed=9)

    os.makedirs(os.path.join(root, "trades"))
    parts = [mixed_table(1_200, seed=10 + i) for i in range(3)]
    for i, part in enumerate(parts):
        pq.write_table(part, os.path.join(root, "trades", "part-%05d.parquet" % i), row_group_size=500)
    report["trades/"] = describe_table(pa.concat_tables(parts))

    os.makedirs(os.path.join(root, "broken"))
    pq.write_table(mixed_table(50, seed=20), os.path.join(root, "broken", "part-0.parquet"))
    pq.write_table(mixed_table(50, seed=21).set_column(1, "qty", pa.array([1.5] * 50)),
                   os.path.join(root, "broken", "part-1.parquet"))

    sales_root = os.path.join(root, "sales")
    for region, year, seed in [("EU", 2023, 30), ("EU", 2024, 31), ("US", 2024, 32), ("APAC", 2024, 33)]:
        folder = os.path.join(sales_root, f"region={region}", f"year={year}")
        os.makedirs(folder)
        table = mixed_table(400 + 100 * (seed - 30), seed=seed).select(["id", "price", "category"])
        pq.write_table(table, os.path.join(folder, "part-0.parquet"))
    sales = ds.dataset(sales_root, format="parquet", partitioning="hive").to_table()
    sales = sales.set_column(sales.schema.get_field_index("year"), "year", pa.compute.cast(sales.column("year"), pa.string()))
    report["sales/"] = describe_table(sales)
    return report


def write_large(root):
    rows = 1_200_000
    rng = np.random.default_rng(11)
    keys = rng.permutation(rows).astype(np.int64) * 2_654_435_761 % (2**61)
    texts = ["user-%x" % v for v in keys.tolist()]
    table = pa.table({"key": pa.array(keys), "text": pa.array(texts, pa.string())})
    pq.write_table(table, os.path.join(root, "large.parquet"), row_group_size=200_000)
    return {"large.parquet": {"rows": rows, "columns": {
        "key": {"nunique": int(pd.Series(keys).nunique())},
        "text": {"nunique": int(pd.Series(texts).nunique())},
    }}}


def main():
    mode, root = sys.argv[1], sys.argv[2]
    report = write_lake(root) if mode == "lake" else write_large(root)
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
