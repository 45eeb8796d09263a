"""Portfolio exposure computed with pandas straight from the demo lake's Parquet files,
independently of Sluice and SQLite: positions on the latest as_of_date, joined to accounts,
clients and instruments, grouped by instrument sector and client segment.

  exposure_reference.py LAKE_FOLDER
      prints a JSON array of [sector, segment, position_count, market_value], sorted by
      sector then segment
"""
import json
import os
import sys

import pandas as pd

lake = sys.argv[1]


def read(table, columns):
    return pd.read_parquet(os.path.join(lake, f"{table}.parquet"), columns=columns)


positions = read("positions", ["account_id", "instrument_id", "as_of_date", "market_value"])
positions = positions[positions["as_of_date"] == positions["as_of_date"].max()]
joined = (positions
          .merge(read("accounts", ["account_id", "client_id"]), on="account_id")
          .merge(read("clients", ["client_id", "segment"]), on="client_id")
          .merge(read("instruments", ["instrument_id", "sector"]), on="instrument_id"))
grouped = joined.groupby(["sector", "segment"]).agg(position_count=("market_value", "size"), market_value=("market_value", "sum"))
rows = [[sector, segment, int(row.position_count), float(row.market_value)] for (sector, segment), row in grouped.sort_index().iterrows()]
print(json.dumps(rows, ensure_ascii=False))
