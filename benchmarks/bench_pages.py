"""Time reading saved web pages against Python's own html.parser, in one process.

Writes N real news articles (Reuters-21578, then BBC, from ../shared/corpora) as web
pages the way sites serve them (a menu of links, scripts, the story, a sidebar of
promotions, a footer) and, beside them, as .txt files.  Then, alternating rounds:

* parsing: ``dedup.webpage.page_text`` on each page against the straightforward stdlib
  reader (an ``html.parser.HTMLParser`` that keeps the text outside scripts and styles);
* reading: ``read_inputs`` (decode and parse) on the folder of pages, and on the same
  pages as one JSON Lines file (as a crawl stores them), in 1 and N processes, against
  the folder of .txt files, which is what reading a page costs over reading its text.

Prints the median of each and the ratios.  Wall-clock ratios in one session, never a
timed assertion in the test suite.

    python benchmarks/bench_pages.py [--files 2000] [--rounds 5]
    python benchmarks/bench_pages.py --files 5000 --write DIR   # DIR/pages, DIR/texts, to time whole scans
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "evaluation"))

from benchmarks.bench_scan import CORPORA, SOURCES  # noqa: E402
from dedup.read import ReadOptions, read_inputs  # noqa: E402
from dedup.settings import ScanSettings  # noqa: E402
from dedup.webpage import page_text  # noqa: E402
from syndicate import wire_paragraphs  # noqa: E402


class _StdlibText(HTMLParser):
    """The baseline: every text node outside <script> and <style>, as a first script would do it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def stdlib_text(markup: str) -> str:
    parser = _StdlibText()
    parser.feed(markup)
    parser.close()
    return " ".join(parser.parts)


def served_page(number: int, title: str, text: str, most_read: list[str]) -> str:
    """An article as a news site serves it: about 17 KB of markup around a few KB of story, and on
    every page the same list of the site's most-read headlines."""
    menu = "".join(f'<li class="menu-item"><a href="/section/{k}" data-track="nav-{k}">Section {k}</a></li>'
                   for k in range(80))
    story = "".join(f'<p class="story-body__text">{html.escape(p)}</p>\n' for p in wire_paragraphs(text))
    promos = "".join(f'<div class="promo"><a href="/story/{k}"><img src="/img/{k}.jpg" alt=""><span>'
                     f"{html.escape(headline)}</span></a></div>" for k, headline in enumerate(most_read))
    script = "<script>" + "window.dataLayer.push({event: 'view', id: %d});" % number * 60 + "</script>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)} | Site</title>"
            f"{script}<style>.promo{{display:inline-block}}</style></head><body><header><nav><ul>{menu}</ul>"
            f"</nav></header><main><article><h1>{html.escape(title)}</h1><div class='byline'>By staff<br>"
            f"Updated today</div>{story}</article><aside><h2>Most read</h2>{promos}</aside></main><footer><p>"
            f"Share this article</p><p>&copy; Site</p></footer>{script}</body></html>\n")


def write_pages(pages: Path, texts: Path, count: int) -> list[str]:
    """``count`` articles as pages and as text; the site's most-read list is 30 headlines of BBC News."""
    records: list[dict] = []
    for source in SOURCES:
        path = CORPORA / source
        if not path.exists():
            sys.exit(f"{path} not found: the benchmark needs ../shared/corpora beside the checkout")
        with path.open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle)
    most_read = [r["title"] for r in records[-30:]]
    written: list[str] = []
    for record in records[:count]:
        title = record.get("title") or ""
        page = served_page(len(written), title, record["text"], most_read)
        (pages / f"{record['id']}.html").write_text(page, encoding="utf-8")
        (texts / f"{record['id']}.txt").write_text(f"{title}\n\n{record['text']}", encoding="utf-8")
        written.append(page)
    return written


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", metavar="DIR", help="only write the pages and texts to DIR/pages and DIR/texts")
    args = parser.parse_args()
    if args.write:
        for folder in (Path(args.write, "pages"), Path(args.write, "texts")):
            folder.mkdir(parents=True, exist_ok=False)
        write_pages(Path(args.write, "pages"), Path(args.write, "texts"), args.files)
        return
    with tempfile.TemporaryDirectory(prefix="dedup-bench-pages-") as tmp:
        pages_dir, texts_dir = Path(tmp, "pages"), Path(tmp, "texts")
        pages_dir.mkdir()
        texts_dir.mkdir()
        pages = write_pages(pages_dir, texts_dir, args.files)
        crawl = Path(tmp, "crawl.jsonl")  # the same pages as a crawl stores them: one JSON Lines file
        crawl.write_text("".join(json.dumps({"id": n, "text": p}) + "\n" for n, p in enumerate(pages)),
                         encoding="utf-8")
        megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1e6
        processes = ScanSettings().processes  # what a scan uses on this machine
        work: dict[str, Callable[[], object]] = {
            "parse, stdlib html.parser": lambda: [stdlib_text(p) for p in pages],
            "parse, dedup page_text": lambda: [page_text(p) for p in pages],
            "read the .txt folder, 1 process": lambda: read_inputs([str(texts_dir)], ReadOptions()),
            "read the .html folder, 1 process": lambda: read_inputs([str(pages_dir)], ReadOptions()),
            f"read the .html folder, {processes} processes":
                lambda: read_inputs([str(pages_dir)], ReadOptions(), workers=processes),
            "read the pages as JSON Lines, 1 process": lambda: read_inputs([str(crawl)], ReadOptions()),
            f"read the pages as JSON Lines, {processes} processes":
                lambda: read_inputs([str(crawl)], ReadOptions(), workers=processes),
        }
        runs: dict[str, list[float]] = {name: [] for name in work}
        for _ in range(args.rounds):
            for name, job in work.items():
                runs[name].append(seconds(job))
    median = [statistics.median(times) for times in runs.values()]
    print(f"{len(pages)} pages, {megabytes:.1f} MB of markup ({megabytes * 1e3 / len(pages):.0f} KB a page), "
          f"median of {args.rounds} alternating rounds")
    for name, value in zip(runs, median):
        print(f"  {name:<42} {value:6.2f} s   {megabytes / value:6.1f} MB of markup/s")
    stdlib, ours, text, pages_one, pages_many, lines_one, lines_many = median
    print(f"parsing: {stdlib / ours:.1f}x the stdlib parser's speed; reading pages: {pages_one / pages_many:.1f}x "
          f"faster in {processes} processes ({lines_one / lines_many:.1f}x as JSON Lines), "
          f"{pages_many / text:.1f}x the time their text takes to read")


if __name__ == "__main__":
    main()
