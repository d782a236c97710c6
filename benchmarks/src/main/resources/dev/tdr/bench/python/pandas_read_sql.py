"""pandas.read_sql over psycopg2: what a notebook user runs without TDR.

Usage: pandas_read_sql.py TABLE ROWS   (prints rows=N; exits 1 if the count differs)
"""
import sys
import warnings

import pandas as pd

warnings.filterwarnings("ignore", message="pandas only supports SQLAlchemy")

import common

table, expected = sys.argv[1], int(sys.argv[2])
with common.connect() as conn:
    df = pd.read_sql("select * from " + table, conn)
if len(df) != expected:
    raise SystemExit("pandas.read_sql returned %d rows, expected %d" % (len(df), expected))
print("rows=%d" % len(df))
