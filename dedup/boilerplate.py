"""Site boilerplate: short lines that recur across unrelated documents, which are no evidence of a copy.

A line seen in documents of several different clusters (a site's "Popular posts" list, its
byline and footer) tells nothing about whether two documents are one report, and the report
labels it boilerplate.  Verification reads whole texts, so two short stories under one site's
chrome can read as copies of each other, and a crawl of one site's pages can become one
cluster, whose chrome is then in one cluster only; the other way, a byline above the lead can
hide that two pages share their lead.  So every pair of documents that carry the same short
lines found in several distinct texts, linked or aligned and found wanting, is decided by a
second reading with those lines set aside.

Only short lines without figures are set aside (``ScanSettings.boilerplate_words``): chrome is menus,
lists of links, bylines and footers, while the paragraphs of a wire story whose many copies fell into
several clusters are long, and the lines of a dividend notice or a results table ("Pay April 30",
"Shr loss 28 cts vs profit seven cts") carry its figures: setting those aside would part the copies.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .analysis import document_body, line_hash
from .cluster import Cluster
from .model import Document
from .normalize import fold_lines, tokens
from .segment import logical_lines
from .settings import ScanSettings
from .verify import Link, Relation, Verifier

__all__ = ["BoilerplateCheck", "boilerplate_lines", "without_lines"]

#: A line with a figure is a report's own ("Pay April 30", "Shr loss 28 cts"), however often it recurs.
_FIGURE = re.compile(r"\d")


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


def without_lines(document: Document, lines: frozenset[int]) -> Document:
    """The document with its logical lines whose hash is in ``lines`` taken out (the title too, if it is one)."""
    kept = [line for line, folded in zip(*_lines_of(document)) if line_hash(folded) not in lines]
    return replace(document, text="\n\n".join(kept), title=None)


def _lines_of(document: Document) -> tuple[list[str], list[str]]:
    lines = logical_lines(document_body(document))
    return lines, fold_lines(lines)


class BoilerplateCheck:
    """Reads pairs again with the short lines both documents carry, and several distinct texts, set aside.

    Only lines *both* carry: a line one of them lacks ("Pay April 1" for "Pay March 31") is
    what tells another issue of a notice from a copy, however often it recurs.
    ``analyse_without(documents)`` analyses the given documents (with lines taken out) as part of
    the scanned corpus, weighing terms as the corpus does, and returns a verifier over their
    positions in that list and their word counts.
    """

    def __init__(self, documents: Sequence[Document], line_hashes: Sequence[frozenset[int]], keys: Sequence[str],
                 word_counts: Sequence[int], settings: ScanSettings,
                 analyse_without: Callable[[list[Document]], tuple[Verifier, Sequence[int]]]):
        self._documents = documents
        self._line_hashes = line_hashes
        self._word_counts = word_counts
        self._share = settings.boilerplate_share
        self._analyse_without = analyse_without
        counts: Counter[int] = Counter()
        for i in {key: i for i, key in enumerate(keys)}.values():  # each distinct text once
            counts.update(line_hashes[i])
        self._recurring = frozenset(h for h, n in counts.items() if n >= settings.boilerplate_clusters)
        self._most_words = settings.boilerplate_words
        self._words: dict[int, Counter[int]] = {}  # a document's short recurring lines' words, by line; read once
        self.parted = 0  # links made on the first reading that do not hold on the second
        self.joined = 0  # ... and pairs found wanting that do

    def _words_of(self, i: int) -> Counter[int]:
        """Document ``i``'s short recurring lines without figures, and their words (found when first asked)."""
        if i not in self._words:
            found: Counter[int] = Counter()
            if self._line_hashes[i] & self._recurring:
                for folded in _lines_of(self._documents[i])[1]:
                    h = line_hash(folded)
                    words = len(tokens(folded))
                    if h in self._recurring and words <= self._most_words and not _FIGURE.search(folded):
                        found[h] += words
            self._words[i] = found
        return self._words[i]

    def _shared(self, i: int, j: int) -> frozenset[int]:
        if not self._line_hashes[i] & self._line_hashes[j] & self._recurring:
            return frozenset()
        return frozenset(self._words_of(i).keys() & self._words_of(j).keys())

    def concerns(self, link: Link) -> bool:
        """Whether ``link`` may rest on boilerplate: its documents carry the same such lines, and they are
        ``boilerplate_share`` of the shorter text at least (a results table's "Nine mths" is not)."""
        if link.relation is Relation.EXACT:
            return False
        shared = self._shared(link.a, link.b)
        shorter = min((link.a, link.b), key=lambda i: self._word_counts[i])
        words = sum(self._words_of(shorter)[h] for h in shared)
        return words >= self._share * max(self._word_counts[shorter], 1) and words > 0

    def _read_without(self, links: Sequence[Link]) -> tuple[Verifier, Sequence[int], list[tuple[Link, int, int]]]:
        """A verifier over the concerned links' documents with the lines both carry taken out, their word
        counts, and each concerned link with its two documents' positions there."""
        versions: dict[tuple[int, frozenset[int]], int] = {}
        concerned = []
        for link in links:
            if self.concerns(link):
                shared = self._shared(link.a, link.b)
                x, y = (versions.setdefault((i, shared), len(versions)) for i in (link.a, link.b))
                concerned.append((link, x, y))
        # One version of a document for each set of lines taken out of it: a site's pages share all their chrome.
        verifier, words = self._analyse_without([without_lines(self._documents[i], lines) for i, lines in versions])
        return verifier, words, concerned

    @staticmethod
    def _as_read_again(link: Link, checked: Link | None, words: Sequence[int], x: int, y: int) -> Link:
        if checked is None or min(words[x], words[y]) == 0:
            why = "nothing left to compare but boilerplate" if min(words[x], words[y]) == 0 else (
                checked.reason if checked is not None else "too little in common once set aside")
            return Link(link.a, link.b, None, link.scores if checked is None else checked.scores,
                        f"{why} (with the boilerplate lines both carry set aside)")
        return Link(link.a, link.b, checked.relation, checked.scores,
                    f"{checked.reason} (with the boilerplate lines both carry set aside)")

    def read_again(self, links: Sequence[Link], level: Relation) -> dict[tuple[int, int], Link]:
        """The links that :meth:`concerns`, each verified again in full with the boilerplate both documents
        carry set aside (its relation None where it no longer holds at all), by ``(a, b)``: for one pair
        explained (``dedup compare``)."""
        if not any(self.concerns(link) for link in links):
            return {}
        verifier, words, concerned = self._read_without(links)
        return {(link.a, link.b): self._as_read_again(link, verifier.verify(x, y, level=level, full=True), words, x, y)
                for link, x, y in concerned}

    def recheck(self, links: Sequence[Link], level: Relation) -> list[Link]:
        """Of ``links`` (made or found wanting), those that hold at ``level`` with the boilerplate both
        documents carry set aside, as verified so (cheap evidence first, in bulk, as a scan verifies);
        links that do not concern boilerplate are kept if they hold."""
        def holds(link: Link) -> bool:
            return link.relation is not None and link.relation <= level

        again: dict[tuple[int, int], Link] = {}
        if any(self.concerns(link) for link in links):
            verifier, words, concerned = self._read_without(links)
            pairs = np.array([(x, y) for _, x, y in concerned], dtype=np.int64).reshape(-1, 2)
            found = {(k.a, k.b): k for k in verifier.verify_many(pairs, level=level)}
            again = {(link.a, link.b): self._as_read_again(link, found.get((x, y)), words, x, y)
                     for link, x, y in concerned}
        kept = []
        for link in links:
            checked = again.get((link.a, link.b), link)
            if holds(checked):
                kept.append(checked)
                self.joined += not holds(link)
            else:
                self.parted += holds(link)
        return kept
