"""Hostile inputs: every bad file is named once, nothing good is lost, the scan always finishes.

Fixtures are generated here (no committed binaries).  Each test builds a folder of
good articles plus one kind of bad input and checks what a user sees: the exit
code, the one-line error naming the file, the JSON ``errors[]`` and ``stats``.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dedup.cli import app
from dedup.read import DEFAULT_INCLUDE, ReadOptions, read_inputs

from .conftest import SAMPLES, corpus_file, read_jsonl

ARTICLE = SAMPLES / "wire_harbour_ferry.txt"


def scan(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, ["scan", *args, "--format", "json"], input=input, catch_exceptions=False)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A folder holding the project's samples: two real clusters to keep finding."""
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLES, folder)
    return folder


def only_error(result, name: str) -> dict:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    errors = [e for e in data["errors"] if os.path.basename(e["path"]) == name]
    assert len(errors) == 1, data["errors"]
    assert len(data["clusters"]) == 2, "the good files must still be clustered"
    assert result.stderr.count(name) == 1, result.stderr  # named once on stderr
    return errors[0]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("image.txt", bytes(range(256)) * 40, "binary"),
        ("nul.txt", b"Harbour council \x00\x00\x00\x00 voted" * 200 + b"\x00" * 4000, "binary"),
        ("blank.txt", b"", "empty"),
        ("spaces.txt", b"   \n\t\n   \n", "empty"),
    ],
)
def test_unreadable_content_is_reported_and_the_rest_scanned(good: Path, name, content, reason):
    (good / name).write_bytes(content)
    error = only_error(scan(str(good)), name)
    assert reason in error["reason"]


def test_invalid_utf8_is_decoded_as_legacy_text_not_dropped(good: Path):
    (good / "mixed.txt").write_bytes("Caf\u00e9 owners in Port Ellen said".encode() + b" \xff\xfe broken \x80 bytes.")
    data = json.loads(scan(str(good)).stdout)
    assert data["errors"] == []
    assert data["stats"]["documents"] == 7


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf16-bom.txt", lambda t: t.encode("utf-16")),
        ("utf16le-nobom.txt", lambda t: t.encode("utf-16-le")),
        ("utf16be-nobom.txt", lambda t: t.encode("utf-16-be")),
        ("cp1252.txt", lambda t: t.replace("'", "\u2019").encode("cp1252")),
        ("latin1.txt", lambda t: t.encode("latin-1")),
    ],
)
def test_legacy_encodings_are_read_and_cluster_with_the_original(good: Path, name, encode):
    text = ARTICLE.read_text(encoding="utf-8").replace("harbour", "harbour caf\u00e9")
    (good / name).write_bytes(encode(text))
    data = json.loads(scan(str(good)).stdout)
    assert data["errors"] == []
    (cluster,) = [c for c in data["clusters"] if any(d["id"].endswith(name) for d in c["documents"])]
    assert any(d["id"].endswith("wire_harbour_ferry.txt") for d in cluster["documents"])
    doc = next(d for d in cluster["documents"] if d["id"].endswith(name))
    assert doc["relation"] in ("copy", "exact", None)


def test_text_too_short_to_fingerprint_is_a_warning_and_counted(good: Path):
    (good / "dots.txt").write_text("... !!! ???\n")
    data = json.loads(scan(str(good)).stdout)
    assert data["stats"]["documents_too_short"] == 1
    assert any(w["path"].endswith("dots.txt") and "too short" in w["reason"] for w in data["warnings"])


def test_one_5mb_line_is_read_within_the_limit(good: Path):
    line = ("The harbour council voted to replace its ferries " * 110_000)[: 5 * 1024 * 1024]
    (good / "oneline.txt").write_text(line)
    result = scan(str(good))
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["errors"] == []
    assert data["stats"]["documents"] == 7


@pytest.mark.slow
def test_a_file_of_several_hundred_mb_is_truncated_to_max_bytes(good: Path):
    chunk = (ARTICLE.read_text(encoding="utf-8") + "\n\n").encode() * 700  # ~1 MB
    with (good / "dump.txt").open("wb") as handle:
        for _ in range(300):
            handle.write(chunk)
    assert (good / "dump.txt").stat().st_size > 300_000_000
    result = scan(str(good), "--max-bytes", "2000000")
    data = json.loads(result.stdout)
    (warning,) = [w for w in data["warnings"] if w["path"].endswith("dump.txt")]
    assert "truncated" in warning["reason"] and "--max-bytes 2000000" in warning["reason"]
    assert data["errors"] == [] and data["stats"]["documents"] == 7


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_never_opened(good: Path):
    os.mkfifo(good / "pipe.txt")  # opening it for reading would block forever
    error = only_error(scan(str(good)), "pipe.txt")
    assert "not a regular file" in error["reason"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_pipe_named_as_an_argument_is_read_as_stdin_is(tmp_path: Path, good: Path):
    """The shell's 'dedup compare <(cmd a) <(cmd b)': the pipe is read once its writer writes and closes."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "wb") as handle:  # blocks until the scan opens the pipe to read
            handle.write(ARTICLE.read_bytes().replace(b"ferries", b"boats"))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = scan(str(good), str(fifo))
    thread.join(timeout=10)
    data = json.loads(result.stdout)
    assert data["errors"] == []
    assert any({str(fifo), str(good / ARTICLE.name)} <= {d["id"] for d in c["documents"]} for c in data["clusters"])


def test_directory_named_like_a_file_is_walked(good: Path):
    (good / "x.txt").mkdir()
    shutil.copy(ARTICLE, good / "x.txt" / "inner.txt")
    data = json.loads(scan(str(good)).stdout)
    assert data["errors"] == []
    ids = {d["id"] for c in data["clusters"] for d in c["documents"]}
    assert f"{good}/x.txt/inner.txt" in ids


def test_symlink_loop_is_cut_and_reported_once(good: Path):
    (good / "loop").symlink_to(good, target_is_directory=True)
    result = scan(str(good))
    data = json.loads(result.stdout)
    loops = [w for w in data["warnings"] if "loop" in w["reason"]]
    assert len(loops) == 1 and data["stats"]["documents"] == 6


def test_a_folder_tree_deeper_than_pythons_recursion_limit_is_read(good: Path):
    """Folders are walked with a stack of their own: 1,200 levels once stopped the scan with a RecursionError."""
    import sys

    levels = [good]
    for _ in range(max(1200, sys.getrecursionlimit() + 100)):  # a level at a time: pathlib's parents=True recurses too
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    try:
        shutil.copy(ARTICLE, levels[-1] / "buried.txt")
        result = scan(str(good))
        data = json.loads(result.stdout)
        assert data["stats"]["documents"] == 7 and data["errors"] == []
    finally:  # taken down a level at a time too: pytest's clean-up of old runs (shutil.rmtree) recurses
        (levels[-1] / "buried.txt").unlink(missing_ok=True)
        for level in reversed(levels[1:]):
            level.rmdir()


def test_json_nested_past_the_recursion_limit_is_one_error_each(good: Path):
    """The standard library's parser recurses a level at a time: '[' * 100,000 stopped the scan with a
    RecursionError.  Now the file (or the JSON Lines line) is reported and the rest read."""
    deep = "[" * 100_000 + "]" * 100_000
    (good / "deep.json").write_text(deep, encoding="utf-8")
    story = ARTICLE.read_text(encoding="utf-8")
    (good / "feed.jsonl").write_text(json.dumps({"id": "ok", "text": story}) + "\n" + f'{{"id": "x", "text": {deep}}}\n',
                                     encoding="utf-8")
    result = scan(str(good))
    assert only_error(result, "deep.json")["reason"].startswith("JSON nested too deeply to read")
    data = json.loads(result.stdout)
    [line_error] = [e for e in data["errors"] if e["path"].endswith("feed.jsonl")]
    assert line_error["line"] == 2 and line_error["reason"].startswith("JSON nested too deeply to read")
    assert data["stats"]["documents"] == 7


def test_a_message_forwarded_within_itself_a_thousand_times_is_one_error(good: Path):
    """The standard library parses a message's parts by recursion: message/rfc822 parts 1,000 deep (227 KB) stopped
    the scan with a RecursionError."""
    message = "Subject: Ferries\nContent-Type: text/plain\n\n" + ARTICLE.read_text(encoding="utf-8")
    for level in range(1000):
        message = (f'Subject: Fwd {level}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b{level}"\n\n'
                   f"--b{level}\nContent-Type: text/plain\n\nsee attached\n--b{level}\nContent-Type: message/rfc822\n"
                   f'Content-Disposition: attachment; filename="fwd.eml"\n\n{message}\n--b{level}--\n')
    (good / "forwarded.eml").write_text(message, encoding="utf-8")
    assert only_error(scan(str(good)), "forwarded.eml")["reason"] == (
        "message nested too deeply to read (messages attached within messages, hundreds deep)")


def test_broken_symlink_is_an_error(good: Path):
    (good / "gone.txt").symlink_to(good / "missing.txt")
    assert "broken symbolic link" in only_error(scan(str(good)), "gone.txt")["reason"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_permission(good: Path):
    path = good / "secret.txt"
    shutil.copy(ARTICLE, path)
    path.chmod(0)
    assert "cannot open" in only_error(scan(str(good)), "secret.txt")["reason"]


@pytest.mark.parametrize("name", ["with space.txt", "new\nline.txt", "caf\u00e9 \u65b0\u95fb.txt"])
def test_odd_file_names_are_read_and_shown_as_typed(good: Path, name):
    shutil.copy(ARTICLE, good / name)
    data = json.loads(scan(str(good)).stdout)
    ids = {d["id"] for c in data["clusters"] for d in c["documents"]}
    assert f"{good}/{name}" in ids


def test_an_error_is_one_line_whatever_the_file_name_or_header_holds(good: Path):
    """A file name with a line break or a terminal escape in it, a CSV header cell holding a quoted line break:
    each error stays on its own line of stderr, the characters shown escaped (they once split the line, or
    coloured the terminal); the JSON keeps the path as it is."""
    (good / "bad\nname\x1b[31m.json").write_text("{not json", encoding="utf-8")
    (good / "sheet.csv").write_text('id,"head\nline",body\nr1,x,y\n', encoding="utf-8")
    result = scan(str(good))
    data = json.loads(result.stdout)
    assert {e["path"] for e in data["errors"]} == {f"{good}/bad\nname\x1b[31m.json", f"{good}/sheet.csv"}
    lines = result.stderr.splitlines()
    assert [line.count("dedup: error: ") for line in lines] == [1, 1], lines
    assert f"{good}/bad\\nname\\x1b[31m.json: " in lines[0] and "\x1b" not in result.stderr
    assert "(columns: id, head\\nline, body)" in lines[1]


def test_jsonl_bad_lines_are_reported_with_line_numbers_and_good_lines_kept(tmp_path: Path):
    text = ARTICLE.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "a", "text": text}),
        "{not json",
        json.dumps({"id": "b", "text": text + " Extra line."}),
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "body": text}),
        json.dumps(["an", "array"]),
        "\xff\xfe garbage",
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape").replace(b"\xc3\xbf\xc3\xbe", b"\xff\xfe"))
    result = scan(str(path))
    data = json.loads(result.stdout)
    by_line = {e["line"]: e["reason"] for e in data["errors"]}
    assert set(by_line) == {2, 4, 5, 6, 7}
    assert "invalid JSON" in by_line[2]
    assert "'text' is int, not a string" in by_line[4]
    assert "no 'text' field" in by_line[5]
    assert "not an object" in by_line[6]
    assert data["stats"]["records_failed"] == 5
    assert [d["id"] for d in data["clusters"][0]["documents"]] in (["a", "b"], ["b", "a"])
    assert f"{path}:2: invalid JSON" in result.stderr


def test_json_with_wrong_types_is_reported_per_record(tmp_path: Path):
    text = ARTICLE.read_text(encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps([{"id": 1, "text": text}, {"id": 2, "text": None}, 7]))
    data = json.loads(scan(str(tmp_path)).stdout)
    assert {e["line"] for e in data["errors"]} == {2, 3}
    assert data["stats"]["documents"] == 1
    assert {e["line"]: e["reason"] for e in data["errors"]}[2] == "field 'text' is null: no text to compare"


def test_duplicate_ids_are_made_unique_and_said_so(tmp_path: Path):
    text = ARTICLE.read_text(encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps({"id": "x", "text": text}) for _ in range(3)))
    data = json.loads(scan(str(tmp_path)).stdout)
    ids = sorted(d["id"] for d in data["clusters"][0]["documents"])
    assert ids == ["x", "x~2", "x~3"]
    assert sum("duplicate id 'x'" in w["reason"] for w in data["warnings"]) == 2


def test_file_deleted_between_listing_and_reading(good: Path, monkeypatch: pytest.MonkeyPatch):
    real_open = os.open

    def vanishing_open(path, flags, *args):
        if str(path).endswith("library_reading_hours.txt"):
            os.unlink(path)  # another process removed it after the folder was listed
        return real_open(path, flags, *args)

    monkeypatch.setattr("dedup.read.os.open", vanishing_open)
    error = only_error(scan(str(good)), "library_reading_hours.txt")
    assert "No such file" in error["reason"]


def test_file_truncated_while_reading_is_read_as_it_is(good: Path, monkeypatch: pytest.MonkeyPatch):
    target = good / "wire_harbour_ferry.txt"
    real_open = os.open

    def truncating_open(path, flags, *args):
        if str(path) == str(target):
            with open(path, "r+b") as handle:
                handle.truncate(0)
        return real_open(path, flags, *args)

    monkeypatch.setattr("dedup.read.os.open", truncating_open)
    result = scan(str(good))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    (error,) = [e for e in data["errors"] if e["path"].endswith("wire_harbour_ferry.txt")]
    assert "empty" in error["reason"]
    assert data["stats"]["documents"] == 5  # the others are all still read


def test_strict_turns_any_bad_input_into_exit_2_after_printing(good: Path):
    (good / "image.txt").write_bytes(bytes(range(256)) * 10)
    result = CliRunner().invoke(app, ["scan", str(good), "--format", "json", "--strict"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["clusters"]  # the results are still printed
    assert "1 input(s) could not be read (--strict)" in result.stderr
    clean = CliRunner().invoke(app, ["scan", str(SAMPLES), "--format", "json", "--strict"])
    assert clean.exit_code == 0


def test_nothing_readable_exits_2(tmp_path: Path):
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 10)
    result = scan(str(tmp_path))
    assert result.exit_code == 2 and "no readable documents" in result.stderr and result.stdout == ""


def test_ctrl_c_stops_with_one_line_and_exit_130(monkeypatch: pytest.MonkeyPatch, capsys):
    from dedup import cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "scan", interrupted)
    monkeypatch.setattr(sys, "argv", ["dedup", "scan", str(SAMPLES)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    err = capsys.readouterr().err  # click moves off the ^C line first
    assert [line for line in err.splitlines() if line] == ["dedup: interrupted"]


def test_reader_memory_is_bounded_by_max_bytes(tmp_path: Path):
    (tmp_path / "big.txt").write_text("word " * 400_000)  # 2 MB
    result = read_inputs([str(tmp_path)], ReadOptions(max_bytes=10_000))
    (doc,) = result.documents
    assert len(doc.text.encode()) <= 10_000
    assert "truncated" in result.problems[0].reason


@pytest.mark.corpus
@pytest.mark.slow
def test_real_articles_plus_every_hostile_case_scan_to_completion(tmp_path: Path):
    """The issue's acceptance run: a few hundred real articles and all the bad inputs above."""
    records = read_jsonl(corpus_file("bbc-news/articles.jsonl"))[:300]
    folder = tmp_path / "mixed"
    folder.mkdir()
    for r in records:
        (folder / f"{r['id']}.txt").write_text(f"{r['title']}\n\n{r['text']}", encoding="utf-8")
    original = records[7]
    body = f"{original['title']}\n\n{original['text']}"
    (folder / "copy-utf16.txt").write_bytes(body.encode("utf-16"))
    (folder / "copy-cp1252.txt").write_bytes(body.replace("'", "\u2019").encode("cp1252", "replace"))
    (folder / "image.txt").write_bytes(bytes(range(256)) * 50)
    (folder / "blank.txt").write_bytes(b"")
    (folder / "x.txt").mkdir()
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "bad.jsonl").write_text('{"id": "j1", "text": "A short line about ferries."}\n{broken\n')
    result = CliRunner().invoke(app, ["scan", str(folder), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    failed = {os.path.basename(e["path"]) for e in data["errors"]}
    assert failed == {"image.txt", "blank.txt", "gone.txt", "pipe.txt", "bad.jsonl"}
    (cluster,) = [c for c in data["clusters"] if any(d["id"].endswith(f"{original['id']}.txt") for d in c["documents"])]
    members = {os.path.basename(d["id"]) for d in cluster["documents"]}
    assert {"copy-utf16.txt", "copy-cp1252.txt"} <= members


@pytest.mark.parametrize("command, fmt", [("scan", "jsonl"), ("scan", "table"), ("scan", "json"),
                                          ("filter", "jsonl"), ("filter", "parquet")])
def test_output_cut_off_by_head_exits_141_without_a_traceback(tmp_path, command, fmt):
    """`dedup scan ... | head`: the reader leaves early; no 'Broken pipe' noise, the shell's code for it
    (rich's table console would exit 1 on its own).  Output written in one piece (JSON, Parquet) is held to it
    too: into a pipe whose reader has left, a large write returns short, and only the next one fails."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import subprocess

    rng = random.Random(7)
    for i in range(400):  # 400 clusters of two copies: several MB, more than any pipe holds
        words = ["".join(rng.choice("bcdfgklmnprstvz") for _ in range(7)) for _ in range(300)]
        text = "\n".join(" ".join(words[k : k + 12]) + "." for k in range(0, 300, 12))
        (tmp_path / f"a{i}.txt").write_text(text)
        (tmp_path / f"b{i}.txt").write_text(text)
    called = [sys.executable, "-m", "dedup", command, str(tmp_path), "--format", fmt, "--quiet"]
    with subprocess.Popen(called, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as scan:
        assert scan.stdout is not None and scan.stderr is not None
        scan.stdout.read(10)
        scan.stdout.close()  # like `head -c 10`
        error = scan.stderr.read()
        assert scan.wait(timeout=60) == 141
    assert error == b""


def test_a_file_name_that_is_not_utf8_is_shown_with_escapes(good: Path):
    # A name in Latin-1 on a UTF-8 system: Python hands it over with a lone surrogate, which no output can write.
    source = ARTICLE.read_bytes()
    try:
        fd = os.open(os.fsencode(good) + b"/ferry_copy_caf\xe9.txt", os.O_WRONLY | os.O_CREAT)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    with os.fdopen(fd, "wb") as handle:
        handle.write(source)
    result = scan(str(good))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = {d["id"] for c in data["clusters"] for d in c["documents"]}
    assert os.path.join(str(good), "ferry_copy_caf\\xe9.txt") in ids  # with the original, one cluster
    table = CliRunner().invoke(app, ["scan", str(good)], catch_exceptions=False)
    assert table.exit_code == 0 and "ferry_copy_caf\\xe9.txt" in table.stdout


def test_a_json_string_holding_half_a_surrogate_pair_is_repaired_and_said(good: Path):
    text = ARTICLE.read_text(encoding="utf-8")
    records = [{"id": "wire\\udc00", "text": text.replace("ferry", "ferry\\ud800", 1)}, {"id": "plain", "text": text}]
    # json.dumps would escape the backslash: write the escapes as JSON text, as a broken exporter does.
    lines = [json.dumps(r).replace("\\\\ud", "\\ud") for r in records]
    (good / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = scan(str(good))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(w["line"], "surrogate" in w["reason"]) for w in data["warnings"] if w["path"].endswith("feed.jsonl")] \
        == [(1, True)]
    cluster = next(c for c in data["clusters"] if "plain" in {d["id"] for d in c["documents"]})
    assert "wire\ufffd" in {d["id"] for d in cluster["documents"]}


def test_a_file_reached_by_two_paths_is_one_document(good: Path):
    try:
        (good / "latest.txt").symlink_to(ARTICLE.name)
    except OSError:
        pytest.skip("no symbolic links here")
    article = str(good / ARTICLE.name)
    outputs = [scan(*args) for args in ([str(good), article], [article, str(good)])]
    assert outputs[0].stdout == outputs[1].stdout  # whichever order the paths came in
    data = json.loads(outputs[0].stdout)
    ids = [d["id"] for c in data["clusters"] for d in c["documents"]]
    assert article in ids and not any(i.endswith(("latest.txt", "~2")) for i in ids)
    assert [(Path(w["path"]).name, w["reason"]) for w in data["warnings"]] == [
        ("latest.txt", f"the same file as {article}; read once")]
    assert data["stats"]["documents"] == len(list(SAMPLES.iterdir()))


def _binary_files(folder: Path) -> list[Path]:
    """One small file of each binary format read: what a damaged download or a cut transfer garbles."""
    import gzip
    import zipfile

    pa = pytest.importorskip("pyarrow", reason="pyarrow is installed with the [test] extra")
    import pyarrow.feather as feather
    import pyarrow.orc as orc
    import pyarrow.parquet as pq

    from .test_read import _crawl_records, _docx, _pdf, _warc, _workbook

    text = ARTICLE.read_text(encoding="utf-8")
    table = pa.table({"id": [f"r{k}" for k in range(40)], "text": [f"{text[:300]} {k}" for k in range(40)]})
    pq.write_table(table, folder / "t.parquet")
    feather.write_feather(table, folder / "t.feather")
    orc.write_table(table, str(folder / "t.orc"))
    with pa.OSFile(str(folder / "t.arrow"), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=10)
    _workbook(folder / "t.xlsx", {"Clips": [["id", "text"], *([f"r{k}", f"{text[:300]} {k}"] for k in range(10))]})
    _docx(folder / "t.docx", text.split("\n\n"), title="Ferries")
    _pdf(folder / "t.pdf", [text.split("\n\n")[2:4]], title="Ferries")
    with zipfile.ZipFile(folder / "t.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", text)
        archive.writestr("b.jsonl.gz", gzip.compress(json.dumps({"id": "b", "text": text}).encode() + b"\n"))
    pytest.importorskip("warcio", reason="warcio is installed with the [test] extra")
    _warc(folder / "t.warc", _crawl_records(text), gzipped=False)  # damaged headers and lengths
    _warc(folder / "t.warc.gz", _crawl_records(text))  # damaged compression
    return sorted(folder.iterdir())


def test_damaged_binary_files_are_one_error_each_and_never_stop_the_scan(tmp_path):
    """Bytes changed at random, or the file cut short, in each binary format: the reader reports the file (or
    its row) in one line and goes on; it never raises and never reads memory that is not the file's (a damaged
    Arrow stream's offsets once crashed the process while its strings were turned into Python values)."""
    pytest.importorskip("openpyxl", reason="openpyxl is installed with the [test] extra")
    pytest.importorskip("pypdf", reason="pypdf is installed with the [test] extra")
    originals = tmp_path / "originals"
    originals.mkdir()
    rng = random.Random(7)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for original in _binary_files(originals):
        data = original.read_bytes()
        for k in range(30):
            garbled = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                garbled[rng.randrange(len(garbled))] = rng.randrange(256)
            if k % 5 == 0:
                garbled = garbled[: rng.randrange(len(garbled))]
            (damaged / f"{k}{''.join(original.suffixes)}").write_bytes(bytes(garbled))
        result = read_inputs([str(damaged)], ReadOptions(include=(*DEFAULT_INCLUDE, "*.zip")))  # raises nothing
        assert all("\n" not in p.reason for p in result.problems), original.name
        assert result.files_read + result.files_failed >= 1
        shutil.rmtree(damaged)
        damaged.mkdir()


def _garbled_member(data: bytes, name: str) -> bytes:
    """A zip archive whose member ``name`` no longer inflates: its compressed bytes overwritten, the archive's
    directory intact."""
    import struct
    import zipfile

    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    return data[:start] + b"\xff" * info.compress_size + data[start + info.compress_size :]


def _shifted_directory(data: bytes) -> bytes:
    """A zip archive whose end record puts its directory further in than it is, so that every member's offset,
    read from it, falls before the start of the data (a seek to a negative position)."""
    end = data.rindex(b"PK\x05\x06")
    offset = int.from_bytes(data[end + 16 : end + 20], "little")
    return data[: end + 16] + (offset + 4096).to_bytes(4, "little") + data[end + 20 :]


def test_a_damaged_archive_on_stdin_is_one_error_as_it_is_in_a_file(tmp_path):
    """Found by tools/fuzz_readers.py: a workbook or Word document with a part that no longer inflates raised
    zlib.error, and a zip whose directory points before its start ValueError ('negative seek value') when read
    from stdin (a file's reading was guarded, and reported the first as 'damaged None data')."""
    pytest.importorskip("openpyxl", reason="openpyxl is installed with the [test] extra")
    import zipfile

    from .test_read import _docx, _workbook

    text = ARTICLE.read_text(encoding="utf-8")
    _workbook(tmp_path / "w.xlsx", {"Clips": [["id", "text"], ["r1", text]]})
    _docx(tmp_path / "d.docx", text.split("\n\n"))
    with zipfile.ZipFile(tmp_path / "z.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", text)
        archive.writestr("b.txt", text.upper())
    damaged = {"w.xlsx": _garbled_member((tmp_path / "w.xlsx").read_bytes(), "xl/workbook.xml"),
               "d.docx": _garbled_member((tmp_path / "d.docx").read_bytes(), "word/document.xml"),
               "z.zip": _shifted_directory((tmp_path / "z.zip").read_bytes())}
    for name, data in damaged.items():
        (tmp_path / name).write_bytes(data)
        for paths, stdin in (([str(tmp_path / name)], None), (["-"], io.BytesIO(data))):
            result = read_inputs(paths, ReadOptions(include=(*DEFAULT_INCLUDE, "*.zip")), stdin)  # raises nothing
            assert result.problems and not result.documents, (name, paths)
            assert all(p.fatal and "None" not in p.reason and "\n" not in p.reason for p in result.problems)


def test_damaged_web_archives_are_one_error_each_and_warcio_prints_nothing(tmp_path, capsys):
    """warcio writes what it finds amiss to stderr itself, and a record damaged in some places raises Python's own
    errors from inside it: each file is still one line in the scan's problems, and stderr stays the CLI's."""
    pytest.importorskip("warcio", reason="warcio is installed with the [test] extra")
    from .test_read import _crawl_records, _warc

    _warc(tmp_path / "t.warc", _crawl_records(ARTICLE.read_text(encoding="utf-8")), gzipped=False)
    data = (tmp_path / "t.warc").read_bytes()
    rng = random.Random(1)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for k in range(100):
        garbled = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            garbled[rng.randrange(len(garbled))] = rng.randrange(256)
        (damaged / f"{k:03d}.warc").write_bytes(bytes(garbled))
    result = read_inputs([str(damaged)], ReadOptions())  # raises nothing
    assert all("\n" not in p.reason for p in result.problems)
    assert any("not where their Content-Length said" in p.reason for p in result.problems)
    assert any("a record warcio could not parse" in p.reason for p in result.problems)
    assert capsys.readouterr().err == ""
