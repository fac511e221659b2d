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

    A corpus document read from the same place as a query (one file, however its path was typed, and
    record), or the same object, is that query: it is analysed once and never matched with itself, so ``find stories/ stories/``
    lists each story's copies among the others.
    """
    source = _Sources()
    places = {source(q) for q in queries}
    corpus_places = {source(d) for d in corpus}
    others = [d for d in corpus if source(d) not in places]
    documents = [*queries, *others]
    count = len(queries)
    in_corpus = [source(q) in corpus_places for q in queries] + [True] * len(others)
    analysed = Corpus.build(documents, settings, progress)
    group_of = {i: group for group in analysed.groups.values() for i in group}  # documents of one text
    neighbours = _Neighbours.of(analysed.candidates(), len(documents))
    verifier = analysed.verifier()
    check = analysed.boilerplate_check()

    def search(part: list[int]) -> list[tuple[list[tuple[int, Link]], int]]:
        """The matches of the ``part``'s queries, and how many pairs each took, searched together round by
        round: each query's own candidates (and copies of its text) first, then, as matches come, theirs, so
        that a copy LSH paired with other copies but not with the query is still judged against the query
        itself.  A round's pairs, of all the part's queries, are judged in bulk."""
        matches: dict[int, list[tuple[int, Link]]] = {q: [] for q in part}
        verified = dict.fromkeys(part, 0)
        seen = {q: {q} for q in part}
        waiting = {q: _partners(q, group_of, neighbours) for q in part}
        while any(waiting.values()):
            pairs: list[tuple[int, int]] = []
            for q, found in waiting.items():
                seen[q].update(found)
                judged = sorted(d for d in found if in_corpus[d])
                verified[q] += len(judged)
                pairs.extend((q, d) for d in judged)
            held: dict[int, list[int]] = {q: [] for q in part}
            for link in judge(pairs):
                matches[link.a].append((link.b, link))
                held[link.a].append(link.b)
            waiting = {q: {p for d in held[q] for p in _partners(d, group_of, neighbours)} - seen[q] for q in part}
        return [(matches[q], verified[q]) for q in part]

    def judge(pairs: list[tuple[int, int]]) -> list[Link]:
        """The links among ``pairs`` (a query, a document) that hold at the level, the query as ``a``, made as a
        scan makes them: copies of one text verified alone, pairs whose verdict may rest on site lines both
        carry read without them (in bulk, the copies it leaves pending confirmed), the rest screened in bulk
        before any is aligned."""
        level = settings.level
        asked = set(pairs)
        same = [(q, d) for q, d in pairs if group_of[d] is group_of[q]]
        rest = np.array(sorted({(min(q, d), max(q, d)) for q, d in pairs if group_of[d] is not group_of[q]}),
                        dtype=np.int64).reshape(-1, 2)
        aside = check.concerned(rest) if len(rest) else np.zeros(0, dtype=bool)
        links = [verifier.verify(q, d, level=level) for q, d in same]
        read, pending = check.read(rest[aside])
        links.extend(read)
        links.extend(link for k in range(len(pending.pairs)) if (link := pending.confirm(k)) is not None)
        links.extend(verifier.verify_many(rest[~aside], level=level))
        held = [link for link in links if link.joins_at(level)]
        return [link for link in held if (link.a, link.b) in asked] + [
            link.from_side(link.b) for link in held if (link.b, link.a) in asked]

    # Queries are searched in forked workers when there are many (each search is independent); every
    # workers-th query to each, results back in query order.
    workers = settings.processes if count >= _PARALLEL_MIN_QUERIES else 1
    searched = forked_map(search, [list(range(k, count, workers)) for k in range(workers)])
    results = [searched[q % workers][q // workers] for q in range(count)]
    findings = [Finding(documents[q], tuple(sorted((Match(documents[d], link) for d, link in matches), key=_order)))
                for q, (matches, _) in enumerate(results)]
    stats = {"queries": count, "documents": len(corpus), "pairs_verified": sum(v for _, v in results),
             "matches": sum(len(f.matches) for f in findings)}
    return findings, stats


@dataclass(frozen=True)
class _Neighbours:
    """Each text's candidates (by the first document of each), as sorted arrays: millions of candidate pairs
    held as Python sets took a gigabyte."""

    starts: np.ndarray  # document i's candidates are others[starts[i]:starts[i + 1]]
    others: np.ndarray

    @classmethod
    def of(cls, pairs: np.ndarray, count: int) -> _Neighbours:
        both = np.concatenate([pairs, pairs[:, ::-1]]) if len(pairs) else np.empty((0, 2), dtype=np.int64)
        both = both[np.lexsort((both[:, 1], both[:, 0]))]
        return cls(np.searchsorted(both[:, 0], np.arange(count + 1)), both[:, 1].copy())

    def __call__(self, i: int) -> list[int]:
        return self.others[self.starts[i]:self.starts[i + 1]].tolist()


def _partners(i: int, group_of: dict[int, list[int]], neighbours: _Neighbours) -> set[int]:
    """The documents sharing ``i``'s text, and those of the texts LSH proposed with it."""
    group = group_of[i]
    return {*group, *(d for other in neighbours(group[0]) for d in group_of[other])} - {i}


class _Sources:
    """Where each document was read: its file and record.  A file is known however its path was typed
    (``./a.txt``, ``a.txt``, through a link); a zip's member or a mailbox's message by its path as shown.
    One read from stdin or made in code is known by the object itself (the same object in both lists is
    one document).  Each path is resolved once."""

    def __init__(self) -> None:
        self._files: dict[str, str] = {}

    def __call__(self, d: Document) -> tuple[str, int | None] | int:
        if not d.path or d.path == "-":
            return id(d)
        if d.path not in self._files:
            self._files[d.path] = os.path.realpath(d.path) if os.path.exists(d.path) else os.path.normpath(d.path)
        return self._files[d.path], d.line


def _order(match: Match) -> tuple[int, float, str]:
    relation = match.link.relation
    return (int(relation) if relation is not None else 9, -match.link.score, match.document.id)
