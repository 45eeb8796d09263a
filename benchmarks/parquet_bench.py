"""The pyarrow side of `sluice bench parquet`.

  generate --rows N --out FILE      the benchmark table (deterministic), written by pyarrow with defaults
  read FILE --repeat K              time pq.read_table(use_threads=False)
  write FILE --out OUT --repeat K   time pq.write_table of the table read from FILE
  verify SOURCE WRITTEN             check WRITTEN (by Sluice) holds the same table as SOURCE

Each timing prints one JSON object: {"seconds": [..], "best": s, "median": s}.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def generate(rows: int, out: str) -> None:
    rng = np.random.default_rng(42)
    statuses = np.array(["NEW", "FILLED", "PARTIAL", "CANCELLED", "REJECTED", "EXPIRED"])
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    isins = np.array(
        ["".join(rng.choice(letters, 2)) + "".join(map(str, rng.integers(0, 10, 10))) for _ in range(2000)]
    )
    notes = np.array([f"client note {i}: settle via custodian" for i in range(5000)])
    start = np.datetime64("2024-01-01T00:00:00", "us").astype(np.int64)
    note_values = notes[rng.integers(0, len(notes), rows)]
    note_mask = rng.random(rows) < 0.30
    table = pa.table(
        {
            "id": pa.array(np.arange(rows, dtype=np.int64)),
            "account_id": pa.array(rng.integers(0, 50_000, rows, dtype=np.int64)),
            "status": pa.array(statuses[rng.integers(0, 6, rows)]),
            "isin": pa.array(isins[rng.integers(0, 2000, rows)]),
            "price": pa.array(rng.random(rows) * 500.0),
            "quantity": pa.array(np.round(rng.random(rows) * 10_000.0, 2)),
            "ts": pa.array(start + np.cumsum(rng.integers(0, 2_000_000, rows)), type=pa.timestamp("us")),
            "note": pa.array(note_values, mask=note_mask, type=pa.string()),
        }
    )
    pq.write_table(table, out)


def timed(action, repeat: int) -> None:
    seconds = []
    for _ in range(repeat):
        begin = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - begin)
    print(json.dumps({"seconds": seconds, "best": min(seconds), "median": statistics.median(seconds)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--rows", type=int, required=True)
    g.add_argument("--out", required=True)
    r = sub.add_parser("read")
    r.add_argument("file")
    r.add_argument("--repeat", type=int, default=5)
    w = sub.add_parser("write")
    w.add_argument("file")
    w.add_argument("--out", required=True)
    w.add_argument("--repeat", type=int, default=5)
    v = sub.add_parser("verify")
    v.add_argument("source")
    v.add_argument("written")
    args = parser.parse_args()

    if args.command == "generate":
        generate(args.rows, args.out)
    elif args.command == "read":
        timed(lambda: pq.read_table(args.file, use_threads=False), args.repeat)
    elif args.command == "write":
        table = pq.read_table(args.file)
        timed(lambda: pq.write_table(table, args.out), args.repeat)
    elif args.command == "verify":
        source = pq.read_table(args.source)
        written = pq.read_table(args.written)
        if not written.equals(source):
            for name in source.column_names:
                if not written.column(name).equals(source.column(name)):
                    print(f"column {name} differs", file=sys.stderr)
            return 1
        print(json.dumps({"rows": written.num_rows, "equal": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
