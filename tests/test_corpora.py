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


def _generator():
    """evaluation/syndicate.py, the labelled-corpus generator (a script, not part of the package)."""
    import importlib.util

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("syndicate", ROOT / "evaluation" / "syndicate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.corpus
@pytest.mark.slow
def test_real_reports_run_in_part_under_other_material_join_their_source_at_rewrite_level():
    records = read_jsonl(corpus_file("bbc-news/articles.jsonl"))
    tech = [r for r in records if r["category"] == "tech"][:150]
    others = [r for r in records if r["category"] == "sport"]
    generator = _generator()
    rows = generator.generate(tech, seed=7, rewrite_share=0.0, partial_share=1.0, others=others)
    label = generator.near_duplicate_labels(tech, generator.exact_groups(tech))  # BBC's own re-published stories
    partial = [r for r in rows if r["kind"] == "partial"]
    assert len(partial) > 100
    docs = [Document(r["id"], r["text"], r["title"]) for r in rows]
    result = scan_documents(docs, ScanSettings(level=Relation.REWRITE))
    cluster_of = {d.id: c.id for c in result.clusters for d in c.documents}
    joined = [r for r in partial if cluster_of.get(r["id"]) is not None
              and cluster_of.get(r["id"]) == cluster_of.get(label[r["cluster"]])]
    assert len(joined) >= 0.9 * len(partial)
    # Nothing joins a report it was not cut from (the outlet's own material links to nothing here).
    source = {r["id"]: label[r["cluster"]] for r in rows}
    for cluster in result.clusters:
        assert len({source[d.id] for d in cluster.documents}) == 1, [d.id for d in cluster.documents]


@pytest.mark.corpus
@pytest.mark.slow
def test_reuters_stories_under_one_sites_chrome_cluster_as_their_text_does(tmp_path):
    """Written as one site's pages (byline, most-read list, footer), 600 real stories give the copy
    clusters their text gives: the chrome every page carries is no evidence."""
    from html import escape

    from dedup.read import ReadOptions, read_inputs

    rows = read_jsonl(corpus_file("reuters21578/articles.jsonl"))[:600]
    most_read = [r["title"] for r in read_jsonl(corpus_file("bbc-news/articles.jsonl"))[-30:]]
    for r in rows:
        paragraphs = "".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in r["text"].split("\n    ") if p.strip())
        aside = "".join(f"<li>{escape(t)}</li>" for t in most_read)
        (tmp_path / f"{r['id']}.html").write_text(
            f"<html><body><h1>{escape(r['title'])}</h1><div>By Courier staff<br>Updated today</div>{paragraphs}"
            f"<aside><h2>Most read</h2><ul>{aside}</ul></aside><p>Share this article</p></body></html>",
            encoding="utf-8")
    pages = read_inputs([str(tmp_path)], ReadOptions()).documents
    texts = [Document(r["id"], r["text"], r.get("title")) for r in rows]
    found = [{tuple(sorted(d.id.rsplit("/", 1)[-1].removesuffix(".html") for d in c.documents))
              for c in scan_documents(docs, ScanSettings(level=Relation.COPY)).clusters} for docs in (texts, pages)]
    as_text, as_pages = found
    assert len(as_text) >= 15
    assert as_pages == as_text
