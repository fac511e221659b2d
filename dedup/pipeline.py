"""The scan, stage by stage: read -> normalize -> fingerprint -> index -> verify -> cluster -> report.

This module only wires the stages together; each stage lives in its own module.
Documents are processed in id order, so the result does not depend on the order
files were listed or found in.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import BinaryIO, TypeVar

import numpy as np

from .analysis import (Profile, Sentences, ShownSentences, TermWeights, document_body, profiles, sentences,
                       shown_sentences)
from .arrays import lowest_linked, unique_sorted, unique_with_inverse
from .background import Background
from .boilerplate import BoilerplateCheck, Reanalysed, boilerplate_lines, recurring_short_lines
from .cluster import Cluster, star_clusters
from .collector import collector_paused
from .columnar import Kept
from .errors import NoInputError
from .families import Waiting, plan_families
from .features import FeatureMatrices
from .fingerprint import Fingerprinter
from .index import BandIndex, decode_pairs, lsh_params, shared_term_pairs
from .languages import LanguageMarkers, languages_found
from .model import Document, Problem
from .near_copies import close_pairs, near_copy_pairs
from .parallel import forked_map
from .published import DateWindow, says_today, says_tomorrow
from .read import ReadResult, read_inputs, unique_ids
from .report import ClusterReport, build_reports
from .settings import ScanSettings
from .templates import opens_as_correction
from .terms import ChunkTerms, StemWeights, TermMatrix
from .verify import Link, Relation, Verifier

__all__ = ["Corpus", "ScanResult", "scan", "scan_documents"]

Progress = Callable[[str, int, int], None]
R = TypeVar("R")
_PARALLEL_MIN_DOCS = 500  # below this, forking costs about what it saves (measured on 1,000 files)
_PARALLEL_MIN_PAIRS = 3000  # candidates to screen
_PARALLEL_MIN_ALIGNED = 100  # screened pairs to align (each about a millisecond)
_PARALLEL_MIN_WORK = _PARALLEL_MIN_ALIGNED * 500 * 500  # ... or their words' products: as many 500-word pairs
_VERIFY_STEP = 4096
_ALIGN_STEP = 512
_VERIFY_BLOCK = 64
_CHUNK_DOCS = 256
_RARE_PSEUDO_DF = 2.0  # in at most ~0.2% of ordinary English documents
#: In a corpus too large to compare every pair, near-copies are read on names in at most this many texts: a name in
#: n texts makes n(n-1)/2 pairs to count.  Reuters-21578 (19,043 texts): 0.9 M pairs, 125 terms made rare (in at
#: most 3 texts once near-copies count once); with no bound 156 M pairs, 134 terms, ten times the time.
_NEAR_COPY_MOST_TEXTS = 50


@dataclass
class ScanResult:
    settings: ScanSettings
    documents: list[Document]
    problems: list[Problem]
    clusters: list[ClusterReport]
    stats: dict[str, int]
    #: The Parquet, Arrow and ORC files' tables, with ``ReadOptions.keep_tables`` (``ReadResult.tables``).
    tables: dict[str, Kept] = field(default_factory=dict)


def _reported_here(progress: Progress | None) -> Progress:
    """``progress`` as called from this process only: forked parts run side by side, and the
    part that stays here stands for all of them (a child must not draw on the terminal)."""
    parent = os.getpid()

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None and os.getpid() == parent:
            progress(stage, done, total)

    return report


def _profiles(texts: list[str], settings: ScanSettings, fingerprinter: Fingerprinter,
              progress: Progress | None, *, indexed: bool = True) -> tuple[list[Profile], list[ChunkTerms]]:
    """Profiles of all texts and their term counts, in runs of _CHUNK_DOCS, in processes if many.

    Runs are dealt out in turn to this process and forked workers, which see the texts
    as they are: only the profiles of the workers' runs travel back.
    """
    total = len(texts)
    chunks = [texts[i : i + _CHUNK_DOCS] for i in range(0, total, _CHUNK_DOCS)]
    workers = 1 if total < _PARALLEL_MIN_DOCS else min(settings.processes, max(len(chunks), 1))
    report = _reported_here(progress)

    def profile_runs(runs: list[list[str]]) -> list[tuple[list[Profile], ChunkTerms]]:
        made = []
        for run in runs:
            made.append(profiles(run, fingerprinter, settings.boilerplate_words, indexed=indexed))
            report("fingerprint", min(total, len(made) * workers * _CHUNK_DOCS), total)
        return made

    parts = forked_map(profile_runs, [chunks[k::workers] for k in range(workers)])
    out: list[Profile] = []
    terms: list[ChunkTerms] = []
    for n in range(len(chunks)):  # run n went to part n % workers
        made, counted = parts[n % workers][n // workers]
        out.extend(made)
        terms.append(counted)
    return out, terms


def _distinct(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct ``texts`` in order of first use, and which of them each text is."""
    index: dict[str, int] = {}
    which = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts))
    return list(index), which


@dataclass
class Corpus:
    """The analysed corpus: profiles for all, sentences on demand, corpus statistics."""

    documents: list[Document]
    settings: ScanSettings
    fingerprinter: Fingerprinter
    profiles: list[Profile]
    weights: TermWeights
    df: dict[str, int]
    #: ``df`` with a text's near-copies counted once where its language's frequencies are known: what "rare" is
    #: judged on, so that a report's reprints do not make its names common.
    rarity_df: dict[str, int]
    groups: dict[str, list[int]]  # exact key -> documents with that text
    texts: np.ndarray  # which distinct text (character for character) each document gives
    background: Background
    features: FeatureMatrices
    term_signatures: np.ndarray  # MinHash of each document's top TF-IDF terms, one row each
    stem_weights: StemWeights  # how the corpus weighs each word stem (the texts' own, or those of `statistics`)
    languages: list[str | None]  # each document's language, where its words show one (dedup.languages)
    markers: LanguageMarkers  # what tells them, loaded once and shared with the texts analysed again
    #: Short lines in several distinct texts (boilerplate.recurring_short_lines): a site's chrome, which two texts
    #: may share without sharing a word of their report.  Texts analysed again carry their corpus's.
    site_lines: frozenset[int]
    _sentences: dict[int, Sentences] = field(default_factory=dict)
    _shown: dict[int, ShownSentences] = field(default_factory=dict)  # of linked documents, for the report

    @classmethod
    def build(cls, documents: list[Document], settings: ScanSettings, progress: Progress | None = None, *,
              statistics: Corpus | None = None) -> Corpus:
        """The analysed corpus; with ``statistics``, term weights and rarity are that corpus's, not learned
        from ``documents`` (a few of its texts, analysed again in another form, weigh their terms alike)."""
        fingerprinter = Fingerprinter(settings.fingerprint)
        # A text given many times (a crawl's or a dataset's exact duplicates) is profiled once: its documents share
        # the profile and its row of term counts.
        texts, text_of = _distinct([document_body(d) for d in documents])
        made, chunk_terms = _profiles(texts, settings, fingerprinter, progress,
                                      indexed=statistics is None)  # texts analysed again propose no candidates
        profiles = [made[k] for k in text_of.tolist()]
        groups: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(profiles):
            groups[p.key].append(i)
        texts_terms = TermMatrix.build(chunk_terms)
        terms = texts_terms.with_rows(text_of)
        site_lines = (statistics.site_lines if statistics is not None
                      else recurring_short_lines(profiles, settings.boilerplate_clusters))
        markers = statistics.markers if statistics is not None else LanguageMarkers.load()
        text_languages = markers.of_texts(texts_terms.terms, texts_terms.counts)
        if statistics is not None:
            df, rarity_df = statistics.df, statistics.rarity_df
            background, weights = statistics.background, statistics.weights
            uncommon = _uncommon(terms, background)
        else:
            representatives = np.array([members[0] for members in groups.values()], dtype=np.int64)
            df = terms.document_frequencies(representatives)  # exact copies count once
            background = _background(settings, languages_found(text_languages))
            uncommon = _uncommon(terms, background)
            of_text = text_of[representatives].tolist()
            frame, rarity_df = _near_copies_once(terms, representatives, [texts[k] for k in of_text],
                                                 [text_languages[k] for k in of_text], background, settings,
                                                 uncommon, df)
            weights = TermWeights.learn(df, len(representatives), background, frame)
        idf = terms.idf(weights)
        if statistics is None:
            top_indptr, top_columns = texts_terms.top_terms(idf, settings.fingerprint.term_count)
            term_signatures = fingerprinter.signatures(top_indptr,
                                                       fingerprinter.token_hashes(terms.terms)[top_columns])[text_of]
        else:  # texts analysed again only verify pairs: they propose no candidates
            term_signatures = np.empty((len(profiles), 0), dtype=np.uint32)
        limit = settings.thresholds.rare_df

        def is_rare(term: str) -> bool:
            return rarity_df.get(term, 0) <= limit and term in uncommon

        def is_rare_word(term: str) -> bool:
            return not term.isdigit() and is_rare(term)

        def is_specific_name(term: str) -> bool:
            # Names and words only: figures have their own check (numbers_agree), and small
            # numbers ("12", "31") collide by chance between unrelated notices.
            return not term.isdigit() and term in weights.specific  # the corpus's own terms, judged once

        def is_fact(term: str) -> bool:
            # What a template changes from one instance to the next: names, and figures of two digits or more.
            return (term.isdigit() and len(term) >= 2) or is_specific_name(term)

        stems = fingerprinter.stem_hashes(terms.terms)
        # Texts analysed again (without their site lines) weigh "banks" as the whole corpus does, whichever
        # forms of the word they use: a pair's reading does not depend on what else is read with it.
        stem_weights = StemWeights.of(idf, stems)
        if statistics is not None:
            stem_weights = statistics.stem_weights.overriding(stem_weights)
        features = FeatureMatrices.build(
            profiles,
            text_of,
            tfidf=lambda: terms.tfidf(idf),
            count_tfidf=lambda: terms.stem_tfidf(stems, stem_weights),
            lead=lambda: terms.tfidf(idf, lead=True),
            rare=lambda: terms.present(is_rare),
            rare_words=lambda: terms.present(is_rare_word),
            specific=lambda: terms.present(is_specific_name),
            lead_facts=lambda: terms.present(is_fact, lead=True),
            present=terms.present,
        )
        return cls(documents, settings, fingerprinter, profiles, weights, df, rarity_df, dict(groups), text_of,
                   background, features, term_signatures, stem_weights, [text_languages[k] for k in text_of.tolist()],
                   markers, site_lines)

    @cached_property
    def word_counts(self) -> np.ndarray:
        """Each document's word count: what families are planned on and pairs' work is weighed by."""
        return np.array([p.word_count for p in self.profiles], dtype=np.int64)

    def sentences(self, i: int) -> Sentences:
        cached = self._sentences.get(i)
        if cached is None:
            cached = self._sentences[i] = sentences(
                document_body(self.documents[i]), self.fingerprinter, self.weights
            )
        return cached

    def shown(self, i: int, *, analysed: bool = True) -> ShownSentences:
        """What the report shows of document ``i``'s sentences: kept from verification, or analysed now (unless not
        ``analysed``: then only read into sentences, for a text the report aligns with none but itself)."""
        kept = self._shown.get(i) or self._sentences.get(i)
        if kept is not None:
            return kept
        return self.sentences(i) if analysed else shown_sentences(document_body(self.documents[i]))

    def keep_shown(self, documents: set[int]) -> dict[int, ShownSentences]:
        """Keep what the report shows of ``documents`` analysed so far and let go of every full analysis
        (the texts of every pair aligned: most of a large scan's memory); those shown are returned."""
        kept = {i: s.shown() for i, s in self._sentences.items() if i in documents}
        self._shown.update(kept)
        self._sentences.clear()
        return kept

    def forget_sentences(self) -> None:
        """Let go of every sentence analysis made or kept; any needed again is made again."""
        self._sentences.clear()
        self._shown.clear()

    def add_shown(self, shown: dict[int, ShownSentences]) -> None:
        """Keep what the report shows of sentences analysed elsewhere (a worker process)."""
        for i, value in shown.items():
            self._shown.setdefault(i, value)

    def drop_fingerprints(self) -> None:
        """Let go of the shingles and signatures once candidates are drawn: nothing is looked up by them again,
        and verification and the report never read them."""
        none = np.empty(0, dtype=np.uint32)
        for p in self.profiles:
            p.shingles = p.text_signature = p.lead_signature = none
        self.term_signatures = np.empty((len(self.profiles), 0), dtype=np.uint32)

    def drop_pair_evidence(self) -> None:
        """Let go of the feature matrices once the links are made: the report scores no pair."""
        self.features = FeatureMatrices.empty(len(self.profiles))

    def verifier(self) -> Verifier:
        published = [d.published for d in self.documents]
        within, rewrites = self.settings.within_days, self.settings.rewrites_within_days
        window = rewrite_window = None
        if any(p is not None for p in published) and (within is not None or rewrites is not None):
            bodies = [document_body(d) for d in self.documents]
            today = [says_today(body) for body in bodies]
            tomorrow = [says_tomorrow(body) for body in bodies]
            if within is not None:  # a correction is the report it corrects whenever it comes, so a copy of it
                window = DateWindow.of(published, within, exempt=[opens_as_correction(b) for b in bodies],
                                       today=today, tomorrow=tomorrow)
            if rewrites is not None:  # ... but no rewrite or write-up of a report a week away
                rewrite_window = DateWindow.of(published, rewrites, exempt=[False] * len(bodies), today=today,
                                               tomorrow=tomorrow)
        return Verifier(self.profiles, self.sentences, self.features, self.settings.thresholds, window=window,
                        common=self.weights.common, rewrite_window=rewrite_window, site_lines=self.site_lines)

    def boilerplate_check(self) -> BoilerplateCheck:
        """What reads pairs with the boilerplate both documents carry set aside (``boilerplate.py``)."""
        def analyse(stripped: list[Document]) -> Reanalysed:
            again = Corpus.build(stripped, self.settings, statistics=self)
            verifier = again.verifier()

            words = self.word_counts

            def verify_pairs(pairs: np.ndarray, documents: np.ndarray) -> tuple[list[Link], Waiting]:
                found = _verify_in_families(again, verifier, pairs, None, documents=documents, words=words)
                # Kept for the pending pairs, if any, but not the sentences analysed: the texts of every pair
                # aligned, when a pending pair that comes to matter needs its own two analysed again.  The
                # report shows the scan's own documents, not these versions.
                again.forget_sentences()
                return found

            return Reanalysed(verifier, again.word_counts.tolist(), verify_pairs)

        return BoilerplateCheck(self.documents, self.profiles, self.settings, analyse, self.site_lines)

    def candidates(self) -> np.ndarray:
        """Candidate pairs ``(i, j)``, ``i < j``, sorted, among distinct texts: from LSH and from the
        rare terms they share (every pair that could be a ``story``), or all of them when there are
        few (``settings.all_pairs_up_to``).

        Exact copies are grouped already, so only one document of each text is indexed.
        """
        reps = np.array(sorted(m[0] for m in self.groups.values() if self.profiles[m[0]].word_count > 0),
                        dtype=np.int64)
        if len(reps) < 2:
            return np.empty((0, 2), dtype=np.int64)
        if len(reps) * (len(reps) - 1) // 2 <= self.settings.all_pairs_up_to:
            first, second = np.triu_indices(len(reps), 1)
            return np.stack([reps[first], reps[second]], axis=1)
        num_perm = self.settings.fingerprint.num_perm
        codes = []
        for threshold, signatures in (
            (self.settings.text_lsh_threshold, np.vstack([self.profiles[i].text_signature for i in reps])),
            (self.settings.lead_lsh_threshold, np.vstack([self.profiles[i].lead_signature for i in reps])),
            (self.settings.term_lsh_threshold, self.term_signatures[reps]),
        ):
            bands, rows = lsh_params(threshold, num_perm)
            codes.append(BandIndex(bands, rows).pair_codes(signatures))
        codes.append(shared_term_pairs(self.features.rare[reps], self.settings.thresholds.story_rare_terms))
        return reps[decode_pairs(unique_sorted(np.concatenate(codes)), len(reps))]


def _background(settings: ScanSettings, languages: tuple[str, ...]) -> Background:
    """The word frequencies rarity is judged against: English's and those of the ``languages`` the texts are in."""
    if not settings.background:
        return Background.empty()
    return Background.load(languages=languages)


def _uncommon(terms: TermMatrix, background: Background) -> frozenset[str]:
    """The terms rare in their language (``_RARE_PSEUDO_DF``), judged once: rarity and near-copies both ask."""
    return frozenset(t for t in terms.terms if background.pseudo_df(t) <= _RARE_PSEUDO_DF)


def _near_copies_once(terms: TermMatrix, rows: np.ndarray, texts: list[str], languages: list[str | None],
                      background: Background, settings: ScanSettings, uncommon: frozenset[str],
                      df: dict[str, int]) -> tuple[tuple[dict[str, int], int] | None, dict[str, int]]:
    """Term frequencies among ``rows`` (their ``texts``, in ``languages``) with near-copies counted once
    (``dedup.near_copies``): for finding a template's frame, in a corpus small enough to compare every pair
    (else None), and for judging rarity, among texts in a language whose word frequencies are known (elsewhere
    the corpus's count, copies and all, is the only sign of a common word).

    Near-copies are read on the names rare in the language (``uncommon``); in a large corpus only on those in at most
    ``_NEAR_COPY_MOST_TEXTS`` texts, so that the pairs sharing a name stay few."""
    small = len(rows) * (len(rows) - 1) // 2 <= settings.all_pairs_up_to
    most = len(rows) if small else _NEAR_COPY_MOST_TEXTS

    def name(term: str) -> bool:
        return term in uncommon and df.get(term, 0) <= most

    named = terms.present(name)[rows]
    close = close_pairs(named)

    def read(part: np.ndarray) -> np.ndarray:
        return near_copy_pairs(texts, named, terms.terms, part)

    # Reading a text's sentences takes about half a millisecond: 440 texts of the 5,000 benchmark files.
    parts = _in_parts(close, settings.processes, read) if len(close) >= _PARALLEL_MIN_ALIGNED else [read(close)]
    near = np.concatenate(parts)  # each pair read in one part
    ranked = np.array([language in background.ranked for language in languages], dtype=bool)
    rarity = lowest_linked(len(rows), near[ranked[near].all(axis=1)])
    if not small:
        return None, terms.family_frequencies(rows, rarity)[0][0]
    frame, (rarity_df, _) = terms.family_frequencies(rows, lowest_linked(len(rows), near), rarity)
    return frame, rarity_df


def _in_parts(pairs: np.ndarray, workers: int, work: Callable[[np.ndarray], R],
              cost: np.ndarray | None = None) -> list[R]:
    """``work`` on parts of ``pairs`` in forked workers, the parts about equal in ``cost`` (each pair's; one each
    where not given).

    Parts are made of blocks of neighbouring first documents: parts share few documents, and the work
    (which clusters in some stretches of a corpus) is spread evenly.  Where the pairs fall in fewer blocks
    than there are workers (a dozen long texts), of single pairs.
    """
    if workers < 2 or not len(pairs):
        return forked_map(work, [pairs])
    unit_ids, unit_of = unique_with_inverse(pairs[:, 0] // _VERIFY_BLOCK)
    if len(unit_ids) < workers:
        unit_of = np.arange(len(pairs))
    unit_cost = np.bincount(unit_of, weights=cost)
    load = [0.0] * workers
    worker_of = np.empty(len(unit_cost), dtype=np.int64)
    for unit in sorted(range(len(unit_cost)), key=lambda u: (-unit_cost[u], u)):  # the largest first
        worker_of[unit] = least = min(range(workers), key=lambda k: (load[k], k))
        load[least] += unit_cost[unit]
    part_of = worker_of[unit_of]
    return forked_map(work, [pairs[part_of == k] for k in range(workers)])


@dataclass(frozen=True)
class _Screened:
    """The candidates worth aligning (sorted), with what the screen measured that the scan needs again."""

    pairs: np.ndarray
    contained: np.ndarray  # the share of each one's shorter text in the other
    likeness: np.ndarray  # the score each would have as a link, unrounded (Link.score)


def _screen_candidates(verifier: Verifier, candidates: np.ndarray, settings: ScanSettings,
                       progress: Progress | None) -> _Screened:
    """The candidates worth aligning."""
    total = len(candidates)
    report = _reported_here(progress)

    def joined(steps: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (np.concatenate([s[0] for s in steps]), np.concatenate([s[1] for s in steps]),
                np.concatenate([s[2] for s in steps]))

    def screen_part(part: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Joined here: a worker's thousand small arrays, unpickled one by one, would leave their heap behind.
        found = [(np.empty((0, 2), dtype=np.int64), np.empty(0), np.empty(0))]
        for start in range(0, len(part), _VERIFY_STEP):
            found.append(verifier.screen(part[start : start + _VERIFY_STEP], level=settings.level))
            report("screen", min(total, (start + _VERIFY_STEP) * total // len(part)), total)
        return joined(found)

    workers = settings.processes if total >= _PARALLEL_MIN_PAIRS else 1
    pairs, contained, likeness = joined(_in_parts(candidates, workers, screen_part))
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    return _Screened(pairs[order], contained[order], likeness[order])


def _verify_candidates(corpus: Corpus, verifier: Verifier, candidates: np.ndarray, workers: int,
                       progress: Progress | None) -> list[Link]:
    """Verified links among screened candidates, in candidate order (sorted pairs).

    Parts of the candidates go to forked workers; each returns its links and the
    sentence analyses of the linked documents, which the report needs again.
    """
    total = len(candidates)
    report = _reported_here(progress)

    def verify_part(part: np.ndarray) -> tuple[list[Link], dict[int, ShownSentences]]:
        found: list[Link] = []
        for start in range(0, len(part), _ALIGN_STEP):
            found.extend(verifier.verify_many(part[start : start + _ALIGN_STEP], level=corpus.settings.level))
            report("verify", min(total, (start + _ALIGN_STEP) * total // len(part)), total)
        # Only linked documents are reported, and the report shows their sentences (its alignments come with the
        # links): what it needs is kept, the analyses themselves (and their tops) are let go in this process and
        # not sent back.
        verifier.forget_tops()
        return found, corpus.keep_shown({i for link in found for i in (link.a, link.b)})

    words = corpus.word_counts
    cost = words[candidates[:, 0]] * words[candidates[:, 1]]  # alignment scores every pair of their sentences
    if total < _PARALLEL_MIN_ALIGNED and cost.sum() < _PARALLEL_MIN_WORK:
        workers = 1
    links: list[Link] = []
    for found, shown in _in_parts(candidates, workers, verify_part, cost):
        links.extend(found)
        corpus.add_shown(shown)
    return sorted(links, key=lambda link: (link.a, link.b))


def _verify_in_families(corpus: Corpus, verifier: Verifier, pairs: np.ndarray, progress: Progress | None, *,
                        meanwhile: Callable[[], list[Link]] = list, documents: np.ndarray | None = None,
                        words: np.ndarray | None = None) -> tuple[list[Link], Waiting]:
    """The links holding among candidate ``pairs``, and the pairs of family members left pending
    (:func:`_screen_candidates`, then :func:`_verify_screened`)."""
    screened = _screen_candidates(verifier, pairs, corpus.settings, progress)
    return _verify_screened(corpus, verifier, screened, progress, meanwhile=meanwhile, documents=documents,
                            words=words)


def _verify_screened(corpus: Corpus, verifier: Verifier, screened: _Screened, progress: Progress | None, *,
                     meanwhile: Callable[[], list[Link]] = list, documents: np.ndarray | None = None,
                     words: np.ndarray | None = None) -> tuple[list[Link], Waiting]:
    """The links holding among ``screened`` pairs, and the pairs of family members left pending.

    Pairs of family members wait for the leaders' links (dedup.families). Links made elsewhere connect
    documents too: ``meanwhile`` makes them once the leaders' links are made (its links are returned with
    the others).  Families are planned over ``documents`` (each text's, when the corpus holds versions of
    the scan's documents: those of a pair read without the site lines both carry), ``words`` long.
    """
    settings = corpus.settings
    if documents is None or words is None:
        documents = np.arange(len(corpus.profiles))
        words = corpus.word_counts
    worth = screened.pairs
    plan = plan_families(words, documents[worth], screened.contained, min_containment=settings.family_containment,
                         min_members=settings.family_members)
    links = _verify_candidates(corpus, verifier, worth[~plan.deferred], settings.processes, progress)
    elsewhere = meanwhile()
    deferred = worth[plan.deferred]
    waits = plan.waits(documents[deferred], np.concatenate([_ends(elsewhere), documents[_ends(links)]]))
    links.extend(_verify_candidates(corpus, verifier, deferred[~waits], settings.processes, progress))
    likeness = screened.likeness[plan.deferred][waits]
    return (sorted([*links, *elsewhere], key=lambda link: (link.a, link.b)),
            _waiting(verifier, settings.level, deferred[waits], likeness))


def _ends(links: Sequence[Link]) -> np.ndarray:
    """The two documents of each link, as rows ``(a, b)``."""
    return np.array([(link.a, link.b) for link in links], dtype=np.int64).reshape(-1, 2)


def _waiting(verifier: Verifier, level: Relation, taken: np.ndarray, likeness: np.ndarray) -> Waiting:
    """``taken`` pairs pending, each with the score its link would have (``likeness``, as the screen
    measured it).  Most are never verified: one that is scores its cheap evidence again, alone, to the
    same bits (``arrays.rowwise_dot``), rather than every pending pair's being kept (459,000 pairs for
    3,000 copies of one story)."""

    def confirm(k: int) -> Link | None:
        a, b = taken[k].tolist()
        link = verifier.verify(a, b, level=level)
        return link if link.joins_at(level) else None

    return Waiting(taken, [round(x, 4) for x in likeness.tolist()], confirm)


def _exact_links(corpus: Corpus, verifier: Verifier) -> list[Link]:
    """Each exact copy linked to the first document with its text, scored in one batch."""
    pairs = np.array([(members[0], other) for members in corpus.groups.values() for other in members[1:]],
                     dtype=np.int64).reshape(-1, 2)
    if not len(pairs):
        return []
    # Equal texts need no screening (verify stops at "exact"), and pairs of the same two texts score alike: each
    # is scored once, not once for every copy of a crawl's page.
    texts = corpus.texts[pairs]
    _, first, scored = np.unique(texts[:, 0] * len(corpus.profiles) + texts[:, 1], return_index=True,
                                 return_inverse=True)
    cheap = corpus.features.scores(pairs[first])
    return [verifier.verify(i, j, cheap=(cheap, k)) for k, (i, j) in zip(scored.reshape(-1).tolist(), pairs.tolist())]


def scan_documents(documents: Sequence[Document], settings: ScanSettings, *,
                   problems: Sequence[Problem] = (), read_stats: dict[str, int] | None = None,
                   progress: Progress | None = None) -> ScanResult:
    """Cluster already-read documents.  Ids the user sees must name one document each: repeated ones are made
    unique as the reader makes them ("~2"), and each renaming is in the result's problems."""
    with collector_paused():
        return _scan_documents(documents, settings, problems=problems, read_stats=read_stats, progress=progress)


def _clusters(corpus: Corpus, links: list[Link], verify: Callable[[int, int], Link | None],
              waiting: Sequence[Waiting]) -> tuple[list[Cluster], int, int]:
    """Star clusters of the links, the best-connected document of each the canonical (longer text first),
    how many of the ``waiting`` pairs (near-identical copies in families, not verified) were never verified,
    and how many of those verified after all are links.  A waiting pair counts as a link, with the score it would
    have, until it comes to matter (dedup.cluster)."""
    pending: dict[tuple[int, int], float] = {}
    where: dict[tuple[int, int], tuple[Waiting, int]] = {}
    for part in waiting:
        for k, ((a, b), score) in enumerate(zip(part.pairs.tolist(), part.scores)):
            pending[a, b] = score
            where[a, b] = (part, k)
    confirmed: list[Link] = []

    def confirm(a: int, b: int) -> Link | None:
        part, k = where.pop((a, b))
        link = part.confirm(k)
        if link is not None:
            confirmed.append(link)
        return link

    clusters = star_clusters(links, tie_break=lambda i: -corpus.profiles[i].word_count, verify=verify,
                             pending=pending, confirm=confirm)
    return clusters, len(where), len(confirmed)


@dataclass(frozen=True)
class _Clustered:
    """What clustering leaves for the report and the counts."""

    clusters: list[Cluster]
    candidates: int
    links: int
    not_aligned: int
    pairs_read_without_boilerplate: int


def _cluster(corpus: Corpus, settings: ScanSettings, progress: Progress | None) -> _Clustered:
    """Candidates drawn, verified and clustered.  What verification holds (the verifier, the readings without
    site lines, the pairs left waiting) is let go when this returns."""
    verifier = corpus.verifier()
    level = settings.level
    candidates = corpus.candidates()
    count = len(candidates)
    corpus.drop_fingerprints()
    # Short lines recurring across distinct texts (site chrome) are no evidence: pairs whose verdict may rest on
    # them are read with them set aside.
    check = corpus.boilerplate_check()
    concerned = check.concerned(candidates)
    aside = candidates[concerned]
    links = _exact_links(corpus, verifier)
    waiting: list[Waiting] = []

    def read_aside() -> list[Link]:
        # After the leaders' links here, which most of the work makes: the reading's corpus, kept for its
        # pending pairs until they are clustered, is not held meanwhile.
        found, pending = check.read(aside)
        waiting.append(pending)
        return found

    screened = _screen_candidates(verifier, candidates[~concerned], settings, progress)
    del candidates, concerned  # not held while pairs are aligned: 4.85 million pairs are 78 MB for 55,000 texts
    read, pending = _verify_screened(corpus, verifier, screened, progress, meanwhile=read_aside)
    del screened
    links.extend(read)
    waiting.append(pending)
    del pending  # what waits is let go once clustered (waiting.clear()): the reading's corpus and its verifier

    def verify_member(hub: int, far: int) -> Link | None:
        if check.concerns(hub, far):
            return next(iter(check.read(np.array([[hub, far]]))[0]), None)
        link = verifier.verify(hub, far, level=level)
        return link if link.joins_at(level) else None

    clusters, not_aligned, confirmed = _clusters(corpus, links, verify_member, waiting)
    waiting.clear()
    return _Clustered(clusters, count, len(links) + confirmed, not_aligned, check.pairs_read)


def _scan_documents(documents: Sequence[Document], settings: ScanSettings, *, problems: Sequence[Problem],
                    read_stats: dict[str, int] | None, progress: Progress | None) -> ScanResult:
    unique, renamed = unique_ids(documents)
    docs = sorted(unique, key=lambda d: d.id)
    corpus = Corpus.build(docs, settings, progress)
    clustered = _cluster(corpus, settings, progress)
    # No pair is scored again: the feature matrices go before the reports are built.
    corpus.drop_pair_evidence()
    clusters = clustered.clusters
    line_hashes = [p.line_hashes for p in corpus.profiles]
    reports = build_reports(corpus, clusters, boilerplate_lines(line_hashes, clusters, settings.boilerplate_clusters))
    too_short = [Problem(d.path, "too short to fingerprint (no words)", d.line, False)
                 for d, p in zip(docs, corpus.profiles) if p.word_count == 0]
    stats = dict(read_stats or {})
    stats.update(
        documents=len(docs),
        documents_too_short=len(too_short),
        distinct_texts=len(corpus.groups),
        candidate_pairs=clustered.candidates,
        verified_links=clustered.links,
        family_pairs_not_aligned=clustered.not_aligned,
        pairs_read_without_boilerplate=clustered.pairs_read_without_boilerplate,
        clusters=len(reports),
        documents_in_clusters=sum(len(r.documents) for r in reports),
    )
    all_problems = sorted([*problems, *renamed, *too_short], key=lambda p: (p.path, p.line or 0, p.reason))
    return ScanResult(settings, docs, all_problems, reports, stats)


def scan(paths: Sequence[str], settings: ScanSettings, *, stdin: BinaryIO | None = None,
         progress: Progress | None = None) -> ScanResult:
    """Read ``paths`` (``-`` for stdin) and cluster them.  Raises NoInputError if nothing is readable."""
    with collector_paused():
        read: ReadResult = read_inputs(paths, settings.read, stdin, workers=settings.processes)
        if not read.documents:
            raise NoInputError(f"no readable documents in {', '.join(paths)} ({read.why_nothing()})")
        read_stats = {
            "files_read": read.files_read,
            "files_failed": read.files_failed,
            "records_failed": read.records_failed,
        }
        result = scan_documents(read.documents, settings, problems=read.problems, read_stats=read_stats,
                                progress=progress)
        result.tables = read.tables
        return result
