"""Shared fixtures.  Tests that read ../shared/corpora skip, saying why, where it is absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPORA = ROOT.parent / "shared" / "corpora"
SEEDS = ["000_bd8e4e9c01becdd2.txt", "001_25689abf7d233c60.txt", "002_adf3a1924f1efa34.txt"]


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
