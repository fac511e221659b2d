"""``dedup find``: the corpus documents that copy, reword or retell a query, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from dedup import Document, Relation, ScanSettings
from dedup.compare import compare_documents
from dedup.find import find_copies
from dedup.jsonout import load_schema
from dedup.pipeline import Corpus

from .conftest import SEEDS, assert_golden, run, run_json

WIRE, COPY, LIBRARY = "samples/wire_harbour_ferry.txt", "samples/dailycoast_ferry_copy.txt", \
    "samples/library_reading_hours.txt"


def find_json(*args: str, input: str | None = None) -> dict:
    return run_json("find", *args, input=input)


def matches(data: dict) -> dict[str, list[tuple[str, str]]]:
    return {q["id"]: [(Path(m["id"]).name, m["relation"]) for m in q["matches"]] for q in data["queries"]}


def test_a_press_release_finds_its_reprints_and_their_relations(in_root):
    """The seeds' source finds its paraphrase (rewrite) and the independent write-up (story); the wire story
    finds its re-headlined copy; the unrelated library notice finds nothing."""
    seed = f"samples/{SEEDS[0]}"
    found = matches(find_json(seed, "samples/"))
    assert found == {seed: [(SEEDS[1], "rewrite"), (SEEDS[2], "story")]}  # never itself, though it is in samples/
    assert matches(find_json(seed, "samples/", "--level", "copy")) == {seed: []}
    assert matches(find_json(WIRE, "samples/")) == {WIRE: [(Path(COPY).name, "copy")]}
    typed = f"./{WIRE}"  # the same file however its path is typed
    assert matches(find_json(typed, str(Path("samples").resolve()))) == {typed: [(Path(COPY).name, "copy")]}
    assert matches(find_json(LIBRARY, "samples/")) == {LIBRARY: []}


def test_a_folder_against_itself_lists_each_documents_own_matches_as_a_scan_links_them(in_root):
    data = find_json("samples/", "samples/")
    assert data["stats"]["queries"] == data["stats"]["documents"] == len(list(Path("samples").iterdir()))
    found = {Path(q).name: m for q, m in matches(data).items()}
    assert found[SEEDS[0]] == [(SEEDS[1], "rewrite"), (SEEDS[2], "story")]
    assert found[SEEDS[1]] == [(SEEDS[0], "rewrite")] and found[SEEDS[2]] == [(SEEDS[0], "story")]
    assert found[Path(WIRE).name] == [(Path(COPY).name, "copy")] and found[Path(LIBRARY).name] == []
    scanned = json.loads(run("scan", "samples/", "--format", "json").stdout)
    linked = {frozenset((Path(link["a"]).name, Path(link["b"]).name))
              for c in scanned["clusters"] for link in c["links"]}
    assert linked <= {frozenset((Path(q).name, m)) for q, ms in matches(data).items() for m, _ in ms}


def test_find_reads_queries_from_stdin_and_records_by_id_and_streams_jsonl(in_root, tmp_path):
    records = tmp_path / "stories.jsonl"
    records.write_text("".join(json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")}) + "\n"
                               for p in sorted(Path("samples").iterdir())), encoding="utf-8")
    piped = matches(find_json("-", str(records), input=Path(WIRE).read_text(encoding="utf-8")))
    assert piped == {"-": [(Path(WIRE).name, "exact"), (Path(COPY).name, "copy")]}  # stdin is no file of the corpus
    lines = run("find", str(records), str(records), "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == sorted(p.name for p in Path("samples").iterdir())
    for line in lines:
        jsonschema.validate(json.loads(line), load_schema("finding"))


def test_find_output_does_not_depend_on_the_order_files_come_in(in_root, tmp_path):
    names = sorted(p.name for p in Path("samples").iterdir())
    outputs = []
    for order in (names, names[::-1], random.Random(3).sample(names, len(names))):
        folder = tmp_path / "-".join(str(names.index(n)) for n in order)
        folder.mkdir()
        for n in order:
            shutil.copy(Path("samples") / n, folder / n)
        result = run("find", str(folder / SEEDS[0]), *(str(folder / n) for n in order), "--format", "json")
        outputs.append(result.stdout.replace(str(folder), "FOLDER"))
    assert outputs[0] == outputs[1] == outputs[2]


def test_find_csv_has_a_row_a_match_as_the_json_has_it(in_root):
    """"Who printed our release?" as a spreadsheet: a row a match, tightest relation first; no row for a query
    without any."""
    result = run("find", "samples/", "samples/", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    data = find_json("samples/", "samples/")
    expected = [(q, m) for q in data["queries"] for m in q["matches"]]
    assert len(rows) == len(expected) > 0 and {r["query"] for r in rows} < {q["id"] for q in data["queries"]}
    for row, (q, m) in zip(rows, expected):
        assert (row["query"], row["document"], row["relation"], row["reason"]) == (q["id"], m["id"], m["relation"],
                                                                                 m["reason"])
        assert float(row["score"]) == m["score"] and row["line"] == "" and row["title"] == ""


def test_find_table_matches_golden(in_root):
    result = run("find", WIRE, "samples/")
    assert result.exit_code == 0
    assert_golden("find_wire_table.txt", result.stdout)


def test_find_usage_and_input_errors_exit_2(in_root, tmp_path):
    both = run("find", "-", "-")
    assert both.exit_code == 2 and "only one of QUERY and PATH... can be '-'" in both.output
    missing = run("find", str(tmp_path / "gone.txt"), "samples/")
    assert missing.exit_code == 2 and "gone.txt" in missing.stderr
    (tmp_path / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    strict = run("find", WIRE, "samples/", str(tmp_path / "bad.jsonl"), "--strict", "--format", "json")
    assert strict.exit_code == 2 and json.loads(strict.stdout)["errors"][0]["path"].endswith("bad.jsonl")


def test_a_copy_lsh_paired_only_with_other_copies_is_still_judged_against_the_query(in_root, monkeypatch):
    """Candidates spread from each match: the query meets the second copy through the first."""
    wire = Path(WIRE).read_text(encoding="utf-8")
    first = Document("first", wire.replace("Tuesday", "Tuesday evening"))
    second = Document("second", wire.replace("ferries", "ferry boats"))
    chain = np.array([[0, 1], [1, 2]], dtype=np.int64)  # query~first, first~second: never query~second
    monkeypatch.setattr(Corpus, "candidates", lambda self: chain)
    findings, stats = find_copies([Document("query", wire)], [first, second], ScanSettings())
    assert [(m.document.id, m.relation) for m in findings[0].matches] == [("first", "copy"), ("second", "copy")]
    assert stats["pairs_verified"] == 2
    monkeypatch.setattr(Corpus, "candidates", lambda self: chain[:1])
    alone, _ = find_copies([Document("query", wire)], [first, second], ScanSettings())
    assert [m.document.id for m in alone[0].matches] == ["first"]  # what LSH never proposed is not judged


@pytest.mark.parametrize("level", ["copy", "story"])
def test_each_match_is_the_relation_compare_finds_within_the_corpus(in_root, level):
    docs = [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path("samples").iterdir())]
    settings = ScanSettings(level=Relation.parse(level))
    for query in docs:
        others = [d for d in docs if d is not query]
        findings, _ = find_copies([query], others, settings)
        for m in findings[0].matches:
            assert compare_documents(query, m.document, settings, context=docs).relation == m.relation
        found = {m.document.id for m in findings[0].matches}
        for other in others:  # and what compare joins, find lists
            if compare_documents(query, other, settings, context=docs).joins:
                assert other.id in found


def test_queries_searched_in_worker_processes_find_what_one_process_finds(in_root, monkeypatch):
    import dedup.find

    docs = [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path("samples").iterdir())]
    alone = find_copies(docs, docs[::-1], ScanSettings(workers=1))
    monkeypatch.setattr(dedup.find, "_PARALLEL_MIN_QUERIES", 1)
    forked = find_copies(docs, docs[::-1], ScanSettings(workers=2))
    assert forked == alone and sum(len(f.matches) for f in forked[0]) > 0


def test_pages_under_one_sites_chrome_find_their_reprint_and_not_each_other(in_root):
    """Pairs sharing a site's chrome are read without it, as a scan reads them, in bulk for all the queries."""
    from .test_boilerplate import STORIES, other_sites, page

    pages = [page(name, *story) for name, story in STORIES.items()]
    reprint = page("bakery-reprint", "Ferncastle rye loaf takes the regional prize", STORIES["bakery"][1])
    for level in (Relation.COPY, Relation.STORY):
        findings, _ = find_copies(pages, [*pages, reprint, *other_sites(40)], ScanSettings(level=level))
        found = {f.query.id: [(m.document.id, m.relation) for m in f.matches] for f in findings}
        assert found == {p.id: [] for p in pages} | {"bakery.html": [("bakery-reprint.html", "copy")]}
        bakery = next(f for f in findings if f.query.id == "bakery.html")
        assert "boilerplate lines both carry set aside" in bakery.matches[0].link.reason


def test_queries_searched_in_workers_read_pages_without_their_chrome_as_one_process_does(in_root, monkeypatch):
    """A search in a worker reads pairs sharing site lines in parts of its own, which it may not fork (a child
    may not have children): they run in the worker, and the matches are one process's."""
    import dedup.find
    from dedup import pipeline

    from .test_boilerplate import STORIES, other_sites, page

    pages = [page(name, *story) for name, story in STORIES.items()]
    corpus = [*pages, page("bakery-reprint", "Ferncastle rye loaf takes the regional prize", STORIES["bakery"][1]),
              *other_sites(40)]
    alone = find_copies(pages, corpus, ScanSettings(workers=1))
    for name in ("_PARALLEL_MIN_PAIRS", "_PARALLEL_MIN_ALIGNED", "_PARALLEL_MIN_DOCS"):
        monkeypatch.setattr(pipeline, name, 1)
    monkeypatch.setattr(dedup.find, "_PARALLEL_MIN_QUERIES", 1)
    assert find_copies(pages, corpus, ScanSettings(workers=2)) == alone


def test_the_table_names_records_by_id_and_title(in_root, tmp_path):
    wire = Path(WIRE).read_text(encoding="utf-8")
    (tmp_path / "q.jsonl").write_text(json.dumps({"id": "w1", "title": "Ferry vote", "text": wire}) + "\n")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c7", "title": "Island ferries go electric",
                                                  "text": Path(COPY).read_text(encoding="utf-8")}) + "\n")
    shown = run("find", str(tmp_path / "q.jsonl"), str(tmp_path / "c.jsonl")).stdout
    assert "w1 Ferry vote - 1 match" in shown and "c7 Island ferries go electric" in shown
