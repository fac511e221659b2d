"""Many outlets' copies of a few wire stories: copy families against aligning every candidate pair.

Writes STORIES real BBC News articles, each reprinted by COPIES outlets with the syndication
generator's copy edits (evaluation/syndicate.py: new headline, site lines above and below,
truncation, dropped or moved paragraphs, word edits, OCR-like noise), plus 2,000 other BBC
articles, as one JSON Lines file.  Then it alternates whole-process runs of the scan with copy
families (the default: near-identical copies are verified against their family's leader, see
dedup/families.py) and without (every candidate pair that passes the cheap screen is aligned),
prints the median wall time and peak memory of each and their ratio, and checks that both give
the same clusters.  Wall-clock ratios measured in one session: never a timed assertion in the tests.

    python benchmarks/bench_wire.py [--copies 300] [--stories 5] [--rounds 3] [--pages]
    python benchmarks/bench_wire.py --copies 3000 --stories 1 --write wire.jsonl   # the corpus only

It also prints how many of each story's copies its largest cluster holds.  ``--write`` writes the
corpus and stops, to time one scan by hand where aligning every pair would take too long (3,000 copies
of one story: 480,000 pairs pass the screen).

With ``--pages`` every text is a page of one site (bench_pages.served_page), so every candidate
pair is read without the chrome both pages carry.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "evaluation"))
from as_installed import compile_dedup  # noqa: E402
from bench_pages import served_page  # noqa: E402
from bench_scan import timed  # noqa: E402
from syndicate import derive  # noqa: E402

BBC = HERE.parent.parent / "shared" / "corpora" / "bbc-news" / "articles.jsonl"
BACKGROUND = 2000


def write_wire(path: Path, stories: int, copies: int, seed: int = 7, pages: bool = False) -> int:
    """The corpus as JSON Lines; with ``pages``, every text is a page of one site (bench_pages.served_page:
    menu, byline, most-read list, footer), as a crawl or a web archive's snapshots of one site hold them."""
    if not BBC.exists():
        sys.exit(f"{BBC} not found: the benchmark needs ../shared/corpora beside the checkout")
    with BBC.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rng = random.Random(seed)
    most_read = [r["title"] for r in rows[-30:]]
    written = 0

    def record(key: str, title: str, text: str) -> str:
        if pages:
            return json.dumps({"id": key, "text": served_page(written, title, text, most_read)}) + "\n"
        return json.dumps({"id": key, "title": title, "text": text}) + "\n"

    with path.open("w", encoding="utf-8") as out:
        for source in rows[:stories]:
            for n in range(copies):
                title, text = derive(source.get("title") or "", source["text"], rng, "copy")
                out.write(record(f"{source['id']}~{n}", title, text))
                written += 1
        for row in rows[stories : stories + BACKGROUND]:
            out.write(record(row["id"], row.get("title") or "", row["text"]))
            written += 1
    return written


def run_once(corpus: Path, families: bool, clusters_out: Path) -> None:
    """One scan as a user's process would run it; the clusters are kept for the comparison."""
    from dedup.jsonout import dumps, result_dict
    from dedup.pipeline import scan
    from dedup.settings import ScanSettings

    settings = ScanSettings() if families else ScanSettings(family_members=sys.maxsize)
    with corpus.open("rb") as stdin:
        result = scan(["-"], settings, stdin=stdin)
    data = result_dict(result)
    clusters_out.write_text(dumps(data["clusters"]), encoding="utf-8")
    print(json.dumps(result.stats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=300)
    parser.add_argument("--stories", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", action="store_true", help="every text a page of one site (shared chrome)")
    parser.add_argument("--write", metavar="PATH", help="write the corpus to PATH (JSON Lines) and stop")
    parser.add_argument("--run", nargs=3, metavar=("CORPUS", "ON_OFF", "CLUSTERS_OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        corpus, on_off, out = args.run
        run_once(Path(corpus), on_off == "on", Path(out))
        return
    if args.write:
        count = write_wire(Path(args.write), args.stories, args.copies, pages=args.pages)
        print(f"{count} texts written to {args.write}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "wire.jsonl"
        count = write_wire(corpus, args.stories, args.copies, pages=args.pages)
        print(f"{count} texts: {args.stories} stories x {args.copies} copies + {BACKGROUND} other articles"
              + (", all pages of one site" if args.pages else ""))
        runs: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
        compile_dedup()
        for _ in range(args.rounds):
            for mode in ("off", "on"):
                command = [sys.executable, __file__, "--run", str(corpus), mode, str(Path(tmp) / f"{mode}.json")]
                runs[mode].append(timed(command))
        same = (Path(tmp) / "on.json").read_text() == (Path(tmp) / "off.json").read_text()
        clusters = json.loads((Path(tmp) / "on.json").read_text(encoding="utf-8"))
    for story in sorted({d["id"].split("~")[0] for c in clusters for d in c["documents"] if "~" in d["id"]}):
        largest = max(sum(d["id"].startswith(f"{story}~") for d in c["documents"]) for c in clusters)
        print(f"{story}: {largest} of its {args.copies} copies in its largest cluster")
    for mode, label in (("off", "every screened pair aligned"), ("on", "copy families (default)")):
        seconds = statistics.median(s for s, _ in runs[mode])
        memory = max(m for _, m in runs[mode])
        print(f"{label:30s} median {seconds:7.2f} s   peak {memory:7.0f} MiB")
    off = statistics.median(s for s, _ in runs["off"])
    on = statistics.median(s for s, _ in runs["on"])
    print(f"ratio: {off / on:.1f}x faster, {max(m for _, m in runs['off']) / max(m for _, m in runs['on']):.1f}x "
          f"less memory; same clusters: {same}")


if __name__ == "__main__":
    main()
