"""Time ``dedup scan`` as a whole process against the plain datasketch pipeline, same files.

Writes N real news articles (Reuters-21578, then BBC, from ../shared/corpora) as .txt
files into a temporary folder, then alternates runs of both commands and prints the
median wall time of each and their ratio.  dedup's modules are compiled to bytecode first, as an
installed copy's are (``as_installed.py``).  Wall-clock ratios, measured in one session:
never a timed assertion in the test suite.

    python benchmarks/bench_scan.py [--files 5000] [--rounds 3] [--copies 1] [--level story]

``--copies N`` writes each article N times (``reuters-1~2.txt``, ...), as a crawl or a dataset
built from several dumps holds one text many times: what profiling each distinct text once is for.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from as_installed import compile_dedup

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpora"
SOURCES = ("reuters21578/articles.jsonl", "bbc-news/articles.jsonl")


def write_corpus(folder: Path, count: int, copies: int = 1) -> int:
    """``count`` articles as .txt files, each ``copies`` times; how many files were written."""
    written = 0
    for source in SOURCES:
        path = CORPORA / source
        if not path.exists():
            sys.exit(f"{path} not found: the benchmark needs ../shared/corpora beside the checkout")
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if written == count:
                    return written * copies
                record = json.loads(line)
                text = f"{record.get('title') or ''}\n\n{record['text']}"
                for k in range(copies):
                    name = record["id"] if k == 0 else f"{record['id']}~{k + 1}"
                    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
                written += 1
    return written * copies


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB, the largest process of the run)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{command[1]} failed with exit code {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1, help="write each article this many times")
    parser.add_argument("--level", default="story", choices=["exact", "copy", "rewrite", "story"])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dedup-bench-"))
    try:
        n = write_corpus(folder, args.files, args.copies)
        compile_dedup()
        dedup = [sys.executable, "-m", "dedup", "scan", str(folder), "--format", "json", "--quiet",
                 "--level", args.level]
        baseline = [sys.executable, str(HERE / "baseline_datasketch.py"), str(folder)]
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for _ in range(args.rounds):  # alternate, so drift on the machine hits both alike
            theirs.append(timed(baseline))
            ours.append(timed(dedup))
        t_ours, t_theirs = (statistics.median(t for t, _ in runs) for runs in (ours, theirs))
        m_ours, m_theirs = (max(m for _, m in runs) for runs in (ours, theirs))
        print(f"{n} files, {args.rounds} alternating rounds (median wall time, peak memory)")
        print(f"datasketch baseline: {t_theirs:7.2f} s  {n / t_theirs:8.0f} files/s  {m_theirs:6.0f} MiB")
        print(f"dedup scan:          {t_ours:7.2f} s  {n / t_ours:8.0f} files/s  {m_ours:6.0f} MiB")
        print(f"ratio: dedup scan is {t_theirs / t_ours:.1f}x faster, using {m_ours / m_theirs:.1f}x the memory")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
