"""Near-copies (dedup.near_copies): a report's reprints count once when rarity is judged, template instances and
other stories on one topic do not."""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from dedup import Document, ScanSettings, scan_documents
from dedup import near_copies as near_copies_module
from dedup.background import Background
from dedup.near_copies import OWN_SENTENCE, SHARED_SENTENCES, _mostly_shared, _own, _same_row, _Words, near_copy_pairs
from dedup.pipeline import Corpus

from .conftest import SAMPLES, SEEDS


def samples() -> list[Document]:
    return [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]


OUTLETS = ["Tech Daily Wire", "Gadget Gazette", "Silicon Herald", "Bay Area Ledger"]


def reprint_of(name: str, outlet: str = OUTLETS[0]) -> Document:
    """A seed's text on another site's page: a line above its headline, one below its end."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return Document(f"{outlet} {name}", f"{outlet} - Reprinted with permission\n\n{text}\n\n"
                                        f"Copyright 2026 {outlet}. All rights reserved. Subscribe for more.\n")


@pytest.mark.parametrize("all_pairs_up_to", [50_000, 0], ids=["every-pair", "large-corpus"])
@pytest.mark.parametrize("reprints", [[SEEDS[2]], [SEEDS[2], SEEDS[2], SEEDS[2], SEEDS[0]]], ids=["one", "four"])
def test_reprints_of_the_write_ups_leave_the_seeds_one_cluster(all_pairs_up_to: int, reprints: list[str]) -> None:
    """A report's names are rare in at most three texts; one reprint of the independent write-up made them a fourth
    text's, and the seeds fell apart into {000, 001} and {002, reprint}.  Counted once, reprints change no
    rarity, in a corpus small enough to read every pair as in one too large for that."""
    settings = ScanSettings(workers=1, all_pairs_up_to=all_pairs_up_to)
    copies = [reprint_of(name, outlet) for name, outlet in zip(reprints, OUTLETS)]
    docs = [*samples(), *copies]
    clusters = [sorted(d.id for d in c.documents) for c in scan_documents(docs, settings).clusters]
    assert sorted([*SEEDS, *(d.id for d in copies)]) in clusters
    corpus = Corpus.build(docs, settings)
    assert corpus.df["musk"] == 3 + len(copies) and corpus.rarity_df["musk"] == 3


def test_without_the_background_the_corpus_alone_says_what_is_rare() -> None:
    """Where no frequency table says a word is rare in its language, its count in the corpus is all there is,
    copies and all: unrelated passages of a language without one shared "rare" words once copies were counted
    once (the UDHR's Khmer passages, README)."""
    docs = [*samples(), reprint_of(SEEDS[2])]
    corpus = Corpus.build(docs, ScanSettings(workers=1, background=False))
    assert corpus.rarity_df == corpus.df


def test_only_tables_that_rank_words_by_frequency_are_ranked() -> None:
    """A stop list (Armenian, Nepali) names a language's function words, not how rare the others are."""
    assert Background.load(languages=["fr", "hy", "ne"]).ranked == ("en", "fr")
    assert Background.empty().ranked == ()


def near_copies(texts: list[str], names: list[set[str]]) -> list[list[int]]:
    """The near-copy pairs among ``texts``, given each one's rare words (``names``)."""
    terms = sorted(set().union(*names))
    rows = [k for k, own in enumerate(names) for _ in own]
    columns = [terms.index(name) for own in names for name in sorted(own)]
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(texts), len(terms)))
    return near_copy_pairs(texts, matrix, terms).tolist()


PLACES = ["Buenos Aires", "Bahia Blanca", "Tres Arroyos", "Tandil", "Junin", "Santa Rosa", "Cordoba"]
PLACE_NAMES = {"aires", "bahia", "blanca", "arroyos", "tandil", "junin", "cordoba"}


def temperatures(day: int, rng: random.Random) -> str:
    rows = "\n".join(f"{place} had a high of {rng.randint(10, 39)} and a low of {rng.randint(0, 9)} degrees."
                     for place in PLACES)
    return f"ARGENTINE GRAIN BELT WEATHER REPORT\n\nTemperatures in the 24 hours to noon on April {day}.\n{rows}\n"


def prices(day: int, rng: random.Random) -> str:
    def value() -> str:  # one day's figures and the next day's have no digits in common
        return f"{day % 2 + 2}.{rng.randint(10, 49) if day % 2 else rng.randint(50, 99)}"

    rows = "\n".join(f" {place} {value()} {value()}" for place in PLACES)
    return ("ARGENTINE GRAIN VALUES\n\nThe grain board has established these unit values for commodities offered "
            "from government stocks. They are effective through the next business day. Price per bushel is in "
            "dollars. Sorghum is priced per hundredweight. Corn is yellow grade only. Wheat is hard red winter. "
            f"The values below were set today.\n{rows}\n")


def rainfall(day: int, rng: random.Random) -> str:
    rows = ", ".join(f"{place} {rng.randint(0, 9)}.{rng.randint(1, 9)} mm" for place in PLACES)
    return f"ARGENTINE GRAIN BELT RAINFALL\n\nThe following rainfall was recorded on April {day}: {rows}.\n"


@pytest.mark.parametrize("template", [temperatures, prices, rainfall])
def test_a_templates_instances_with_other_figures_are_not_near_copies(template: Callable[[int, random.Random], str]
                                                                        ) -> None:
    """Daily weather and price reports share every name and change only their figures (in rows of their own, or
    of one digit), which in a large corpus are too common to count as names: each is a report of its own, and the
    places they all list stay as common as they are.  A reprint keeps the figures."""
    rng = random.Random(3)
    first, second = template(7, rng), template(8, rng)
    assert near_copies([first, second], [PLACE_NAMES, PLACE_NAMES]) == []
    assert near_copies([first, f"{first}\nShare this article\n"], [PLACE_NAMES, PLACE_NAMES]) == [[0, 1]]


TAKEOVER = ("AUSTRALIAN OFFER FOR BREWERY SHARES\n\nDiversified investment company Ariadne Australia has offered cash "
            "for shares in the Philippine brewing firm San Miguel, a Manila newspaper reported. The Sunday Times quoted "
            "a letter from Ariadne's chairman Bruce Judge to President Corazon Aquino. The shares were seized from the "
            "United Coconut Planters Bank on suspicion that Eduardo Cojuangco owned them.\n")
FOLLOW_UP = ("AUSTRALIAN PLANS PHILIPPINE BRANCH FOR TAKEOVER\n\nAriadne Australia plans to set up a branch in the "
             "Philippines before it takes over San Miguel, a Hong Kong paper said. Bruce Judge told Corazon Aquino's "
             "office in a second letter that the branch would be registered within weeks. Lawyers for Eduardo "
             "Cojuangco and the United Coconut Planters Bank declined to comment.\n")
TAKEOVER_NAMES = {"ariadne", "miguel", "judge", "corazon", "aquino", "coconut", "cojuangco"}


def test_two_stories_on_one_topic_are_not_near_copies() -> None:
    """Two reports on one takeover name the same companies and people, but in sentences of their own: the second
    is a follow-up, and their names count twice."""
    assert near_copies([TAKEOVER, FOLLOW_UP], [TAKEOVER_NAMES, TAKEOVER_NAMES]) == []


def test_a_line_above_the_headline_is_a_sites_own() -> None:
    """A site's line put over a reprint's headline names no other report; another headline in its place does."""
    site = "Reprinted by the Kilbride Ledger"
    names = [TAKEOVER_NAMES, TAKEOVER_NAMES | {"kilbride"}]
    assert near_copies([TAKEOVER, f"{site}\n\n{TAKEOVER}"], names) == [[0, 1]]
    other = TAKEOVER.replace("AUSTRALIAN OFFER FOR BREWERY SHARES", "KILBRIDE LEDGER BIDS FOR BREWERY")
    assert near_copies([TAKEOVER, other], names) == []


_SENTENCES = st.lists(st.frozensets(st.sampled_from("ab cd ef gh ij kl mn 12 3.5".split()), max_size=6), max_size=8)


@settings(deadline=None)  # a check of answers, not of speed
@given(_SENTENCES, _SENTENCES)
def test_counterparts_found_through_the_terms_index_are_those_of_comparing_every_sentence(
        text: list[frozenset[str]], other: list[frozenset[str]]) -> None:
    """A sentence is looked up among the other text's sentences that hold its rarest words only, and a text's
    sentences are counted until the answer is certain; the answers are those of comparing every sentence."""
    def read(sentences: list[frozenset[str]]) -> _Words:
        return _Words.made(sentences, [frozenset(w for w in s if not w[0].isdigit()) for s in sentences],
                           frozenset())

    def own(sentence: frozenset[str], among: list[frozenset[str]]) -> bool:
        return all(len(sentence & s) < OWN_SENTENCE * len(sentence) for s in among)

    words = read(other)
    for sentence in text:
        assert _own(sentence, words) == own(sentence, other)
        wording = frozenset(w for w in sentence if not w[0].isdigit())
        assert _same_row(wording, words) == any(wording <= w for w in words.wordings)
    fewer, more = (text, other) if len(text) <= len(other) else (other, text)
    shared = sum(1 for s in fewer if s and not own(s, more))
    assert _mostly_shared(read(text), words) == (shared > SHARED_SENTENCES * sum(1 for s in fewer if s))


def test_a_long_text_and_its_copy_are_compared_sentence_by_sentence_in_bounded_work(monkeypatch) -> None:
    """A long report and its copy are near-copies: each sentence is compared with the few of the other that
    share its rarest words, not with all of them (two 6,000-sentence texts took 20 s so)."""
    rng = random.Random(7)
    vocabulary = [f"w{k}x" for k in range(5000)]
    sentences = [" ".join(rng.choice(vocabulary) for _ in range(12)).capitalize() + "." for _ in range(2000)]
    text = "LONG REPORT\n\n" + "\n\n".join(" ".join(sentences[k:k + 4]) for k in range(0, 2000, 4))
    copy = "Reprinted by the Ledger\n\n" + text.replace(" w1x ", " w2x ") + "\n\nShare this article"
    looked_at: list[int] = []
    original = _Words.holding_any

    def counting(self: _Words, terms: frozenset[str], needed: int) -> set[int]:
        found = original(self, terms, needed)
        looked_at.append(len(found))
        return found

    monkeypatch.setattr(near_copies_module._Words, "holding_any", counting)
    names = {f"w{k}x" for k in range(3, 40)}
    assert near_copies([text, copy], [names, names]) == [[0, 1]]
    assert looked_at and sum(looked_at) < len(looked_at) * 2000 // 20  # under a twentieth of them, on average
