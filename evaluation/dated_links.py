"""List the default level's rewrite and story links on a Reuters half with the days between their texts,
furthest apart first, to be read by a person (how `--rewrites-within-days` was checked).

    python evaluation/dated_links.py --split tune [--rewrites-within-days 0]

Each line: relation, days apart, the two ids, their headlines and dates.  With the default window
(4 days) nothing further apart is listed; 0 lists every link the text alone would make.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dedup import Document, ScanSettings, scan_documents
from dedup.published import parse_published

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="tune", choices=["tune", "report"])
    parser.add_argument("--rewrites-within-days", type=float, default=0.0)
    args = parser.parse_args()
    path = CORPORA / "reuters21578" / "articles.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: evaluation needs ../shared/corpora beside the checkout")
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = rows[:5000] if args.split == "tune" else rows[5000:]
    docs = [Document(r["id"], r["text"], r.get("title"), published=parse_published(r.get("date"))) for r in rows]
    result = scan_documents(docs, ScanSettings(rewrites_within_days=args.rewrites_within_days or None))
    by_id = {d.id: d for d in docs}
    found = []
    for cluster in result.clusters:
        for link in cluster.links:
            if link.relation in ("rewrite", "story"):
                a, b = by_id[link.a], by_id[link.b]
                days = abs((a.published - b.published).total_seconds()) / 86400 if a.published and b.published else 0.0
                found.append((days, link.relation, a, b))
    for days, relation, a, b in sorted(found, key=lambda f: (-f[0], f[2].id, f[3].id)):
        print(f"{relation:8s} {days:6.2f}  {a.id} | {a.title} | {a.published:%Y-%m-%d %H:%M}  ~  "
              f"{b.id} | {b.title} | {b.published:%Y-%m-%d %H:%M}" if a.published and b.published else
              f"{relation:8s} {days:6.2f}  {a.id} | {a.title}  ~  {b.id} | {b.title}")
    print(f"{len(found)} links, {sum(1 for f in found if f[0] > 4)} more than 4 days apart", file=sys.stderr)


if __name__ == "__main__":
    main()
