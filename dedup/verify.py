"""Verification: is a candidate pair really two copies of one report, and of what kind?

LSH only proposes.  Every proposed pair is scored here, cheapest evidence first,
and given the tightest relation its evidence supports:

``exact``   the same normalized text.
``copy``    verbatim syndication with edits: most of the shorter text's word
            3-grams (or its sentences, near-verbatim) are in the other, and the
            figures in matched sentences agree (templates with other numbers are
            different reports).
``specific`` (a guard on ``copy``) at least half the terms specific to the shorter
            text (rare for this corpus's size: names, not figures) are in the other.
``facts``   (a guard on ``copy`` by sentences and on ``rewrite``) at least half the
            matched sentences share a word or number rare in this corpus: the
            frame lines of a template ("Pay March 31") share none.  Headlines that tag
            the same company by ticker stand in for it: a dividend notice sent twice
            shares only its frame.
``figures`` (a guard on ``copy`` and ``rewrite``) where aligned sentences carry at least
            4 quantities, at least half agree (as values: "1.46 billion" is
            "1,459,193,000"): the next issue of a periodic report changes them.
``dates``   (a guard on ``copy`` and ``rewrite``) where both leads (headline and first three
            sentences, navigation lines above not counted) carry a date, one lead's first
            date is in the other text, and where both carry several, at least half of one
            lead's dates are: the next issue of a daily table or a dividend notice may
            repeat every figure, but not the day it reports.
``companies`` (a guard on every relation but ``exact``) where both headlines tag a company with its
            stock ticker, the tickers and the names before them must not both differ:
            two oil companies' notices of one price rise share every sentence but that.
``directions`` (a guard on every relation but ``exact``) where each headline says things moved one way
            (raises, cuts, unchanged), the ways must agree: another day's price notice or rate
            decision repeats the last one's frame and often its figures (``directions.py``); so must
            each headline's one verdict (a ban against its lifting or an approval), since a follow-up
            reversing a decision retells the first report.
``places`` (a guard on every relation but ``exact``) each headline must not name a country, U.S. state
            or market town that the other text's opening (headline and first sentence) lacks: one kind of accord
            signed with another partner, or a fund family's notice for another state, repeats
            the frame and background (``places.py``).
``times``  (a guard on every relation but ``exact``) where both headlines carry clock times, they must
            share one: a market table sent every few minutes ("GRAIN FUTURES 11:31 EDT") repeats
            every line that did not move (``dates.py``); likewise sessions named in words ("closes
            higher", "at midday").
``lead match`` (a guard on ``copy`` and ``rewrite``) where sentences match, one of them is in the
            lead of either text (its first three sentences, headline included, not counting
            navigation lines and bylines above the first prose sentence): a follow-up story
            that repeats the earlier one's background under a new lead is not a copy of it.
``lead verbatim`` (a guard on ``copy``) one of those lead sentences is matched near-verbatim: a
            follow-up that retells the lead and repeats the background is at most a rewrite.
``lead figure`` (a guard on ``copy`` and ``rewrite``) where both leads carry a figure, one
            lead's first figure is in the other text: a sister fund's dividend notice
            ("Mthly div 7.1 cts" for "6.5 cts") shares its whole frame but not that.
            A correction ("CORRECTED - ..." headline) changes figures and dates by
            design: the figures, dates, lead-match, lead-verbatim and lead-figure guards do not
            apply to it.
``lead``    (a guard on ``copy`` and ``rewrite`` for pairs sharing fewer than 10
            specific names) most names and two-digit figures of one document's
            lead are in the other text: a bond issue by another issuer, for
            another amount, shares the frame but not these.
``follow-up`` (a guard on ``rewrite`` and ``story``) where at least a tenth of the shorter text
            is in near-verbatim sentences but none of them is among the first six of either
            text (navigation lines not counted), the pair is nothing: a follow-up repeats the
            earlier report's background word for word under its own news, while another
            site's copy under a new lead still keeps the sentences that follow the lead.
            The same holds where none is in either lead and less than 80% of the shorter
            text aligns: a short follow-up's background starts within six sentences, while
            a rewrite of the whole text aligns nearly all of it.
``headline`` (a guard on ``story`` and an in-order ``rewrite``) at least 40% of each
            headline's news (the IDF weight of its terms, stemmed) is in the other text's opening
            (headline and first sentence): two write-ups or rewordings of one report announce the same
            news, while a follow-up announces its own (a bid rejected, a ban appealed) and repeats
            the earlier report's names only further down.  A text that opens with prose has no
            headline and is not held to it (``templates.headline_support``); for ``story`` its first
            sentence is, at the same 40% (``templates.lead_support``): body-only data keeps no headlines.
``past news`` (a guard on ``story`` and an in-order ``rewrite``) neither text tells a sentence of the
            other's lead as news of days or weeks back ("last week", "earlier this month") below its own
            first sentence, where the other's sentence says no time: a follow-up may repeat the earlier
            headline's names, but it dates the earlier news (``dates.past_reference``).
``rewrite`` the same text reworded: most of the shorter text's sentences align
            one to one with the other's (two sentences at least, on average as alike as
            a sentence shown as shared), largely in order (in any
            order where it keeps 30% of its word 3-grams), and the two share a
            few terms specific to them in this corpus (names the report is about).
``story``   an independent write-up of the same report: similar TF-IDF vectors
            *and* several shared terms that are rare in this corpus (names,
            numbers, places only these reports mention), not figures alone: a week of one
            daily table, alone in a folder, lists the same places in every issue and shares
            some figures by chance.  A pair whose leads report other names, figures or dates
            (another instance of a template) is a write-up only if published within a day
            (where dates are read): one outlet's follow-ups on a topic come days later.

The headline and lead signs behind the template guards (dates, figures, companies,
directions, places, corrections) are read in ``templates.py``; what they mean is decided here.
Sentence alignment (rapidfuzz) is the costly step, so it runs only for pairs
whose cheap scores leave a relation possible.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from enum import IntEnum

import numpy as np

from .align import Alignment, Match, align, alignment_of
from .analysis import Profile, Sentences, lead_facts_found, lead_names_found, lines_of_own_names, names_found
from .dates import date_label, past_reference, when_said
from .directions import is_verdict
from .features import CheapScores, FeatureMatrices
from .figures import changed_counts, shared_quantities
from .published import DateWindow
from .templates import TemplateSigns, Top, headline_support, lead_end, lead_support, read_top, template_signs

__all__ = ["Link", "PairScores", "Relation", "Thresholds", "Verifier"]


class Relation(IntEnum):
    """Ordered from tightest to loosest: a level admits itself and everything tighter."""

    EXACT = 0
    COPY = 1
    REWRITE = 2
    STORY = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Relation:
        return cls[value.upper()]


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds (tuned on the tuning splits; see README, Quality)."""

    sentence: float = 0.5  # a sentence pair counts as aligned (evidence of rewording)
    shared_sentence: float = 0.6  # ... and is shown as one shared sentence (MSRP train: best F1)
    verbatim_sentence: float = 0.85  # ... as the same sentence, lightly edited
    copy_containment: float = 0.5  # share of the shorter text's 3-grams found in the other
    copy_coverage: float = 0.6  # share of the shorter text in near-verbatim sentences
    #: Copy: sharing this share of the shorter text's 3-grams, leads paired near-verbatim, two texts whose leads'
    #: names are all in the other are one report; names only below the lead are lines an outlet added.
    own_lines_containment: float = 0.8
    #: ... and sharing less, down to ``copy_containment``, where the shorter text names what the other lacks in
    #: at most this many sentences: a clipping cut to its lead and a paragraph adds a reaction (and a site
    #: footer) of its own; a weekly notice whose lead is its fixed preamble names its own in row after row.
    own_name_lines: int = 2
    copy_min_shingles: int = 8
    copy_specific: float = 0.5  # share of the shorter text's specific terms found in the other
    lead_facts: float = 0.6  # share of a lead's names and figures found in the other text, for copy and rewrite
    lead_facts_below: int = 10  # ... checked when fewer specific terms are shared: versions of one report share many
    figures_agree: float = 0.5  # pooled Jaccard of the quantities in aligned sentences, for copy and rewrite
    figures_min: int = 4  # ... checked when the aligned sentences carry at least this many quantities
    #: Copy and rewrite: more near-verbatim sentences that carry figures must agree on them than not; a tie
    #: (one of two) is a slip only in a text of at least this many aligned sentences.  In a two-line notice
    #: ("Fed adds reserves ... funds at 6-1/4 pct") the one changed figure is the day's news; in a long
    #: copy, one figure garbled by OCR ("100,00") is noise.
    figure_slip_sentences: int = 5
    rewrite_coverage: float = 0.6  # share of the shorter text in aligned sentences
    rewrite_order: float = 0.6
    #: ... unless at least this share of the shorter text's word 3-grams is in the other (reordered, not by chance:
    #: Clough-Stevenson's independent answers keep at most 9% of their source's)
    rewrite_reordered_phrases: float = 0.3
    rewrite_sentences: int = 2  # ... in at least this many sentences: one shared sentence is not a text reworded
    # ... and the aligned pairs are, on average, at least ``shared_sentence`` alike: a wire follow-up's headline
    # and lead meet the earlier item's at 0.5-0.6 on the names they share; a rewording keeps more of each sentence.
    rewrite_specific_terms: int = 3  # a rewrite keeps the report's names: templates share few
    #: A reworded text: this share of matched sentences share a name or figure rare in the corpus (texts on one
    #: topic align by chance, frame lines share no rare name).  Not asked of a partial copy, whose leads paired
    #: near-verbatim and passage of ``partial_words`` are neither, and whose top may be quotes without a name.
    rewrite_facts: float = 0.5
    #: Rewrite: a partial copy (a report run from its top, in part, with material of the outlet's own) has
    #: this share of the shorter text in near-verbatim sentences, one of them pairing the two leads ...
    partial_verbatim: float = 0.3
    partial_words: int = 50  # ... and at least this many words of it: a passage, not a template's frame lines
    follow_up_verbatim: float = 0.1  # share of the shorter text in near-verbatim sentences, none near the top
    #: ... or none in either lead, with ``partial_words`` of it near-verbatim (a passage of background, not a
    #: reworded sentence) and less than this share of the shorter text aligned (a whole-text rewrite has more)
    follow_up_coverage: float = 0.8
    #: Rewrite and story: the top of a text (its lead and what follows it), where a follow-up has its own news.
    top_sentences: int = 6
    story_cosine: float = 0.3
    story_rare_terms: int = 4
    #: ... at least this many of them words, not figures: a week of one daily table, alone in a folder, lists the
    #: same places in every issue (too common to be rare) and shares some figures by chance.
    story_rare_words: int = 1
    #: Story, for a pair read as two instances of one template (the leads' names, figures or dates differ): dated
    #: texts at most this many days apart.  Outlets write up one event in the same news cycle; one outlet's
    #: follow-ups on its topic (a suit filed, then a director resigning over it) come days later and read alike.
    #: Held only where ``rewrites_within_days`` holds (dates read); undated texts are not held to it.
    template_story_days: float = 1.0
    #: Rewrite and story: this share of each headline's news (the IDF weight of its terms) is in the other
    #: text's opening; texts that open with prose have no headline and are not held to it.
    headline_support: float = 0.4
    #: Story: where a text has no headline (body-only data), its first sentence stands in for one: this share
    #: of its news (the IDF weight of its terms) is in the other text's opening.
    lead_support: float = 0.4
    rare_df: int = 3  # a term is rare when at most this many distinct texts use it
    #: Copy and rewrite: a matched sentence is among the first this many of either text (headline included;
    #: navigation lines and bylines above the first prose sentence not counted).
    lead_match_sentences: int = 3

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PairScores:
    """The evidence for a link; every field is in the JSON output."""

    jaccard: float
    containment_a: float
    containment_b: float
    cosine: float
    lead_cosine: float
    rare_terms: int
    rare_words: int = 0  # the shared rare terms that are not figures
    count_cosine: float = 0.0
    specific_terms: int = 0
    specific_containment: float = 1.0
    lead_facts: float = 1.0
    aligned_sentences: int = 0
    coverage_a: float = 0.0
    coverage_b: float = 0.0
    verbatim_coverage: float = 0.0
    verbatim_words: int = 0  # words of the shorter text in near-verbatim sentences
    order: float = 0.0
    numbers_agree: float = 1.0
    figures_agree: float = 1.0
    figures_compared: int = 0
    facts_agree: float = 0.0
    dates_agree: float = 1.0  # 0 when both leads carry a date and neither lead's first date is in the other text
    lead_figures_agree: float = 1.0  # 0 when both leads carry a figure and neither lead's first is in the other text
    companies_agree: float = 1.0  # 0 when the headlines tag different companies by ticker and name
    directions_agree: float = 1.0  # 0 when the headlines say things moved different ways (raises, cuts)
    places_agree: float = 1.0  # 0 when each headline names a place (country, U.S. state) the other's opening lacks
    times_agree: float = 1.0  # 0 when the headlines are stamped with clock times and share none
    lead_aligned: float = 1.0  # 0 when sentences match but none in either text's lead (see templates.lead_end)
    lead_verbatim: float = 1.0  # 0 when no sentence of either lead is matched near-verbatim
    top_verbatim: float = 1.0  # 0 when no near-verbatim match is among either text's first top_sentences
    leads_verbatim: float = 0.0  # 1 when a near-verbatim match pairs a lead sentence of each text
    aligned_similarity: float = 0.0  # mean similarity of the aligned sentence pairs
    headline_support: float = 1.0  # the lesser share of a headline's term weight in the other's opening
    lead_told_as_past: float = 0.0  # 1 when one text tells a lead sentence of the other as news days or weeks back
    lead_support: float = 1.0  # for a text without a headline, the share of its first sentence's term weight in
    # the other's opening (the lesser of the two directions; 1 where both have headlines)

    def as_dict(self) -> dict[str, float | int]:
        # Not dataclasses.asdict, which deep-copies every field: 1.5 s of a 55,000-text scan's report.
        values = ((k, getattr(self, k)) for k in _SCORE_FIELDS)
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in values}

    def flipped(self) -> PairScores:
        """The same evidence with B as the first text (the measures of one side swapped)."""
        return replace(self, containment_a=self.containment_b, containment_b=self.containment_a,
                       coverage_a=self.coverage_b, coverage_b=self.coverage_a)


_SCORE_FIELDS = tuple(f.name for f in fields(PairScores))


@dataclass(frozen=True, slots=True)
class Link:
    """A verified pair; ``relation`` is None when the evidence supports no relation."""

    a: int
    b: int
    relation: Relation | None
    scores: PairScores
    reason: str
    alignment: Alignment | None = None

    @property
    def score(self) -> float:
        """One number, higher = more alike (0..1): the TF-IDF cosine of the two texts' word stems,
        raw counts as tf.

        On the tuning half of SemEval-2022 Task 8 (even-indexed pairs; evaluation/run_all.py)
        it correlated best with the human ratings: Pearson 0.909 over stems, 0.903 over words,
        0.898 for sublinear tf (which the decisions use: there it clusters the tuning corpora
        better) and 0.886 for 0.75 cosine + 0.25 lead cosine.  Word 3-gram Jaccard lifts
        verbatim copies to their overlap.
        """
        s = self.scores
        return round(max(s.jaccard, s.count_cosine), 4)

    def from_side(self, i: int) -> Link:
        """The link as document ``i`` (one of its two) sees it: ``i`` as ``a``, each side's measures and the
        alignment swapped where ``i`` was ``b``."""
        if i == self.a:
            return self
        alignment = self.alignment.mirrored() if self.alignment is not None else None
        return replace(self, a=self.b, b=self.a, scores=self.scores.flipped(), alignment=alignment)

    def joins_at(self, level: Relation) -> bool:
        """Whether the relation found lets the two join a cluster at ``level`` (``--level``)."""
        return self.relation is not None and self.relation <= level


def _too_far(window: DateWindow | None, i: int, j: int, option: str, both_today: str, further: str) -> str | None:
    """Why ``i`` and ``j`` are published further apart than ``window`` (``option``'s) lets them be, or None."""
    if window is None:
        return None
    apart = window.gap(i, j)
    if apart is None:
        return None
    gap, limit = apart
    if limit < window.within:
        return f"published {gap:.1f} days apart, and both say \"today\" ({both_today})"
    return f"published {gap:.1f} days apart, more than {option} {limit:g} ({further})"


class Verifier:
    """Scores candidate pairs.  Sentence analyses are computed on first use and kept."""

    def __init__(
        self,
        profiles: list[Profile],
        sentence_view: Callable[[int], Sentences],
        features: FeatureMatrices,
        thresholds: Thresholds,
        window: DateWindow | None = None,
        common: frozenset[str] = frozenset(),
        rewrite_window: DateWindow | None = None,
        site_lines: frozenset[int] = frozenset(),
    ) -> None:
        self._profiles = profiles
        self._site_lines = site_lines  # the corpus's chrome (Corpus.site_lines): matched, it is no evidence
        self._common = common  # the corpus's frame words (TermWeights.common): a name one letter off is one garbled
        self._sentences = sentence_view
        self._features = features
        self._t = thresholds
        self._window = window
        self._rewrite_window = rewrite_window  # rewrites_within_days: how far apart a rewrite or write-up may be
        self._tops: dict[int, Top] = {}  # each text's top (signs, headline, quantities), read once

    def _top_of(self, i: int, s: Sentences) -> Top:
        if i not in self._tops:
            self._tops[i] = read_top(s)
        return self._tops[i]

    def forget_tops(self) -> None:
        """Let go of the tops read so far (each text's is read again if asked for): the texts of every pair
        aligned, kept until a run of pairs is done rather than for the whole scan."""
        self._tops.clear()

    def screen(self, pairs: np.ndarray, *, level: Relation) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The ``pairs`` whose cheap evidence, scored in bulk, leaves a relation up to ``level``
        possible, the share of each one's shorter text's 3-grams found in the other, and the score
        each would have as a link (:attr:`Link.score` before rounding).

        The others are never aligned: nothing :meth:`verify` decides could link them.
        """
        pairs, screening = self._bounded(pairs, level)
        # Pairs kept whatever their cosines (most 3-grams and names shared: a wire story's copies, most of
        # the candidates there) need only the score they would link with; the others, every product.
        floor = np.zeros(len(pairs))
        sure = self._worth_aligning(replace(screening, cosine=floor, lead_cosine=floor, count_cosine=floor,
                                            lead_facts=floor), level)
        unsure = np.flatnonzero(~sure)
        cheap = self._features.with_cosines(pairs[unsure], screening.rows(unsure))
        kept = sure.copy()
        kept[unsure] = self._worth_aligning(cheap, level)
        count_cosine = np.empty(len(pairs))
        count_cosine[sure] = self._features.count_cosines(pairs[sure])
        count_cosine[unsure] = cheap.count_cosine
        return (pairs[kept], np.maximum(screening.containment_a, screening.containment_b)[kept],
                np.maximum(screening.jaccard, count_cosine)[kept])

    def _screened(self, pairs: np.ndarray, level: Relation) -> tuple[np.ndarray, CheapScores]:
        pairs, screening = self._bounded(pairs, level)
        cheap = self._features.with_cosines(pairs, screening)
        kept = self._worth_aligning(cheap, level)
        return pairs[kept], cheap.rows(kept)

    def _bounded(self, pairs: np.ndarray, level: Relation) -> tuple[np.ndarray, CheapScores]:
        """The pairs worth aligning were their cosines as high as can be, scored by the cheapest products."""
        if len(pairs) and self._window is not None:
            # Distinct texts published too far apart can be nothing (identical ones are linked elsewhere).
            pairs = pairs[~self._window.too_far(pairs)]
        if level == Relation.EXACT:  # only texts the same once normalized are exact: nothing aligned makes them so
            same = [self._profiles[i].key == self._profiles[j].key for i, j in pairs.tolist()]
            pairs = pairs[np.array(same, dtype=bool).reshape(-1)]
        screening = self._features.scores(pairs, cosines=False)
        worth = self._worth_aligning(screening, level)
        return pairs[worth], screening.rows(worth)

    def verify_many(self, pairs: np.ndarray, *, level: Relation) -> list[Link]:
        """Links with a relation up to ``level`` among ``pairs``, screened first (:meth:`screen`)."""
        pairs, cheap = self._screened(pairs, level)
        links = []
        for k, (i, j) in enumerate(pairs.tolist()):
            link = self.verify(i, j, level=level, cheap=(cheap, k))
            if link.joins_at(level):
                links.append(link)
        return links

    def verify(self, i: int, j: int, *, level: Relation = Relation.STORY, full: bool = False,
               cheap: tuple[CheapScores, int] | None = None) -> Link:
        """Score ``(i, j)``; stop once no relation up to ``level`` is possible unless ``full``.

        ``cheap`` is a batch already scored and screened by :meth:`verify_many`, and row ``k`` in it.
        """
        a, b = self._profiles[i], self._profiles[j]
        batch, k = cheap if cheap is not None else (self._features.scores(np.array([[i, j]])), 0)
        scores = PairScores(
            jaccard=float(batch.jaccard[k]),
            containment_a=float(batch.containment_a[k]),
            containment_b=float(batch.containment_b[k]),
            cosine=float(batch.cosine[k]),
            lead_cosine=float(batch.lead_cosine[k]),
            count_cosine=float(batch.count_cosine[k]),
            rare_terms=int(batch.rare_terms[k]),
            rare_words=int(batch.rare_words[k]),
            specific_terms=int(batch.specific_terms[k]),
            specific_containment=float(batch.specific_containment[k]),
            lead_facts=float(batch.lead_facts[k]),
        )
        if a.key == b.key and not full:
            return Link(i, j, Relation.EXACT, scores, "same normalized text")
        apart = self._published_apart(i, j)
        if apart is not None and not full:
            return Link(i, j, None, scores, apart)
        if not full and cheap is None and not bool(self._worth_aligning(batch, level)[k]):
            return Link(i, j, None, scores, "too little in common to align")
        sa, sb = self._sentences(i), self._sentences(j)
        alignment = align(sa, sb, self._t.sentence)
        tops = (self._top_of(i, sa), self._top_of(j, sb))
        signs = template_signs(*tops)
        scores = self._with_alignment(scores, sa, sb, alignment, self._without_chrome(alignment, sa, sb), tops, signs)
        exact_names = scores.specific_containment
        contained = max(scores.containment_a, scores.containment_b)
        chrome = (tops[0].chrome, tops[1].chrome)
        if exact_names < self._t.copy_specific and contained >= self._t.copy_containment:
            # Most 3-grams shared, the names not: another instance of a template, or a copy whose
            # names were garbled ("Ga1las"), which are still the same names.
            scores = replace(scores, specific_containment=max(exact_names, names_found(sa, sb, self._common, chrome)))
        garbled_names = scores.specific_containment
        if (garbled_names < self._t.copy_specific and scores.leads_verbatim == 1.0
                and (contained >= self._t.own_lines_containment
                     or (contained >= self._t.copy_containment
                         and lines_of_own_names(sa, sb, self._common, chrome) <= self._t.own_name_lines))):
            scores = replace(scores, specific_containment=max(garbled_names,
                                                              lead_names_found(sa, sb, self._common, chrome)))
        exact_lead = scores.lead_facts
        if self._lead_stopped(scores) and contained >= self._t.copy_containment:
            # Most 3-grams shared, the lead's names not: read them again as the names are (garbled letters).
            scores = replace(scores, lead_facts=max(exact_lead, lead_facts_found(sa, sb, self._common)))
        retold = self._retold_apart(i, j)
        # Write-ups whose leads differ are held to a day within the rewrite window; beyond it, the window says why.
        days_apart = self._rewrite_window.apart(i, j) if self._rewrite_window is not None and retold is None else None
        relation, reason = self._decide(scores, int(batch.shared_shingles[k]), signs, days_apart)
        if relation is not None and exact_lead < self._t.lead_facts <= scores.lead_facts:
            reason = (f"{reason}; {scores.lead_facts:.0%} of the names and figures in the lead are in the other "
                      f"allowing one garbled letter or a figure's last digit slipped ({exact_lead:.0%} as written)")
        if relation is not None and garbled_names < self._t.copy_specific <= scores.specific_containment:
            reason = (f"{reason}; {scores.specific_containment:.0%} of the names in the leads are in the other text, "
                      f"the others are lines of one's own ({garbled_names:.0%} of all the names)")
        elif relation is not None and exact_names < self._t.copy_specific <= scores.specific_containment:
            reason = (f"{reason}; {scores.specific_containment:.0%} of the names specific to the shorter text are in "
                      f"the other, credit lines aside and allowing one garbled letter ({exact_names:.0%} as written)")
        if apart is not None and relation is not None:  # said in full, for compare
            reason = f"{apart}; else {relation.label}: {reason}"
            relation = None
        if retold is not None and relation in (Relation.REWRITE, Relation.STORY):
            reason = f"{retold}; else {relation.label}: {reason}"
            relation = None
        if a.key == b.key:
            relation, reason = Relation.EXACT, "same normalized text"
        if relation is not None and relation > level:
            reason = f"{reason}; looser than --level {level.label}"
        return Link(i, j, relation, scores, reason, alignment)

    def _without_chrome(self, alignment: Alignment, sa: Sentences, sb: Sentences) -> Alignment:
        """The alignment without its matches of site chrome to site chrome ("Follow us on Twitter" in both), for
        the evidence of a rewording: two write-ups on one topic under the same chrome would otherwise align a
        sentence more, at 1.0.  Near-verbatim evidence (copies) keeps them: a story's own one-line paragraphs,
        carried by its reprints, recur as chrome does.  The link keeps every match, for the report to show."""
        site = self._site_lines
        if not site:
            return alignment
        kept = [m for m in alignment.matches if sa.line_hashes[m.a] not in site or sb.line_hashes[m.b] not in site]
        return alignment if len(kept) == alignment.count else alignment_of(kept, sa, sb)

    def _published_apart(self, i: int, j: int) -> str | None:
        """Why two dated texts are too far apart to be one report (``--within-days``), or None."""
        return _too_far(self._window, i, j, "--within-days", "another day's report, not a copy",
                        "another day's report, not a copy")

    def _retold_apart(self, i: int, j: int) -> str | None:
        """Why two dated texts are too far apart to be a rewrite or write-up of one report
        (``rewrites_within_days``), or None: a copy may come weeks later, a follow-up retells in other words.
        Within the window, a text sent on a later day than one that says what comes "tomorrow", and saying neither
        "today" nor "tomorrow" itself, is that day's news (the vote expected, then the vote taken)."""
        far = _too_far(self._rewrite_window, i, j, "--rewrites-within-days", "another day's report, not a rewrite",
                       "a follow-up that retells the report, not a rewrite or write-up of it")
        came = self._rewrite_window.came(i, j) if far is None and self._rewrite_window is not None else None
        if came is None:
            return far
        return (f"published on a later day, {came:.1f} days after a text whose top says what comes \"tomorrow\", "
                f"and says neither \"today\" nor \"tomorrow\" (that day's news, not a rewrite or write-up of the "
                f"same report)")

    def _worth_aligning(self, s: CheapScores, level: Relation) -> np.ndarray:
        """Which pairs could still reach a relation up to ``level`` (vectorized).

        Each test is a necessary condition of :meth:`_decide` (or the screen that has
        always kept texts with little in common from alignment), so skipping the
        others changes no result: a copy needs the shorter text's specific names (as
        written, or most 3-grams shared, when :meth:`verify` reads the names again allowing
        for garbled letters), a rewrite shared names, a story a close TF-IDF vector and
        shared rare terms.
        The lead-facts guard is decided by cheap scores alone, unless most 3-grams are
        shared: a pair it stops is at most a story, and only by cheap evidence.
        """
        t = self._t
        contained = np.maximum(s.containment_a, s.containment_b)
        text_close = self._wording_close(contained)
        # Most 3-grams shared: the names are read again, allowing for garbled ones (see verify).
        names_kept = (s.specific_containment >= t.copy_specific) | (contained >= t.copy_containment)
        story = self._story_evidence(s)
        if level < Relation.STORY:
            story = np.zeros_like(story)
        possible = text_close & names_kept
        if level >= Relation.REWRITE:
            rewrite = s.specific_terms >= t.rewrite_specific_terms
            names_shared = rewrite | (s.rare_terms >= t.story_rare_terms)
            close = text_close | ((s.cosine >= t.story_cosine) & names_shared)
            possible |= close & (rewrite | story)
        # Most 3-grams shared: the lead's names are read again too, allowing for garbled ones (see verify).
        return possible & (~self._lead_stopped(s) | story | (contained >= t.copy_containment))

    def _wording_close(self, contained: np.ndarray | float) -> np.ndarray | bool:
        """Enough of the shorter text's 3-grams in the other that a copy, or a template's frame, may be shared."""
        return contained >= self._t.copy_containment * 0.4

    # The two predicates below serve a pair (:meth:`_decide`) and a batch (:meth:`_worth_aligning`)
    # alike, so that the screen can never drift from the decision it stands in for.
    def _story_evidence(self, s: CheapScores | PairScores) -> np.ndarray | bool:
        """A close TF-IDF vector and several shared rare terms, not figures alone."""
        t = self._t
        return ((s.cosine >= t.story_cosine) & (s.rare_terms >= t.story_rare_terms)
                & (s.rare_words >= t.story_rare_words))

    def _lead_stopped(self, s: CheapScores | PairScores) -> np.ndarray | bool:
        """The lead-facts guard: few shared names, and the lead's names and figures mostly missing."""
        return (s.lead_facts < self._t.lead_facts) & (s.specific_terms < self._t.lead_facts_below)

    def _with_alignment(self, s: PairScores, sa: Sentences, sb: Sentences, al: Alignment, reworded: Alignment,
                        tops: tuple[Top, Top], signs: TemplateSigns) -> PairScores:
        """``al`` scores near-verbatim evidence, ``reworded`` (its matches of site chrome aside) a rewording's."""
        shorter_is_a = sa.total_words <= sb.total_words
        strong = [m for m in al.matches if m.score >= self._t.verbatim_sentence]
        if shorter_is_a:
            verbatim_words = sum(sa.words[m.a] for m in strong)
            verbatim = verbatim_words / (sa.total_words or 1)
        else:
            verbatim_words = sum(sb.words[m.b] for m in strong)
            verbatim = verbatim_words / (sb.total_words or 1)
        # Figures as quantities ("1.46 billion" is "1,459,193,000"), for each aligned sentence pair
        # that carries some on both sides: a figure trimmed from one copy is an edit, not another instance.
        # Near-verbatim sentences with spelled counts of their own ("seven ships", "three ships") differ in a figure.
        counted = [(m, shared_quantities(x, y)) for m, x, y in
                   ((m, *self._figures_of(m, sa, sb, tops)) for m in al.matches) if x and y]
        # Near-verbatim sentences: most figures shared, not all (one mistyped figure keeps a sentence agreeing).
        numeric = [shared * 2 >= union for m, (shared, union) in counted if m.score >= self._t.verbatim_sentence]
        agree = sum(numeric) / len(numeric) if numeric else 1.0
        # Pooled over every aligned pair: the next issue of a periodic report aligns its frame
        # but changes most of its figures.
        agreeing = sum(shared for _, (shared, _) in counted)
        compared = sum(union for _, (_, union) in counted)
        shared_facts = sum(1 for m in reworded.matches if sa.facts[m.a] & sb.facts[m.b])
        facts = shared_facts / reworded.count if reworded.count else 0.0
        # A copy keeps its lead, or the original's; a follow-up repeats only the background.
        chrome_a, chrome_b = tops[0].chrome, tops[1].chrome

        def matched_within(count: int, *, verbatim: bool, both: bool = False) -> bool:
            """A match among the first ``count`` sentences of either text (``both``: of each), site
            chrome ("ADVERTISEMENT", "Home > News") not counted."""
            end_a, end_b = lead_end(sa, count), lead_end(sb, count)
            return any(((m.a < end_a and m.b < end_b) if both else (m.a < end_a or m.b < end_b))
                       and (not verbatim or m.score >= self._t.verbatim_sentence)
                       and m.a not in chrome_a and m.b not in chrome_b for m in al.matches)

        leads_apart = al.count > 0 and not matched_within(self._t.lead_match_sentences, verbatim=False)
        lead_kept = matched_within(self._t.lead_match_sentences, verbatim=True)
        top_kept = matched_within(self._t.top_sentences, verbatim=True)
        leads_kept = matched_within(self._t.lead_match_sentences, verbatim=True, both=True)
        # A follow-up tells the earlier report's news below its own lead, as news of days or weeks back.
        news = self._t.lead_match_sentences + 1  # the headline and the first three prose sentences

        def told_as_past(x: int, y: int, sx: Sentences, sy: Sentences, chrome_x: frozenset[int]) -> bool:
            """Sentence ``y``, below its text's first prose sentence, tells lead sentence ``x`` as past news."""
            return (x < lead_end(sx, news) and y >= lead_end(sy, 2) and x not in chrome_x
                    and past_reference(sy.keys[y]) is not None and not when_said(sx.keys[x]))

        lead_told = any(told_as_past(m.a, m.b, sa, sb, chrome_a) or told_as_past(m.b, m.a, sb, sa, chrome_b)
                        for m in al.matches)
        return replace(
            s,
            aligned_sentences=reworded.count,
            coverage_a=reworded.covered_a,
            coverage_b=reworded.covered_b,
            verbatim_coverage=verbatim,
            verbatim_words=verbatim_words,
            order=reworded.in_order,
            numbers_agree=agree,
            figures_agree=agreeing / compared if compared else 1.0,
            figures_compared=compared,
            facts_agree=facts,
            dates_agree=0.0 if signs.lead_dates is not None else 1.0,
            lead_figures_agree=0.0 if signs.lead_figures is not None else 1.0,
            companies_agree=0.0 if signs.companies is not None else 1.0,
            directions_agree=0.0 if signs.directions is not None else 1.0,
            places_agree=0.0 if signs.places is not None else 1.0,
            times_agree=0.0 if signs.times is not None else 1.0,
            lead_aligned=0.0 if leads_apart else 1.0,
            lead_verbatim=1.0 if lead_kept else 0.0,
            top_verbatim=1.0 if top_kept else 0.0,
            leads_verbatim=1.0 if leads_kept else 0.0,
            # fsum: the mean must not hang on the order of matches, which ties within a rounding step can set.
            aligned_similarity=math.fsum(m.score for m in reworded.matches) / max(reworded.count, 1),
            headline_support=headline_support(*tops),
            lead_told_as_past=1.0 if lead_told else 0.0,
            lead_support=lead_support(*tops),
        )

    def _figures_of(self, m: Match, sa: Sentences, sb: Sentences,
                    tops: tuple[Top, Top]) -> tuple[dict[str, str], dict[str, str]]:
        """The quantities of an aligned pair of sentences, with the counts near-verbatim ones do not share
        (:func:`figures.changed_counts`)."""
        x, y = tops[0].figures[m.a], tops[1].figures[m.b]
        if m.score < self._t.verbatim_sentence:
            return x, y
        counts_x, counts_y = changed_counts(sa.keys[m.a], sb.keys[m.b])
        return ({**x, **counts_x}, {**y, **counts_y}) if counts_x else (x, y)

    @staticmethod
    def _headlines_apart(signs: TemplateSigns) -> str | None:
        """Why the headlines say these are other news (another company, way, place or time), or None.

        A correction changes what it corrects by design, so only a company's name counts against it.
        """
        companies, directions, places, times = signs.companies, signs.directions, signs.places, signs.times
        if companies is not None:
            return (f"the headlines are about different companies, <{companies[0]}> and <{companies[1]}> "
                    "(another company's notice, not the same report)")
        if signs.correction:
            return None
        if directions is not None and is_verdict(directions[0]):
            return (f"the headlines give opposite verdicts, \"{directions[0]}\" and \"{directions[1]}\" "
                    "(a decision and its reversal, not the same report)")
        if directions is not None:
            return (f"the headlines move different ways, \"{directions[0]}\" and \"{directions[1]}\" "
                    "(another day's notice, not the same report)")
        if places is not None:
            return (f"the headlines name different places, {places[0].title()} and {places[1].title()} "
                    "(another place's story, not the same report)")
        if times is not None:
            return f"the headlines are stamped {times[0]} and {times[1]} (another time's table, not the same report)"
        return None

    def _template_instance(self, s: PairScores, signs: TemplateSigns) -> str | None:
        """Why the pair reads as two instances of one template (another issue, another instance), or None.

        A correction changes figures and dates by design: it is the report it corrects, not another issue.
        """
        t, correction = self._t, signs.correction
        lead_dates, lead_figures = signs.lead_dates, signs.lead_figures
        if self._lead_stopped(s):
            return (f"{s.lead_facts:.0%} of the names and figures in the lead are in the other text "
                    "(another instance of a template, not a copy)")
        if correction:
            return None
        if s.figures_compared >= t.figures_min and s.figures_agree < t.figures_agree:
            return (f"{s.figures_agree:.0%} of the quantities in aligned sentences agree "
                    "(another issue of a periodic report, not a copy)")
        if lead_dates is not None:
            return (f"the leads report {date_label(lead_dates[0])} and {date_label(lead_dates[1])} "
                    "(another issue of a periodic report, not a copy)")
        if s.lead_aligned == 0.0:
            return ("no sentence of either lead matches, only later ones "
                    "(a follow-up reusing the earlier story's background, not a copy)")
        if lead_figures is not None:
            return (f"the leads open with {lead_figures[0]} and {lead_figures[1]}, neither in the other text "
                    "(another instance of a template, or an update with new figures: not a copy)")
        return None

    def _too_little_for_story(self, s: PairScores) -> str:
        """What a write-up of one report needs and the pair lacks, with the bars it misses (the words among the
        rare terms where there are enough of those)."""
        t = self._t
        lacking = [f"TF-IDF cosine {s.cosine:.2f} (under {t.story_cosine})"] if s.cosine < t.story_cosine else []
        if s.rare_terms < t.story_rare_terms:
            lacking.append(f"{s.rare_terms} shared rare terms (under {t.story_rare_terms})")
        elif s.rare_words < t.story_rare_words:
            lacking.append(f"{s.rare_terms} shared rare terms, {s.rare_words} of them words "
                           f"(under {t.story_rare_words})")
        return " and ".join(lacking)

    def _not_rewrite(self, s: PairScores, coverage: float, contained: float, *, headlines_agree: bool,
                     figures_kept: bool, facts_kept: bool) -> str | None:
        """"not a rewrite: " and the first bar of a whole-text rewrite that a pair aligned in two sentences or more
        misses, with its value: what a user asking why a reworded text is no ``rewrite`` needs to read.  None for
        a pair that aligns too little to be asked, or whose headlines' other news is said already."""
        t = self._t
        if s.aligned_sentences < t.rewrite_sentences:
            return None
        if coverage < t.rewrite_coverage:
            why = f"under {t.rewrite_coverage:.0%} aligned"
            # Where the leads run near-verbatim, how far the pair is from a partial copy.
            passage = [] if s.leads_verbatim < 1.0 or not s.verbatim_words else [
                *([f"{s.verbatim_coverage:.0%} of the shorter text (under {t.partial_verbatim:.0%})"]
                  if s.verbatim_coverage < t.partial_verbatim else []),
                *([f"{s.verbatim_words} words (under {t.partial_words})"] if s.verbatim_words < t.partial_words
                  else [])]
            if passage:
                why = f"{why}, and not a partial copy: the leads near-verbatim, but only {' and '.join(passage)}"
        elif s.specific_terms < t.rewrite_specific_terms:
            why = f"{s.specific_terms} specific names shared (under {t.rewrite_specific_terms})"
        elif not figures_kept:
            why = "figures differ in matched near-verbatim sentences"
        elif s.order < t.rewrite_order and contained < t.rewrite_reordered_phrases:
            why = (f"{s.order:.0%} of the aligned sentences in order (under {t.rewrite_order:.0%}), and "
                   f"{contained:.0%} of its 3-grams in the other (under {t.rewrite_reordered_phrases:.0%})")
        elif not headlines_agree and s.order >= t.rewrite_order:
            return None
        elif s.aligned_similarity < t.shared_sentence:
            why = (f"the aligned sentences are {s.aligned_similarity:.2f} alike on average "
                   f"(under {t.shared_sentence}: rewording keeps more of each sentence)")
        elif not facts_kept:
            why = (f"{s.facts_agree:.0%} of the matched sentences share a name or figure rare in the corpus "
                   f"(under {t.rewrite_facts:.0%})")
        else:
            return None
        return f"not a rewrite: {why}"

    def _no_story(self, s: PairScores, coverage: float, after: str | None) -> str:
        """Why no relation for a pair without a write-up's evidence: after why no copy (or template) where
        there is a why and the wording is close enough for one, else too little in common."""
        if after is not None:
            return f"{after}; not a write-up of one report: {self._too_little_for_story(s)}"
        return f"too little in common: {self._too_little_for_story(s)}, {coverage:.0%} aligned"

    def _decide(self, s: PairScores, shared_shingles: int, signs: TemplateSigns,
                days_apart: float | None) -> tuple[Relation | None, str]:
        t = self._t
        correction = signs.correction
        contained = max(s.containment_a, s.containment_b)
        coverage = max(s.coverage_a, s.coverage_b)
        story_why = f"TF-IDF cosine {s.cosine:.2f} and {s.rare_terms} shared rare terms"
        # Write-ups and rewordings of one report announce the same news; a follow-up on its topic, its own.
        other_news = None
        if s.headline_support < t.headline_support and not correction:
            other_news = (f"only {s.headline_support:.0%} of one headline's terms (by weight) are in the other's "
                          "opening (other news on one topic, not the same report)")
        if s.lead_told_as_past == 1.0 and other_news is None and not correction:
            other_news = ("one text tells a sentence of the other's lead as news of days or weeks back "
                          "(a follow-up, not the same report)")
        # Body-only texts announce their news in their first sentence: a follow-up's is news the other's lacks.
        if other_news is None and not correction and s.lead_support < t.lead_support:
            lead_news = (f"only {s.lead_support:.0%} of the first sentence's terms (by weight) of a text without a "
                         "headline are in the other's opening (other news on one topic, not the same report)")
        else:
            lead_news = None
        story_evidence = bool(self._story_evidence(s))
        story = story_evidence and other_news is None and lead_news is None
        story_news = other_news or lead_news
        # The earlier report's background word for word under news of its own: a follow-up, however close.
        # A short follow-up's background may start within its first sentences; its new lead and news still
        # leave much of it unaligned, where a rewrite of the whole text aligns nearly all of it.
        follow_up = None
        if not correction and s.verbatim_coverage >= t.follow_up_verbatim:
            if s.top_verbatim == 0.0:
                follow_up = f"none of the first {t.top_sentences} of either text"
            elif (s.lead_verbatim == 0.0 and s.verbatim_words >= t.partial_words
                  and coverage < t.follow_up_coverage):
                follow_up = f"none in either lead, and {coverage:.0%} of the shorter text aligns"
            elif s.lead_told_as_past == 1.0 and s.leads_verbatim == 0.0:
                # The earlier report's lead, dated back ("Earlier this week, ... said") under a lead of its own.
                follow_up = "one text tells the other's lead as news of days or weeks back, and no two leads pair"
        figures_kept = (s.numbers_agree > 0.5 or correction
                        or (s.numbers_agree == 0.5 and s.aligned_sentences >= t.figure_slip_sentences))
        # Frame lines share no rare name; a headline tagging the same company says whose notice it is.
        facts_kept = s.facts_agree >= t.rewrite_facts or signs.one_company
        # Headlines naming other companies, ways, places or times speak against one event, not only one text.
        headlines_apart = self._headlines_apart(signs)
        if headlines_apart is not None:
            return None, headlines_apart
        # Another instance of a template is no copy or rewrite; a write-up of one story it may still be,
        # unless its text is mostly the template's (or a follow-up's).
        template = self._template_instance(s, signs)
        if template is not None:
            if story and contained < t.copy_containment and not follow_up:
                if days_apart is None or days_apart <= t.template_story_days:
                    return Relation.STORY, story_why
                return None, (f"{template}; published {days_apart:.1f} days apart, more than {t.template_story_days:g} "
                              "for leads that differ (a follow-up on one topic, not a write-up of one report)")
            # Say why no story either: the headlines in its way, or too little shared for one (and texts
            # sharing little of their wording are no instances of one template's frame either).
            if contained >= t.copy_containment or follow_up:
                return None, template
            if not story_evidence:
                return None, self._no_story(s, coverage, template if self._wording_close(contained) else None)
            return None, f"{template}; {story_news}" if story_news is not None else template
        not_copy: str | None = None
        # A report's top half run near-verbatim, leads and all, under material of the outlet's own: the names
        # missing are the added material's, and the pair is at most a partial copy (rewrite).
        partial = (s.verbatim_coverage >= t.partial_verbatim and s.verbatim_words >= t.partial_words
                   and s.leads_verbatim == 1.0)
        if s.specific_containment < t.copy_specific:
            if contained >= t.copy_containment and not partial:
                return None, (f"{s.specific_containment:.0%} of the names and figures specific to the shorter "
                              "text are in the other (a template, not a copy)")
            if contained >= t.copy_containment:
                not_copy = (f"{s.specific_containment:.0%} of the names and figures specific to the shorter text "
                            "are in the other (its own material, or a template)")
        elif figures_kept:
            copy_why = None
            if contained >= t.copy_containment and shared_shingles >= t.copy_min_shingles:
                copy_why = f"{contained:.0%} of the shorter text's 3-grams are in the other"
            elif s.verbatim_coverage >= t.copy_coverage and facts_kept:
                copy_why = f"{s.verbatim_coverage:.0%} of the shorter text is in near-verbatim sentences"
            if copy_why is not None:
                # A copy keeps a lead sentence near-verbatim; a follow-up rewords the lead and reuses the rest.
                if (s.lead_verbatim == 1.0 and not follow_up) or correction:
                    return Relation.COPY, copy_why
                not_copy = (f"{copy_why}, but no sentence of either lead is in the other near-verbatim "
                            "(a follow-up or another write-up)")
        elif contained >= t.copy_containment:
            return None, "figures differ in matched sentences (a template, not a copy)"

        if follow_up:
            return None, (f"{s.verbatim_coverage:.0%} of the shorter text is in near-verbatim sentences, but "
                          f"{follow_up} (a follow-up reusing the earlier report's background)")

        def noted(why: str) -> str:  # a looser relation says why the pair is not a copy
            return why if not_copy is None else f"{why}; not a copy: {not_copy}"

        if figures_kept and s.specific_terms >= t.rewrite_specific_terms:
            # Order tells a rewording from texts on one topic that align by chance; much shared
            # phrasing tells it too, so a rewrite that reorders the report need not keep its order.
            # Either way its headline announces the report's news: a follow-up moves the earlier
            # report's background about under news of its own.
            in_order = s.order >= t.rewrite_order
            reordered = not in_order and contained >= t.rewrite_reordered_phrases
            if (facts_kept and other_news is None and coverage >= t.rewrite_coverage and (in_order or reordered)
                    and s.aligned_sentences >= t.rewrite_sentences and s.aligned_similarity >= t.shared_sentence):
                phrasing = f", keeping {contained:.0%} of its 3-grams" if reordered else ""
                return Relation.REWRITE, noted(
                    f"{coverage:.0%} of the shorter text aligns sentence by sentence, {s.order:.0%} in order"
                    f"{phrasing}")
            if partial:
                return Relation.REWRITE, noted(
                    f"{s.verbatim_coverage:.0%} of the shorter text is in near-verbatim sentences, the two "
                    "leads among them (a partial copy)")
        # A write-up, or nothing: say which bar of a rewrite the pair misses, where it aligns at all.
        not_rewrite = self._not_rewrite(s, coverage, contained, headlines_agree=other_news is None,
                                        figures_kept=figures_kept, facts_kept=facts_kept)
        if story:
            return Relation.STORY, noted("; ".join(why for why in (story_why, not_rewrite) if why))
        if not story_evidence:
            return None, "; ".join(why for why in (self._no_story(s, coverage, not_copy), not_rewrite) if why)
        evidence = f"TF-IDF cosine {s.cosine:.2f}, {s.rare_terms} shared rare terms, {coverage:.0%} aligned"
        return None, "; ".join(why for why in (not_copy or evidence, not_rewrite, story_news) if why)
