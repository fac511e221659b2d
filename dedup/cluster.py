"""Clustering verified links into groups with one canonical document each.

Union-find over links chains A~B~C into one group even when A and C have
nothing in common (templates, running stories).  Here every member of a cluster
has a verified link *to the cluster's canonical document*: a connected group is
split into stars, best-connected document first.  The order of work depends only
on document order and scores, so the result is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from .verify import Link, Relation

__all__ = ["Cluster", "star_clusters"]


@dataclass(frozen=True, slots=True)
class Cluster:
    canonical: int
    members: tuple[int, ...]  # canonical first, then by document order
    links: tuple[Link, ...]  # canonical -> each other member


def star_clusters(
    links: Sequence[Link],
    *,
    tie_break: Callable[[int], float],
    verify: Callable[[int, int], Link | None],
    pending: Mapping[tuple[int, int], float] | None = None,
    confirm: Callable[[int, int], Link | None] | None = None,
) -> list[Cluster]:
    """Split the link graph into star clusters of two or more documents.

    The canonical of each star is the document with the most links among those
    left, then the highest sum of link scores, then the lowest ``tie_break(i)``
    (e.g. longer text first).  ``verify(hub, j)`` checks a member against a
    canonical it was not linked to by LSH, so a chain is kept only if it holds.

    ``pending`` pairs (near-identical copies, see dedup.families) were not verified;
    they count as links, with the given score, until one of their documents is
    weighed for canonical or the pair could bring in a member: then ``confirm(i, j)``
    verifies them.  The stars are those of verifying every pending pair first; most
    are never verified, since a family's leader is usually its best-connected copy.
    """
    graph = _Graph(links, pending or {}, confirm)
    clusters: list[Cluster] = []
    for component in _components(graph.neighbours):
        clusters.extend(_stars(component, graph, tie_break, verify))
    return clusters


class _Graph:
    """Verified links, and pending pairs counted as links until they are verified."""

    def __init__(self, links: Sequence[Link], pending: Mapping[tuple[int, int], float],
                 confirm: Callable[[int, int], Link | None] | None) -> None:
        self.neighbours: dict[int, dict[int, Link]] = defaultdict(dict)
        for link in links:
            self._add(link)
        self.pending: dict[int, dict[int, float]] = defaultdict(dict)
        for (a, b), score in pending.items():
            self.pending[a][b] = score
            self.pending[b][a] = score
        self._confirm = confirm
        self._scores: dict[int, float] = {}  # sum of link scores, pending ones included, once weighed

    def _add(self, link: Link) -> None:
        self.neighbours[link.a][link.b] = link
        self.neighbours[link.b][link.a] = link

    def settle(self, i: int, j: int) -> None:
        """Verify the pending pair ``(i, j)``."""
        del self.pending[i][j], self.pending[j][i]
        self._scores.pop(i, None)
        self._scores.pop(j, None)
        assert self._confirm is not None, "pending pairs need a confirm function"
        link = self._confirm(min(i, j), max(i, j))
        if link is not None:
            self._add(link)

    def linked(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` are linked, verifying the pair if it is pending."""
        if j in self.pending[i]:
            self.settle(i, j)
        return j in self.neighbours[i]

    def weighed(self, i: int, left: set[int]) -> tuple[int, float]:
        """Links (pending ones included) to documents in ``left``, and the sum of all link scores."""
        near, pending = self.neighbours[i], self.pending[i]
        count = sum(1 for n in near if n in left) + sum(1 for n in pending if n in left)
        if i not in self._scores:
            scores = {n: lk.score for n, lk in near.items()} | pending
            self._scores[i] = round(sum(scores[n] for n in sorted(scores)), 6)
        return count, self._scores[i]


def _components(neighbours: Mapping[int, Collection[int]]) -> list[set[int]]:
    seen: set[int] = set()
    found: list[set[int]] = []
    for start in sorted(neighbours):
        if start in seen:
            continue
        component = {start}
        stack = [start]
        while stack:
            for n in neighbours[stack.pop()]:
                if n not in component:
                    component.add(n)
                    stack.append(n)
        seen |= component
        found.append(component)
    return found


def _stars(
    unassigned: set[int],
    graph: _Graph,
    tie_break: Callable[[int], float],
    verify: Callable[[int, int], Link | None],
) -> list[Cluster]:
    def rank(i: int) -> tuple[float, ...]:
        count, score = graph.weighed(i, unassigned)
        return -count, -score, tie_break(i), i

    clusters: list[Cluster] = []
    while unassigned:
        hub = min(unassigned, key=rank)
        while graph.pending[hub]:  # weighed with pairs not verified yet: verify them and weigh again
            for other in sorted(graph.pending[hub]):
                graph.settle(hub, other)
            hub = min(unassigned, key=rank)
        direct = {n: lk for n, lk in graph.neighbours[hub].items() if n in unassigned}
        refused: set[int] = set()

        def open_to(far: int) -> bool:
            return far in unassigned and far != hub and far not in direct and far not in refused

        def ask(far: int) -> None:
            """``far`` joins if it verifies against the hub itself."""
            link = verify(hub, far)
            if link is not None:
                direct[far] = link
            else:
                refused.add(far)

        for near in sorted(direct):  # second-hand neighbours
            for far in sorted(graph.neighbours[near].keys() | graph.pending[near].keys()):
                if open_to(far) and graph.linked(near, far):
                    ask(far)
        # Identical texts stay together: a member that joined second-hand brings its exact copies, which are
        # linked to it alone (to the first document with their text) and would otherwise be left out of every star.
        # Asked as their copy was: only a date (--within-days) can tell them apart.
        for member in sorted(direct):
            for other, link in sorted(graph.neighbours[member].items()):
                if link.relation is Relation.EXACT and open_to(other):
                    ask(other)
        unassigned.discard(hub)
        if not direct:
            continue
        members = (hub, *sorted(direct))
        unassigned.difference_update(direct)
        clusters.append(Cluster(hub, members, tuple(direct[m] for m in members[1:])))
    return clusters
