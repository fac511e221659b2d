"""The scan command as a user runs it: samples, formats, schema, determinism, exit codes."""

from __future__ import annotations

import csv
import html
import io
import json
import random
import shutil
from pathlib import Path

import jsonschema
import pytest

from dedup.jsonout import load_schema

from .conftest import SAMPLES, SEEDS, assert_golden, run


def scan_json(*args: str) -> dict:
    result = run("scan", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def cluster_of(data: dict, doc_id: str) -> dict:
    (found,) = [c for c in data["clusters"] if any(d["id"] == doc_id for d in c["documents"])]
    return found


def test_samples_table_matches_golden(in_root):
    result = run("scan", "samples/")
    assert result.exit_code == 0
    assert_golden("samples_table.txt", result.stdout)


def test_samples_json_matches_golden_and_schema(in_root):
    result = run("scan", "samples/", "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("scan"))
    assert_golden("samples.json", result.stdout)


def test_samples_csv_matches_golden_and_says_what_the_json_says(in_root):
    """A row a document in a cluster, for a spreadsheet: each cell the JSON's value of that name."""
    result = run("scan", "samples/", "--format", "csv")
    assert result.exit_code == 0
    assert_golden("samples.csv", result.stdout)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    data = scan_json("samples/")
    expected = [(c, d) for c in data["clusters"] for d in c["documents"]]
    assert len(rows) == len(expected) == 5
    for row, (c, d) in zip(rows, expected):
        assert (row["cluster"], row["cluster_relation"]) == (c["id"], c["relation"])
        assert row["cluster_size"] == str(c["size"])
        for name in ("title", "path", "line", "published", "language", "role", "relation", "score", "words"):
            assert row[name] == ("" if d[name] is None else str(d[name])), name
        assert (row["document"], row["kept"]) == (d["id"], "true" if d["kept"] else "false")
        reasons = [lk["reason"] for lk in c["links"] if {d["id"], c["canonical"]} == {lk["a"], lk["b"]}]
        assert row["reason"] == (reasons[0] if d["role"] == "member" else "")


def test_csv_cells_holding_commas_quotes_and_line_breaks_read_back_whole(tmp_path: Path):
    wire = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    copy = (SAMPLES / "dailycoast_ferry_copy.txt").read_text(encoding="utf-8")
    titles = ['Ferries, "electric" by 2029', "Council votes\nto replace\r ferries"]
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "wire, 1", "title": titles[0], "text": wire}) + "\n"
                    + json.dumps({"id": "coast", "title": titles[1], "text": copy}) + "\n", encoding="utf-8")
    result = run("scan", str(path), "--format", "csv")
    written = result.stdout_bytes.decode("utf-8")
    assert written.count("\r\n") == 3  # RFC 4180's line ends: the header and two rows; the line breaks are quoted
    rows = list(csv.DictReader(io.StringIO(written, newline="")))
    assert [(r["document"], r["title"], r["line"], r["kept"]) for r in rows] == [
        ("wire, 1", titles[0], "1", "true"), ("coast", titles[1], "2", "false")]


def test_seeds_form_one_cluster_with_boilerplate_unique_and_lawsuit_shared(in_root):
    data = scan_json("samples/")
    seed_ids = [f"samples/{s}" for s in SEEDS]
    cluster = cluster_of(data, seed_ids[0])
    assert sorted(d["id"] for d in cluster["documents"]) == seed_ids
    shared = " ".join(s["text"] + " " + " ".join(v["text"] for v in s["variants"]) for s in cluster["shared_sentences"])
    assert "Lawsuit time" in shared
    lawsuit = [s for s in cluster["shared_sentences"] if "Lawsuit time" in s["text"]]
    assert lawsuit and {"samples/" + SEEDS[0], "samples/" + SEEDS[1]} <= set(lawsuit[0]["documents"])
    unique = {d["id"]: [u["text"] for u in d["unique_sentences"]] for d in cluster["documents"]}
    for doc, line in [
        (SEEDS[0], "Share this Article"),
        (SEEDS[0], "For more such updates, keep reading techinnews"),
        (SEEDS[1], "Popular posts from this blog"),
        (SEEDS[1], "Skip to main content"),
        (SEEDS[2], "Join the Discussion"),
    ]:
        assert line in unique["samples/" + doc], line
        assert line not in shared


def test_syndicated_copy_is_a_copy_and_unrelated_article_stays_alone(in_root):
    data = scan_json("samples/")
    ferry = cluster_of(data, "samples/wire_harbour_ferry.txt")
    relations = {d["id"]: d["relation"] for d in ferry["documents"]}
    assert relations == {"samples/wire_harbour_ferry.txt": None, "samples/dailycoast_ferry_copy.txt": "copy"} or \
        relations == {"samples/wire_harbour_ferry.txt": "copy", "samples/dailycoast_ferry_copy.txt": None}
    copy = [d for d in ferry["documents"] if d["id"].endswith("dailycoast_ferry_copy.txt")][0]
    assert "Share this article" in [u["text"] for u in copy["unique_sentences"]]
    assert all("library_reading_hours" not in d["id"] for c in data["clusters"] for d in c["documents"])


def test_a_links_scores_measure_a_as_the_canonical_and_b_as_the_member(in_root):
    # The trimmed ferry copy sorts before its source, so the pair was verified member-first.
    data = scan_json("samples/")
    links = [lk for c in data["clusters"] for lk in c["links"]]
    assert {lk["a"] for lk in links} == {c["canonical"] for c in data["clusters"]}
    for lk in links:
        alone = json.loads(run("compare", lk["a"], lk["b"], "--format", "json").stdout)["scores"]
        assert (lk["scores"]["containment_a"], lk["scores"]["containment_b"]) == \
            (alone["containment_a"], alone["containment_b"]), lk["b"]
    ferry = cluster_of(data, "samples/wire_harbour_ferry.txt")
    assert ferry["links"][0]["scores"]["containment_a"] != ferry["links"][0]["scores"]["containment_b"]


def test_level_exact_finds_no_clusters_in_samples(in_root):
    assert scan_json("samples/", "--level", "exact")["clusters"] == []
    copy_level = scan_json("samples/", "--level", "copy")
    assert [c["relation"] for c in copy_level["clusters"]] == ["copy"]


def test_jsonl_is_one_valid_cluster_per_line(in_root):
    result = run("scan", "samples/", "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    schema = load_schema("cluster")
    for line in lines:
        jsonschema.validate(json.loads(line), schema)


def test_output_is_byte_identical_whatever_the_file_order(tmp_path, in_root):
    names = sorted(p.name for p in Path("samples").iterdir())
    orders = []
    for seed in range(3):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        orders.append(run("scan", *[f"samples/{n}" for n in shuffled], "--format", "json").stdout)
    assert orders[0] == orders[1] == orders[2]
    # and a copied tree scanned twice gives the same bytes too
    shutil.copytree("samples", tmp_path / "s")
    first = run("scan", str(tmp_path / "s"), "--format", "json").stdout
    assert first == run("scan", str(tmp_path / "s"), "--format", "json").stdout


def test_output_is_byte_identical_across_processes_whatever_their_hash_seed(in_root):
    """Python salts str hashes per process, so set and dict orders of strings differ from one run to the next:
    any that reached the output would show here, where runs in one process (above) share one salt."""
    import os
    import subprocess
    import sys

    lines = [json.dumps({"id": f"{p.name}~{k}", "text": p.read_text(encoding="utf-8")[k * 40:]})
             for p in sorted(Path("samples").iterdir()) for k in range(3)]
    outputs = {subprocess.run([sys.executable, "-m", "dedup", "scan", "-", "--format", "json"],
                              input="\n".join(lines), capture_output=True, text=True, timeout=120, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and json.loads(outputs.pop())["clusters"]


def test_stdin_jsonl(in_root):
    lines = [json.dumps({"id": p.name, "text": p.read_text()}) for p in sorted(Path("samples").iterdir())]
    data = json.loads(run("scan", "-", "--format", "json", input="\n".join(lines)).stdout)
    assert sorted(d["id"] for d in cluster_of(data, SEEDS[0])["documents"]) == SEEDS


def test_bad_file_is_reported_on_stderr_and_in_json_but_scan_goes_on(tmp_path, in_root):
    shutil.copytree("samples", tmp_path / "s")
    (tmp_path / "s" / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run("scan", str(tmp_path / "s"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["stats"]["files_failed"] == 1
    (error,) = data["errors"]
    assert error["path"].endswith("broken.txt") and "binary" in error["reason"]
    assert f"dedup: error: {tmp_path}/s/broken.txt: binary" in result.stderr
    assert len(data["clusters"]) == 2


def test_no_readable_input_exits_2_with_one_line(tmp_path):
    result = run("scan", str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert "no readable documents" in result.stderr
    assert result.stdout == ""


def test_a_folder_of_files_not_read_says_which_kinds_it_holds(tmp_path):
    """Before, a folder of Word 97 files or of tarballs said only "no matching files"; now the kinds found and,
    for archives, the --include that reads them.  Files the user excluded are not counted."""
    import gzip

    for name in ("a.doc", "b.doc", "notes.rtf", "skip.doc"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "corpus.tar.gz").write_bytes(gzip.compress(b""))
    expected = ("no matching files: the folders hold 2 .doc, 1 .rtf, 1 .tar.gz, which the --include globs do not "
                "take; archives are read in folders with --include '*.tar'")
    for command in (["scan"], ["check"], ["find", str(tmp_path)]):
        result = run(*command, str(tmp_path), "--exclude", "skip.doc")
        assert result.exit_code == 2 and result.stdout == "", command
        assert expected in result.stderr and len(result.stderr.splitlines()) == 1, command


def test_usage_errors_exit_2():
    assert run("scan", "--nope", "x").exit_code == 2
    assert run("scan").exit_code == 2
    assert run("scan", "x", "--level", "fuzzy").exit_code == 2


def test_an_empty_path_is_a_usage_error_naming_the_argument():
    """'dedup scan "$DIR"' with DIR unset: once "no readable documents in  (: no such file or directory)"."""
    article = "samples/wire_harbour_ferry.txt"
    for args, name in ((["scan", ""], "'PATH...'"), (["check", "samples", ""], "'PATH...'"),
                       (["find", "", "samples"], "'QUERY'"), (["compare", article, ""], "'B'"),
                       (["compare", article, article, "--corpus", ""], "'--corpus'")):
        result = run(*args)
        assert result.exit_code == 2 and result.stdout == ""
        assert f"Invalid value for {name}: an empty path names no file" in result.stderr


def test_help_documents_exit_codes():
    for command in ("scan", "check", "find", "compare", "eval"):  # compare's and eval's once said nothing
        out = run(command, "--help").stdout
        assert "Exit codes: 0 " in out and "2 usage error" in out, command


def test_parameters_record_the_hashing_scheme(in_root):
    params = scan_json("samples/")["parameters"]
    assert params["minhash"]["scheme"] == "affine32"
    assert params["minhash"]["num_perm"] == 128
    assert params["normalizer"] and params["minhash"]["shingles"] == "word 3-grams"


def test_the_table_summary_counts_in_words_that_agree_with_the_numbers(tmp_path, in_root):
    shutil.copy("samples/wire_harbour_ferry.txt", tmp_path / "wire.txt")
    shutil.copy("samples/dailycoast_ferry_copy.txt", tmp_path / "copy.txt")
    result = run("scan", str(tmp_path))
    assert result.exit_code == 0
    assert "- 2 documents - copy" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 documents read, 1 cluster (2 documents in clusters), 0 inputs failed"
    (tmp_path / "broken.json").write_text("{not json")
    lines = run("scan", str(tmp_path)).stdout.splitlines()
    assert lines[-1] == "2 documents read, 1 cluster (2 documents in clusters), 1 input failed"


def test_the_table_names_copies_with_nothing_of_their_own_together(tmp_path, in_root):
    """A wire story reprinted as it is: one line names the plain reprints instead of an empty section each."""
    shutil.copy("samples/dailycoast_ferry_copy.txt", tmp_path / "copy.txt")
    for n in range(12):
        shutil.copy("samples/wire_harbour_ferry.txt", tmp_path / f"reprint{n:02d}.txt")
    table = run("scan", str(tmp_path)).stdout
    assert "(0)" not in table and table.count("Only in ") == 1  # the re-headlined copy's site lines
    assert "Nothing of their own (12)" in table  # what the reprints hold, all twelve share
    assert "... and 2 more (--limit 0 shows all)" in table  # ten names shown, as ten sentences are
    names = " ".join(run("scan", str(tmp_path), "--limit", "0").stdout.split())
    assert all(f"reprint{n:02d}.txt" in names for n in range(12))


def test_a_cluster_of_many_copies_is_summed_up_within_the_limit_and_counts_read_whole(tmp_path, in_root):
    """120 outlets' copies, each with a word of the lead garbled its own way and a line of its own: --limit caps
    the documents listed, the wordings of a shared sentence and the copies' own sections; counts stay whole."""
    rng = random.Random(8)
    source = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    lead = next(line for line in source.splitlines() if line.startswith("PORT ELLEN"))
    words = lead.split()
    things = ("house water green table river morning light paper school garden window story money music family "
              "friend street winter summer evening market letter doctor teacher kitchen animal flower").split()
    for k in range(120):
        garbled = list(words)
        n = 4 + k % (len(words) - 4)
        garbled[n] = garbled[n][:-1] + "x" + garbled[n][-1]
        own = " ".join(rng.sample(things, 6)).capitalize()
        text = source.replace(lead, " ".join(garbled)) + f"\n\n{own}.\n"
        (tmp_path / f"outlet{k:03d}.txt").write_text(text, encoding="utf-8")
    table = run("scan", str(tmp_path), "--limit", "3").stdout
    assert "- 120 documents - copy" in table
    assert "x120 " in table  # a sentence all of them carry, its count whole
    assert "... and 116 more documents (--limit 0 shows all)" in table  # the canonical and three copies listed
    assert "more wordings (--limit 0 shows all)" in table
    (cluster,) = scan_json(str(tmp_path))["clusters"]
    own = sum(1 for d in cluster["documents"] if d["unique_sentences"])
    assert own > 50
    assert table.count("Only in ") == 3
    assert f"... and {own - 3} more with sentences of their own (--limit 0 shows all)" in table
    everything = run("scan", str(tmp_path), "--limit", "0").stdout
    assert "(--limit 0 shows all)" not in everything
    assert everything.count("Only in ") == own
    assert all(f"outlet{k:03d}.txt" in everything for k in range(120))


def test_the_table_shows_brackets_and_odd_file_names_as_they_are(tmp_path, in_root, monkeypatch):
    """Article text and paths are never read as rich markup: "[sic]" is the article's own."""
    for source, name in (("wire_harbour_ferry.txt", "[wire].txt"), ("dailycoast_ferry_copy.txt", "copy\nnew.txt")):
        text = (SAMPLES / source).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("The decision commits", "The decision [sic] commits [/]"),
                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    table = run("scan", ".", "--limit", "0").stdout
    assert "The decision [sic] commits [/] the council" in " ".join(table.split())
    assert "./[wire].txt" in table and "./copy\\nnew.txt" in table  # a newline in a name shown escaped
    compared = run("compare", "[wire].txt", "copy\nnew.txt").stdout
    header = next(line for line in compared.splitlines() if line.startswith("A: "))
    assert header.split() == ["A:", "[wire].txt", "sim", "B:", "copy\\nnew.txt"]


def test_a_saved_web_page_copy_joins_its_plain_text_source_and_its_site_text_is_its_own(tmp_path):
    from .test_read import ferry_page

    source = (SAMPLES / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    (tmp_path / "wire.txt").write_text(source, encoding="utf-8")
    (tmp_path / "library.txt").write_text((SAMPLES / "library_reading_hours.txt").read_text(encoding="utf-8"))
    paragraphs = [html.escape(p.strip()) for p in source.split("\n\n")[1:-2]]
    (tmp_path / "courier.html").write_text(ferry_page(paragraphs), encoding="utf-8")
    result = run("scan", str(tmp_path), "--format", "json")
    [cluster] = json.loads(result.output)["clusters"]
    assert cluster["relation"] == "copy"
    members = sorted(d["id"] for d in cluster["documents"])
    assert members == [str(tmp_path / name) for name in ("courier.html", "wire.txt")]
    page = next(d for d in cluster["documents"] if d["id"].endswith(".html"))
    unique = [s["text"] for s in page["unique_sentences"]]
    assert {"Island ferries to run on batteries & sea wind", "Popular posts", "Share this article"} <= set(unique)
    shown = unique + [s["text"] for s in cluster["shared_sentences"]]
    assert not any(word in s for s in shown for word in ("not text", "Home", "cookies", "Enable JavaScript"))


def test_a_scan_runs_from_a_working_directory_deleted_under_it(tmp_path, monkeypatch):
    """A shell left in a folder another job removed: absolute paths still scan (the working directory's
    configuration files cannot exist), rather than a FileNotFoundError from looking for them."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = run("scan", str(SAMPLES), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stats"]["documents"] == 6


def test_workers_default_to_the_cores_the_process_may_use_not_the_machines():
    """Under taskset or a container's cpuset (docker --cpuset-cpus=0), one core: one process, not one per core of
    the machine (os.cpu_count() counts the machine's)."""
    import os
    import subprocess
    import sys

    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no CPU affinity on this platform")
    probe = "from dedup import ScanSettings; print(ScanSettings().processes, ScanSettings(workers=3).processes)"
    pinned = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            preexec_fn=lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}))
    assert pinned.stdout.split() == ["1", "3"]


def test_the_progress_bar_runs_no_thread_while_workers_are_forked(monkeypatch):
    """rich draws a bar from a thread of its own unless told not to; forking a process that runs a thread can leave
    the child waiting on a lock the thread held (Python 3.12 warns of it on every fork), and the scan forks its
    workers while the bar is shown.  The bar is drawn by the progress calls instead."""
    import io
    import threading

    from rich.console import Console

    from dedup import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    monkeypatch.setattr(cli, "_stderr", lambda: Console(file=shown, force_terminal=True, width=80))
    with cli._progress(quiet=False) as update:
        assert update is not None
        update("fingerprint", 5, 10)
        assert threading.active_count() == 1
    assert "fingerprint" in shown.getvalue() and "50%" in shown.getvalue()


def test_no_progress_bar_in_a_log_even_where_force_color_is_set(monkeypatch):
    """CI jobs set FORCE_COLOR for coloured logs, and rich then takes any stream for a terminal: the bar, redrawn
    line after line, would fill the job's log.  It is shown on a terminal only."""
    import io

    from rich.console import Console

    from dedup import cli

    monkeypatch.setattr(cli, "_stderr", lambda: Console(file=io.StringIO(), force_terminal=True, width=80))
    with cli._progress(quiet=False) as update:
        assert update is None


@pytest.mark.parametrize("columns", ["0", "5"])
def test_a_table_is_drawn_at_80_columns_where_the_width_is_nonsense(in_root, monkeypatch, columns):
    """COLUMNS=0 made rich draw every panel zero columns wide: nothing on stdout, and exit 0."""
    monkeypatch.setenv("COLUMNS", columns)
    result = run("scan", "samples/")
    assert result.exit_code == 0 and "Lawsuit time" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) == 80
