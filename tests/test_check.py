"""``dedup check`` as CI runs it: the installed command, in a git repository of articles."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from dedup.cli import app
from dedup.jsonout import load_schema

from .conftest import SAMPLES

DEDUP = Path(sys.executable).with_name("dedup")
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
WIRE = SAMPLES / "wire_harbour_ferry.txt"
SEED = SAMPLES / "000_bd8e4e9c01becdd2.txt"


def dedup(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DEDUP), *args], cwd=repo, capture_output=True, text=True, timeout=120)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository of distinct articles: no duplicates yet."""
    if not DEDUP.exists():
        pytest.skip(f"{DEDUP} not installed: run pip install -e '.[test]'")
    root = tmp_path / "site"
    (root / "articles").mkdir(parents=True)
    for name in ("wire_harbour_ferry.txt", "library_reading_hours.txt", "000_bd8e4e9c01becdd2.txt"):
        shutil.copy(SAMPLES / name, root / "articles" / name)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "articles")
    return root


def copy_with_boilerplate(source: Path, target: Path, header: str) -> None:
    target.write_text(f"{header}\n\n{source.read_text(encoding='utf-8')}\n\nShare this article\n", encoding="utf-8")


def test_the_ci_story_clean_copy_baseline_second_copy_unknown_flag(repo: Path):
    assert dedup(repo, "check", "articles").returncode == 0

    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted from the Coastal Wire")
    first = dedup(repo, "check", "articles")
    assert first.returncode == 1
    assert "articles/reprint.txt" in first.stdout and "FAILED: 1 new" in first.stdout

    written = dedup(repo, "check", "articles", "--write-baseline", "dedup-baseline.json")
    assert written.returncode == 0 and "wrote 1 accepted clusters" in written.stderr
    baseline = json.loads((repo / "dedup-baseline.json").read_text())
    assert [sorted(d["id"] for d in c["documents"]) for c in baseline["clusters"]] == [
        ["articles/reprint.txt", "articles/wire_harbour_ferry.txt"]]
    assert dedup(repo, "check", "articles", "--baseline", "dedup-baseline.json").returncode == 0

    copy_with_boilerplate(WIRE, repo / "articles" / "second-reprint.txt", "Island Times")
    second = dedup(repo, "check", "articles", "--baseline", "dedup-baseline.json", "--format", "json")
    assert second.returncode == 1
    report = json.loads(second.stdout)
    jsonschema.validate(report, load_schema("check"))
    (grown,) = report["new_clusters"]
    assert grown["status"] == "grown" and grown["new_documents"] == ["articles/second-reprint.txt"]
    # What was scanned, with which settings, and what could not be read, as a scan's JSON records it.
    (repo / "articles" / "broken.json").write_text('{"text": ', encoding="utf-8")
    report = json.loads(dedup(repo, "check", "articles", "--baseline", "dedup-baseline.json", "--format",
                              "json").stdout)
    jsonschema.validate(report, load_schema("check"))
    assert report["stats"]["documents"] == 5 and report["parameters"]["level"] == "story"
    assert [e["path"] for e in report["errors"]] == ["articles/broken.json"]

    unknown = dedup(repo, "check", "articles", "--no-such-flag")
    assert unknown.returncode == 2 and "No such option" in unknown.stderr and unknown.stdout == ""


def test_a_baseline_is_written_whole_or_not_at_all(repo: Path, monkeypatch: pytest.MonkeyPatch):
    """A folder that is not there is one line and exit 2, not a traceback; a write that fails part-way leaves the
    accepted baseline as it was, and no stray file behind."""
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    missing = dedup(repo, "check", "articles", "--write-baseline", "nowhere/b.json")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.strip() == "Error: nowhere/b.json: cannot write baseline: No such file or directory"
    assert dedup(repo, "check", "articles", "--write-baseline", "b.json").returncode == 0
    accepted = (repo / "b.json").read_bytes()

    from dedup import check

    def fail(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    # Rewritten through a symbolic link to it, and with the permissions it had.
    (repo / "b.json").chmod(0o640)
    (repo / "link.json").symlink_to(repo / "b.json")
    check.save_baseline(str(repo / "link.json"), [], {"level": "story"})
    assert (repo / "link.json").is_symlink() and json.loads((repo / "b.json").read_text())["clusters"] == []
    assert (repo / "b.json").stat().st_mode & 0o777 == 0o640
    (repo / "link.json").unlink()
    assert dedup(repo, "check", "articles", "--write-baseline", "b.json").returncode == 0
    accepted = (repo / "b.json").read_bytes()

    monkeypatch.setattr(check.os, "replace", fail)
    with pytest.raises(check.BaselineError, match="b.json: cannot write baseline: No space left on device"):
        check.save_baseline(str(repo / "b.json"), [], {"level": "story"})
    assert (repo / "b.json").read_bytes() == accepted
    assert sorted(p.name for p in repo.iterdir() if p.is_file()) == ["b.json"]


def test_baseline_survives_unrelated_edits_and_renames(repo: Path):
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    assert dedup(repo, "check", "articles", "--write-baseline", "b.json").returncode == 0
    (repo / "articles" / "library_reading_hours.txt").write_text("An entirely different notice about bins.")
    (repo / "articles" / "reprint.txt").rename(repo / "articles" / "renamed.txt")
    assert dedup(repo, "check", "articles", "--baseline", "b.json").returncode == 0


def test_vanished_cluster_is_reported_but_does_not_fail(repo: Path):
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    dedup(repo, "check", "articles", "--write-baseline", "b.json")
    (repo / "articles" / "reprint.txt").unlink()
    result = dedup(repo, "check", "articles", "--baseline", "b.json")
    assert result.returncode == 0 and "no longer found" in result.stdout


def test_max_clusters_allows_that_many_new_clusters(repo: Path):
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    assert dedup(repo, "check", "articles", "--max-clusters", "1").returncode == 0
    copy_with_boilerplate(SEED, repo / "articles" / "seed-copy.txt", "Tech news")
    assert dedup(repo, "check", "articles", "--max-clusters", "1").returncode == 1


def test_sarif_validates_against_the_official_2_1_0_schema(repo: Path):
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    result = dedup(repo, "check", "articles", "--format", "sarif")
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(sarif)
    (finding,) = sarif["runs"][0]["results"]
    located = {finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
               finding["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]}
    assert located == {"articles/reprint.txt", "articles/wire_harbour_ferry.txt"}
    assert finding["ruleId"] == "dedup/copy" and finding["level"] == "error"


def test_sarif_locations_are_uris_whatever_the_file_is_called(repo: Path):
    """A SARIF location is a URI reference: 'Café report #2.txt' as written would end the path at '#' (a
    fragment) and hold a space and a non-ASCII letter, which no URI may; an absolute path is a file: URI."""
    copy_with_boilerplate(WIRE, repo / "articles" / "Café report #2.txt", "Reprinted")
    for args, expected in ((["articles"], "articles/Caf%C3%A9%20report%20%232.txt"),
                           ([str(repo / "articles")], (repo / "articles" / "Café report #2.txt").as_uri())):
        result = dedup(repo, "check", *args, "--format", "sarif")
        sarif = json.loads(result.stdout)
        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(sarif)
        (finding,) = sarif["runs"][0]["results"]
        uris = {place["physicalLocation"]["artifactLocation"]["uri"]
                for place in (*finding["locations"], *finding["relatedLocations"])}
        assert expected in uris and all("#" not in uri and " " not in uri and uri.isascii() for uri in uris)


def test_github_and_junit_reporters(repo: Path):
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    github = dedup(repo, "check", "articles", "--format", "github")
    (line,) = github.stdout.splitlines()
    assert line.startswith("::error file=articles/") and ",line=1,title=dedup%3A copy::" in line
    assert "reprint.txt" in line and "wire_harbour_ferry.txt" in line
    junit = dedup(repo, "check", "articles", "--format", "junit")
    assert '<testsuite name="dedup check" tests="1" failures="1">' in junit.stdout
    import xml.etree.ElementTree as ET

    assert ET.fromstring(junit.stdout).find("testcase/failure") is not None


def test_reports_stay_well_formed_whatever_the_ids_hold(repo: Path):
    """Records whose ids hold control characters (an export's stray \\x01, a terminal escape): the JUnit report
    was not XML at all (XML 1.0 holds no control characters, not even as references), and the GitHub
    annotation carried the escape into the job's log.  Both show them escaped; JSON keeps the ids exact."""
    import xml.etree.ElementTree as ET

    text = WIRE.read_text(encoding="utf-8")
    ids = ["wire\x01copy\x1b[31m", "wire\u2028original"]
    (repo / "feed.jsonl").write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in ids),
                                     encoding="utf-8")
    junit = dedup(repo, "check", "feed.jsonl", "--format", "junit")
    (failure,) = ET.fromstring(junit.stdout).iter("failure")
    assert failure.text == "wire\\u2028original exact of wire\\x01copy\\x1b[31m (score 1.00)"
    github = dedup(repo, "check", "feed.jsonl", "--format", "github")
    assert "\x1b" not in github.stdout and "wire\\x01copy\\x1b[31m" in github.stdout
    data = json.loads(dedup(repo, "check", "feed.jsonl", "--format", "json").stdout)
    assert sorted(data["new_clusters"][0]["new_documents"]) == sorted(ids)


def test_config_precedence_flag_over_dedup_toml_over_pyproject(repo: Path):
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    (repo / "pyproject.toml").write_text('[tool.dedup]\nlevel = "exact"\nmax-clusters = 5\n')
    shown = dedup(repo, "check", "articles", "--show-config").stdout
    assert 'level = "exact"  # pyproject.toml' in shown and "max-clusters = 5  # pyproject.toml" in shown
    assert dedup(repo, "check", "articles").returncode == 0  # exact level: the reprint is not identical

    (repo / ".dedup.toml").write_text('level = "copy"\n')
    shown = dedup(repo, "check", "articles", "--show-config").stdout
    assert 'level = "copy"  # .dedup.toml' in shown and "max-clusters = 5  # pyproject.toml" in shown
    assert dedup(repo, "check", "articles").returncode == 0  # one new cluster, five allowed

    shown = dedup(repo, "check", "articles", "--max-clusters", "0", "--show-config").stdout
    assert "max-clusters = 0  # command line" in shown
    assert dedup(repo, "check", "articles", "--max-clusters", "0").returncode == 1


def test_dedup_toml_in_the_scanned_tree_applies(repo: Path):
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    (repo / "articles" / ".dedup.toml").write_text('level = "exact"\n')
    assert dedup(repo, "check", "articles").returncode == 0


def test_unknown_and_invalid_config_keys_are_errors_naming_the_key(repo: Path):
    (repo / ".dedup.toml").write_text("colour = 1\n")
    result = dedup(repo, "check", "articles")
    assert result.returncode == 2 and "unknown configuration key 'colour'" in result.stderr
    (repo / ".dedup.toml").write_text('level = "fuzzy"\n')
    result = dedup(repo, "check", "articles")
    assert result.returncode == 2 and "level" in result.stderr and "fuzzy" in result.stderr
    (repo / ".dedup.toml").write_bytes('level = "copy"  # Jos\u00e9\n'.encode("cp1252"))  # saved by an old editor
    result = dedup(repo, "check", "articles")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith(
        ".dedup.toml: cannot read configuration: not UTF-8 (invalid continuation byte at byte 21)")


def test_bad_baseline_is_a_usage_error(repo: Path):
    (repo / "b.json").write_text("{}")
    result = dedup(repo, "check", "articles", "--baseline", "b.json")
    assert result.returncode == 2 and "not a dedup baseline" in result.stderr


def test_check_help_documents_exit_codes():
    out = CliRunner().invoke(app, ["check", "--help"]).stdout
    assert "1 new duplicate" in out and "2 usage error" in out


def test_installed_command_and_python_m_run(tmp_path: Path):
    if not DEDUP.exists():
        pytest.skip(f"{DEDUP} not installed")
    version = subprocess.run([str(DEDUP), "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("dedup, version")
    via_module = subprocess.run([sys.executable, "-m", "dedup", "scan", str(SAMPLES), "--format", "json"],
                                capture_output=True, text=True)
    assert via_module.returncode == 0 and len(json.loads(via_module.stdout)["clusters"]) == 2
    found = subprocess.run([str(DEDUP), "find", str(SAMPLES / "wire_harbour_ferry.txt"), str(SAMPLES), "--format",
                            "jsonl"], capture_output=True, text=True)
    assert found.returncode == 0 and [m["relation"] for m in json.loads(found.stdout)["matches"]] == ["copy"]
    kept = subprocess.run([str(DEDUP), "filter", str(SAMPLES), "-q"], capture_output=True, text=True)
    ids = [json.loads(line)["id"] for line in kept.stdout.splitlines()]
    assert kept.returncode == 0 and len(ids) == 5 and str(SAMPLES / "dailycoast_ferry_copy.txt") not in ids


def test_the_shell_completes_commands_choices_and_paths(tmp_path: Path):
    """click's completion (`eval "$(_DEDUP_COMPLETE=bash_source dedup)"`, README): commands and --format's
    choices by name, and every path argument as a file, which bash completes from the disk (PATH..., QUERY, A,
    B, --corpus and --baseline once completed nothing at all)."""
    if not DEDUP.exists():
        pytest.skip(f"{DEDUP} not installed")
    import os

    def complete(*words: str) -> list[str]:
        env = {**os.environ, "COMP_WORDS": " ".join(("dedup", *words)), "COMP_CWORD": str(len(words)),
               "_DEDUP_COMPLETE": "bash_complete"}
        return subprocess.run([str(DEDUP)], env=env, capture_output=True, text=True, check=True).stdout.split()

    script = subprocess.run([str(DEDUP)], env={**os.environ, "_DEDUP_COMPLETE": "bash_source"},
                            capture_output=True, text=True, check=True).stdout
    assert "complete -o nosort -F _dedup_completion dedup" in script
    assert complete("sc") == ["plain,scan"]
    assert complete("scan", "samples", "--format", "") == ["plain,table", "plain,json", "plain,jsonl", "plain,csv"]
    for words in (["scan", "sam"], ["check", "a", "sam"], ["find", "sam"], ["compare", "sam"],
                  ["compare", "a", "b", "--corpus", "sam"], ["check", "a", "--baseline", "sam"]):
        assert complete(*words) == ["file,sam"], words


def test_output_survives_a_terminal_that_cannot_show_the_text(tmp_path: Path):
    """An ASCII locale or a Windows code page: the table shows '?' for what it cannot encode instead of stopping
    with a traceback, and machine-readable output stays UTF-8 (RFC 8259), the characters as they are."""
    if not DEDUP.exists():
        pytest.skip(f"{DEDUP} not installed")
    import os

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    seeds = [str(SAMPLES / name) for name in sorted(p.name for p in SAMPLES.iterdir()) if name[0].isdigit()]

    def dedup_ascii(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(DEDUP), *args], capture_output=True, env=env, timeout=120)

    table = dedup_ascii("scan", *seeds)
    assert table.returncode == 0, table.stderr.decode()
    assert b"Lawsuit time" in table.stdout and b"?" in table.stdout
    table.stdout.decode("ascii")  # nothing but ASCII reached the terminal
    curly = "\u2019"  # "The billionaire's comment", as the seed writes it
    query = tmp_path / "query.jsonl"  # find's output names documents by id and title
    query.write_text(json.dumps({"id": "q", "title": f"Musk{curly}s lawsuit", "text": Path(seeds[0]).read_text(
        encoding="utf-8")}) + "\n", encoding="utf-8")
    for args in (("scan", *seeds, "--format", "jsonl"), ("compare", *seeds[:2], "--format", "json"),
                 ("find", str(query), *seeds, "--format", "json"), ("check", *seeds, "--format", "json")):
        out = dedup_ascii(*args)
        assert out.returncode in (0, 1), out.stderr.decode()
        assert curly in out.stdout.decode("utf-8"), args
        for line in out.stdout.decode("utf-8").splitlines() if args[-1] == "jsonl" else [out.stdout.decode()]:
            json.loads(line)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full (a disk that is always full) is Linux's")
@pytest.mark.parametrize("command", ["scan", "check"])
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl"])
def test_a_full_disk_is_one_line_and_exit_2(command: str, fmt: str):
    """Not a traceback, and not exit 1, which check gives for duplicates found."""
    if not DEDUP.exists():
        pytest.skip(f"{DEDUP} not installed")
    if command == "check" and fmt == "jsonl":
        fmt = "sarif"
    with open("/dev/full", "wb") as full:
        out = subprocess.run([str(DEDUP), command, str(SAMPLES), "--format", fmt], stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr == "dedup: error: cannot write the output: No space left on device\n"


@pytest.mark.skipif(sys.platform == "win32", reason="closing a child's stdin before it starts needs preexec_fn (POSIX)")
@pytest.mark.parametrize("args", [("scan", "-"), ("find", "-", str(SAMPLES)), ("eval", "-"), ("check", "-"),
                                  ("compare", "-", str(WIRE))])
def test_reading_a_closed_stdin_is_one_line_and_exit_2(args: tuple[str, ...]):
    """Started with standard input closed (`<&-`, some service managers), Python has no sys.stdin at all."""
    if not DEDUP.exists():
        pytest.skip(f"{DEDUP} not installed")
    import os

    out = subprocess.run([str(DEDUP), *args], capture_output=True, text=True, timeout=120,
                         preexec_fn=lambda: os.close(0))
    assert (out.returncode, out.stderr) == (2, "Error: -: standard input is closed\n")


@pytest.mark.skipif(sys.platform == "win32", reason="closing a child's stdout before it starts needs preexec_fn (POSIX)")
@pytest.mark.parametrize("args", [("scan", str(SAMPLES)), ("scan", str(SAMPLES), "--format", "json"),
                                  ("compare", str(WIRE), str(SEED), "--format", "json")])
def test_writing_to_a_closed_stdout_is_one_line_and_exit_2(args: tuple[str, ...]):
    """Started with standard output closed (`>&-`), Python has no sys.stdout and click wrote nothing without a
    word: the results were lost and the command said it had run (exit 0)."""
    if not DEDUP.exists():
        pytest.skip(f"{DEDUP} not installed")
    import os

    out = subprocess.run([str(DEDUP), *args], stderr=subprocess.PIPE, text=True, timeout=120,
                         preexec_fn=lambda: os.close(1))
    assert (out.returncode, out.stderr) == (2, "dedup: error: cannot write the output: standard output is closed\n")


def test_pre_commit_hook_definition_runs_dedup_check():
    text = (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text()
    assert "- id: dedup-check" in text and "entry: dedup check" in text and "language: python" in text


def test_one_configuration_file_serves_every_command(repo: Path):
    """The README's own example sets check's max-clusters beside level: scan takes the level and leaves check's
    keys to check, rather than calling them unknown."""
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    (repo / ".dedup.toml").write_text('level = "exact"\nmax-clusters = 0\nbaseline = "accepted.json"\n')
    scanned = dedup(repo, "scan", "articles", "--format", "json")
    assert scanned.returncode == 0, scanned.stderr
    assert json.loads(scanned.stdout)["parameters"]["level"] == "exact"
    assert "level = \"exact\"  # .dedup.toml" in dedup(repo, "scan", "articles", "--show-config").stdout


def test_a_format_one_command_takes_is_left_to_it_and_one_none_takes_is_an_error(repo: Path):
    """``format = "sarif"`` set for check is not scan's or filter's to refuse; "xml" no command writes."""
    copy_with_boilerplate(WIRE, repo / "articles" / "reprint.txt", "Reprinted")
    (repo / ".dedup.toml").write_text('format = "sarif"\n')
    assert json.loads(dedup(repo, "check", "articles").stdout)["version"] == "2.1.0"  # SARIF, as configured
    scanned = dedup(repo, "scan", "articles", "--show-config")
    assert scanned.returncode == 0 and 'format = "table"  # default' in scanned.stdout
    filtered = dedup(repo, "filter", "articles", "-q")
    ids = [json.loads(line)["id"] for line in filtered.stdout.splitlines()]  # JSON Lines, filter's default
    assert filtered.returncode == 0 and len(ids) == 3  # of 4: the wire story or its reprint left out
    (repo / ".dedup.toml").write_text('format = "xml"\n')
    result = dedup(repo, "scan", "articles")
    assert result.returncode == 2 and "format: 'xml' is not one of 'table', 'json', 'jsonl'" in result.stderr
    result = dedup(repo, "filter", "articles")  # its own choices: jsonl or parquet
    assert result.returncode == 2 and "format: 'xml' is not one of 'jsonl', 'parquet'" in result.stderr
