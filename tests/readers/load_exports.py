"""Loads tacitus's exports with the readers analysts use (pandas, pyarrow) and prints what they
read as one JSON object, for tests/store_cli.rs to compare with the store.

Usage: python3 load_exports.py DIR   (DIR holds events.csv, events.parquet, events.jsonl,
events.plover.jsonl, events.icews.tsv, events.gdelt.tsv, mentions.gdelt.tsv, and lake/, a
Parquet lake partitioned by month)
"""

import json
import sys
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq


def frame_facts(df):
    return {"rows": len(df), "columns": len(df.columns)}


def main(folder):
    d = Path(folder)
    facts = {}

    csv = pd.read_csv(d / "events.csv", dtype={"cameo": str, "cameo_root": str})
    facts["csv"] = frame_facts(csv) | {
        "ids": int(csv["event_id"].nunique()),
        "goldstein": round(float(csv["goldstein"].sum()), 3),
        "roots": sorted(csv["cameo_root"].unique().tolist()),
    }

    table = pq.read_table(d / "events.parquet")
    facts["parquet"] = {
        "rows": table.num_rows,
        "columns": table.num_columns,
        "goldstein": round(float(table.column("goldstein").to_pandas().sum()), 3),
        "day_type": str(table.schema.field("day").type),
        "content_hash_type": str(table.schema.field("content_hash").type),
    }

    jsonl = pd.read_json(d / "events.jsonl", lines=True, dtype={"cameo": str})
    facts["jsonl"] = frame_facts(jsonl) | {"ids": int(jsonl["event_id"].nunique())}

    plover = pd.read_json(d / "events.plover.jsonl", lines=True)
    facts["plover"] = frame_facts(plover) | {"fields": sorted(plover.columns.tolist())}

    icews = pd.read_csv(d / "events.icews.tsv", sep="\t", dtype=str)
    facts["icews"] = frame_facts(icews) | {"header": icews.columns.tolist()}

    events = pd.read_csv(d / "events.gdelt.tsv", sep="\t", header=None, dtype=str)
    mentions = pd.read_csv(d / "mentions.gdelt.tsv", sep="\t", header=None, dtype=str)
    event_ids = set(events[0])
    facts["gdelt"] = frame_facts(events) | {
        "num_mentions": int(events[31].astype(int).sum()),
        "unique_ids": len(event_ids),
    }
    facts["gdelt_mentions"] = frame_facts(mentions) | {
        "ids_in_events": bool(set(mentions[0]) <= event_ids),
        "events_with_mentions": int(mentions[0].nunique()),
    }
    lake = ds.dataset(d / "lake", format="parquet", partitioning="hive").to_table().to_pandas()
    dated = lake[lake["day"].notna()]
    facts["lake"] = frame_facts(lake) | {
        "goldstein": round(float(lake["goldstein"].sum()), 3),
        "partitions_match_days": bool(
            (dated["year"] == pd.to_datetime(dated["day"]).dt.year).all()
            and (dated["month"] == pd.to_datetime(dated["day"]).dt.month).all()
        ),
    }
    print(json.dumps(facts))


if __name__ == "__main__":
    main(sys.argv[1])
