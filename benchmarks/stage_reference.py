"""The reference lab's way to load a Parquet table into PostgreSQL, for `sluice bench stage`:
pandas.read_parquet -> DataFrame.to_csv (into memory) -> COPY ... FROM STDIN WITH CSV through
psycopg2's copy_expert, into a table with the DDL Sluice's staging table has.

    stage_reference.py load URL PARQUET TABLE DDL --repeat N   -> {"seconds": [...], "best": s, "median": s}
    stage_reference.py check URL TABLE                         -> the table's fingerprint as JSON

The fingerprint (row count, sums, distinct counts, extremes, an md5 over the text columns
in id order) is what the benchmark compares between Sluice's table and this one.
"""
import io
import json
import statistics
import sys
import time

import pandas as pd
import psycopg2


def load(url, parquet, table, ddl, repeat):
    seconds = []
    for _ in range(repeat):
        connection = psycopg2.connect(url)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(f"CREATE UNLOGGED TABLE {table} ({ddl})")
        connection.commit()
        begin = time.perf_counter()
        frame = pd.read_parquet(parquet)
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, header=False)
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv)", buffer)
        connection.commit()
        seconds.append(time.perf_counter() - begin)
        connection.close()
    print(json.dumps({"seconds": seconds, "best": min(seconds), "median": statistics.median(seconds)}))


def check(url, table):
    connection = psycopg2.connect(url)
    with connection.cursor() as cursor:
        cursor.execute(f"""
            SELECT count(*), sum(id), sum(account_id), count(note), count(DISTINCT isin), count(DISTINCT status),
                   round(sum(price)::numeric, 6), round(sum(quantity)::numeric, 2), min(ts), max(ts),
                   md5(string_agg(status || '|' || isin || '|' || coalesce(note, '<null>'), ',' ORDER BY id))
            FROM {table}""")
        row = cursor.fetchone()
    connection.close()
    print(json.dumps([str(value) for value in row]))


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[sys.argv.index("--repeat") + 1]))
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {sys.argv[1]}")
