"""Acceptance checks on real, externally labelled corpora (skipped where ../shared is absent)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from click.testing import CliRunner

from dedup import Document, Relation, ScanSettings, scan_documents
from dedup.cli import app

from .conftest import corpus_file, read_jsonl


def identical_groups(records: list[dict]) -> list[list[str]]:
    """Groups of records with the same title+text after lower-casing and collapsing whitespace."""
    groups: dict[str, list[str]] = defaultdict(list)
    for r in records:
        groups[" ".join(((r.get("title") or "") + " " + r["text"]).lower().split())].append(r["id"])
    return [ids for ids in groups.values() if len(ids) > 1]


@pytest.mark.corpus
@pytest.mark.slow
def test_bbc_on_stdin_every_identical_group_lands_in_one_cluster():
    path = corpus_file("bbc-news/articles.jsonl")
    result = CliRunner().invoke(app, ["scan", "-", "--format", "json", "--quiet"], input=path.read_bytes(),
                                catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    cluster_of = {d["id"]: c["id"] for c in data["clusters"] for d in c["documents"]}
    groups = identical_groups(read_jsonl(path))
    assert len(groups) == 101  # the corpus README's count
    split = [g for g in groups if g[0] not in cluster_of or len({cluster_of.get(i) for i in g}) != 1]
    assert split == []
    assert data["stats"]["files_read"] == 1 and data["stats"]["documents"] == 2225


@pytest.mark.corpus
@pytest.mark.slow
def test_reuters_identical_stories_are_found_at_copy_level():
    records = read_jsonl(corpus_file("reuters21578/articles.jsonl"))[:6000]
    docs = [Document(r["id"], r["text"], r.get("title")) for r in records]
    result = scan_documents(docs, ScanSettings(level=Relation.COPY))
    cluster_of = {d.id: c.id for c in result.clusters for d in c.documents}
    groups = identical_groups(records)
    assert groups
    assert [g for g in groups if g[0] not in cluster_of or len({cluster_of.get(i) for i in g}) != 1] == []
