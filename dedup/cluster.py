"""Clustering verified links into groups with one canonical document each.

Union-find over links chains A~B~C into one group even when A and C have
nothing in common (templates, running stories).  Here every member of a cluster
has a verified link *to the cluster's canonical document*: a connected group is
split into stars, best-connected document first.  The order of work depends only
on document order and scores, so the result is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .verify import Link

__all__ = ["Cluster", "star_clusters"]


@dataclass(frozen=True)
class Cluster:
    canonical: int
    members: tuple[int, ...]  # canonical first, then by document order
    links: tuple[Link, ...]  # canonical -> each other member


def star_clusters(
    count: int,
    links: Sequence[Link],
    prominence: Callable[[int], tuple[float, ...]],
    verify: Callable[[int, int], Link | None],
) -> list[Cluster]:
    """Split the link graph into star clusters of two or more documents.

    ``prominence(i)`` breaks ties between equally connected candidates for
    canonical (e.g. longer text first); ``verify(i, j)`` checks a member against a
    canonical it was not linked to by LSH, so a chain is kept only if it holds.
    """
    neighbours: dict[int, dict[int, Link]] = defaultdict(dict)
    for link in links:
        neighbours[link.a][link.b] = link
        neighbours[link.b][link.a] = link
    clusters: list[Cluster] = []
    for component in _components(neighbours):
        clusters.extend(_stars(component, neighbours, prominence, verify))
    return clusters


def _components(neighbours: dict[int, dict[int, Link]]) -> list[set[int]]:
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
    neighbours: dict[int, dict[int, Link]],
    prominence: Callable[[int], tuple[float, ...]],
    verify: Callable[[int, int], Link | None],
) -> list[Cluster]:
    clusters: list[Cluster] = []
    while unassigned:
        hub = min(
            unassigned,
            key=lambda i: (-sum(1 for n in neighbours[i] if n in unassigned), prominence(i), i),
        )
        direct = {n: lk for n, lk in neighbours[hub].items() if n in unassigned}
        # Second-hand neighbours join only if they verify against the hub itself.
        for near in sorted(direct):
            for far in sorted(neighbours[near]):
                if far in unassigned and far != hub and far not in direct:
                    link = verify(hub, far)
                    if link is not None:
                        direct[far] = link
        unassigned.discard(hub)
        if not direct:
            continue
        members = (hub, *sorted(direct))
        unassigned.difference_update(direct)
        clusters.append(Cluster(hub, members, tuple(direct[m] for m in members[1:])))
    return clusters
