"""dedup filter: the input written back without its copies, each record as it was read."""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from dedup.records import record_json

from .conftest import SAMPLES, SEEDS, run

WIRE = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
COPY = (SAMPLES / "dailycoast_ferry_copy.txt").read_text(encoding="utf-8")
LIBRARY = (SAMPLES / "library_reading_hours.txt").read_text(encoding="utf-8")


def filtered(*args: str, input: str | None = None) -> tuple[list[str], str]:
    result = run("filter", *args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines(), result.stderr


def test_each_kept_record_is_written_as_read_and_the_copy_left_out(tmp_path: Path):
    # Spacing, key order, escapes and fields dedup does not read (url, tags) are the dataset's own: kept as they were.
    lines = [
        json.dumps({"id": "wire", "url": "https://wire.example/1", "text": WIRE, "tags": ["ferries"]}),
        json.dumps({"text": COPY, "id": "coast", "url": "https://coast.example/9"}, separators=(",", ":")),
        json.dumps({"id": "library", "text": LIBRARY, "note": "caf\u00e9"}, ensure_ascii=True),
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = filtered(str(path))
    assert out == [lines[0], lines[2]]  # the wire story is the canonical: the longer text, which its copy trims
    assert "kept 2 of 3 documents: one of each of 1 cluster (1 left out) and the 1 in none (--level copy)" in err


def test_each_cluster_keeps_its_cleanest_version_not_a_trimmed_copy_in_site_chrome(tmp_path: Path, monkeypatch):
    """Outlets wrap a wire story in their chrome and trim it; the version to keep is the one without the chrome,
    though the trimmed copies at the centre of the cluster are its best connected (the canonical)."""
    chrome_top = "Skip to main content\n\nMenu | Search | Sign in\n\n"
    chrome_end = "\n\nShare this article\n\nPopular posts from this blog\n\nSign up for our newsletter\n"
    paragraphs = WIRE.split("\n\n")
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "coast.txt").write_text(chrome_top + "\n\n".join(paragraphs[:5]) + chrome_end, encoding="utf-8")
    (tmp_path / "bay.txt").write_text(chrome_top + "\n\n".join(paragraphs[:6]) + chrome_end, encoding="utf-8")
    for k, other in enumerate((LIBRARY, (SAMPLES / SEEDS[0]).read_text(encoding="utf-8"))):  # the same site's pages
        (tmp_path / f"other{k}.txt").write_text(chrome_top + other + chrome_end, encoding="utf-8")
    scanned = json.loads(run("scan", str(tmp_path), "--level", "copy", "--format", "json").stdout)
    assert [c["canonical"] for c in scanned["clusters"]] == [str(tmp_path / "bay.txt")]
    # The scan's JSON says which member filter keeps, for a folder's files to be removed by what it lists.
    assert [d["id"] for c in scanned["clusters"] for d in c["documents"] if d["kept"]] == [str(tmp_path / "wire.txt")]
    monkeypatch.setenv("COLUMNS", "300")  # the temporary folder's long name on one line
    table = run("scan", str(tmp_path), "--level", "copy").stdout
    assert f"dedup filter keeps {tmp_path / 'wire.txt'}: fewer site lines than the canonical" in table
    out, err = filtered(str(tmp_path))
    assert [json.loads(line)["id"] for line in out] == [str(tmp_path / name) for name in
                                                        ("other0.txt", "other1.txt", "wire.txt")]
    assert "kept 3 of 5 documents: one of each of 1 cluster (2 left out) and the 2 in none" in err


def test_filtering_the_output_again_leaves_it_as_it_is(in_root):
    once, _ = filtered("samples/", "--level", "story")
    twice, err = filtered("-", "--level", "story", input="\n".join(once) + "\n")
    assert twice == once and "one of each of 0 clusters (0 left out)" in err


def test_the_output_is_the_same_whatever_order_the_paths_are_named_in(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "coast", "text": COPY}) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "library", "text": LIBRARY}) + "\n"
                                      + json.dumps({"id": "wire", "text": WIRE}) + "\n", encoding="utf-8")
    first, _ = filtered(str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "-q")
    second, _ = filtered(str(tmp_path / "b.jsonl"), str(tmp_path / "a.jsonl"), "-q")
    assert first == second == [json.dumps({"id": "library", "text": LIBRARY}), json.dumps({"id": "wire", "text": WIRE})]


def test_files_are_written_as_id_title_and_text_and_the_level_decides_what_is_a_copy(in_root):
    out, _ = filtered("samples/", "-q")
    records = [json.loads(line) for line in out]
    assert [r["id"] for r in records] == [f"samples/{name}" for name in SEEDS] + [
        "samples/library_reading_hours.txt", "samples/wire_harbour_ferry.txt"]
    assert records[-1] == {"id": "samples/wire_harbour_ferry.txt", "title": None, "text": WIRE}
    # At the story level the seeds (two paraphrases and a write-up of one report) are one cluster: one is kept.
    out, err = filtered("samples/", "--level", "story")
    assert sum(json.loads(line)["id"] in {f"samples/{name}" for name in SEEDS} for line in out) == 1
    assert len(out) == 3 and "kept 3 of 6 documents: one of each of 2 clusters (3 left out)" in err
    assert "--level story" in err


def test_a_table_record_is_written_with_all_its_fields(tmp_path: Path):
    path = tmp_path / "news.csv"
    path.write_text('id,outlet,text\nwire,Coastal Wire,"' + WIRE.replace('"', '""') + '"\n'
                    'coast,Daily Coast,"' + COPY.replace('"', '""') + '"\n', encoding="utf-8")
    out, _ = filtered(str(path), "-q")
    assert [json.loads(line) for line in out] == [{"id": "wire", "outlet": "Coastal Wire", "text": WIRE}]


def test_a_parquet_record_is_written_with_every_column_in_the_files_order(tmp_path: Path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.parquet as pq

    moment = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
    table = pa.table({"id": ["wire", "coast"], "text": [WIRE, COPY], "published": [moment, moment],
                      "price": pa.array([Decimal("1.50"), Decimal("2.00")], type=pa.decimal128(5, 2)),
                      "tags": [["ferries", "councils"], []], "meta": [{"desk": "coast"}, {"desk": None}]})
    pq.write_table(table, tmp_path / "news.parquet")
    out, _ = filtered(str(tmp_path / "news.parquet"), "-q")
    assert [json.loads(line) for line in out] == [
        {"id": "wire", "text": WIRE, "published": "2025-03-03T09:00:00+00:00", "price": "1.50",
         "tags": ["ferries", "councils"], "meta": {"desk": "coast"}}]
    assert list(json.loads(out[0])) == table.column_names


def test_a_deeply_nested_record_is_written_back_or_named_in_one_line(tmp_path: Path):
    """orjson stops at 254 levels; Python's json goes deeper; past what it can write the record is an error."""
    deep = {"id": "wire", "text": WIRE, "thread": json.loads("[" * 300 + "]" * 300)}
    nested = "[" * 700 + "NaN" + "]" * 700
    too_deep = "{\"id\": \"library\", \"text\": " + json.dumps(LIBRARY) + ", \"x\": " + nested + "}"
    path = tmp_path / "news.json"
    path.write_text("[" + json.dumps(deep) + ", " + too_deep + "]", encoding="utf-8")
    result = run("filter", str(path))
    written = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and written[0] == deep and "Traceback" not in result.output
    # The NaN is written as null by a pass that recurses: under Python 3.12 and later (comprehensions inlined) it
    # reaches 700 levels, before that it does not, and the record is named instead.
    if len(written) == 1:
        assert f"dedup: error: {path}:2: record nested too deeply to be written back" in result.stderr
    else:
        assert written[1]["id"] == "library" and json.dumps(written[1]["x"]) == "[" * 700 + "null" + "]" * 700


def test_an_unreadable_record_is_named_and_the_rest_written(tmp_path: Path):
    path = tmp_path / "news.jsonl"
    good = json.dumps({"id": "library", "text": LIBRARY})
    path.write_text('{"id": "broken", "text": \n' + good + "\n", encoding="utf-8")
    result = run("filter", str(path))
    assert result.exit_code == 0 and result.stdout.splitlines() == [good]
    assert f"dedup: error: {path}:1: invalid JSON" in result.stderr
    strict = run("filter", str(path), "--strict")
    assert strict.exit_code == 2 and strict.stdout.splitlines() == [good]  # written, then the failure said


def test_quiet_says_nothing_on_stderr(in_root):
    result = run("filter", "samples/", "-q")
    assert result.exit_code == 0 and result.stderr == ""


def test_stdin_records_are_written_as_read():
    lines = [json.dumps({"id": "coast", "text": COPY}), json.dumps({"id": "wire", "text": WIRE})]
    out, _ = filtered("-", "-q", input="\n".join(lines) + "\n")
    assert out == [lines[1]]


def test_record_json_writes_what_a_table_holds_as_json():
    record = {"when": datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc), "day": date(2024, 5, 1),
              "raw": b"caf\xc3\xa9", "price": Decimal("1.50"), "missing": [math.nan], "text": "x"}
    expected = {"when": "2024-05-01T12:30:00+00:00", "day": "2024-05-01", "raw": "caf\u00e9", "price": "1.50",
                "missing": [None], "text": "x"}
    assert json.loads(record_json(record)) == expected
    # What orjson refuses is written by Python's json, to the same reading: NaN is null there too (valid JSON).
    assert json.loads(record_json({**record, "big": 2**70})) == {**expected, "big": 2**70}
    assert json.loads(record_json({"text": "half \ud800 pair"})) == {"text": "half \ud800 pair"}


def test_a_record_holding_a_web_page_is_written_as_read():
    page = "<html><head><title>Ferries</title></head><body><nav>Home | News</nav><p>" + "</p><p>".join(
        WIRE.split("\n\n")) + "</p></body></html>"
    lines = [json.dumps({"id": "page", "text": page}), json.dumps({"id": "library", "text": LIBRARY})]
    out, _ = filtered("-", "-q", input="\n".join(lines) + "\n")
    assert out == lines


def test_the_default_level_is_copy_and_a_configuration_file_can_change_it(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.jsonl").write_text(json.dumps({"id": "coast", "text": COPY}) + "\n"
                                         + json.dumps({"id": "wire", "text": WIRE}) + "\n", encoding="utf-8")
    assert 'level = "copy"  # default' in run("filter", "news.jsonl", "--show-config").stdout
    (tmp_path / ".dedup.toml").write_text('level = "exact"\n', encoding="utf-8")
    out, err = filtered("news.jsonl")
    assert len(out) == 2 and "--level exact" in err


def _parquet_out(*args: str, input: bytes | None = None) -> tuple[object, str]:
    """``dedup filter ARGS --format parquet``: the table written (exit 0) and stderr."""
    pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.parquet as pq

    result = run("filter", *args, "--format", "parquet", input=input)
    assert result.exit_code == 0, result.output
    return pq.read_table(io.BytesIO(result.stdout_bytes)), result.stderr


def test_parquet_comes_back_as_parquet_with_its_columns_types(tmp_path: Path):
    """A dataset builder's Parquet deduplicated into Parquet: every column, its type as the file has it."""
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.parquet as pq

    moment = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
    table = pa.table({"id": ["wire", "coast", "library"], "text": pa.array([WIRE, COPY, LIBRARY], pa.large_string()),
                      "published": pa.array([moment] * 3, pa.timestamp("ms", tz="UTC")),
                      "words": pa.array([247, 223, 180], pa.int32()),
                      "price": pa.array([Decimal("1.50"), Decimal("2.00"), None], type=pa.decimal128(5, 2)),
                      "tags": [["ferries"], [], None], "meta": [{"desk": "coast"}, {"desk": None}, None],
                      "outlet": pa.array(["wire", "coast", "wire"]).dictionary_encode()})
    pq.write_table(table, tmp_path / "news.parquet", row_group_size=2)  # rows from two row groups
    kept, err = _parquet_out(str(tmp_path / "news.parquet"))
    assert kept.schema.remove_metadata() == table.schema
    assert kept.to_pylist() == [table.to_pylist()[0], table.to_pylist()[2]]  # the copy left out
    assert "kept 2 of 3 documents" in err
    # The file says what wrote it and how, as every saved result does.
    about = json.loads(kept.schema.metadata[b"article_dedup"])
    assert about["tool"]["name"] == "article-dedup" and about["parameters"]["level"] == "copy"
    assert (about["documents"], about["kept"], about["left_out"], about["clusters"]) == (3, 2, 1, 1)
    assert about["parameters"]["minhash"]["num_perm"] > 0


def test_parquet_output_joins_records_of_every_format_and_says_which_fields_are_json_text(tmp_path: Path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.parquet as pq

    seed, write_up = ((SAMPLES / name).read_text(encoding="utf-8") for name in (SEEDS[0], SEEDS[2]))
    features = b'{"info": {"features": {"rank": {"dtype": "int32", "_type": "Value"}}}}'  # as Hugging Face writes
    shard = pa.table({"id": ["coast", "write-up"], "text": [COPY, write_up], "rank": pa.array([2, 5], pa.int32())})
    pq.write_table(shard.replace_schema_metadata({b"huggingface": features}), tmp_path / "a.parquet")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "wire", "text": WIRE, "rank": "first", "shares": 2**70, "flags": {}}) + "\n"
        + json.dumps({"text": LIBRARY, "id": "library", "rank": 3, "shares": 1, "desk": {"city": "Port Ellen"}}) + "\n",
        encoding="utf-8")
    (tmp_path / "c.txt").write_text(seed, encoding="utf-8")
    kept, err = _parquet_out(str(tmp_path))
    # Every field any record has, in the order first seen; the copy in a.parquet is left out.
    assert kept.column_names == ["id", "text", "rank", "shares", "flags", "desk", "title"]
    rows = kept.to_pylist()
    assert [r["id"] for r in rows] == ["write-up", "wire", "library", str(tmp_path / "c.txt")]
    # A field no one type holds is JSON text (the shard's int32 too), an integer beyond 64 bits too, and an empty
    # object (Parquet has no layout for a struct of no fields): no value is changed or lost.
    assert [r["rank"] for r in rows] == ["5", '"first"', "3", None] and rows[1]["shares"] == str(2**70)
    assert rows[1]["flags"] == "{}"
    # The shard's description of its columns' types no longer holds ('rank' is text now): it is not passed on.
    assert set(kept.schema.metadata) == {b"article_dedup"}
    assert rows[2]["desk"] == {"city": "Port Ellen"} and rows[3]["text"] == seed and rows[3]["title"] is None
    assert "dedup: warning: 'rank', 'shares', 'flags': written as JSON text, as no one Parquet type holds their " \
           "values" in err


def test_parquet_output_is_the_same_bytes_whatever_order_the_paths_are_named_in(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "coast", "text": COPY}) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "library", "text": LIBRARY}) + "\n"
                                      + json.dumps({"id": "wire", "text": WIRE}) + "\n", encoding="utf-8")
    pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    first = run("filter", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--format", "parquet", "-q")
    second = run("filter", str(tmp_path / "b.jsonl"), str(tmp_path / "a.jsonl"), "--format", "parquet", "-q")
    assert first.exit_code == second.exit_code == 0 and first.stdout_bytes == second.stdout_bytes
    assert first.stdout_bytes.startswith(b"PAR1")


def test_parquet_output_without_pyarrow_says_how_to_install_it(in_root, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import fails, as where it is not installed
    result = run("filter", "samples/", "--format", "parquet")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--format parquet needs pyarrow: pip install 'article-dedup[parquet]'" in result.stderr


def test_parquet_output_is_not_written_to_a_terminal(in_root):
    """Binary data on a terminal garbles it: the user is told to redirect, before any reading."""
    pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "dedup", "filter", "samples/", "--format", "parquet"],
                              stdout=follower, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"--format parquet writes binary data: redirect standard output to a file" in done.stderr
