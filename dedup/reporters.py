"""Machine reports of a check for CI systems: JSON, SARIF 2.1.0, GitHub annotations, JUnit XML.

Plain data and strings; :mod:`dedup.cli` prints them.  Each *new* duplicate (a
cluster member that is not its canonical copy, or a copy that joined a known
cluster) is one finding, located at the member's file, with the canonical copy
as a related location.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

from . import __version__
from .check import CheckResult, ClusterStatus
from .jsonout import cluster_dict, problems_dict, provenance
from .model import escaped_controls
from .pipeline import ScanResult
from .report import MemberReport

__all__ = ["Finding", "findings", "github_annotations", "check_dict", "junit_xml", "sarif_dict"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_RULES = {
    "exact": "identical text",
    "copy": "verbatim copy with edits",
    "rewrite": "the same text reworded",
    "story": "an independent write-up of the same report",
}


@dataclass(frozen=True)
class Finding:
    cluster: str
    relation: str
    member: MemberReport
    canonical: MemberReport
    message: str


def findings(result: CheckResult) -> Iterator[Finding]:
    """One finding per new copy, in cluster order, pointing at the copy it duplicates."""
    for status in result.new:
        yield from _status_findings(status)


def _status_findings(status: ClusterStatus) -> Iterator[Finding]:
    docs = status.cluster.documents
    canonical = next(m for m in docs if m.role == "canonical")
    known = [m for m in docs if m.id not in status.new_members]
    for member in docs:
        if member.id not in status.new_members or (member is canonical and not known):
            continue  # a brand-new cluster's canonical copy is what the others duplicate
        original = canonical if member is not canonical else known[0]
        relation = member.relation or original.relation or status.cluster.relation
        joins = " joins a known cluster:" if status.status == "grown" else ""
        score = member.score if member.score is not None else original.score
        message = f"{member.id}{joins} {relation} of {original.id}" + (
            f" (score {score:.2f})" if score is not None else "")
        yield Finding(status.cluster.id, relation, member, original, message)


def _status_dict(s: ClusterStatus) -> dict[str, Any]:
    return {"status": s.status, "baseline_id": s.baseline_id, "new_documents": list(s.new_members),
            "cluster": cluster_dict(s.cluster)}


def check_dict(result: CheckResult, scanned: ScanResult) -> dict[str, Any]:
    """``dedup check --format json``: the verdict, and what was scanned, with which settings and problems."""
    return {
        **provenance(scanned.settings.parameters()),
        "failed": result.failed,
        "max_clusters": result.max_clusters,
        "stats": scanned.stats,
        "new_clusters": [_status_dict(s) for s in result.new],
        "accepted_clusters": [s.cluster.id for s in result.statuses if not s.is_new],
        "vanished_clusters": list(result.vanished),
        **problems_dict(scanned.problems),
    }


def _uri(path: str) -> str:
    """A SARIF artifact location is a URI reference: a relative path with its reserved and non-ASCII characters
    percent-encoded (a '#' in a file name would begin a fragment, a space is no URI character), an absolute
    path a ``file:`` URI."""
    from pathlib import PurePath
    from urllib.parse import quote  # here, not at start-up: only SARIF needs it

    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix())


def _location(member: MemberReport) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(member.path)}}
    physical["region"] = {"startLine": member.line or 1}
    return {"physicalLocation": physical}


def sarif_dict(result: CheckResult) -> dict[str, Any]:
    results = [
        {
            "ruleId": f"dedup/{f.relation}",
            "level": "error" if result.failed else "warning",
            "message": {"text": f.message},
            "locations": [_location(f.member)],
            "relatedLocations": [{"id": 1, **_location(f.canonical), "message": {"text": "canonical copy"}}],
            "partialFingerprints": {"dedupCluster/v1": f.cluster},
        }
        for f in findings(result)
    ]
    rules = [{"id": f"dedup/{name}", "name": name, "shortDescription": {"text": text}}
             for name, text in _RULES.items()]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dedup", "version": __version__, "informationUri":
                                "https://pypi.org/project/article-dedup/", "rules": rules}},
            "results": results,
        }],
    }


def _data(value: str) -> str:
    """Escape a workflow command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """Escape a workflow command's property value (also ``,`` and ``:``)."""
    return _data(value).replace(",", "%2C").replace(":", "%3A")


def github_annotations(result: CheckResult) -> Iterator[str]:
    """GitHub Actions workflow commands: one annotation per new copy, on its file."""
    kind = "error" if result.failed else "warning"
    for f in findings(result):
        yield (f"::{kind} file={_property(f.member.path)},line={f.member.line or 1},"
               f"title={_property('dedup: ' + f.relation)}::{_data(escaped_controls(f.message))}")


def _attribute(value: str) -> str:
    """An XML attribute value, quoted (html.escape: xml.sax.saxutils would import urllib and email at start-up);
    control characters, which XML 1.0 cannot hold even as references, shown escaped."""
    return f'"{escape(escaped_controls(value))}"'


def junit_xml(result: CheckResult) -> str:
    """JUnit XML: one test case per current cluster; a new one fails."""
    cases = []
    for s in result.statuses:
        name = _attribute(f"{s.cluster.id} ({len(s.cluster.documents)} documents)")
        if s.is_new:
            text = "\n".join(escaped_controls(f.message) for f in _status_findings(s))
            message = _attribute(s.status + " duplicate cluster")
            body = f"<failure message={message}>{escape(text, quote=False)}</failure>"
            cases.append(f"    <testcase classname=\"dedup\" name={name}>{body}</testcase>")
        else:
            cases.append(f"    <testcase classname=\"dedup\" name={name}/>")
    failures = len(result.new)
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            f"<testsuite name=\"dedup check\" tests=\"{len(result.statuses)}\" failures=\"{failures}\">\n"
            + "\n".join(cases) + ("\n" if cases else "") + "</testsuite>\n")
