"""The library surface the README shows: its Python examples run as written, from a checkout."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

import dedup

from .conftest import ROOT, SEEDS


def _readme_python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)


def _printed(code: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(ROOT)  # the examples name samples/ as a user in the checkout would
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    return out.getvalue().splitlines()


def test_the_readme_has_the_scan_and_the_compare_find_examples():
    blocks = _readme_python_blocks()
    assert len(blocks) == 2
    assert "scan(" in blocks[0] and "compare_documents(" in blocks[1] and "find_copies(" in blocks[1]


def test_the_readme_scan_example_prints_the_samples_copy_cluster(monkeypatch):
    lines = _printed(_readme_python_blocks()[0], monkeypatch)
    # At copy level the seeds (two paraphrases and a write-up) stay apart; the wire story and its reprint join.
    assert len(lines) == 1
    assert "samples/wire_harbour_ferry.txt" in lines[0] and "samples/dailycoast_ferry_copy.txt" in lines[0]


def test_the_readme_compare_and_find_example_prints_what_its_comments_say(monkeypatch):
    block = _readme_python_blocks()[1]
    lines = _printed(block, monkeypatch)
    promised = re.search(r"# (story [0-9.]+ True)", block)
    assert promised is not None and lines[0] == promised.group(1)
    # The release is a text of its own (no path), so its file is a match too: the same text, then the reprint.
    assert lines[1:] == ["samples/wire_harbour_ferry.txt exact 1.0", "samples/dailycoast_ferry_copy.txt copy 0.84"]


def test_the_package_exports_what_the_commands_are_made_of():
    """Each name in ``__all__`` is importable from ``dedup``, and compare, find and reading are among them."""
    for name in dedup.__all__:
        assert hasattr(dedup, name), name
    assert {"compare_documents", "find_copies", "read_inputs", "scan", "scan_documents"} <= set(dedup.__all__)


def test_compare_documents_on_documents_made_in_code():
    """A library user's own texts, no files: the two paraphrased seeds are one report at the default level."""
    a, b = ((ROOT / "samples" / name).read_text(encoding="utf-8") for name in SEEDS[:2])
    comparison = dedup.compare_documents(dedup.Document(id="a", text=a), dedup.Document(id="b", text=b),
                                         dedup.ScanSettings())
    assert comparison.joins and comparison.relation in {"rewrite", "story"}
    apart = dedup.compare_documents(dedup.Document(id="a", text=a),
                                    dedup.Document(id="c", text=(ROOT / "samples" / "library_reading_hours.txt")
                                                   .read_text(encoding="utf-8")), dedup.ScanSettings())
    assert not apart.joins and apart.score < comparison.score


def test_scan_documents_makes_repeated_ids_unique_whatever_the_order_and_says_so():
    """A library user's records with one id twice: each document stays its own, and the output is the
    same bytes in any order (before, two members called 'x' and the order decided which was which)."""
    from dedup.jsonout import dumps, result_dict

    wire = (ROOT / "samples" / "wire_harbour_ferry.txt").read_text(encoding="utf-8")
    reprint = (ROOT / "samples" / "dailycoast_ferry_copy.txt").read_text(encoding="utf-8")
    docs = [dedup.Document("x", wire), dedup.Document("x", reprint), dedup.Document("y", wire)]
    outputs = []
    for order in (docs, docs[::-1], [docs[1], docs[2], docs[0]]):
        result = dedup.scan_documents(order, dedup.ScanSettings())
        outputs.append(dumps(result_dict(result)))
    assert outputs[0] == outputs[1] == outputs[2]
    [cluster] = result.clusters
    assert sorted(d.id for d in cluster.documents) == ["x", "x~2", "y"]
    assert [p.reason for p in result.problems] == ["duplicate id 'x'; renamed 'x~2'"]
    assert not result.problems[0].fatal


def test_distinct_documents_keeps_each_clusters_canonical_and_the_documents_in_none(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = dedup.scan(["samples/"], dedup.ScanSettings(level="copy"))
    distinct = dedup.distinct_documents(result)
    assert [d.id for d in distinct.kept] == [f"samples/{name}" for name in SEEDS] + [
        "samples/library_reading_hours.txt", "samples/wire_harbour_ferry.txt"]
    assert (distinct.left_out, distinct.clusters) == (1, 1)
