"""The fast paths must give exactly what the straightforward computations give."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import os
import random
import subprocess
import sys
import time
from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup import Document, Relation, ScanSettings, pipeline, report, scan_documents
from dedup import align as align_module
from dedup.align import _best_per_row, _similar_pairs, align
from dedup.analysis import TermWeights, profiles
from dedup import arrays, features
from dedup.arrays import lowest_linked, rowwise_dot, unique_sorted, unique_with_inverse
from dedup.background import Background
from dedup.compare import compare_documents
from dedup.families import plan_families
from dedup.fingerprint import Fingerprinter
from dedup.jsonout import dumps, result_dict
from dedup.normalize import STOPWORDS, fold_lines, tokens
from dedup.parallel import forked_map
from dedup.segment import logical_lines
from dedup.terms import TermMatrix

from .conftest import SAMPLES
from .test_verify import ISSUERS, bond_notice

SAMPLE_DOCS = [Document(p.name, p.read_text(encoding="utf-8"), path=p.name) for p in sorted(SAMPLES.iterdir())]


def edited_copies(rng: random.Random) -> list[Document]:
    """Copies of the samples with dropped, swapped and re-cased lines: many candidate pairs."""
    docs = []
    for n in range(6):
        for d in SAMPLE_DOCS:
            lines = [line for line in d.text.splitlines() if rng.random() > 0.2]
            if len(lines) > 3 and rng.random() < 0.5:
                k = rng.randrange(len(lines) - 1)
                lines[k], lines[k + 1] = lines[k + 1], lines[k]
            docs.append(Document(f"{d.id}~{n}", "\n".join(lines)))
    return docs


def test_forked_parts_come_back_in_order():
    assert forked_map(lambda part: [x * 2 for x in part], [[1], [2, 3], [4]]) == [[2], [4, 6], [8]]
    assert forked_map(lambda part: os.getpid(), [0, 1])[1] == os.getpid()  # the last part runs here


def test_a_failure_in_a_forked_part_is_raised_here():
    def fail_first(part: int) -> int:
        if part == 0:
            raise ValueError("part 0 failed")
        return part

    with pytest.raises(ValueError, match="part 0 failed"):
        forked_map(fail_first, [0, 1])


def test_a_part_that_forks_again_runs_its_own_parts_in_its_child():
    """A child may not fork children of its own: a forked part's own parts run in it, one after another."""
    def inner(part: int) -> list[tuple[int, int]]:
        return forked_map(lambda x: (x, os.getpid()), [part, part + 1])

    first, last = forked_map(inner, [0, 10])
    assert [x for x, _ in first] == [0, 1] and [x for x, _ in last] == [10, 11]
    assert len({pid for _, pid in first}) == 1 and first[0][1] != os.getpid()  # both in the one child
    assert len({pid for _, pid in last}) == 2  # here, the parent forks as before


_ORPHANED = """
import multiprocessing, os, sys, time
from dedup.parallel import forked_map

def part(k):
    if k < 2:  # in the two children: {work}
        {child}
    print(*(c.pid for c in multiprocessing.active_children()), flush=True)
    os._exit(1)  # the parent dies without reading: killed by a CI job's timeout, say

forked_map(part, [0, 1, 2])
"""


@pytest.mark.parametrize("work, child", [
    ("its result, larger than a pipe holds, written after the parent died", "time.sleep(0.5); return b'x' * 2**21"),
    ("still at work when the parent dies", "time.sleep(60); return None")])
@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_children_do_not_outlive_a_parent_that_dies(work, child):
    """A child held its own pipe's read end, inherited at fork, so its write never failed: with the parent gone it
    waited forever, holding its copy of the corpus.  Now it exits, and on Linux it ends with its parent."""
    script = _ORPHANED.replace("{work}", work).replace("{child}", child)
    parent = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    children = [int(pid) for pid in parent.stdout.split()]
    assert len(children) == 2, parent.stderr
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in children):
        time.sleep(0.1)
    assert not [pid for pid in children if _running(pid)]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_parts_run_here_where_fork_is_unavailable(monkeypatch):
    monkeypatch.setattr("dedup.parallel.can_fork", lambda: False)
    assert forked_map(lambda part: os.getpid(), [0, 1]) == [os.getpid(), os.getpid()]


@pytest.mark.parametrize("block", [2, 10_000], ids=["blocks", "single-pairs"])
def test_parallel_scan_gives_the_serial_bytes(monkeypatch, block):
    docs = SAMPLE_DOCS + edited_copies(random.Random(4))
    serial = dumps(result_dict(scan_documents(docs, ScanSettings(workers=1))))
    monkeypatch.setattr(pipeline, "_PARALLEL_MIN_DOCS", 1)
    monkeypatch.setattr(pipeline, "_PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(pipeline, "_PARALLEL_MIN_ALIGNED", 1)
    monkeypatch.setattr(pipeline, "_VERIFY_BLOCK", block)
    monkeypatch.setattr(report, "_PARALLEL_MIN_MEMBERS", 1)  # cluster reports built in two processes
    parallel = dumps(result_dict(scan_documents(docs, ScanSettings(workers=2))))
    assert parallel == serial
    assert len(json.loads(serial)["clusters"]) >= 3


def test_the_pairs_of_a_few_documents_are_dealt_to_every_worker_by_their_cost():
    """A dozen long texts' pairs all fall in one block of first documents: dealt out one by one, the
    costliest first, each to the worker with the least work so far, rather than all to one worker."""
    pairs = np.array([(0, 1), (0, 2), (1, 2), (2, 3), (3, 4)])
    cost = np.array([9.0, 1.0, 1.0, 4.0, 4.0])
    parts = pipeline._in_parts(pairs, 2, lambda part: [tuple(p) for p in part.tolist()], cost)
    assert parts == [[(0, 1), (1, 2)], [(0, 2), (2, 3), (3, 4)]]  # 10 and 9
    assert pipeline._in_parts(pairs, 1, lambda part: len(part), cost) == [5]


def test_a_few_long_texts_are_aligned_in_every_worker(monkeypatch):
    """Under a hundred pairs to align, but long ones (three 6,000-word texts): the work is split all the same."""
    sizes: list[list[int]] = []

    def recording(function, parts):
        sizes.append([len(p) for p in parts])
        return [function(p) for p in parts]

    monkeypatch.setattr(pipeline, "forked_map", recording)
    long_text = "\n\n".join(d.text for d in SAMPLE_DOCS) * 4
    docs = [Document(f"long{k}", f"Edition {k}\n\n{long_text}\n\nPage {k}") for k in range(3)]
    assert min(len(d.text.split()) for d in docs) > 6000
    result = scan_documents(docs, ScanSettings(workers=2, level=Relation.COPY))
    assert [sorted(d.id for d in c.documents) for c in result.clusters] == [["long0", "long1", "long2"]]
    assert [1, 1] in sizes  # the two pairs aligned (a family's leader and its members), one in each worker


def wire_copies(rng: random.Random, count: int) -> list[Document]:
    """``count`` outlets' copies of the ferry report: site lines above and below, a tail cut, a word
    changed, and in a few the lead's figures changed (another vote: no copy of this one)."""
    source = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    paragraphs = source.split("\n\n")
    headers = ["Skip to main content", "Home > Island news", "Listen to this article", "ADVERTISEMENT"]
    footers = ["Share this article", "Most read", "Comments are closed.", "Sign up for our newsletter"]
    copies = []
    for n in range(count):
        body = paragraphs[: len(paragraphs) - rng.randrange(3)]
        k = rng.randrange(2, len(body))
        words = body[k].split(" ")
        words[rng.randrange(len(words))] = rng.choice(["the", "new", "local"])
        body[k] = " ".join(words)
        if n % 5 == 4:
            body[2] = body[2].replace("7-2", "5-4").replace("41 percent", "38 percent")
        text = "\n\n".join([rng.choice(headers), *body, *rng.sample(footers, 2)])
        copies.append(Document(f"outlet{n:02d}.txt", text))
    return copies


@pytest.mark.parametrize("level", [Relation.COPY, Relation.STORY])
def test_copy_families_give_the_clusters_of_verifying_every_pair(level):
    docs = SAMPLE_DOCS + wire_copies(random.Random(3), 16) + edited_copies(random.Random(4))
    every = scan_documents(docs, ScanSettings(level=level, workers=1, family_members=10**6))
    families = scan_documents(docs, ScanSettings(level=level, workers=1))
    assert result_dict(families)["clusters"] == result_dict(every)["clusters"]
    assert every.stats["family_pairs_not_aligned"] == 0
    assert families.stats["family_pairs_not_aligned"] >= 40
    assert families.stats["verified_links"] < every.stats["verified_links"] - 40
    ferry = [c for c in families.clusters if any(d.id == "outlet00.txt" for d in c.documents)]
    assert len(ferry) == 1 and len(ferry[0].documents) >= 12


def test_copies_that_each_copy_the_source_but_not_each_other_cluster_as_when_every_pair_is_verified():
    # Each copy changes one figure of the report: each is the source's copy, but two of them disagree
    # in the lead, so the pair left pending in their family would not verify.
    source = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    edits = {"a": [("18.4 million", "19.6 million")], "b": [("6,212 crossings", "5,980 crossings")],
             "c": [("41 percent", "44 percent")]}
    copies = [Document("source.txt", source)]
    for name, changes in edits.items():
        text = source
        for old, new in changes:
            text = text.replace(old, new)
        copies.append(Document(f"copy_{name}.txt", "Most read\n\n" + text))
    settings = ScanSettings(workers=1)
    assert compare_documents(copies[1], copies[3], settings, context=copies).relation is None
    assert all(compare_documents(copies[0], c, settings, context=copies).relation == "copy" for c in copies[1:])
    docs = SAMPLE_DOCS + copies
    for level in Relation:
        every = scan_documents(docs, ScanSettings(level=level, workers=1, family_members=10**6))
        families = scan_documents(docs, ScanSettings(level=level, workers=1))
        assert result_dict(families)["clusters"] == result_dict(every)["clusters"], level


def test_a_family_member_whose_leader_link_fails_is_verified_with_the_others():
    # Documents 0-4 contain one another; 5 shares little with 0.  Leader: the best-connected, then the first.
    pairs = np.array([(i, j) for i in range(5) for j in range(i + 1, 5)] + [(0, 5)])
    contained = np.array([0.9] * 10 + [0.3])
    plan = plan_families(np.full(6, 100), pairs, contained, min_containment=0.8, min_members=3)
    assert plan.leader.tolist() == [0, 0, 0, 0, 0, -1]
    deferred = pairs[plan.deferred]
    assert deferred.tolist() == [[1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]
    waits = plan.waits(deferred, np.array([(0, member) for member in (1, 2, 3)]))  # 0-4 did not verify
    assert deferred[~waits].tolist() == [[1, 4], [2, 4], [3, 4]]
    assert deferred[waits].tolist() == [[1, 2], [1, 3], [2, 3]]
    small = plan_families(np.full(6, 100), pairs, contained, min_containment=0.8, min_members=6)
    assert not small.deferred.any() and (small.leader == -1).all()


def test_pairs_across_two_families_wait_only_where_the_links_made_already_connect_them():
    # Two groups of four near-identical texts, {0-3} and {4-7}, and 3 contains 4: 3 leads 0, 1, 2 and 4,
    # 5 leads 6 and 7, and 4's pairs with 6 and 7 cross the two families.
    pairs = np.array([(i, j) for group in (range(4), range(4, 8)) for i in group for j in group if i < j] + [(3, 4)])
    plan = plan_families(np.full(8, 100), pairs, np.full(len(pairs), 0.9), min_containment=0.8, min_members=3)
    assert plan.leader.tolist() == [3, 3, 3, 3, 3, 5, 5, 5]
    deferred = pairs[plan.deferred]
    assert deferred.tolist() == [[0, 1], [0, 2], [1, 2], [4, 6], [4, 7], [6, 7]]
    leader_links = np.array([(0, 3), (1, 3), (2, 3), (3, 4), (5, 6), (5, 7)])
    waits = plan.waits(deferred, leader_links)  # 4 and 5 not linked: the families stay apart
    assert deferred[~waits].tolist() == [[4, 6], [4, 7]]
    assert deferred[waits].tolist() == [[0, 1], [0, 2], [1, 2], [6, 7]]
    assert plan.waits(deferred, np.concatenate([leader_links, [(4, 5)]])).all()


def test_screen_never_drops_a_pair_that_verifies():
    """Every pair with a relation up to the level passes the cheap screen (no false skips)."""
    rng = random.Random(9)
    templates = [Document(f"bond{i}", bond_notice(issuer, rng)) for i, issuer in enumerate(ISSUERS)]
    docs = sorted(SAMPLE_DOCS + edited_copies(rng) + templates, key=lambda d: d.id)
    lead_stopped = 0
    # Too large to compare every pair (all_pairs_up_to=0), a corpus finds its frame without near-copies counted
    # once (dedup.near_copies): the samples' seven versions make their names frame words, as in a big crawl.
    for level, every_pair in itertools.product((Relation.COPY, Relation.REWRITE, Relation.STORY), (50_000, 0)):
        corpus = pipeline.Corpus.build(docs, ScanSettings(level=level, workers=1, all_pairs_up_to=every_pair))
        verifier = corpus.verifier()
        pairs = np.array([(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))])
        passed = verifier._worth_aligning(corpus.features.scores(pairs), level)
        upper = verifier._worth_aligning(corpus.features.scores(pairs, cosines=False), level)
        assert not (passed & ~upper).any()  # the cosine-free screen is an upper bound
        joined = 0
        for (i, j), ok in zip(pairs.tolist(), passed.tolist()):
            link = verifier.verify(i, j, level=level, full=True)
            if link.relation is not None and link.relation <= level and link.relation is not Relation.EXACT:
                joined += 1
                assert ok, (docs[i].id, docs[j].id, link.reason)
            if link.relation is None and "names and figures in the lead" in link.reason:
                # The guard needs no alignment (screened), unless most 3-grams are shared (then the lead's names
                # are read again after it, allowing for garbled letters) or the pair may be a story (close TF-IDF
                # vectors and shared rare terms), which the guard does not stop.
                most = max(link.scores.containment_a, link.scores.containment_b) >= verifier._t.copy_containment
                story = level is Relation.STORY and bool(verifier._story_evidence(link.scores))
                lead_stopped += not (most or story)
                assert ok == (most or story), (docs[i].id, docs[j].id)
        assert joined > 10
    assert lead_stopped > 0


def test_the_screen_scores_each_kept_pair_as_scoring_it_at_once_and_as_its_link():
    """The screen completes the scores of the pairs it keeps rather than scoring them again, and hands on
    the score each would have as a link (pairs left pending carry it): both as if measured afresh."""
    rng = random.Random(5)
    docs = sorted(SAMPLE_DOCS + wire_copies(rng, 8) + edited_copies(rng), key=lambda d: d.id)
    corpus = pipeline.Corpus.build(docs, ScanSettings(workers=1))
    verifier = corpus.verifier()
    pairs = np.array([(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))])
    at_once = corpus.features.scores(pairs)
    completed = corpus.features.with_cosines(pairs, corpus.features.scores(pairs, cosines=False))
    for field in dataclasses.fields(at_once):
        np.testing.assert_array_equal(getattr(completed, field.name), getattr(at_once, field.name), field.name)
    kept, contained, likeness = verifier.screen(pairs, level=Relation.STORY)
    assert 30 < len(kept) < len(pairs)
    for (i, j), share, score in zip(kept.tolist(), contained.tolist(), likeness.tolist()):
        link = verifier.verify(i, j, level=Relation.STORY, full=True)
        assert round(score, 4) == link.score, (docs[i].id, docs[j].id)
        assert share == max(link.scores.containment_a, link.scores.containment_b)


def plain_term_counts(text: str) -> dict[str, int]:
    words = tokens(" ".join(fold_lines(logical_lines(text))))
    return dict(Counter(w for w in words if len(w) > 1 and w not in STOPWORDS))


def test_term_matrix_tfidf_and_top_terms_match_the_plain_computation():
    texts = [d.text for d in SAMPLE_DOCS]
    terms = TermMatrix.build([profiles(texts, Fingerprinter(), ScanSettings().boilerplate_words)[1]])
    counts = [plain_term_counts(t) for t in texts]
    df = terms.document_frequencies(np.arange(len(texts)))
    assert df == dict(Counter(t for c in counts for t in c))
    weights = TermWeights.learn(df, len(texts), Background.load())
    idf = terms.idf(weights)
    tfidf = terms.tfidf(idf).toarray()
    column = {t: k for k, t in enumerate(terms.terms)}
    indptr, top = terms.top_terms(idf, 40)
    for row, term_counts in enumerate(counts):
        plain = {t: (1.0 + math.log(c)) * weights.weight(t) for t, c in term_counts.items()}
        norm = math.sqrt(sum(v * v for v in plain.values()))
        for t, v in plain.items():
            assert tfidf[row, column[t]] == pytest.approx(v / norm, rel=1e-12)
        assert np.count_nonzero(tfidf[row]) == len(plain)
        best = sorted(plain.items(), key=lambda kv: (-kv[1], kv[0]))[:40]
        assert [terms.terms[k] for k in top[indptr[row] : indptr[row + 1]]] == [t for t, _ in best]


def test_term_counts_made_in_runs_merge_into_the_one_pass_matrix():
    texts = [d.text for d in SAMPLE_DOCS + edited_copies(random.Random(2))]
    fingerprinter, short = Fingerprinter(), ScanSettings().boilerplate_words
    whole = TermMatrix.build([profiles(texts, fingerprinter, short)[1]])
    runs = TermMatrix.build([profiles(texts[i : i + 5], fingerprinter, short)[1] for i in range(0, len(texts), 5)])
    assert runs.terms == whole.terms
    assert (runs.counts != whole.counts).nnz == 0 and (runs.lead != whole.lead).nnz == 0
    assert whole.counts.shape == (len(texts), len(whole.terms))


def test_the_garbage_collector_is_back_on_after_a_scan_however_it_ends():
    import gc

    from dedup import NoInputError, scan

    assert gc.isenabled()
    scan_documents(SAMPLE_DOCS, ScanSettings(workers=1))
    assert gc.isenabled()
    with pytest.raises(NoInputError):
        scan(["no-such-folder-here"], ScanSettings(workers=1))
    assert gc.isenabled()
    gc.disable()
    try:
        scan_documents(SAMPLE_DOCS, ScanSettings(workers=1))
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


@given(st.lists(st.integers(0, 2**63 - 1), max_size=200))
def test_sorting_unique_helpers_equal_numpy_unique(values):
    array = np.array(values, dtype=np.int64)
    np.testing.assert_array_equal(unique_sorted(array), np.unique(array))
    distinct, inverse = unique_with_inverse(array)
    expected, expected_inverse = np.unique(array, return_inverse=True)
    np.testing.assert_array_equal(distinct, expected)
    np.testing.assert_array_equal(inverse, expected_inverse.ravel())


@settings(deadline=None)  # a check of answers, not of speed: a loaded machine must not fail it
@given(st.integers(0, 40).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))),
                         max_size=3 * n if n else 0))))
def test_linked_groups_are_scipys_connected_components(count_and_pairs):
    """Near-copy families and the pairs that wait for a family's links are found by ``lowest_linked``: each
    item's group named by its lowest member, as scipy's graph module finds them."""
    count, links = count_and_pairs
    pairs = np.array(links, dtype=np.int64).reshape(-1, 2)
    expected = np.arange(count)
    if count:
        graph = sparse.csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(count, count))
        _, component = connected_components(graph, directed=False)
        lowest = {c: i for i, c in reversed(list(enumerate(component.tolist())))}
        expected = np.array([lowest[c] for c in component.tolist()], dtype=np.int64)
    np.testing.assert_array_equal(lowest_linked(count, pairs), expected)


def test_a_long_chain_is_one_group():
    for chain in (np.arange(10_000), np.arange(10_000)[::-1], np.random.default_rng(5).permutation(10_000)):
        pairs = np.stack([chain[:-1], chain[1:]], axis=1)
        assert (lowest_linked(10_000, pairs) == 0).all()


def test_a_json_scan_leaves_out_the_modules_it_does_not_use():
    """scipy's graph module (which pulls in scipy.linalg) and rich each cost a scan about a tenth of a second to
    import.  A scan whose output is JSON and whose stderr is no terminal draws nothing, and needs none of them
    (scipy.sparse itself imported the first two before scipy 1.11: what it imports is left out of the count)."""
    code = """import sys
import scipy.sparse
before = set(sys.modules)
from dedup.cli import main
sys.argv = ["dedup", "scan", sys.argv[1], "--format", "json"]
try:
    main()
except SystemExit:
    pass
unused = ("scipy.sparse.csgraph", "scipy.linalg", "scipy.sparse.linalg", "rich")
print(sorted(m for m in sys.modules if m.startswith(unused) and m not in before), file=sys.stderr)
"""
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLES)], capture_output=True, text=True, check=True,
                          stdin=subprocess.DEVNULL)
    assert json.loads(done.stdout)["stats"]["clusters"] == 2
    assert done.stderr.strip().splitlines()[-1] == "[]"


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_few_pairs_score_to_the_bit_as_in_a_batch(seed):
    """One pair verified alone (multiplied row by row) scores exactly as among many (scipy's products):
    a verdict never depends on how many pairs were scored with it."""
    rng = np.random.default_rng(seed)
    matrix = sparse.random(30, 60, density=0.3, format="csr", random_state=rng, dtype=np.float64)
    matrix.data = rng.random(matrix.nnz) * 10.0 ** rng.integers(-3, 3, matrix.nnz)  # sums that round
    matrix.sort_indices()
    left, right = rng.integers(0, 30, 40), rng.integers(0, 30, 40)
    batch = rowwise_dot(matrix, left, right)
    assert len(left) > arrays._FEW_PAIRS
    alone = np.concatenate([rowwise_dot(matrix, left[k : k + 1], right[k : k + 1]) for k in range(len(left))])
    np.testing.assert_array_equal(alone, batch)
    np.testing.assert_allclose(batch, [matrix[i].multiply(matrix[j]).sum() for i, j in zip(left, right)])


@given(st.lists(st.sets(st.integers(min_value=0, max_value=40), max_size=8), min_size=1, max_size=8),
       st.lists(st.integers(min_value=0, max_value=7), max_size=12))
def test_shared_shingles_are_the_full_shingle_matrix_cut_to_shared_columns(texts, given):
    """The shingle rows are built from the shared shingles alone: the same matrix as building every shingle's
    column and dropping those one document holds (empty documents included).  Documents giving the same text
    share its profile, as a scan makes them, and a shingle two of them hold is shared even when no other text
    has it."""
    documents = [texts[k % len(texts)] for k in given]
    number: dict[frozenset[int], int] = {}
    which = np.array([number.setdefault(frozenset(d), len(number)) for d in documents], dtype=np.int64)
    profile = {k: SimpleNamespace(shingles=np.array(sorted(d), dtype=np.uint32)) for d, k in number.items()}
    profiles = [profile[k] for k in which.tolist()]
    got = features._shared_shingles(profiles, which)
    every = sorted(set().union(*documents))
    full = sparse.csr_matrix(([1.0] * sum(map(len, documents)),
                              [every.index(h) for d in profiles for h in d.shingles.tolist()],
                              np.r_[0, np.cumsum([len(d) for d in documents])]),
                             shape=(len(documents), max(len(every), 1)))
    expected = features._shared(full)
    assert got.shape == expected.shape
    np.testing.assert_array_equal(got.indptr, expected.indptr)
    np.testing.assert_array_equal(got.indices, expected.indices)
    np.testing.assert_array_equal(got.data, expected.data)


def test_a_machine_without_fork_scans_in_one_process(monkeypatch):
    docs = SAMPLE_DOCS + edited_copies(random.Random(4))
    expected = dumps(result_dict(scan_documents(docs, ScanSettings(workers=1))))
    monkeypatch.setattr(pipeline, "_PARALLEL_MIN_DOCS", 1)
    monkeypatch.setattr(pipeline, "_PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(pipeline, "_PARALLEL_MIN_ALIGNED", 1)
    monkeypatch.setattr(report, "_PARALLEL_MIN_MEMBERS", 1)
    monkeypatch.setattr("dedup.parallel.can_fork", lambda: False)
    monkeypatch.setattr("dedup.parallel.multiprocessing", None)  # any fork would fail
    assert dumps(result_dict(scan_documents(docs, ScanSettings(workers=2)))) == expected


def test_a_result_that_cannot_travel_back_is_reported_not_lost():
    with pytest.raises(RuntimeError, match="could not be sent back"):
        forked_map(lambda part: (lambda: part), [0, 1])  # a lambda cannot be pickled
    # A list travels an item a message (the parent never holds one pickle of a whole part): one item that
    # cannot travel, after others that could, is reported too, not taken for an item.
    with pytest.raises(RuntimeError, match="could not be sent back"):
        forked_map(lambda part: [part, part + 1, lambda: part], [0, 1])
    assert forked_map(lambda part: [part] * 3, [0, 1, 2]) == [[0, 0, 0], [1, 1, 1], [2, 2, 2]]
    assert forked_map(lambda part: [], [0, 1]) == [[], []]


def table(rows: int) -> str:
    rng = random.Random(rows)
    return "Discount note rates as follows:\n" + "\n".join(
        f"  {i}-{i + 5} days  {rng.random() * 10:.2f} pct  {rng.random() * 10:.2f} pct   {i}-{i + 9} days"
        for i in range(rows))


def test_alignment_in_blocks_is_alignment_in_one_block(monkeypatch):
    docs = [SAMPLE_DOCS[0], SAMPLE_DOCS[1], Document("t1", table(300)), Document("t2", table(300) + "\nShare this")]
    corpus = pipeline.Corpus.build(docs, ScanSettings(workers=1))
    whole = [align(corpus.sentences(i), corpus.sentences(i + 1), 0.5) for i in (0, 2)]
    monkeypatch.setattr("dedup.align._BLOCK_CELLS", 7)
    assert [align(corpus.sentences(i), corpus.sentences(i + 1), 0.5) for i in (0, 2)] == whole


def test_long_self_similar_tables_align_row_by_row_in_bounded_work():
    """Every row of a long table resembles every other; each keeps its best counterparts only."""
    docs = [Document("t1", table(600)), Document("t2", table(600) + "\nShare this article")]
    corpus = pipeline.Corpus.build(docs, ScanSettings(workers=1))
    a, b = corpus.sentences(0), corpus.sentences(1)
    rows, _, _ = _similar_pairs(a, b, 0.5)
    assert len(rows) <= 32 * len(a.keys) < len(a.keys) * len(b.keys) // 10
    matches = align(a, b, 0.5).matches
    assert len(matches) == len(a.keys) and all(m.a == m.b and m.score == 1.0 for m in matches)


def test_long_texts_pair_identical_sentences_first_and_align_as_scoring_every_pair(monkeypatch):
    """A book and its copy: scored pair by pair, or identical sentences paired first and only the rest scored."""
    rng = random.Random(5)
    paragraphs = [p for d in SAMPLE_DOCS for p in d.text.split("\n\n") if p.strip()] * 3  # sentences recur
    copy = []
    for p in paragraphs:
        if rng.random() < 0.1:
            continue  # dropped
        words = p.split(" ")
        if rng.random() < 0.2:
            words[rng.randrange(len(words))] = "changed"
        copy.append(" ".join(words))
    copy[5:15] = reversed(copy[5:15])
    corpus = pipeline.Corpus.build([Document("book", "\n\n".join(paragraphs)), Document("copy", "\n\n".join(copy))],
                                   ScanSettings(workers=1))
    a, b = corpus.sentences(0), corpus.sentences(1)
    every_pair = align(a, b, 0.5)
    scored: list[int] = []
    original = align_module._scored_pairs

    def counting(x, y, threshold):
        scored.append(len(x.keys) * len(y.keys))
        return original(x, y, threshold)

    monkeypatch.setattr(align_module, "_scored_pairs", counting)
    monkeypatch.setattr(align_module, "_LONG_PAIR_CELLS", 1)
    assert align(a, b, 0.5) == every_pair
    assert scored and scored[0] < len(a.keys) * len(b.keys) // 20


def test_a_giant_token_is_compared_by_its_ends_and_its_copy_still_found(monkeypatch):
    """A base64 attachment pasted as text is one 'word' the segmenter cannot cut; the character similarity of two
    such pieces costs the product of their lengths (two 500 KB pieces: 4.7 s, two of 8 MB: about twenty
    minutes).  A piece past 4,096 characters is compared by its two ends; the copy is found as before."""
    import base64

    rng = random.Random(4)
    blob = base64.b64encode(rng.randbytes(150_000)).decode()
    edited = blob[:1000] + ("A" if blob[1000] != "A" else "B") + blob[1001:]
    texts = [f"Attachment follows.\n\n{blob}\n", f"Attachment follows.\n\n{edited}\n"]
    longest: list[int] = []
    original = align_module.cdist

    def measuring(queries, choices, **kwargs):
        longest.append(max(len(text) for text in (*queries, *choices)))
        return original(queries, choices, **kwargs)

    monkeypatch.setattr(align_module, "cdist", measuring)
    result = scan_documents([Document(f"d{k}", text) for k, text in enumerate(texts)], ScanSettings(workers=1))
    assert [(c.relation, len(c.documents)) for c in result.clusters] == [("copy", 2)]
    assert longest and max(longest) <= 4096 < len(blob)


@given(st.integers(min_value=1, max_value=6), st.integers(min_value=0, max_value=2**32 - 1))
def test_best_per_row_keeps_each_rows_best_entries_ties_by_column(count, seed):
    rng = np.random.default_rng(seed)
    sim = rng.choice([0.2, 0.5, 0.6, 0.6, 0.9, 1.0], size=(5, 9))  # many ties
    kept = sim >= 0.5
    expected = np.zeros_like(kept)
    for i in range(sim.shape[0]):
        best = sorted((j for j in range(sim.shape[1]) if kept[i, j]), key=lambda j: (-sim[i, j], j))[:count]
        expected[i, best] = True
    assert (_best_per_row(sim, kept, count) == expected).all()


def test_the_collector_is_paused_only_for_the_block_and_restored_however_it_ends():
    import gc

    from dedup.collector import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("a scan fails midway")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_a_line_cut_into_many_sentences_is_hashed_once(monkeypatch):
    """A text that never ends a sentence is one line, cut into thousands of pieces; each piece once hashed the whole
    line again (two 6.6 MB such texts: 70 s, 18 s with each line hashed once; the same JSON)."""
    from dedup import analysis

    hashed: list[int] = []
    real = analysis.line_hash
    monkeypatch.setattr(analysis, "line_hash", lambda line: hashed.append(len(line)) or real(line))
    words = ("harbour council ferry timetable vote costs routes island " * 2000).split()
    parts = analysis.sentences(" ".join(words), Fingerprinter(), TermWeights.learn({}, 1, Background.empty()))
    assert len(parts.keys) > 10 and len(set(parts.lines)) == 1
    assert len(hashed) == 1 and len(set(parts.line_hashes)) == 1


def repeated_lines(times: int) -> str:
    """A weekly notice whose table repeats one line ``times`` times."""
    return "Harbour notice\n\n" + "\n".join(["No sailings on this route."] * times) + "\nTimes are local.\n"


def test_identical_copies_of_a_text_that_repeats_a_line_share_every_sentence():
    """Two copies of a text with a line repeated past the cut of each sentence's candidate matches (32): every
    occurrence meets its own in the other copy, whether the copies are identical character for character or only
    once normalized; before, 28 of each copy's 62 sentences were listed as its own."""
    text = repeated_lines(60)
    docs = [Document("a.txt", text), Document("b.txt", text), Document("c.txt", text.replace("local", "local "))]
    [cluster] = scan_documents(docs, ScanSettings(workers=1)).clusters
    assert [d.relation for d in cluster.documents] == [None, "exact", "exact"]
    assert all(d.unique == () for d in cluster.documents)
    assert sum(len(s.documents) == 3 for s in cluster.shared) == 62


@pytest.mark.parametrize("text", [SAMPLE_DOCS[0].text, SAMPLE_DOCS[2].text, table(120), repeated_lines(60)])
def test_a_text_aligned_with_itself_is_each_sentence_with_itself(text):
    """What the report takes for a canonical's twins, without scoring every pair: what aligning them finds."""
    corpus = pipeline.Corpus.build([Document("a", text)], ScanSettings(workers=1))
    s = corpus.sentences(0)
    assert align_module.aligned_with_itself(s) == align(s, s, ScanSettings().thresholds.sentence)


def test_a_text_given_many_times_is_profiled_once_and_clusters_as_before(monkeypatch):
    """A crawl's exact duplicates: each distinct text is fingerprinted and counted once, its documents share the
    result, and the scan's output is that of profiling every document."""
    docs = SAMPLE_DOCS + [dataclasses.replace(d, id=f"{d.id}~copy{n}") for n in range(3) for d in SAMPLE_DOCS]
    profiled: list[int] = []

    def counting(texts, *args, **kwargs):
        profiled.append(len(texts))
        return profiles(texts, *args, **kwargs)

    monkeypatch.setattr(pipeline, "profiles", counting)
    once = dumps(result_dict(scan_documents(docs, ScanSettings(workers=1))))
    assert sum(profiled) == len({pipeline.document_body(d) for d in SAMPLE_DOCS}) < len(docs)
    monkeypatch.setattr(pipeline, "_distinct", lambda texts: (texts, np.arange(len(texts))))
    assert dumps(result_dict(scan_documents(docs, ScanSettings(workers=1)))) == once
