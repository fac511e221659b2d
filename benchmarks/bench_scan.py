"""Time ``dedup scan`` as a whole process against the plain datasketch pipeline, same files.

Writes N real news articles (Reuters-21578, then BBC, from ../shared/corpora) as .txt
files into a temporary folder, then alternates runs of both commands and prints the
median wall time of each and their ratio.  Wall-clock ratios, measured in one session:
never a timed assertion in the test suite.

    python benchmarks/bench_scan.py [--files 5000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpora"
SOURCES = ("reuters21578/articles.jsonl", "bbc-news/articles.jsonl")


def write_corpus(folder: Path, count: int) -> int:
    written = 0
    for source in SOURCES:
        path = CORPORA / source
        if not path.exists():
            sys.exit(f"{path} not found: the benchmark needs ../shared/corpora beside the checkout")
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if written == count:
                    return written
                record = json.loads(line)
                text = f"{record.get('title') or ''}\n\n{record['text']}"
                (folder / f"{record['id']}.txt").write_text(text, encoding="utf-8")
                written += 1
    return written


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dedup-bench-"))
    try:
        n = write_corpus(folder, args.files)
        dedup = [sys.executable, "-m", "dedup", "scan", str(folder), "--format", "json", "--quiet"]
        baseline = [sys.executable, str(HERE / "baseline_datasketch.py"), str(folder)]
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.rounds):  # alternate, so drift on the machine hits both alike
            theirs.append(timed(baseline))
            ours.append(timed(dedup))
        t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)
        print(f"{n} files, {args.rounds} alternating rounds (median wall time)")
        print(f"datasketch baseline: {t_theirs:7.2f} s  {n / t_theirs:8.0f} files/s")
        print(f"dedup scan:          {t_ours:7.2f} s  {n / t_ours:8.0f} files/s")
        print(f"ratio: dedup scan is {t_theirs / t_ours:.1f}x faster")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
