"""``dedup find``: which documents of a corpus copy, reword or retell the given ones.

A media monitor asks it of a client's press release, a newsroom of its own story ("who printed
it?"), a desk of an incoming wire story ("is it in the archive already?").  A scan answers with
clusters, whose members verify against a canonical that may be another copy; here every corpus
document is judged against the query itself.  The corpus is analysed once, queries with it, so
term rarity is the corpus's.  Candidates come from the scan's LSH indexes (every pair, in a small
corpus): first the query's own, then, as matches come, the candidates of each match, so that a copy
LSH paired only with other copies is judged too (one wire story's 3,000 reprints: 2,914 proposed
with the original, all 3,000 found).  Each pair is judged as a scan judges it: screened in bulk, then
verified, or read without the site lines both carry where its verdict may rest on them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .model import Document
from .parallel import forked_map
from .pipeline import Corpus, Progress
from .settings import ScanSettings
from .verify import Link

__all__ = ["Finding", "Match", "find_copies"]

#: Queries searched in several processes from this many up: each search verifies a query's few dozen
#: candidates, about a millisecond each, and a fork costs a few milliseconds.
_PARALLEL_MIN_QUERIES = 64


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

    def search(q: int) -> tuple[list[tuple[int, Link]], int]:
        """The query's own candidates (and copies of its text), then, as matches come, theirs: a copy that LSH
        paired with other copies but not with the query is still judged against the query itself."""
        matches: list[tuple[int, Link]] = []
        verified = 0
        seen = {q}
        waiting = sorted(_partners(q, group_of, neighbours))
        while waiting:
            seen.update(waiting)
            judged = [d for d in waiting if in_corpus[d]]
            verified += len(judged)
            links = judge(q, judged)
            matches.extend((link.b, link) for link in links)
            waiting = sorted({p for link in links for p in _partners(link.b, group_of, neighbours)} - seen)
        return matches, verified

    def judge(q: int, others: list[int]) -> list[Link]:
        """The links from ``q`` to ``others`` that hold at the level, as a scan makes them: copies of its
        text verified one by one, pairs whose verdict may rest on site lines both carry read without them,
        the rest screened in bulk first."""
        level = settings.level
        same = [d for d in others if group_of[d] is group_of[q]]
        pairs = np.array([(q, d) for d in others if group_of[d] is not group_of[q]], dtype=np.int64).reshape(-1, 2)
        aside = check.concerned(pairs) if len(pairs) else np.zeros(0, dtype=bool)
        links = [verifier.verify(q, d, level=level) for d in same]
        for i, j in pairs[aside].tolist():
            link = verifier.verify(i, j, level=level)
            links.append(check.read_again(link, level) or link)
        links.extend(verifier.verify_many(pairs[~aside], level=level))
        return [link for link in links if link.joins_at(level)]

    # Queries are searched in forked workers when there are many (each search is independent); every
    # workers-th query to each, results back in query order.
    workers = settings.processes if count >= _PARALLEL_MIN_QUERIES else 1
    parts = [list(range(k, count, workers)) for k in range(workers)]
    searched = forked_map(lambda part: [search(q) for q in part], parts)
    results = [searched[q % workers][q // workers] for q in range(count)]
    findings = [Finding(documents[q], tuple(sorted((Match(documents[d], link) for d, link in matches), key=_order)))
                for q, (matches, _) in enumerate(results)]
    stats = {"queries": count, "documents": len(corpus), "pairs_verified": sum(v for _, v in results),
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
