"""The command line the converters of research data from outside ../shared share (parlspeech.py,
peoples_daily.py, udhr.py): read one source, write its records as JSON Lines, say how many."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path


def convert(description: str, source_help: str, records: Callable[[Path], list[dict]], unit: str) -> None:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("source", type=Path, help=source_help)
    parser.add_argument("-o", "--output", type=Path, help="JSON Lines file to write (default: stdout)")
    args = parser.parse_args()
    rows = records(args.source)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{len(rows)} {unit}", file=sys.stderr)
