"""The README's quality table, held as floors: each target the issue sets and the project meets, measured by the
same evaluation code that writes the table (``evaluation/run_all.py``), on the report splits it reports.

Nothing here is tuned on: a rule change that costs quality below a target fails here, not months later in a
by-hand evaluation run.  Targets not met yet (Clough-Stevenson recall, SemEval's report-half Pearson) are held
at the measured value, so they can only rise.  Skipped, saying why, where ``../shared/corpora`` is absent.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT, corpus_file, run_json

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    """evaluation/run_all.py, which imports its neighbour syndicate.py by name (a script, not a package)."""
    corpus_file("bbc-news/articles.jsonl")
    folder = str(ROOT / "evaluation")
    sys.path.insert(0, folder)
    try:
        spec = importlib.util.spec_from_file_location("run_all", ROOT / "evaluation" / "run_all.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


def test_syndicated_copies_are_clustered_at_copy_level_with_f1_over_0_99(tmp_path: Path) -> None:
    """The report draw of the generator, scored by ``dedup eval`` as a user would run it."""
    draw = tmp_path / "synd.jsonl"
    subprocess.run([sys.executable, str(ROOT / "evaluation" / "syndicate.py"),
                    str(corpus_file("bbc-news/articles.jsonl")), "--categories", "business,entertainment",
                    "--seed", "3", "-o", str(draw)], check=True)
    data = run_json("eval", str(draw), "--level", "copy", "--quiet")
    copy = data["levels"]["copy"]
    assert copy["precision"] >= 0.999  # joins no two different reports
    assert copy["f1"] >= 0.99  # the target


def test_copies_of_many_outlets_news_are_clustered_at_copy_level(evaluation: ModuleType, tmp_path: Path) -> None:
    """The generator's copies of SemEval's news (2020, many outlets and countries, short paragraphs, scraped
    pages), not the BBC's alone: the README's row, report half."""
    corpus_file("semeval2022-task8/pairs.jsonl")
    source = evaluation.write_semeval_news(tmp_path)
    result = evaluation.syndication("semeval-report", 3, 0.0, "copy", source=source)
    assert result["documents"] == 577
    assert result["precision"] == 1.0  # joins no two different reports
    assert result["f1"] >= 0.99  # the target for the syndication corpus; 0.9969 measured


def test_sentence_match_decision_reaches_f1_0_80_on_msrp_test(evaluation: ModuleType) -> None:
    corpus_file("msrp/test.jsonl")
    assert evaluation.msrp("test")["f1"] >= 0.80


def test_compare_score_separates_one_event_from_unrelated_semeval_pairs(evaluation: ModuleType) -> None:
    corpus_file("semeval2022-task8/pairs.jsonl")
    result = evaluation.semeval("report")
    assert result["auc"] >= 0.98  # the target
    # The Pearson target (0.85) is not met on this half (0.834): held there, and above the plain TF-IDF
    # cosine on the same pairs, which is what the floor stands for.
    assert result["pearson"] >= 0.83
    assert result["pearson"] > result["plain_tfidf_pearson"]
    joined, pairs = result["joined_at_default_level"]["unrelated"]
    assert joined == 0 and pairs == 50


def test_compare_score_beats_plain_tfidf_on_the_held_out_semeval_excerpts(evaluation: ModuleType) -> None:
    """HFL's head+tail excerpts were never read while tuning: the README's row for them, held as floors."""
    corpus_file("semeval2022-task8/pairs-headtail.jsonl")
    result = evaluation.semeval("all", "pairs-headtail.jsonl")
    assert result["pairs"] == 292
    assert result["auc"] >= 0.96 and result["auc"] > result["plain_tfidf_auc"]  # 0.969 against 0.957
    assert result["pearson"] >= 0.75 and result["pearson"] > result["plain_tfidf_pearson"]  # 0.759 against 0.699
    joined, pairs = result["joined_at_default_level"]["unrelated"]
    assert joined <= 1 and pairs == 116  # two stories on one film, without headlines (README Quality)
    joined, pairs = result["joined_at_default_level"]["related"]
    assert joined <= 9 and pairs == 111  # 23 before a missing headline's first sentence was read (lead_support)


def test_clough_stevenson_rewrites_join_their_source_and_non_answers_do_not(evaluation: ModuleType) -> None:
    corpus_file("clough-stevenson/answers.jsonl")
    result = evaluation.clough_stevenson()
    assert result["non_joined_share"] <= 0.05  # the target
    # The recall target (0.95) is not met (0.82, mostly heavy rewrites; README Quality): held where it is.
    assert result["recall_cut_light_heavy"] >= 0.81


def test_evaluation_prints_json_a_script_can_read(evaluation: ModuleType, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``run_all.py --only clough`` is the command the README's table comes from."""
    corpus_file("clough-stevenson/answers.jsonl")
    monkeypatch.setattr(sys, "argv", ["run_all.py", "--only", "clough"])
    evaluation.main()
    printed = json.loads(capsys.readouterr().out)
    assert printed["clough-stevenson"]["non"] == [0, 38]
