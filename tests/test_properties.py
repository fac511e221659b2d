"""Properties that must hold for any input (hypothesis), checked on the engine directly."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedup import Document, ScanSettings, distinct_documents, scan_documents
from dedup.align import align, similarity_matrix
from dedup.analysis import TermWeights, sentences
from dedup.background import Background
from dedup.compare import compare_documents
from dedup.figures import changed_counts, differing_lead_figures, quantities, shared_quantities
from dedup.fingerprint import Fingerprinter
from dedup.jsonout import dumps, result_dict
from dedup.read import DecodeError, decode

from .conftest import SAMPLES

BASE = [Document(p.name, p.read_text(encoding="utf-8"), path=p.name) for p in sorted(SAMPLES.iterdir())]
SETTINGS = ScanSettings(workers=1)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_json(docs: list[Document]) -> str:
    return dumps(result_dict(scan_documents(docs, SETTINGS)))


def memberships(docs: list[Document]) -> set[frozenset[str]]:
    return {frozenset(d.id for d in c.documents) for c in scan_documents(docs, SETTINGS).clusters}


BASE_JSON = as_json(BASE)
BASE_CLUSTERS = memberships(BASE)

# Made-up words: an article that shares no vocabulary with the samples.
nonsense = st.lists(st.text("bcdfgkpqvxz", min_size=3, max_size=9), min_size=5, max_size=80).map(" ".join)


@FAST
@given(st.permutations(BASE))
def test_document_order_never_changes_the_output(docs):
    assert as_json(list(docs)) == BASE_JSON


@FAST
@given(st.lists(st.integers(min_value=1, max_value=3), min_size=len(BASE), max_size=len(BASE)), st.randoms())
def test_filter_keeps_one_document_of_each_cluster_whatever_the_order(repeats, rng):
    """Each sample given 1-3 times (exact copies, as a merged dataset holds them), in any order: one of each
    cluster is kept, every document in none too, and which ones does not hang on the order."""
    docs = [Document(f"{d.id}#{n}", d.text, path=d.path, line=n) for d, times in zip(BASE, repeats)
            for n in range(times)]
    rng.shuffle(docs)
    result = scan_documents(docs, SETTINGS)
    kept = {d.id for d in distinct_documents(result).kept}
    in_clusters = {m.id for c in result.clusters for m in c.documents}
    assert all(len(kept & {m.id for m in c.documents}) == 1 for c in result.clusters)
    assert {d.id for d in docs} - in_clusters <= kept
    assert len({d.text for d in docs if d.id in kept}) == len(kept)  # no text kept twice
    assert kept == {d.id for d in distinct_documents(scan_documents(sorted(docs, key=lambda d: d.id),
                                                                    SETTINGS)).kept}


def test_scanning_twice_gives_the_same_bytes():
    assert as_json(BASE) == as_json(BASE) == BASE_JSON


@FAST
@given(nonsense)
def test_an_unrelated_document_never_changes_other_clusters(text):
    with_extra = memberships([*BASE, Document("zz-unrelated", text)])
    assert {c for c in with_extra if "zz-unrelated" not in c} == BASE_CLUSTERS


@FAST
@given(st.sampled_from(BASE), st.sampled_from(["", "\n\n", "  "]), st.booleans())
def test_an_exact_copy_always_joins_its_originals_cluster(original, padding, upper):
    text = original.text.upper() if upper else original.text
    copy = Document("zz-copy", padding + text.replace(" ", "  ") + padding)
    clusters = memberships([*BASE, copy])
    (home,) = [c for c in clusters if "zz-copy" in c]
    assert original.id in home


@FAST
@given(st.lists(st.text(min_size=0, max_size=400), min_size=1, max_size=4))
def test_arbitrary_unicode_never_crashes_a_scan(texts):
    docs = [Document(f"u{i}", t) for i, t in enumerate(texts)] + BASE[:2]
    data = json.loads(as_json(docs))
    assert data["stats"]["documents"] == len(docs)


@FAST
@given(st.lists(st.text(alphabet=" .,;!?-\n\u2014", max_size=40), max_size=3))
def test_a_corpus_with_no_words_in_it_or_none_at_all_scans_without_failing(texts):
    """The engine called on what a reader made of damaged files (nothing, or texts without a word): a result,
    not numpy's error on an empty array; such texts can only be exact copies of one another."""
    data = json.loads(as_json([Document(f"u{i}", t) for i, t in enumerate(texts)]))
    assert data["stats"]["documents"] == len(texts)
    assert all(c["relation"] == "exact" for c in data["clusters"])


def test_the_library_takes_a_level_by_its_name_and_refuses_one_that_is_none():
    """ScanSettings(level="copy") as the command line says it; a wrong name once failed deep in the scan with
    "'<' not supported between instances of 'str' and 'Relation'", now it is a SettingsError naming the levels."""
    from dedup import SettingsError
    from dedup.verify import Relation

    assert ScanSettings(level="copy") == ScanSettings(level=Relation.COPY)
    assert as_json(BASE) == dumps(result_dict(scan_documents(BASE, ScanSettings(workers=1, level="story"))))
    for wrong in ("fuzzy", 1, None):
        with pytest.raises(SettingsError, match="level must be one of exact, copy, rewrite, story"):
            ScanSettings(level=wrong)


@FAST
@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_unicode_never_crashes_compare(a, b):
    comparison = compare_documents(Document("a", a), Document("b", b), SETTINGS)
    assert 0.0 <= comparison.score <= 1.0


@FAST
@given(st.sampled_from(BASE), st.sampled_from(BASE), st.text(max_size=80), st.text(max_size=80))
def test_headline_support_is_a_share_the_same_both_ways_and_whole_for_a_text_against_itself(a, b, head_a, head_b):
    """The lesser of the two directions: which text is A must not change whether a pair joins."""
    a, b = Document("a", f"{head_a}\n{a.text}"), Document("b", f"{head_b}\n{b.text}")
    forth = compare_documents(a, b, SETTINGS).link.scores.headline_support
    assert 0.0 <= forth <= 1.0
    assert compare_documents(b, a, SETTINGS).link.scores.headline_support == forth
    assert compare_documents(a, Document("a again", a.text), SETTINGS).link.scores.headline_support == 1.0


@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_decode_to_text_or_a_clear_error(data):
    try:
        assert isinstance(decode(data), str)
    except DecodeError as exc:
        assert str(exc)


@given(st.integers(min_value=0, max_value=10**15))
def test_a_figure_is_the_same_quantity_with_or_without_thousands_separators(n):
    assert set(quantities(f"sales of {n:,} dlrs").values()) == set(quantities(f"sales of {n} dlrs").values())


@given(st.text(alphabet=st.sampled_from("0123456789.,-/ mlnbiotha"), max_size=60))
def test_reading_figures_never_fails_and_agreement_is_bounded(text):
    found = quantities(text)
    shared, union = shared_quantities(found, quantities(text[::-1]))
    assert 0 <= shared <= union and shared <= len(found)
    assert shared_quantities(found, found) == (len(found), len(found))


figure_lines = st.lists(st.text(alphabet=st.sampled_from("0123456789.,-/ mlndivcts"), max_size=30), max_size=6)


@given(figure_lines, figure_lines)
def test_lead_figures_never_set_a_text_apart_from_itself_and_the_verdict_is_symmetric(a, b):
    figures_a, figures_b = list(map(quantities, a)), list(map(quantities, b))
    assert differing_lead_figures(figures_a, figures_a) is None
    found = differing_lead_figures(figures_a, figures_b)
    assert differing_lead_figures(figures_b, figures_a) == (found[::-1] if found else None)


count_sentences = st.lists(st.sampled_from("one two six eight ten twenty 8 12 ships were loading and waiting".split()),
                          max_size=12).map(" ".join)


@given(count_sentences, count_sentences)
def test_swapped_counts_never_set_a_sentence_apart_from_itself_and_the_verdict_is_symmetric(x, y):
    assert changed_counts(x, x) == ({}, {})
    found_x, found_y = changed_counts(x, y)
    assert changed_counts(y, x) == (found_y, found_x)
    assert set(found_x.values()).isdisjoint(found_y.values())  # a count both give is no change
    assert bool(found_x) == bool(found_y)


# Inflections of a few stems, common and rare forms: one stem must never count twice in a sentence.
inflected = st.lists(st.sampled_from("vector vectors vectored term terms termed model models modelling "
                                     "document documents documented dimension dimensions market marketed "
                                     "vote votes voted voting rate rates rated".split()),
                     min_size=1, max_size=12).map(" ".join)


@FAST
@given(st.lists(inflected, min_size=1, max_size=4), st.lists(inflected, min_size=1, max_size=4))
def test_sentence_similarity_stays_between_zero_and_one_is_symmetric_and_a_sentence_matches_itself(a, b):
    texts = [". ".join(a) + ".", ". ".join(b) + "."]
    df: dict[str, int] = {}
    for text in texts:  # IDF from the two texts: inflections of one stem weigh differently
        for word in set(text.rstrip(".").replace(". ", " ").split()):
            df[word] = df.get(word, 0) + 1
    weights = TermWeights.learn(df, 2, Background.load())
    sa, sb = (sentences(t, Fingerprinter(), weights) for t in texts)
    sim = similarity_matrix(sa, sb)
    assert ((sim >= 0) & (sim <= 1 + 1e-9)).all()
    assert abs(similarity_matrix(sb, sa).T - sim).max() < 1e-9
    assert abs(float(similarity_matrix(sa, sa).diagonal().min()) - 1.0) < 1e-9


#: Few distinct sentences, so that a text repeats some and scores tie often.
_FEW_SENTENCES = st.lists(st.sampled_from(["The ferry fares were frozen.", "The ferry fares were frozen again.",
                                           "Fares rise.", "The council voted on Tuesday.", "Voting closed early.",
                                           "The council votes on fares."]), min_size=1, max_size=8)


@FAST
@given(_FEW_SENTENCES, _FEW_SENTENCES)
def test_aligning_b_with_a_gives_the_matches_of_a_with_b(a, b):
    """The report reuses a link's alignment whichever way round verification made it."""
    texts = [" ".join(a), " ".join(b)]
    weights = TermWeights.learn({}, 2, Background.load())
    sa, sb = (sentences(t, Fingerprinter(), weights) for t in texts)
    forward, backward = align(sa, sb, 0.5), align(sb, sa, 0.5).mirrored()
    assert set(forward.matches) == set(backward.matches)
    assert (forward.covered_a, forward.covered_b, forward.in_order) == (
        backward.covered_a, backward.covered_b, backward.in_order)


#: What a page's reader sees: text without control characters or unassigned code points (read as spaces).
_SHOWN_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), max_size=80)


@given(st.lists(_SHOWN_TEXT, min_size=1, max_size=5), st.text(max_size=200), st.text(max_size=300))
def test_a_web_pages_paragraphs_are_read_as_written_and_nothing_else_breaks_it(paragraphs, script, junk):
    """Escaped paragraph text comes back word for word, a script's never; arbitrary markup never raises."""
    import html

    from dedup.webpage import page_text

    page = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    text = page_text(f"<html><body>{page}<script>{script.replace('</', '')}</script></body></html>").text
    assert text.split() == " ".join(paragraphs).split()
    page_text(junk)


_CJK_TEXT = st.text(st.sampled_from("东京大阪新闻记者报道市场ひらがなカタカナー・、。 abc123"), max_size=60)
#: Words of scripts that write vowels as combining marks (Hindi, Tamil, Hebrew with points), with spaces and stops.
_MARKED_TEXT = st.text(st.sampled_from("हिन्दीभारतकीதமிழ்மொழிעִבְרִית abc ।.\u0301"), max_size=60)


@given(st.text(max_size=200), _CJK_TEXT)
@FAST
def test_words_of_other_scripts_are_untouched_and_chinese_and_japanese_come_as_bigrams(text, cjk):
    """Reading Chinese and Japanese as bigrams changes nothing for a text without them, and for one with them
    every token is a bigram (or a lone character) of it or a word of another script, in the text's order."""
    import re
    import unicodedata

    from dedup.normalize import fold, has_cjk, tokens

    folded = fold(text)
    if not has_cjk(folded) and not any(unicodedata.category(ch).startswith("M") for ch in folded):
        assert tokens(folded) == re.findall(r"\w+", folded)
    mixed = fold(text + " " + cjk)
    position = 0
    for token in tokens(mixed):
        if has_cjk(token):
            assert len(token) <= 2 and all(has_cjk(ch) for ch in token)
        found = mixed.find(token, position)
        assert found >= 0
        position = found + (1 if has_cjk(token) else len(token))


@given(_MARKED_TEXT)
@FAST
def test_a_word_keeps_its_combining_marks_and_loses_no_letter(text):
    """A vowel sign or point belongs to the word it follows: no token starts with one, every letter and mark
    after a letter is in a token, in order, and tokens end where the text has neither."""
    import re
    import unicodedata

    from dedup.normalize import fold, tokens

    folded = fold(text)
    found = tokens(folded)
    assert all(not unicodedata.category(t[0]).startswith("M") for t in found)
    # The words as runs of letters and the marks that follow them; marks after a space or a stop belong to none.
    marks = "".join(ch for ch in set(folded) if unicodedata.category(ch).startswith("M"))
    expected = re.findall(rf"\w(?:\w|[{marks}])*" if marks else r"\w+", folded)
    assert "".join(found) == "".join(expected)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6)


@FAST
@given(st.lists(st.fixed_dictionaries({"text": st.text(max_size=8)}, optional={"a": json_values, "b": json_values}),
                min_size=1, max_size=5))
def test_parquet_output_reads_back_every_value_of_any_json_records(records):
    """``dedup filter --format parquet`` changes no value of a JSON record (each has its text, as every record
    read does): a field pyarrow types reads back as written (a number as its value, a missing key of an object as
    null), any other is JSON text holding it."""
    pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import io

    import pyarrow.parquet as pq

    from dedup.parquetout import kept_table, parquet_bytes

    docs = [Document(f"r{k}", "x", path="a.jsonl", line=k + 1, source=json.dumps(r)) for k, r in enumerate(records)]
    kept = kept_table(docs, {})
    table = pq.read_table(io.BytesIO(parquet_bytes(kept, {})))
    assert table.num_rows == len(records)

    def same(back, value) -> bool:
        if isinstance(value, dict) and isinstance(back, dict):
            return all(same(back.get(k), v) for k, v in value.items()) and all(
                v is None for k, v in back.items() if k not in value)
        if isinstance(value, list) and isinstance(back, list):
            return len(back) == len(value) and all(same(b, v) for b, v in zip(back, value))
        if isinstance(value, bool) or isinstance(back, bool):
            return type(back) is type(value) and back == value
        return back == value

    for name in table.column_names:
        cells = table.column(name).to_pylist()
        for record, cell in zip(records, cells):
            value = record.get(name)
            back = json.loads(cell) if name in kept.as_json_text and cell is not None else cell
            assert same(back, value), (name, value, cell)


@FAST
@given(st.lists(st.lists(st.none() | st.booleans() | st.integers()
                         | st.text(st.characters(blacklist_characters="\x00")), min_size=2, max_size=2), max_size=4))
def test_csv_reads_back_any_cells_as_written(rows):
    """``--format csv`` keeps every row one row, whatever its text holds (commas, quotes, \\r, \\n, U+2028): a cell
    reads back as written, no value as empty, a boolean as JSON writes it.  (NUL is left out: Python 3.10's csv
    reader refuses it.)"""
    import csv
    import io

    from dedup.csvout import csv_text

    text = csv_text(("a", "b"), [tuple(row) for row in rows])
    expected = [["a", "b"], *[["" if v is None else ("true" if v else "false") if isinstance(v, bool) else str(v)
                               for v in row] for row in rows]]
    assert list(csv.reader(io.StringIO(text, newline=""))) == expected
