#!/usr/bin/env python3
"""hnswlib on the vectors `sluice bench search` generates, for the side-by-side table.

    hnsw_bench.py --vectors FILE --queries FILE --truth FILE --dimension D
                  [--m 16] [--ef-construction 128] [--ef 16,32,64,128,256] [--k 10]

FILE formats (written by the Swift side): vectors and queries are raw little-endian
float32, row-major, D values per row; truth is raw little-endian int32, k row indices
per query (exact top-k by cosine, computed by Sluice's ExactVectorIndex).

Prints JSON: hnswlib version, build seconds, and per ef the p50/p95 query latency in
milliseconds and recall@k. Everything runs on one thread (set_num_threads(1)) and
queries are issued one at a time, as a catalog search does, so per-query latency is
comparable with the Swift side.

Runs itself inside .cache/bench-venv-hnsw (created on first use with the pinned
requirements below; hnswlib is built from source there, which needs a C++ compiler).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".cache" / "bench-venv-hnsw"
REQUIREMENTS = ["numpy==2.4.6", "hnswlib==0.8.0"]


def ensure_venv():
    """Re-executes this script inside the benchmark's own venv, creating it if needed."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    marker = VENV / ".requirements"
    wanted = "\n".join(REQUIREMENTS)
    if not python.exists() or not marker.exists() or marker.read_text() != wanted:
        print(f"hnsw_bench: creating {VENV} with {' '.join(REQUIREMENTS)}", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        # numpy first: hnswlib's source build imports it.
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", REQUIREMENTS[0]], check=True, stdout=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS[1:]], check=True, stdout=sys.stderr)
        marker.write_text(wanted)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def percentile(sorted_values, fraction):
    """The value at index round(p·(n−1)) of the sorted samples, the same rule the Swift side uses."""
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * (len(sorted_values) - 1)))))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--truth", required=True)
    parser.add_argument("--dimension", type=int, required=True)
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=128)
    parser.add_argument("--ef", default="16,32,64,128,256")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--seed", type=int, default=100)
    args = parser.parse_args()

    import hnswlib
    import numpy as np

    d = args.dimension
    data = np.fromfile(args.vectors, dtype="<f4").reshape(-1, d)
    queries = np.fromfile(args.queries, dtype="<f4").reshape(-1, d)
    truth = np.fromfile(args.truth, dtype="<i4").reshape(len(queries), args.k)

    index = hnswlib.Index(space="cosine", dim=d)
    index.set_num_threads(1)
    start = time.perf_counter()
    index.init_index(max_elements=len(data), M=args.m, ef_construction=args.ef_construction, random_seed=args.seed)
    index.add_items(data, np.arange(len(data)), num_threads=1)
    build_seconds = time.perf_counter() - start

    results = []
    for ef in (int(value) for value in args.ef.split(",")):
        index.set_ef(max(ef, args.k))
        latencies = []
        hits = 0
        for row, query in enumerate(queries):
            one = query.reshape(1, d)
            begin = time.perf_counter()
            labels, _ = index.knn_query(one, k=args.k, num_threads=1)
            latencies.append((time.perf_counter() - begin) * 1000)
            hits += len(set(labels[0].tolist()) & set(truth[row].tolist()))
        latencies.sort()
        results.append({"ef": ef, "p50Milliseconds": percentile(latencies, 0.5),
                        "p95Milliseconds": percentile(latencies, 0.95),
                        "recall": hits / (len(queries) * args.k)})

    version = getattr(hnswlib, "__version__", REQUIREMENTS[1].split("==")[1])
    print(json.dumps({"version": str(version), "buildSeconds": build_seconds, "results": results}))


if __name__ == "__main__":
    ensure_venv()
    if len(sys.argv) > 1 and sys.argv[1] == "--setup-only":
        sys.exit(0)
    main()
