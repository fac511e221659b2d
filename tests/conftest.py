"""Shared fixtures.  Tests that read ../shared/corpora skip, saying why, where it is absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dedup.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPORA = ROOT.parent / "shared" / "corpora"
SEEDS = ["000_bd8e4e9c01becdd2.txt", "001_25689abf7d233c60.txt", "002_adf3a1924f1efa34.txt"]
GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; DEDUP_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if os.environ.get("DEDUP_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def run(*args: str, input: bytes | str | None = None) -> Result:
    """The click app in-process (CliRunner), as a user would call ``dedup ARGS``."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def run_json(command: str, *args: str, input: str | None = None) -> dict:
    """``dedup COMMAND ARGS --format json`` run as a user would, exit 0, checked against the shipped schema."""
    import jsonschema

    from dedup.jsonout import load_schema

    result = run(command, *args, "--format", "json", input=input)
    assert result.exit_code == 0, result.output
    data: dict = json.loads(result.stdout)
    jsonschema.validate(data, load_schema(command))
    return data


def corpus_file(relative: str) -> Path:
    """Path to a research corpus file, or skip the test with the reason."""
    path = CORPORA / relative
    if not path.exists():
        pytest.skip(f"{path} not found: the labelled corpora live in ../shared beside the checkout")
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the project root so document ids read ``samples/...`` as a user would type them."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    return ROOT


@pytest.fixture(autouse=True)
def _no_terminal_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.setdefault("COLUMNS", "80")
