"""The design TDR grew from, in Python (shared/seed): UNLOAD the query to S3 as CSV parts with a
manifest, read the parts in parallel with a multiprocessing.Pool running pd.read_csv on each (the
dialect given to UNLOAD and to read_csv by the same code, types from the manifest's schema), check
the row counts against the manifest, and pd.concat the parts.

Usage: seed_python.py TABLE ROWS   (prints rows=N; exits 1 if the count differs)
"""
import io
import json
import multiprocessing as mp
import os
import sys
import uuid

import pandas as pd

import common

NULL = "NULL-seed-" + uuid.uuid4().hex[:12]

# manifest schema base type -> how read_csv takes the column
INTEGERS = {"smallint": "Int16", "integer": "Int32", "bigint": "Int64"}
FLOATS = {"real": "float32", "double precision": "float64", "numeric": "float64"}
DATES = {"date", "timestamp without time zone", "timestamp with time zone"}


def _read_part(url, names, dtypes, dates, bools):
    bucket, key = url[len("s3://"):].split("/", 1)
    body = common.s3().get_object(Bucket=bucket, Key=key)["Body"].read()
    df = pd.read_csv(io.BytesIO(body), header=None, names=names, dtype=dtypes, parse_dates=dates,
                     na_values=[NULL], keep_default_na=False, quotechar='"', doublequote=True,
                     encoding="utf-8", engine="c")
    for b in bools:
        df[b] = df[b].map({"t": True, "f": False}).astype("boolean")
    return df


def main():
    table, expected = sys.argv[1], int(sys.argv[2])
    tempdir = os.environ["TDR_TEMPDIR"].rstrip("/") + "/"
    prefix = tempdir + "seed-" + uuid.uuid4().hex[:12] + "/"
    with common.connect() as conn, conn.cursor() as cur:
        cur.execute("UNLOAD ('select * from %s') TO '%s' ACCESS_KEY_ID '%s' SECRET_ACCESS_KEY '%s' "
                    "FORMAT CSV NULL AS '%s' MANIFEST VERBOSE"
                    % (table, prefix, os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], NULL))
    s3 = common.s3()
    bucket, key = prefix[len("s3://"):].split("/", 1)
    try:
        manifest = json.loads(s3.get_object(Bucket=bucket, Key=key + "manifest")["Body"].read())
        names, dtypes, dates, bools = [], {}, [], []
        for el in manifest["schema"]["elements"]:
            name, base = el["name"], el["type"]["base"]
            names.append(name)
            if base in INTEGERS:
                dtypes[name] = INTEGERS[base]
            elif base in FLOATS:
                dtypes[name] = FLOATS[base]
            elif base in DATES:
                dates.append(name)
            elif base == "boolean":
                dtypes[name] = "object"
                bools.append(name)
            else:
                dtypes[name] = "object"
        entries = manifest["entries"]
        with mp.Pool(min(len(entries), os.cpu_count() or 1) or 1) as pool:
            parts = pool.starmap(_read_part, [(e["url"], names, dtypes, dates, bools) for e in entries])
        for e, part in zip(entries, parts):
            if len(part) != e["meta"]["record_count"]:
                raise SystemExit("%s: %d rows, the manifest says %d" % (e["url"], len(part), e["meta"]["record_count"]))
        df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=names)
    finally:
        listed = s3.list_objects_v2(Bucket=bucket, Prefix=key).get("Contents", [])
        if listed:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": o["Key"]} for o in listed]})
    if len(df) != expected:
        raise SystemExit("the seed design returned %d rows, expected %d" % (len(df), expected))
    print("rows=%d" % len(df))


if __name__ == "__main__":
    main()
