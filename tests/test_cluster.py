"""Star clustering (dedup.cluster) on link graphs written out by hand."""

from __future__ import annotations

from dedup.cluster import star_clusters
from dedup.verify import Link, PairScores, Relation

SCORES = PairScores(jaccard=0.5, containment_a=0.8, containment_b=0.8, cosine=0.7, lead_cosine=0.7, rare_terms=3,
                    count_cosine=0.7)


def link(a: int, b: int, relation: Relation = Relation.COPY) -> Link:
    return Link(min(a, b), max(a, b), relation, SCORES, relation.label)


def clusters_of(links: list[Link], holds: set[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Each star's members; ``verify(hub, j)`` holds for the pairs in ``holds`` (either order)."""
    def verify(hub: int, j: int) -> Link | None:
        return link(hub, j) if (hub, j) in holds or (j, hub) in holds else None

    return [c.members for c in star_clusters(links, tie_break=lambda i: 0.0, verify=verify)]


def test_a_second_hand_member_brings_its_exact_copies_into_the_star():
    # 0 is linked to 1, 2, 3; 4 only to 1 (LSH never paired it with 0) and verifies against 0 when asked;
    # 5 and 6 are exact copies of 4, linked to it alone.  All of 4's text belongs with it.
    links = [link(0, 1), link(0, 2), link(0, 3), link(1, 2), link(1, 4),
             link(4, 5, Relation.EXACT), link(4, 6, Relation.EXACT)]
    assert clusters_of(links, holds={(0, 4), (0, 5), (0, 6)}) == [(0, 1, 2, 3, 4, 5, 6)]


def test_a_second_hand_neighbour_that_does_not_verify_against_the_canonical_stays_out():
    # A~B and B~C never silently make A~C: 4 fails against the hub and forms no star of its own with 1 taken;
    # its exact copies stay with it, and the three are a star of their own.
    links = [link(0, 1), link(0, 2), link(0, 3), link(1, 2), link(1, 4),
             link(4, 5, Relation.EXACT), link(4, 6, Relation.EXACT)]
    assert clusters_of(links, holds=set()) == [(0, 1, 2, 3), (4, 5, 6)]


def test_an_exact_copy_told_apart_from_the_canonical_does_not_join():
    # As --within-days can: 6 has 4's text but verification against the hub refuses it.
    links = [link(0, 1), link(0, 2), link(0, 3), link(1, 2), link(1, 4),
             link(4, 5, Relation.EXACT), link(4, 6, Relation.EXACT)]
    assert clusters_of(links, holds={(0, 4), (0, 5)}) == [(0, 1, 2, 3, 4, 5)]
