"""``dedup compare`` and ``dedup eval`` as a user runs them: formats, stdin, context, exit codes."""

from __future__ import annotations

import csv
import gzip
import json
import random
from pathlib import Path

import pytest

from .conftest import SEEDS, assert_golden, run, run_json
from .test_verify import ISSUERS, bond_notice

A, B = f"samples/{SEEDS[0]}", f"samples/{SEEDS[1]}"


def compare_json(*args: str, input: str | None = None) -> dict:
    return run_json("compare", *args, input=input)


def test_compare_table_of_two_seeds_matches_golden(in_root):
    result = run("compare", A, B)
    assert result.exit_code == 0
    assert_golden("compare_seeds_table.txt", result.stdout)


def test_compare_json_has_a_score_a_relation_and_every_sentence(in_root):
    data = compare_json(A, B)
    assert data["relation"] == "rewrite" and data["joins_cluster"] is True
    assert 0.0 < data["score"] < 1.0 and data["reason"]
    texts = [row["text"] for row in data["sentences_a"]]
    assert "Musk stated that the company had trained it “illegally using Twitter data,” and added, " \
           "“Lawsuit time.”" in texts
    for side, other in (("sentences_a", "sentences_b"), ("sentences_b", "sentences_a")):
        for row in data[side]:
            assert (row["match"] is None) == (row["score"] is None)
            if row["match"] is not None:
                assert data[other][row["match"]]["match"] == row["index"]  # matches are one to one


def test_a_sentence_is_matched_with_its_exact_twin_before_a_reworded_one_scoring_as_high(in_root, tmp_path):
    """A copy that put a shortened headline above the original one: "after trial" scores 1 on content words
    against the source's headline, as the copy's own identical headline does; the identical one is its match
    (the first in the text was taken before, and the identical headline listed as the copy's own)."""
    source = "samples/wire_harbour_ferry.txt"
    copy = tmp_path / "copy.txt"
    copy.write_text("Harbour council approves electric ferry fleet after trial\n\n"
                    + Path(source).read_text(encoding="utf-8"), encoding="utf-8")
    data = compare_json(str(copy), source)
    headline = "Harbour council approves electric ferry fleet after two-year trial"
    assert [(row["text"], row["match"]) for row in data["sentences_a"][:2]] == [
        ("Harbour council approves electric ferry fleet after trial", None), (headline, 0)]
    assert data["sentences_b"][0] == {"index": 0, "text": headline, "match": 1, "score": 1.0}


def test_compare_reads_one_side_from_stdin_and_says_unrelated_texts_do_not_join(in_root):
    data = compare_json(A, "-", input=Path("samples/library_reading_hours.txt").read_text(encoding="utf-8"))
    assert data["b"] == "-" and data["relation"] is None and data["joins_cluster"] is False


def test_compare_usage_and_input_errors_exit_2_with_one_line(in_root, tmp_path):
    both_stdin = run("compare", "-", "-")
    assert both_stdin.exit_code == 2 and "only one of A and B" in both_stdin.output
    missing = run("compare", A, str(tmp_path / "gone.txt"))
    assert missing.exit_code == 2
    (line,) = [x for x in missing.stderr.splitlines() if x.strip()]
    assert "gone.txt" in line and "no such file" in line


def test_compare_within_a_corpus_gives_the_scans_verdict(tmp_path):
    """Two issuers' notices of one template look like copies alone; among their corpus, they are not."""
    rng = random.Random(11)
    for k, issuer in enumerate(ISSUERS):
        (tmp_path / f"bond{k}.txt").write_text(bond_notice(issuer, rng), encoding="utf-8")
    a, b = str(tmp_path / "bond3.txt"), str(tmp_path / "bond5.txt")  # same amount, day and lead manager
    alone = compare_json(a, b)
    assert alone["relation"] == "copy"
    within = compare_json(a, b, "--corpus", str(tmp_path))
    assert within["relation"] is None and "a template" in within["reason"]
    assert alone["context_documents"] == 0 and within["context_documents"] == len(ISSUERS) - 2
    scanned = run("scan", str(tmp_path), "--format", "json")
    assert json.loads(scanned.stdout)["clusters"] == []
    assert run("compare", a, b, "--corpus", "-").exit_code == 2
    missing = run("compare", a, b, "--corpus", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "nowhere" in missing.stderr
    # A corpus file that cannot be read is reported in the saved result too, and the verdict stands on the rest.
    (tmp_path / "broken.json").write_text('{"text": ', encoding="utf-8")
    damaged = compare_json(a, b, "--corpus", str(tmp_path), "--quiet")
    assert [e["path"] for e in damaged["errors"]] == [str(tmp_path / "broken.json")]
    assert damaged["relation"] == within["relation"] and within["errors"] == within["warnings"] == []


def test_compare_names_records_of_a_corpus_by_the_ids_a_scan_shows(tmp_path):
    """A JSON Lines corpus's records are compared by id, read with the scan's field options, and judged within it."""
    rng = random.Random(11)
    notices = [{"key": f"n{k}", "body": bond_notice(issuer, rng)} for k, issuer in enumerate(ISSUERS)]
    corpus = tmp_path / "notices.jsonl"
    corpus.write_text("".join(json.dumps(n) + "\n" for n in notices), encoding="utf-8")
    fields = ("--text-field", "body", "--id-field", "key")
    within = compare_json("n3", "n5", "--corpus", str(corpus), *fields)
    assert (within["a"], within["b"]) == ("n3", "n5")
    assert within["relation"] is None and "a template" in within["reason"]
    assert within["context_documents"] == len(ISSUERS) - 2
    (tmp_path / "n5.txt").write_text(notices[5]["body"], encoding="utf-8")  # an id and a file may be mixed
    mixed = compare_json("n3", str(tmp_path / "n5.txt"), "--corpus", str(corpus), *fields)
    assert mixed["relation"] is None and mixed["context_documents"] == len(ISSUERS) - 1
    unknown = run("compare", "n3", "n99", "--corpus", str(corpus), *fields)
    assert unknown.exit_code == 2
    assert "n99: no such file, nor a document of --corpus with that id" in unknown.stderr
    many = run("compare", str(corpus), "n5", *fields)
    assert many.exit_code == 2 and f"with --corpus {corpus}, name A and B by their ids" in many.stderr


def test_compare_within_a_corpus_reports_its_analysis_as_it_goes(in_root):
    """--corpus of thousands of texts takes seconds to analyse: the progress bar hears it, the verdict is the same."""
    from dedup import Document, ScanSettings
    from dedup.compare import compare_documents

    docs = [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path("samples").iterdir())]
    heard: list[str] = []
    quiet = compare_documents(docs[0], docs[1], ScanSettings(workers=1), context=docs)
    told = compare_documents(docs[0], docs[1], ScanSettings(workers=1), context=docs,
                             progress=lambda stage, done, total: heard.append(stage))
    assert told.link == quiet.link and "fingerprint" in heard


@pytest.fixture
def labelled(tmp_path: Path, in_root: Path) -> Path:
    """The samples with their true reports: the three seeds, the ferry story and its copy, the library."""
    labels = {"000": "musk", "001": "musk", "002": "musk", "wire": "ferry", "dailycoast": "ferry",
              "library": "library"}
    path = tmp_path / "labelled.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for p in sorted(Path("samples").iterdir()):
            label = next(v for k, v in labels.items() if p.name.startswith(k))
            out.write(json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8"), "cluster": label}) + "\n")
    return path


def test_eval_scores_each_level_against_the_labels(labelled):
    data = run_json("eval", str(labelled))  # checked against dedup/schema/eval.schema.json
    levels = data["levels"]
    assert list(levels) == ["exact", "copy", "rewrite", "story"]
    # 4 true pairs: 3 among the seeds, 1 for the ferry. Copy finds the ferry copy only; story finds all.
    assert levels["copy"]["true_pairs"] == 4 and levels["copy"]["correct_pairs"] == 1
    assert levels["story"]["precision"] == levels["story"]["recall"] == levels["story"]["ari"] == 1.0
    table = run("eval", str(labelled), "--level", "story")
    assert table.exit_code == 0 and "precision" in table.stdout and "story" in table.stdout
    # A saved score says what produced it, as a scan's output does: the same MinHash and thresholds.
    scan = run_json("scan", str(labelled))
    assert data["parameters"] == {k: v for k, v in scan["parameters"].items() if k != "level"}
    assert data["schema_version"] == scan["schema_version"] and data["tool"] == scan["tool"]


def test_eval_json_lists_what_could_not_be_read_or_scored(labelled, tmp_path):
    """Problems go to the saved result as a scan's do, not only to the terminal."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines()]
    del rows[-1]["cluster"]
    (folder / "labelled.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "broken.json").write_text('{"id": "x", "text": ', encoding="utf-8")
    data = run_json("eval", str(folder), "--level", "story", "--quiet")
    assert [e["path"] for e in data["errors"]] == [str(folder / "broken.json")]
    assert [w["reason"] for w in data["warnings"]] == [
        f"1 of {len(rows)} documents have no 'cluster' label: scored without them"]
    assert data["documents"] == len(rows) - 1


def test_every_schema_is_shipped_by_name_and_an_unknown_name_is_an_error():
    from dedup.jsonout import load_schema

    for name in ("scan", "cluster", "compare", "find", "finding", "eval", "check"):
        assert load_schema(name)["$schema"].startswith("https://json-schema.org/")
    # A check's clusters are a scan's: its schema carries the scan's definitions, and they must not drift apart.
    assert load_schema("check")["$defs"]["cluster"] == load_schema("scan")["$defs"]["cluster"]
    with pytest.raises(ValueError, match="no schema named 'evaluation'"):
        load_schema("evaluation")


def test_eval_reads_labels_from_stdin_json_arrays_and_compressed_files(labelled, tmp_path):
    """A labelled corpus in any format ``scan`` reads gives the same scores; unlabelled records are left
    out with a warning that counts them."""
    rows = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines()]
    expected = json.loads(run("eval", str(labelled), "--level", "story", "--format", "json").stdout)["levels"]
    piped = run("eval", "-", "--level", "story", "--format", "json", input=labelled.read_text(encoding="utf-8"))
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout)["levels"] == expected
    packed = tmp_path / "labelled.jsonl.gz"
    packed.write_bytes(gzip.compress(labelled.read_bytes()))
    assert json.loads(run("eval", str(packed), "--level", "story", "--format", "json").stdout)["levels"] == expected
    library = next(r for r in rows if r["id"].startswith("library"))
    del library["cluster"]  # a singleton either way: the pairs do not change
    array = tmp_path / "labelled.json"
    array.write_text(json.dumps(rows), encoding="utf-8")
    result = run("eval", str(array), "--level", "story", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == len(rows) - 1
    assert json.loads(result.stdout)["levels"]["story"] == expected["story"]
    assert "1 of 6 documents have no 'cluster' label" in result.stderr
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is installed with the [test] extra")
    book = openpyxl.Workbook()
    book.active.append(["id", "text", "cluster"])
    for line in labelled.read_text(encoding="utf-8").splitlines():  # a media monitor's export: same scores
        row = json.loads(line)
        book.active.append([row["id"], row["text"], row["cluster"]])
    book.save(tmp_path / "labelled.xlsx")
    sheet = run("eval", str(tmp_path / "labelled.xlsx"), "--level", "story", "--format", "json")
    assert sheet.exit_code == 0, sheet.output
    assert json.loads(sheet.stdout)["levels"] == expected


def test_eval_reads_a_blank_label_cell_as_no_label_and_whole_floats_as_their_numbers(labelled, tmp_path):
    """A CSV export leaves unlabelled rows' cells blank, and pandas writes a column of cluster numbers with gaps
    as floats (7.0, NaN): blank cells once all became one cluster labelled '', which ruined every score, and
    the floats were no labels at all."""
    rows = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines()]
    numbers = {label: k for k, label in enumerate(sorted({r["cluster"] for r in rows}))}
    expected = run_json("eval", str(labelled), "--level", "story")["levels"]
    with (tmp_path / "labelled.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "text", "cluster"])
        writer.writerows([r["id"], r["text"], r["cluster"]] for r in rows)
        writer.writerow(["blank-1", "A note on the weather in the north, with rain later.", ""])
        writer.writerow(["blank-2", "Results of the local chess club's winter tournament.", " "])
    data = run_json("eval", str(tmp_path / "labelled.csv"), "--level", "story")
    assert data["levels"] == expected and data["documents"] == len(rows)
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.parquet as pq

    table = pa.table({"id": [r["id"] for r in rows] + ["gap"], "text": [r["text"] for r in rows] + ["Chess news."],
                      "cluster": pa.array([float(numbers[r["cluster"]]) for r in rows] + [float("nan")])})
    pq.write_table(table, tmp_path / "labelled.parquet")
    data = run_json("eval", str(tmp_path / "labelled.parquet"), "--level", "story")
    assert data["levels"] == expected and data["documents"] == len(rows)


def test_eval_reports_each_levels_progress_under_its_name(labelled):
    """Four scans of a large corpus are minutes of work: the progress bar says which level is being scanned."""
    from dedup import Document, ScanSettings
    from dedup.evaluate import evaluate_levels
    from dedup.verify import Relation

    rows = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines()]
    docs = [Document(r["id"], r["text"]) for r in rows]
    heard: list[str] = []
    levels = [Relation.COPY, Relation.STORY]
    scores = evaluate_levels(docs, [r["cluster"] for r in rows], ScanSettings(workers=1), levels,
                             progress=lambda stage, done, total: heard.append(stage))
    assert scores == evaluate_levels(docs, [r["cluster"] for r in rows], ScanSettings(workers=1), levels)
    levels_heard = list(dict.fromkeys(stage.split(": ")[0] for stage in heard))
    assert levels_heard == ["copy", "story"] and all(": " in stage for stage in heard)


def test_eval_without_labels_exits_2(tmp_path):
    path = tmp_path / "unlabelled.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Some text here."}) + "\n", encoding="utf-8")
    result = run("eval", str(path))
    assert result.exit_code == 2 and "cluster" in result.output
