"""The JSON contract: plain dicts in a fixed key order, versioned, no clock values.

``schema/scan.schema.json`` (the whole ``--format json`` object, and under ``$defs`` one
``--format jsonl`` line), ``schema/compare.schema.json`` and ``schema/find.schema.json``
describe it and ship in the package; tests validate real output against them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import Any

import orjson

from . import __version__
from .compare import Comparison, SentenceRow
from .distinct import kept_member
from .find import Finding
from .model import Document, Problem
from .pipeline import ScanResult
from .report import ClusterReport, MemberReport, SentenceRef

__all__ = ["SCHEMA_VERSION", "cluster_dict", "comparison_dict", "dumps", "evaluation_dict", "find_dict", "finding_dict",
           "json_bytes", "load_schema", "problem_dict", "problems_dict", "provenance", "result_dict", "tool"]

#: Bumped on any change a consumer could notice: 1.x adds fields, 2.0 would change them.
SCHEMA_VERSION = "1.25"  # 1.1: links.scores gains count_cosine and lead_facts; 1.2: figures_agree,
# figures_compared; 1.3: parameters.sentence_terms, links.scores.dates_agree; 1.4: parameters.lsh.all_pairs_up_to,
# links.scores.lead_figures_agree, companies_agree, lead_aligned; parameters.thresholds.lead_match_sentences;
# 1.5: links.scores.lead_verbatim; compare gains tool, parameters and context_documents;
# 1.6: links.scores.top_verbatim, parameters.thresholds.follow_up_verbatim and top_sentences;
# 1.7: links.scores.leads_verbatim, verbatim_words, directions_agree, places_agree;
# parameters.thresholds.partial_verbatim,
# partial_words; 1.8: links.scores.times_agree, documents[].published, parameters.within_days,
# parameters.reading.date_field; 1.9: parameters.thresholds.follow_up_coverage, rewrite_reordered_phrases,
# rewrite_sentences; links.scores.aligned_similarity; 1.10: links.scores.headline_support,
# parameters.thresholds.headline_support; 1.11: parameters.thresholds.figure_slip_sentences,
# parameters.lsh.lead_threshold, parameters.minhash.lead_words; 1.12: links.scores.lead_told_as_past;
# 1.13: stats.pairs_read_without_boilerplate, parameters.boilerplate_words, boilerplate_share;
# 1.14: in links, containment_a and coverage_a measure a (the canonical), as named (they kept the verified order);
# parameters.copy_families, stats.family_pairs_not_aligned; 1.15: parameters.thresholds.own_lines_containment;
# 1.16: parameters.thresholds.own_name_lines; 1.17: dedup find's output (find.schema.json);
# 1.18: dedup eval's output gains schema_version, tool, parameters, errors and warnings (eval.schema.json);
# dedup check's gains tool, parameters, stats, errors and warnings (check.schema.json); compare's errors, warnings;
# 1.19: links.scores.lead_support, parameters.thresholds.lead_support; 1.20: parameters.rewrites_within_days;
# 1.21: documents[].language, compare's language_a and language_b; 1.22: documents[].kept;
# 1.23: links.scores.rare_words, parameters.thresholds.story_rare_words; 1.24: parameters.thresholds.template_story_days
# 1.25: parameters.minhash.lead_line_words


def tool() -> dict[str, str]:
    """Which program wrote a result or a baseline: every saved file says so."""
    return {"name": "article-dedup", "version": __version__}


def provenance(parameters: dict[str, object]) -> dict[str, Any]:
    """What every saved result opens with: its schema, the program that wrote it and the settings that decided."""
    return {"schema_version": SCHEMA_VERSION, "tool": tool(), "parameters": parameters}


def problems_dict(problems: Sequence[Problem]) -> dict[str, list[dict[str, Any]]]:
    """What every saved result closes with: inputs not scanned (errors) and scanned with a caveat (warnings)."""
    return {"errors": [problem_dict(p) for p in problems if p.fatal],
            "warnings": [problem_dict(p) for p in problems if not p.fatal]}


def _sentence(ref: SentenceRef, *, similarity: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"index": ref.index, "text": ref.text}
    if similarity:
        out = {"document": ref.document, **out, "similarity": ref.similarity}
    return out


def _member(m: MemberReport, kept: bool) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "path": m.path,
        "line": m.line,
        "published": m.published,
        "language": m.language,
        "role": m.role,
        "kept": kept,
        "relation": m.relation,
        "score": m.score,
        "words": m.words,
        "sentences": m.sentences,
        "unique_sentences": [_sentence(s) for s in m.unique],
        "boilerplate_sentences": [_sentence(s) for s in m.boilerplate],
    }


def cluster_dict(c: ClusterReport) -> dict[str, Any]:
    kept = kept_member(c).id
    return {
        "id": c.id,
        "canonical": c.canonical,
        "relation": c.relation,
        "size": len(c.documents),
        "documents": [_member(m, m.id == kept) for m in c.documents],
        "shared_sentences": [
            {
                "text": s.text,
                "count": len(s.documents),
                "documents": list(s.documents),
                "variants": [_sentence(v, similarity=True) for v in s.variants],
            }
            for s in c.shared
        ],
        "links": [
            {"a": lk.a, "b": lk.b, "relation": lk.relation, "score": lk.score, "reason": lk.reason,
             "scores": lk.scores}
            for lk in c.links
        ],
    }


def comparison_dict(c: Comparison, problems: Sequence[Problem] = ()) -> dict[str, Any]:
    """``dedup compare --format json``: top-level numeric ``score`` and ``relation``; ``problems`` are what reading
    A, B and the corpus met."""
    def rows(side: tuple[SentenceRow, ...]) -> list[dict[str, Any]]:
        return [{"index": r.index, "text": r.text, "match": r.match, "score": r.score} for r in side]

    return {
        **provenance(c.parameters),
        "context_documents": c.context_documents,
        "a": c.a.id,
        "b": c.b.id,
        "language_a": c.languages[0],
        "language_b": c.languages[1],
        "score": c.score,
        "relation": c.relation,
        "level": c.level,
        "joins_cluster": c.joins,
        "reason": c.link.reason,
        "scores": c.link.scores.as_dict(),
        "sentences_a": rows(c.rows_a),
        "sentences_b": rows(c.rows_b),
        **problems_dict(problems),
    }


def problem_dict(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "reason": p.reason, "fatal": p.fatal}


def result_dict(result: ScanResult) -> dict[str, Any]:
    return {
        **provenance(result.settings.parameters()),
        "stats": result.stats,
        "clusters": [cluster_dict(c) for c in result.clusters],
        **problems_dict(result.problems),
    }


def _document_ref(d: Document) -> dict[str, Any]:
    return {"id": d.id, "title": d.title, "path": d.path, "line": d.line}


def finding_dict(f: Finding) -> dict[str, Any]:
    """One query and its matches: ``dedup find --format jsonl``'s line, and an item of ``queries``."""
    return {**_document_ref(f.query), "matches": [
        {**_document_ref(m.document), "relation": m.relation, "score": m.link.score, "reason": m.link.reason,
         "scores": m.link.scores.as_dict()} for m in f.matches]}


def find_dict(findings: Sequence[Finding], stats: dict[str, int], parameters: dict[str, object],
              problems: Sequence[Problem]) -> dict[str, Any]:
    """``dedup find --format json``."""
    return {
        **provenance(parameters),
        "stats": stats,
        "queries": [finding_dict(f) for f in findings],
        **problems_dict(problems),
    }


def evaluation_dict(corpus: str, documents: int, scores: dict[str, dict[str, float | int]],
                    parameters: dict[str, object], problems: Sequence[Problem]) -> dict[str, Any]:
    """``dedup eval --format json``: scores per level, and what a rerun needs to reproduce them.  The
    parameters are a scan's but for ``level``: each level scored is a key of ``levels``."""
    return {
        **provenance({k: v for k, v in parameters.items() if k != "level"}),
        "corpus": corpus,
        "documents": documents,
        "levels": scores,
        **problems_dict(problems),
    }


def json_bytes(data: Any, *, compact: bool = False) -> bytes:
    """JSON as UTF-8 bytes, indented by two spaces unless ``compact``; non-ASCII characters as they are.

    orjson writes what ``json.dumps(indent=2, ensure_ascii=False)`` does (floats as Python writes
    them, down to 1e-4, below which no score goes) 20x as fast: the standard library's encoder drops
    to pure Python when indenting, 5.7 s of a 55,000-document scan's 151 MB of output.  Written out as
    bytes, that output is not held again as text and encoded once more on its way to stdout.
    """
    option = orjson.OPT_NON_STR_KEYS | (0 if compact else orjson.OPT_INDENT_2)
    return orjson.dumps(data, option=option)


def dumps(data: Any, *, compact: bool = False) -> str:
    """:func:`json_bytes` as text."""
    return json_bytes(data, compact=compact).decode("utf-8")


def jsonl_lines(result: ScanResult) -> Iterator[str]:
    for c in result.clusters:
        yield dumps(cluster_dict(c), compact=True)


def load_schema(name: str = "scan") -> dict[str, Any]:
    """The shipped JSON Schema: ``scan`` for ``--format json``, ``cluster`` for one jsonl line,
    ``compare`` for ``dedup compare --format json``, ``find`` for ``dedup find --format json``,
    ``finding`` for one of its jsonl lines, ``eval`` for ``dedup eval --format json`` and ``check`` for
    ``dedup check --format json``."""
    files = {"scan": "scan", "cluster": "scan", "compare": "compare", "find": "find", "finding": "find", "eval": "eval",
             "check": "check"}
    if name not in files:
        raise ValueError(f"no schema named {name!r}: one of {', '.join(files)}")
    file = files[name] + ".schema.json"
    text = resources.files("dedup").joinpath("schema").joinpath(file).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    if name in ("cluster", "finding"):
        return {"$schema": schema["$schema"], "$ref": f"#/$defs/{name}", "$defs": schema["$defs"]}
    return schema
