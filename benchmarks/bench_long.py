"""Time ``dedup scan`` on long texts, where the work per pair grows with the product of their sentences.

Builds two folders from BBC News (../shared/corpora), seeded:

- ``book``: a 6,300-sentence "book" of 400 articles and a copy with 5% of its paragraphs dropped, "said"
  changed to "stated" in 30% of them and two stretches of 500 paragraphs swapped;
- ``editions``: 12 editions of that book, each with its own 5% of paragraphs dropped and 30% of "said"s
  changed (66 pairs of near-copies, each read by the near-copy check and a dozen aligned);
- ``anthologies``: 12 anthologies of 150 articles drawn at random, so that each pair shares about ten
  articles and is aligned sentence by sentence (66 pairs of some 2,500 sentences a side).

Each folder is scanned by the code in this checkout and, with ``--before PATH`` (another checkout of
dedup, e.g. a ``git worktree`` of an older commit), by that code too, alternately; the median wall times,
their ratio and whether the JSON outputs are byte-identical are printed.  Wall-clock ratios, measured in
one session: never a timed assertion in the test suite.

    python benchmarks/bench_long.py [--rounds 3] [--before /tmp/old-checkout] [--cases book,editions]
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from as_installed import compile_dedup
from bench_scan import CORPORA, timed

CHECKOUT = Path(__file__).resolve().parent.parent


def bbc_articles() -> list[dict]:
    path = CORPORA / "bbc-news" / "articles.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: the benchmark needs ../shared/corpora beside the checkout")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def book(articles: list[dict]) -> list[str]:
    """The paragraphs of 400 articles, each headline a paragraph."""
    return [p for a in articles[:400] for p in [a["title"], *a["text"].split("\n\n")]]


def edited(paragraphs: list[str], rng: random.Random) -> list[str]:
    kept = [p for p in paragraphs if rng.random() > 0.05]
    return [p.replace(" said ", " stated ", 1) if rng.random() < 0.3 else p for p in kept]


def write_book(folder: Path, articles: list[dict]) -> None:
    paragraphs = book(articles)
    copy = edited(paragraphs, random.Random(3))
    copy = copy[:1000] + copy[1500:2000] + copy[1000:1500] + copy[2000:]
    (folder / "book.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    (folder / "copy.txt").write_text("\n\n".join(copy), encoding="utf-8")


def write_editions(folder: Path, articles: list[dict]) -> None:
    paragraphs = book(articles)
    for k in range(12):
        body = "\n\n".join(edited(paragraphs, random.Random(k)))
        (folder / f"edition{k:02d}.txt").write_text(f"Edition {k}\n\n{body}", encoding="utf-8")


def write_anthologies(folder: Path, articles: list[dict]) -> None:
    rng = random.Random(5)
    for k in range(12):
        chosen = rng.sample(articles, 150)
        body = "\n\n".join(f"{a['title']}\n\n{a['text']}" for a in chosen)
        (folder / f"anthology{k:02d}.txt").write_text(f"Anthology {k}\n\n{body}", encoding="utf-8")


CASES = {"book": write_book, "editions": write_editions, "anthologies": write_anthologies}


def output_digest(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, capture_output=True, env=env, check=True)
    return hashlib.sha256(done.stdout).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout of dedup to time alternately")
    parser.add_argument("--cases", default=",".join(CASES), help=f"of {', '.join(CASES)}")
    args = parser.parse_args()
    if not set(args.cases.split(",")) <= CASES.keys():
        parser.error(f"--cases: each of {', '.join(CASES)}")
    articles = bbc_articles()
    compile_dedup()
    if args.before:
        compileall.compile_dir(args.before / "dedup", quiet=2)  # as this checkout's, so that neither pays for it
    checkouts = {"this checkout": CHECKOUT} | ({"--before": args.before.resolve()} if args.before else {})
    envs = {label: {**os.environ, "PYTHONPATH": str(path)} for label, path in checkouts.items()}
    root = Path(tempfile.mkdtemp(prefix="dedup-long-"))
    try:
        for name in args.cases.split(","):
            write = CASES[name]
            folder = root / name
            folder.mkdir()
            write(folder, articles)
            command = [sys.executable, "-m", "dedup", "scan", str(folder), "--format", "json", "--quiet"]
            times: dict[str, list[float]] = {label: [] for label in checkouts}
            memory: dict[str, float] = {label: 0.0 for label in checkouts}
            for _ in range(args.rounds):  # alternate, so drift on the machine hits both alike
                for label, env in envs.items():
                    seconds, mib = timed(command, env)
                    times[label].append(seconds)
                    memory[label] = max(memory[label], mib)
            digests = {label: output_digest(command, env) for label, env in envs.items()}
            print(f"{name}: {len(list(folder.iterdir()))} files, {args.rounds} rounds (median wall time, peak memory)")
            for label in checkouts:
                print(f"  {label:14} {statistics.median(times[label]):7.2f} s  {memory[label]:6.0f} MiB"
                      f"  JSON {digests[label]}")
            if args.before:
                ratio = statistics.median(times["--before"]) / statistics.median(times["this checkout"])
                same = "byte-identical" if len(set(digests.values())) == 1 else "DIFFERENT"
                print(f"  this checkout is {ratio:.1f}x as fast; outputs {same}")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
