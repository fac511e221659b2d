"""Site boilerplate: short lines that recur across unrelated documents, which are no evidence of a copy.

A line seen in documents of several different clusters (a site's "Popular posts" list, its
byline and footer) tells nothing about whether two documents are one report, and the report
labels it boilerplate.  Verification reads whole texts, so two short stories under one site's
chrome can read as copies of each other, and a crawl of one site's pages can become one
cluster, whose chrome is then in one cluster only; the other way, a byline above the lead can
hide that two pages share their lead.  So every candidate pair of documents that carry the same
short lines found in several distinct texts (a fifth of the shorter text or more) is verified
with those lines set aside, the texts analysed again as part of the corpus.

Only short lines without figures are set aside (``ScanSettings.boilerplate_words``): chrome is menus,
lists of links, bylines and footers, while the paragraphs of a wire story whose many copies fell into
several clusters are long, and the lines of a dividend notice or a results table ("Pay April 30",
"Shr loss 28 cts vs profit seven cts") carry its figures: setting those aside would part the copies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from .analysis import Profile, document_body, line_hash
from .arrays import rowwise_dot, unique_with_inverse
from .cluster import Cluster
from .families import Waiting
from .model import Document
from .normalize import fold_lines
from .parallel import forked_map
from .segment import logical_lines
from .settings import ScanSettings
from .verify import Link, Relation, Verifier

__all__ = ["BoilerplateCheck", "Reanalysed", "boilerplate_lines", "recurring_short_lines", "without_lines"]

#: Versions of documents to strip at which forking processes for it pays.
_PARALLEL_MIN_VERSIONS = 2000


def boilerplate_lines(line_hashes: Sequence[frozenset[int]], clusters: list[Cluster], minimum: int) -> frozenset[int]:
    """Line hashes seen in documents of at least ``minimum`` different clusters (a document in none
    counting as a cluster of its own)."""
    counts: Counter[int] = Counter()
    for hashes in line_hashes:
        counts.update(hashes)
    frequent = {h for h, c in counts.items() if c >= minimum}
    if not frequent:
        return frozenset()
    owner = {m: n for n, c in enumerate(clusters) for m in c.members}
    owners: dict[int, set[object]] = defaultdict(set)
    for i, hashes in enumerate(line_hashes):
        tag: object = owner.get(i, ("single", i))
        for h in hashes & frequent:
            owners[h].add(tag)
    return frozenset(h for h, seen in owners.items() if len(seen) >= minimum)


def recurring_short_lines(profiles: Sequence[Profile], minimum: int) -> frozenset[int]:
    """The short lines (``ScanSettings.boilerplate_words``) found in at least ``minimum`` distinct texts: a site's
    chrome, whatever clusters its pages fall into.  Each distinct text counts once (exact copies are one text; a
    story's reprints with edits are several, and its one-line paragraphs may count among these)."""
    counts: Counter[int] = Counter()
    for p in {p.key: p for p in profiles}.values():
        counts.update(p.short_lines.keys())  # one per text, whatever its words
    return frozenset(h for h, n in counts.items() if n >= minimum)


def without_lines(document: Document, lines: frozenset[int]) -> Document:
    """The document with its logical lines whose hash is in ``lines`` taken out (the title too, if it is one)."""
    return _without_hashed(document, _hashed_lines(document), lines)


def _hashed_lines(document: Document) -> list[tuple[str, int]]:
    """Each logical line of the document, and its hash."""
    lines = logical_lines(document_body(document))
    return list(zip(lines, map(line_hash, fold_lines(lines))))


def _without_hashed(document: Document, hashed: list[tuple[str, int]], lines: frozenset[int]) -> Document:
    return replace(document, text="\n\n".join(line for line, h in hashed if h not in lines), title=None)


def _line_rows(words: list[dict[int, int]]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Each document's lines as a sparse row: weighted by their words, and present or not."""
    columns: dict[int, int] = {}
    indices = np.fromiter((columns.setdefault(h, len(columns)) for lines in words for h in lines), dtype=np.int64)
    counts = np.fromiter((w for lines in words for w in lines.values()), dtype=np.float64, count=len(indices))
    indptr = np.concatenate([[0], np.cumsum([len(lines) for lines in words])]).astype(np.int64)
    shape = (len(words), max(len(columns), 1))
    weighted = sparse.csr_matrix((counts, indices, indptr), shape=shape)
    weighted.sort_indices()
    present = sparse.csr_matrix((np.ones(len(indices)), weighted.indices, weighted.indptr), shape=shape)
    return weighted, present


@dataclass(frozen=True)
class Reanalysed:
    """Documents analysed again (with lines taken out) as part of the scanned corpus, by position."""

    verifier: Verifier
    word_counts: Sequence[int]
    #: The links holding at the scan's level among pairs of positions, verified as a scan verifies candidates,
    #: and the pairs of copies left pending; its second argument is each position's document in the scan,
    #: over which copy families are planned (dedup.families).
    verify_pairs: Callable[[np.ndarray, np.ndarray], tuple[list[Link], Waiting]]


class BoilerplateCheck:
    """Reads pairs with the short lines both documents carry, and several distinct texts, set aside.

    Only lines *both* carry: a line one of them lacks is what tells another issue of a notice from a
    copy, however often it recurs.  ``analyse_without(documents)`` analyses the given documents (with
    lines taken out) as part of the scanned corpus, weighing terms as the corpus does.
    """

    def __init__(self, documents: Sequence[Document], profiles: Sequence[Profile], settings: ScanSettings,
                 analyse_without: Callable[[list[Document]], Reanalysed], recurring: frozenset[int]):
        """``recurring``: the corpus's :func:`recurring_short_lines`."""
        self._documents = documents
        self._word_counts = [p.word_count for p in profiles]
        self._share = settings.boilerplate_share
        self._analyse_without = analyse_without
        #: Each document's short recurring lines and their words; documents of one site share one set.
        self._words = [{h: w for h, w in p.short_lines.items() if h in recurring} for p in profiles]
        sets: dict[frozenset[int], frozenset[int]] = {}
        self._sets = [sets.setdefault(frozenset(words), frozenset(words)) for words in self._words]
        numbers = {id(lines): n for n, lines in enumerate(sets.values())}
        self._set_numbers = np.array([numbers[id(lines)] for lines in self._sets], dtype=np.int64)
        self._totals = [sum(words.values()) for words in self._words]
        self._weighted, self._present = _line_rows(self._words)
        self._common: dict[tuple[frozenset[int], frozenset[int]], frozenset[int]] = {}  # shared lines, by the sets
        self._processes = settings.processes
        self.pairs_read = 0  # pairs decided by the reading without boilerplate

    def _shared(self, i: int, j: int) -> frozenset[int]:
        a, b = self._sets[i], self._sets[j]
        if a is b or not a or not b:
            return a if a is b else frozenset()
        if (a, b) not in self._common:
            self._common[a, b] = a & b
        return self._common[a, b]

    def concerns(self, i: int, j: int) -> bool:
        """Whether a verdict on documents ``i`` and ``j`` may rest on boilerplate: they carry the same such
        lines, and these are ``boilerplate_share`` of the shorter text at least (a results table's "Nine
        mths" is not)."""
        shared = self._shared(i, j)
        if not shared:
            return False
        shorter = i if self._word_counts[i] <= self._word_counts[j] else j
        words = self._totals[shorter] if shared is self._sets[shorter] else sum(
            self._words[shorter][h] for h in shared)
        return words >= self._share * max(self._word_counts[shorter], 1)

    def concerned(self, pairs: np.ndarray) -> np.ndarray:
        """Which of ``pairs`` (rows ``i, j``) :meth:`concerns`, decided in bulk: the shorter text's short
        recurring lines must be a fifth of it before any are shared, and the words it shares are a row
        product (its lines weighted by their words, the other's present or not)."""
        words = np.asarray(self._word_counts)
        enough = np.asarray(self._totals) >= self._share * np.maximum(words, 1)
        first_shorter = words[pairs[:, 0]] <= words[pairs[:, 1]]
        shorter = np.where(first_shorter, pairs[:, 0], pairs[:, 1])
        longer = np.where(first_shorter, pairs[:, 1], pairs[:, 0])
        out = np.zeros(len(pairs), dtype=bool)
        maybe = np.flatnonzero(enough[shorter])
        if not len(maybe):  # no pair (an empty corpus has no sets of lines to number)
            return out
        # The shorter text's words in the lines the longer carries too (a share above 0 needs one such line),
        # worked out once for each shorter text and set of lines of the longer: a site's pages share one set.
        short, long = shorter[maybe], longer[maybe]
        distinct, key = unique_with_inverse(short * (int(self._set_numbers.max()) + 1) + self._set_numbers[long])
        one = np.empty(len(distinct), dtype=np.int64)
        one[key] = np.arange(len(key))  # a pair of each
        counted = rowwise_dot(self._weighted, short[one], long[one], other=self._present)[key]
        out[maybe] = counted >= self._share * np.maximum(words[short], 1)
        return out

    def _shared_lines(self, pairs: np.ndarray) -> tuple[list[frozenset[int]], np.ndarray]:
        """The distinct sets of lines the ``pairs`` share, and each pair's among them.  What two documents
        share depends on their two sets of lines only: worked out once for each two sets."""
        a, b = self._set_numbers[pairs[:, 0]], self._set_numbers[pairs[:, 1]]
        _, first, combination = np.unique(np.minimum(a, b) * (int(self._set_numbers.max()) + 1) + np.maximum(a, b),
                                          return_index=True, return_inverse=True)
        numbered: dict[frozenset[int], int] = {}
        shared = np.array([numbered.setdefault(self._shared(*pairs[k].tolist()), len(numbered))
                           for k in first.tolist()], dtype=np.int64)
        return list(numbered), shared[combination.ravel()]

    def _without(self, pairs: np.ndarray) -> tuple[Reanalysed, np.ndarray, np.ndarray]:
        """The pairs' documents with the lines each pair shares taken out, analysed again, each pair's
        two positions there (rows, as ``pairs``) and each position's document."""
        lines, shared = self._shared_lines(pairs)
        # One version of a document for each set of lines taken out of it: a site's pages share all their chrome.
        # Versions are numbered as the pairs first name them.
        codes = (pairs * len(lines) + shared.reshape(-1, 1)).ravel()
        distinct, first, version = np.unique(codes, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        versions = [(int(code) // len(lines), lines[int(code) % len(lines)]) for code in distinct[order]]
        documents = np.array([k for k, _ in versions], dtype=np.int64)
        return self._analyse_without(self._stripped(versions)), rank[version.ravel()].reshape(-1, 2), documents

    def _stripped(self, versions: list[tuple[int, frozenset[int]]]) -> list[Document]:
        """Each ``(document, lines)`` without those lines; in processes when many (a crawl of one site's pages)."""
        def strip(part: list[tuple[int, frozenset[int]]]) -> list[Document]:
            hashed: dict[int, list[tuple[str, int]]] = {}  # a page has a version for each set of lines it shares
            for k, _ in part:
                if k not in hashed:
                    hashed[k] = _hashed_lines(self._documents[k])
            return [_without_hashed(self._documents[k], hashed[k], lines) for k, lines in part]

        workers = self._processes if len(versions) >= _PARALLEL_MIN_VERSIONS else 1
        step = max(1, -(-len(versions) // workers))
        return [d for part in forked_map(strip, [versions[s : s + step] for s in range(0, len(versions), step)])
                for d in part]

    @staticmethod
    def _noted(link: Link, a: int, b: int) -> Link:
        return Link(a, b, link.relation, link.scores, f"{link.reason} (with the boilerplate lines both carry set aside)")

    def read(self, pairs: np.ndarray) -> tuple[list[Link], Waiting]:
        """The links holding among ``pairs`` (all of which :meth:`concerns`) read with the boilerplate both
        documents carry set aside, in bulk as a scan verifies candidates, and the pairs of copies left
        pending there (dedup.families); a text left without words has no link."""
        if not len(pairs):
            return [], Waiting.nothing()
        self.pairs_read += len(pairs)
        again, positions, documents = self._without(pairs)
        words = np.asarray(again.word_counts)
        kept = np.minimum(words[positions[:, 0]], words[positions[:, 1]]) > 0
        pairs, positions = pairs[kept], positions[kept]
        found, waiting = again.verify_pairs(positions, documents)

        # Back from pairs of positions to the rows of ``pairs`` they read.
        codes = positions[:, 0] * len(words) + positions[:, 1]
        order = np.argsort(codes)

        def rows(read: np.ndarray) -> np.ndarray:
            return order[np.searchsorted(codes[order], read[:, 0] * len(words) + read[:, 1])]

        at = rows(np.array([(link.a, link.b) for link in found], dtype=np.int64).reshape(-1, 2))
        links = sorted((self._noted(link, *pairs[k].tolist()) for link, k in zip(found, at.tolist())),
                       key=lambda link: (link.a, link.b))
        pending = pairs[rows(waiting.pairs)]

        def confirm(k: int) -> Link | None:
            link = waiting.confirm(k)
            return None if link is None else self._noted(link, *pending[k].tolist())

        return links, Waiting(pending, waiting.scores, confirm)

    def read_again(self, link: Link, level: Relation) -> Link | None:
        """``link`` verified again in full with the boilerplate both documents carry set aside, or None if its
        verdict rests on none: for one pair explained (``dedup compare``)."""
        if not self.concerns(link.a, link.b):
            return None
        again, positions, _ = self._without(np.array([[link.a, link.b]], dtype=np.int64))
        x, y = positions[0].tolist()
        if min(again.word_counts[x], again.word_counts[y]) == 0:
            return Link(link.a, link.b, None, link.scores,
                        "nothing left to compare but boilerplate (with the boilerplate lines both carry set aside)")
        return self._noted(again.verifier.verify(x, y, level=level, full=True), link.a, link.b)
