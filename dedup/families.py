"""Copy families: many near-identical copies of one text, verified against one of them.

A wire story reprinted by N outlets makes N(N-1)/2 candidate pairs, and verifying a
pair aligns its sentences: 300 copies of each of 5 stories took 29 s and 1.2 GB,
nearly all of it spent aligning copies with each other.  A cluster needs each member
verified against its canonical; the pairs among the copies mostly say which copy is
the best connected.  So the copies that contain one another almost entirely (word
3-grams of the shorter text) form a *family* around a leader; its members are
verified against the leader first, and a pair of two members (of one family or of
two) that are that close themselves and that the links made so far already connect
is left *pending*: the clustering counts it as a link, with the score it would have,
and verifies it only if it comes to matter (dedup.cluster), so the clusters are those
of verifying every pair.  A pair the links do not connect (a member whose link to its
leader failed, two families whose leaders do not link) is verified as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .arrays import lowest_linked
from .verify import Link

__all__ = ["FamilyPlan", "Waiting", "plan_families"]


@dataclass(frozen=True)
class FamilyPlan:
    """Which candidate pairs wait for the leaders' links (``deferred``, a mask over the candidates)."""

    leader: np.ndarray  # per document: its family's leader (a leader is its own), or -1
    deferred: np.ndarray

    def waits(self, pairs: np.ndarray, linked: np.ndarray) -> np.ndarray:
        """Which deferred ``pairs`` are left pending: those whose two documents the ``linked`` pairs (the
        links made so far) already connect, through their leaders, so that a link between them, if it
        holds, joins nothing that was apart.  The others are verified as usual."""
        group = lowest_linked(len(self.leader), linked)
        return group[pairs[:, 0]] == group[pairs[:, 1]]


@dataclass(frozen=True)
class Waiting:
    """Pairs left pending: the score each would have as a link, and how to verify one when it comes to
    matter (dedup.cluster)."""

    pairs: np.ndarray  # rows (a, b), as the candidates name them
    scores: list[float]  # as Link.score
    confirm: Callable[[int], Link | None]  # verifies row k: its link if it holds at the scan's level, else None

    @classmethod
    def nothing(cls) -> Waiting:
        return cls(np.empty((0, 2), dtype=np.int64), [], lambda k: None)


def plan_families(words: np.ndarray, pairs: np.ndarray, contained: np.ndarray, *, min_containment: float,
                  min_members: int) -> FamilyPlan:
    """Families of at least ``min_members`` documents, from candidate ``pairs`` and the share of each
    pair's shorter text contained in the other; ``words`` is each document's length.

    Leaders are taken greedily: most near-identical candidates first, then the highest containment
    summed over all its candidates (a guess at the best connected, as the clustering picks its
    canonical: a wrong guess costs verifications, never a different result), then the longest
    text, then document order.  The plan depends only on the candidates; families do not overlap.
    """
    count = len(words)
    leader = np.full(count, -1, dtype=np.int64)
    tight = pairs[contained >= min_containment]
    if len(tight) == 0:
        return FamilyPlan(leader, np.zeros(len(pairs), dtype=bool))
    ends = np.concatenate([tight, tight[:, ::-1]])
    ends = ends[np.lexsort((ends[:, 1], ends[:, 0]))]
    degree = np.bincount(ends[:, 0], minlength=count)
    starts = np.concatenate([[0], np.cumsum(degree)])
    hopeful = np.flatnonzero(degree >= min_members - 1)
    closeness = np.bincount(pairs.ravel(), weights=np.repeat(contained, 2), minlength=count)
    for d in hopeful[np.lexsort((hopeful, -words[hopeful], -closeness[hopeful], -degree[hopeful]))].tolist():
        if leader[d] != -1:
            continue
        near = ends[starts[d] : starts[d + 1], 1]
        members = near[leader[near] == -1]
        if len(members) + 1 >= min_members:
            leader[d] = d
            leader[members] = d
    a, b = pairs[:, 0], pairs[:, 1]
    follower = (leader >= 0) & (leader != np.arange(count))
    deferred = (contained >= min_containment) & follower[a] & follower[b]
    return FamilyPlan(leader, deferred)
