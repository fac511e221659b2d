"""One frozen settings object for a scan; the CLI builds it, the engine reads it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import SettingsError
from .fingerprint import SENTENCE_TERMS, FingerprintParams
from .normalize import NORMALIZER_VERSION
from .read import ReadOptions
from .verify import Relation, Thresholds

__all__ = ["ScanSettings"]


def _usable_cores() -> int:
    """The cores this process may run on: under ``taskset`` or a container's cpuset, fewer than the machine has
    (``os.cpu_count()`` counts the machine's)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return counted() or 1
    if hasattr(os, "sched_getaffinity"):  # Linux
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class ScanSettings:
    """Everything that changes a scan's result; :meth:`parameters` is saved with it."""

    level: Relation = Relation.STORY
    read: ReadOptions = field(default_factory=ReadOptions)
    fingerprint: FingerprintParams = field(default_factory=FingerprintParams)
    thresholds: Thresholds = field(default_factory=Thresholds)
    #: LSH threshold for the n-gram signature (copies) and the rare-term one (rewrites, stories).
    text_lsh_threshold: float = 0.3
    term_lsh_threshold: float = 0.15
    #: ... and for the signature of each text's opening words (a copy cut to a fraction of its source, whose
    #: garbled words, site lines or new headline leave less of its opening in the source's: of the 10 such
    #: copies no index proposed on the tuning draws, 0.3 proposes 7 and 0.5 none, for 0.1-0.4% more candidates).
    lead_lsh_threshold: float = 0.3
    #: Up to this many pairs of distinct texts (about 316 texts), every pair is a candidate:
    #: LSH saves time on a large corpus and costs a little recall on any.
    all_pairs_up_to: int = 50_000
    #: A line seen in documents of at least this many different clusters is boilerplate.
    boilerplate_clusters: int = 3
    #: ... and, if at most this many words long, set aside when a link between two documents that both
    #: carry it is verified again (``dedup.boilerplate``): site chrome is short, a story's paragraphs long.
    boilerplate_words: int = 12
    #: ... when the lines two documents share are at least this share of the shorter one's words (fewer
    #: cannot carry a decision; a results table's "Nine mths" line is template, not chrome).
    boilerplate_share: float = 0.2
    #: Copies whose shorter text has at least this share of its 3-grams in the other are near-identical;
    #: in groups of at least ``family_members`` they are verified against one of them (``dedup.families``).
    family_containment: float = 0.6
    family_members: int = 3
    #: Smooth corpus IDF with background word frequencies: English and the languages found (dedup.background).
    background: bool = True
    #: Processes for reading, fingerprinting and verification; 0 picks one per core this process may use (at most 4).
    workers: int = 0
    #: Dated texts published further apart than this many days are not copies, rewrites or
    #: write-ups of one report (identical texts still are); None: dates are not compared.
    within_days: float | None = None
    #: Dated texts published further apart than this many days may still be copies (a reprint can come weeks
    #: later) but not rewrites or write-ups of one report: a follow-up days later retells the earlier report's
    #: background in other words, as a rewrite does.  4 is ``within_days``'s measured floor (a Friday feature
    #: re-sent on Monday is 3.04 days apart); None: not held to it.
    rewrites_within_days: float | None = 4.0

    def __post_init__(self) -> None:
        if not isinstance(self.level, Relation):  # a caller's "copy", as the command line and config files say it
            try:
                object.__setattr__(self, "level", Relation.parse(self.level))
            except (KeyError, AttributeError):
                raise SettingsError(f"level must be one of exact, copy, rewrite, story, got {self.level!r}") from None
        for name in ("text_lsh_threshold", "term_lsh_threshold", "lead_lsh_threshold"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise SettingsError(f"{name} must be between 0 and 1, got {value}")
        if self.all_pairs_up_to < 0:
            raise SettingsError("all_pairs_up_to must not be negative")
        if self.read.max_bytes < 1:
            raise SettingsError("max_bytes must be positive")
        if not 0.0 < self.boilerplate_share <= 1.0:
            raise SettingsError(f"boilerplate_share must be above 0 and at most 1, got {self.boilerplate_share}")
        if self.boilerplate_words < 1:
            raise SettingsError("boilerplate_words must be at least 1")
        if self.boilerplate_clusters < 2:
            raise SettingsError("boilerplate_clusters must be at least 2")
        if not 0.0 < self.family_containment <= 1.0:
            raise SettingsError(f"family_containment must be above 0 and at most 1, got {self.family_containment}")
        if self.family_members < 2:
            raise SettingsError("family_members must be at least 2")
        for name in ("within_days", "rewrites_within_days"):
            days = getattr(self, name)
            if days is not None and not days > 0:
                raise SettingsError(f"{name} must be positive, got {days}")

    @property
    def processes(self) -> int:
        """How many processes reading, fingerprinting and verification may use (``workers``, or the cores)."""
        return self.workers or min(_usable_cores(), 4)

    def parameters(self) -> dict[str, object]:
        """What a saved result must record to be reproduced (no paths, no clock)."""
        return {
            "level": self.level.label,
            "normalizer": NORMALIZER_VERSION,
            "sentence_terms": SENTENCE_TERMS,
            "minhash": self.fingerprint.as_dict(),
            "lsh": {"text_threshold": self.text_lsh_threshold, "term_threshold": self.term_lsh_threshold,
                    "lead_threshold": self.lead_lsh_threshold, "all_pairs_up_to": self.all_pairs_up_to},
            "thresholds": self.thresholds.as_dict(),
            "boilerplate_clusters": self.boilerplate_clusters,
            "boilerplate_words": self.boilerplate_words,
            "boilerplate_share": self.boilerplate_share,
            "copy_families": {"containment": self.family_containment, "members": self.family_members},
            "idf_background": ("wordfreq-en-40k+39-languages+zh-ja-bigrams+9-stop-lists-where-found+korean-stems"
                               "/1000 pseudo-documents" if self.background else None),
            "within_days": self.within_days,
            "rewrites_within_days": self.rewrites_within_days,
            "reading": {
                "include": list(self.read.include),
                "exclude": list(self.read.exclude),
                "text_field": self.read.text_field,
                "id_field": self.read.id_field,
                "title_field": self.read.title_field,
                "max_bytes": self.read.max_bytes,
                "date_field": self.read.date_field,
            },
        }
