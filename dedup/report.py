"""What each cluster's copies share and what each adds, ready for any renderer.

Shared sentences are found by aligning every member with the cluster's canonical
document (the relation each member was admitted by), plus sentences two or more
members carry word for word that the canonical lacks.  A matched pair is shown as
one shared sentence only from ``Thresholds.shared_sentence`` up: weaker matches
count as evidence of rewording, but "the same sentence" should mean it.  Lines
that recur across documents of several unrelated clusters are site boilerplate:
they are labelled as such, never counted as shared.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .align import Alignment, align, aligned_with_itself
from .analysis import ShownSentences
from .cluster import Cluster
from .parallel import forked_map

if TYPE_CHECKING:
    from .pipeline import Corpus
    from .verify import Link, PairScores

__all__ = [
    "ClusterReport",
    "LinkReport",
    "MemberReport",
    "SentenceRef",
    "SharedSentence",
    "build_reports",
    "cluster_id",
]


@dataclass(frozen=True, slots=True)
class SentenceRef:
    document: str
    index: int
    text: str
    similarity: float = 1.0


@dataclass(frozen=True, slots=True)
class SharedSentence:
    text: str
    documents: tuple[str, ...]
    variants: tuple[SentenceRef, ...]  # the same sentence in other words, per document


@dataclass(frozen=True, slots=True)
class MemberReport:
    id: str
    title: str | None
    path: str
    line: int | None
    published: str | None  # ISO 8601, when the scan read dates (--within-days)
    language: str | None  # the language its words were judged in, where they show one (dedup.languages)
    key: str  # content address of the normalized text (survives renames)
    role: str  # "canonical" or "member"
    relation: str | None  # to the canonical; None for the canonical itself
    score: float | None
    reason: str | None
    words: int
    sentences: int
    unique: tuple[SentenceRef, ...]
    boilerplate: tuple[SentenceRef, ...]


@dataclass(frozen=True, slots=True)
class LinkReport:
    a: str
    b: str
    relation: str
    score: float
    reason: str
    scores: dict[str, float | int]


@dataclass(frozen=True, slots=True)
class ClusterReport:
    id: str
    canonical: str
    relation: str  # the loosest relation that holds the cluster together
    documents: tuple[MemberReport, ...]
    shared: tuple[SharedSentence, ...]
    links: tuple[LinkReport, ...]


def cluster_id(member_keys: list[str]) -> str:
    """Content-derived: the same copies give the same id, whatever else is in the corpus."""
    digest = hashlib.blake2b("\n".join(sorted(member_keys)).encode(), digest_size=6).hexdigest()
    return f"c-{digest}"


def _build_one(corpus: Corpus, cluster: Cluster, boilerplate: frozenset[int]) -> ClusterReport:
    docs = corpus.documents
    threshold = corpus.settings.thresholds.sentence
    shown = corpus.settings.thresholds.shared_sentence  # weaker matches are evidence, not the same sentence
    hub = cluster.canonical
    # Members whose text is the canonical's, character for character (a dataset's exact duplicates), read as
    # it reads: one analysis and one alignment for all of them, not one each.
    twins = {i for i in cluster.members if i != hub and corpus.texts[i] == corpus.texts[hub]}
    oriented = [link.from_side(hub) for link in cluster.links]  # the canonical as a, each member as b
    # A canonical aligned here with none but its twins needs its sentences as shown, not what aligning them takes.
    hs = corpus.shown(hub, analysed=any(link.alignment is None and link.b not in twins for link in oriented))

    def view_of(i: int) -> ShownSentences:
        return hs if i == hub or i in twins else corpus.shown(i)

    is_boiler = {i: [h in boilerplate for h in view_of(i).line_hashes] for i in cluster.members}
    matched_to_hub: dict[int, list[tuple[int, int, float]]] = defaultdict(list)  # hub sentence -> (doc, idx, sim)
    used: dict[int, set[int]] = {i: set() for i in cluster.members}
    with_itself: Alignment | None = None
    for link in oriented:
        member = link.b
        # Verification aligned the pair already, either way round (greedy matching takes the best score first and
        # breaks ties by position, which conflicting pairs of sentences share on one side: the same matches).
        alignment = link.alignment
        if alignment is None and member in twins:
            if with_itself is None:
                with_itself = aligned_with_itself(hs)
            alignment = with_itself
        elif alignment is None:
            alignment = align(corpus.sentences(hub), corpus.sentences(member), threshold)
        for m in alignment.matches:
            if m.score < shown or is_boiler[hub][m.a] or is_boiler[member][m.b]:
                continue
            matched_to_hub[m.a].append((member, m.b, m.score))
            used[hub].add(m.a)
            used[member].add(m.b)

    shared: list[SharedSentence] = []
    for i in sorted(matched_to_hub):
        holders = matched_to_hub[i]
        variants = tuple(
            SentenceRef(docs[d].id, k, view_of(d).text[k], round(sim, 4))
            for d, k, sim in sorted(holders)
            if view_of(d).keys[k] != hs.keys[i]
        )
        ids = (docs[hub].id, *(docs[d].id for d, _, _ in sorted(holders)))
        shared.append(SharedSentence(hs.text[i], ids, variants))

    # Sentences several members carry word for word but the canonical lacks.
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for member in cluster.members[1:]:
        ms = view_of(member)
        for k, key in enumerate(ms.keys):
            if k not in used[member] and not is_boiler[member][k]:
                by_key[key].append((member, k))
    for key in sorted(by_key, key=lambda key: by_key[key][0]):
        carriers = sorted({d: k for d, k in by_key[key]}.items())
        if len(carriers) < 2:
            continue
        first_doc, first_idx = carriers[0]
        shared.append(SharedSentence(view_of(first_doc).text[first_idx],
                                     tuple(docs[d].id for d, _ in carriers), ()))
        for d, k in carriers:
            used[d].add(k)

    link_for = {lk.b: lk for lk in oriented}
    members: list[MemberReport] = []
    for i in cluster.members:
        s = view_of(i)
        to_hub = link_for.get(i)
        published = docs[i].published
        members.append(MemberReport(
            id=docs[i].id, title=docs[i].title, path=docs[i].path, line=docs[i].line,
            published=published.isoformat() if published else None, language=corpus.languages[i],
            key=corpus.profiles[i].key, role="canonical" if i == hub else "member",
            relation=to_hub.relation.label if to_hub and to_hub.relation is not None else None,
            score=to_hub.score if to_hub else None,
            reason=to_hub.reason if to_hub else None,
            words=s.total_words, sentences=len(s.text),
            unique=tuple(SentenceRef(docs[i].id, k, t) for k, t in enumerate(s.text)
                         if k not in used[i] and not is_boiler[i][k]),
            boilerplate=tuple(SentenceRef(docs[i].id, k, t) for k, t in enumerate(s.text) if is_boiler[i][k]),
        ))
    as_dicts: dict[PairScores, dict[str, float | int]] = {}  # the canonical's twins bring it the same scores

    def scores_of(link: Link) -> dict[str, float | int]:
        if link.scores not in as_dicts:
            as_dicts[link.scores] = link.scores.as_dict()
        return dict(as_dicts[link.scores])

    links = tuple(
        LinkReport(docs[hub].id, docs[m].id, lk.relation.label if lk.relation is not None else "none",
                   lk.score, lk.reason, scores_of(lk))
        for m, lk in sorted(link_for.items())
    )
    loosest = max(lk.relation for lk in cluster.links if lk.relation is not None)
    return ClusterReport(
        id=cluster_id([corpus.profiles[i].key for i in cluster.members]),
        canonical=docs[hub].id,
        relation=loosest.label,
        documents=tuple(members),
        shared=tuple(shared),
        links=links,
    )


#: Documents in clusters at which building the reports in processes pays: most of the work is analysing the
#: sentences of members never aligned (copies left waiting in families, pages read without their site lines).
_PARALLEL_MIN_MEMBERS = 1000


def build_reports(corpus: Corpus, clusters: list[Cluster], boilerplate: frozenset[int]) -> list[ClusterReport]:
    """One report per cluster, largest first, then by id: a stable order; lines in ``boilerplate`` are
    labelled as such, never shared (``boilerplate.boilerplate_lines``)."""
    members = sum(len(c.members) for c in clusters)
    workers = corpus.settings.processes if members >= _PARALLEL_MIN_MEMBERS else 1
    parts: list[list[Cluster]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for cluster in sorted(clusters, key=lambda c: -len(c.members)):  # the largest first, each to the least loaded
        least = loads.index(min(loads))
        parts[least].append(cluster)
        loads[least] += len(cluster.members)
    reports = [r for part in forked_map(lambda part: [_build_one(corpus, c, boilerplate) for c in part], parts)
               for r in part]
    return sorted(reports, key=lambda r: (-len(r.documents), r.id))
