"""``dedup find``: which documents of a corpus copy, reword or retell the given ones.

A media monitor asks it of a client's press release, a newsroom of its own story ("who printed
it?"), a desk of an incoming wire story ("is it in the archive already?").  A scan answers with
clusters, whose members verify against a canonical that may be another copy; here every corpus
document is judged against the query itself.  The corpus is analysed once, queries with it, so
term rarity is the corpus's.  Candidates come from the scan's LSH indexes (every pair, in a small
corpus): first the query's own, then, as matches come, the candidates of each match, so that a copy
LSH paired only with other copies is judged too (one wire story's 3,000 reprints: 2,914 proposed
with the original, all 3,000 found).  Each pair is verified as a scan verifies it, and read again
without the boilerplate both carry where its verdict rests on that.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .model import Document
from .pipeline import Corpus, Progress
from .settings import ScanSettings
from .verify import Link

__all__ = ["Finding", "Match", "find_copies"]


@dataclass(frozen=True, slots=True)
class Match:
    """A corpus document and the link from the query to it (``link.a`` the query, ``link.b`` this one)."""

    document: Document
    link: Link

    @property
    def relation(self) -> str:
        assert self.link.relation is not None  # a match has one
        return self.link.relation.label


@dataclass(frozen=True, slots=True)
class Finding:
    """A query and its matches, tightest relation first, then the most alike."""

    query: Document
    matches: tuple[Match, ...]


def find_copies(queries: Sequence[Document], corpus: Sequence[Document], settings: ScanSettings, *,
                progress: Progress | None = None) -> tuple[list[Finding], dict[str, int]]:
    """Each query's matches in ``corpus`` up to ``settings.level``, and counts of the work done.

    A corpus document read from the same place as a query (one file, as typed, and record) is that query:
    it is analysed once and never matched with itself, so ``find stories/ stories/`` lists each story's
    copies among the others.
    """
    places = {_place(q) for q in queries} - {None}
    corpus_places = {_place(d) for d in corpus} - {None}
    others = [d for d in corpus if _place(d) not in places]
    documents = [*queries, *others]
    count = len(queries)
    in_corpus = [_place(q) in corpus_places for q in queries] + [True] * len(others)
    analysed = Corpus.build(documents, settings, progress)
    group_of = {i: group for group in analysed.groups.values() for i in group}  # documents of one text
    neighbours: dict[int, set[int]] = {}  # each text's candidates, by the first document of each
    for first, second in analysed.candidates().tolist():
        neighbours.setdefault(first, set()).add(second)
        neighbours.setdefault(second, set()).add(first)
    verifier = analysed.verifier()
    check = analysed.boilerplate_check()
    found: dict[int, list[Match]] = {q: [] for q in range(count)}
    verified = 0
    for q in range(count):
        # The query's own candidates (and copies of its text), then, as matches come, theirs: a copy that LSH
        # paired with other copies but not with the query is still judged against the query itself.
        seen = {q}
        waiting = sorted(_partners(q, group_of, neighbours))
        while waiting:
            matched = []
            for d in waiting:
                seen.add(d)
                if not in_corpus[d]:
                    continue
                verified += 1
                link = verifier.verify(q, d, level=settings.level)
                again = check.read_again(link, settings.level)
                if again is not None:
                    link = replace(again, alignment=link.alignment)
                if link.joins_at(settings.level):
                    found[q].append(Match(documents[d], link))
                    matched.append(d)
            waiting = sorted({p for d in matched for p in _partners(d, group_of, neighbours)} - seen)
    findings = [Finding(documents[q], tuple(sorted(matches, key=_order))) for q, matches in found.items()]
    stats = {"queries": count, "documents": len(corpus), "pairs_verified": verified,
             "matches": sum(len(f.matches) for f in findings)}
    return findings, stats


def _partners(i: int, group_of: dict[int, list[int]], neighbours: dict[int, set[int]]) -> set[int]:
    """The documents sharing ``i``'s text, and those of the texts LSH proposed with it."""
    group = group_of[i]
    return {*group, *(d for other in neighbours.get(group[0], ()) for d in group_of[other])} - {i}


def _place(d: Document) -> tuple[str, int | None] | None:
    """Where a document was read: its file (the path as typed, normalized) and record; None for stdin."""
    if not d.path or d.path == "-":  # stdin, or built in code
        return None
    return os.path.normpath(d.path), d.line


def _order(match: Match) -> tuple[int, float, str]:
    relation = match.link.relation
    return (int(relation) if relation is not None else 9, -match.link.score, match.document.id)
