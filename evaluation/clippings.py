"""Generate a labelled corpus of clippings: many outlets' copies of a few stories, each adding a line of its own.

A media monitor's folder: each of ``--stories`` BBC articles reprinted ``--copies`` times with the
syndication generator's copy edits (new headline, site lines and bylines, cuts, word edits, OCR noise),
each copy closing with a local reaction that names people of its own ("Local councillor X Y welcomed
the news."), among ``--others`` other BBC articles. With that many copies the story's own names are
in most texts and no longer specific, so the names check has only what each copy adds to go on.
The output is JSONL (id, title, text, cluster) for ``dedup eval``; deterministic for a given seed.

    python evaluation/clippings.py ../shared/corpora/bbc-news/articles.jsonl -o clips.jsonl
    dedup eval clips.jsonl --level copy
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from pathlib import Path

from syndicate import derive  # evaluation/, beside this script


def made_up_name(rng: random.Random) -> str:
    """A name no corpus has: a capital and six letters, consonants and vowels in turn."""
    return rng.choice(string.ascii_uppercase) + "".join(
        rng.choice("aeiou" if i % 2 else "bcdfghklmnprstvz") for i in range(6))


def clippings(records: list[dict], *, stories: int, copies: int, others: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for source in records[:stories]:
        for k in range(copies):
            title, text = derive(source.get("title") or "", source["text"], rng, "copy")
            text += f"\n\nLocal councillor {made_up_name(rng)} {made_up_name(rng)} welcomed the news."
            rows.append({"id": f"{source['id']}~{k}", "title": title, "text": text, "cluster": source["id"]})
    for record in records[stories:stories + others]:
        rows.append({"id": record["id"], "title": record.get("title"), "text": record["text"],
                     "cluster": record["id"]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--stories", type=int, default=3)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--others", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    with args.source.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    # The others come from later in the file, past any story picked (the BBC file is grouped by category).
    rows = clippings(records[:args.stories] + records[500:], stories=args.stories, copies=args.copies,
                     others=args.others, seed=args.seed)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
