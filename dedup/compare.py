"""``dedup compare``: why two documents are (or are not) copies of one report.

The same verifier the scan uses, run in full (no early exit).  Alone, the two
documents are judged with IDF from them plus the background table; with a
``context`` (the corpus they come from), term rarity is the corpus's, so the
verdict is the one a scan of that corpus gives: a template's frame words are
common there, and only the names it changes are specific.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .model import Document
from .pipeline import Corpus, Progress
from .settings import ScanSettings
from .verify import Link, Relation

__all__ = ["Comparison", "SentenceRow", "compare_documents"]


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """One sentence of A or B and what it matched on the other side, if anything."""

    side: str  # "a" or "b"
    index: int
    text: str
    match: int | None  # index of the matched sentence on the other side
    score: float | None


@dataclass(frozen=True)
class Comparison:
    a: Document
    b: Document
    link: Link
    rows_a: tuple[SentenceRow, ...]
    rows_b: tuple[SentenceRow, ...]
    level: str
    parameters: dict[str, object]  # the settings that decided, as a scan records them
    context_documents: int = 0  # corpus documents besides A and B that set term rarity
    languages: tuple[str | None, str | None] = (None, None)  # A's and B's, where their words show one

    @property
    def score(self) -> float:
        return self.link.score

    @property
    def relation(self) -> str | None:
        return self.link.relation.label if self.link.relation is not None else None

    @property
    def joins(self) -> bool:
        """Whether a scan at this level would put the two in one cluster."""
        return self.link.joins_at(Relation.parse(self.level))


def compare_documents(a: Document, b: Document, settings: ScanSettings, *,
                      context: Sequence[Document] = (), progress: Progress | None = None) -> Comparison:
    """Align ``a`` and ``b``; ``context`` documents (A and B may be among them) set term rarity."""
    if a.id == b.id:
        b = replace(b, id=f"{b.id} (2)")
    others = sorted((d for d in context if d.id not in (a.id, b.id)), key=lambda d: d.id)
    corpus = Corpus.build([a, b, *others], settings, progress)
    link = corpus.verifier().verify(0, 1, level=settings.level, full=True)
    # As a scan reads it: a verdict resting on lines the context shows to be boilerplate is read without them.
    again = corpus.boilerplate_check().read_again(link, settings.level)
    if again is not None:
        link = replace(again, alignment=link.alignment)  # the sentences are shown as they are
    sa, sb = corpus.sentences(0), corpus.sentences(1)
    to_b = {m.a: m for m in link.alignment.matches} if link.alignment else {}
    to_a = {m.b: m for m in link.alignment.matches} if link.alignment else {}
    rows_a = tuple(SentenceRow("a", i, t, to_b[i].b if i in to_b else None, to_b[i].score if i in to_b else None)
                   for i, t in enumerate(sa.text))
    rows_b = tuple(SentenceRow("b", j, t, to_a[j].a if j in to_a else None, to_a[j].score if j in to_a else None)
                   for j, t in enumerate(sb.text))
    return Comparison(a, b, link, rows_a, rows_b, settings.level.label, settings.parameters(), len(others),
                      (corpus.languages[0], corpus.languages[1]))
