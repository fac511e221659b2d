"""``dedup check``: which duplicate clusters are new since an accepted baseline.

A baseline lists accepted clusters by their members' ids *and* content keys, so a
cluster is still recognised after a file is renamed (same key) or lightly edited
(same id), and whatever else changes in the corpus.  A current cluster is

``accepted``  every member is in one baseline cluster;
``grown``     it shares members with a baseline cluster but has new copies: new;
``new``       it shares nothing with the baseline: new.

Baseline clusters with no current counterpart are ``vanished``: reported, never a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from typing import Any

from .errors import DedupError
from .jsonout import dumps, tool
from .report import ClusterReport

__all__ = ["BASELINE_VERSION", "BaselineError", "CheckResult", "ClusterStatus", "check_against", "baseline_dict",
           "load_baseline", "save_baseline"]

BASELINE_VERSION = 1


class BaselineError(DedupError):
    """The baseline file is missing, not JSON, or not a dedup baseline; or it cannot be written."""


@dataclass(frozen=True)
class BaselineCluster:
    id: str
    ids: frozenset[str]
    keys: frozenset[str]


@dataclass(frozen=True)
class ClusterStatus:
    cluster: ClusterReport
    status: str  # "accepted", "grown" or "new"
    new_members: tuple[str, ...]  # ids not in the matched baseline cluster (all, for "new")
    baseline_id: str | None

    @property
    def is_new(self) -> bool:
        return self.status != "accepted"


@dataclass(frozen=True)
class CheckResult:
    statuses: tuple[ClusterStatus, ...]
    vanished: tuple[str, ...]  # baseline cluster ids with no current counterpart
    max_clusters: int

    @property
    def new(self) -> tuple[ClusterStatus, ...]:
        return tuple(s for s in self.statuses if s.is_new)

    @property
    def failed(self) -> bool:
        return len(self.new) > self.max_clusters


def baseline_dict(clusters: list[ClusterReport], parameters: dict[str, Any]) -> dict[str, Any]:
    """A readable, diff-friendly record of the accepted clusters (sorted, no clock values)."""
    return {
        "dedup_baseline": BASELINE_VERSION,
        "tool": tool(),
        "level": parameters.get("level"),
        "clusters": [
            {
                "id": c.id,
                "relation": c.relation,
                "documents": [{"id": m.id, "key": m.key} for m in sorted(c.documents, key=lambda m: m.id)],
            }
            for c in sorted(clusters, key=lambda c: c.id)
        ],
    }


def save_baseline(path: str, clusters: list[ClusterReport], parameters: dict[str, Any]) -> None:
    """Write the baseline whole or not at all: a CI job stopped part-way (or a full disk) must not leave a
    truncated file that the next check refuses."""
    # Written beside the file itself (a symbolic link to it stays a link), so the rename stays on one file system;
    # made as open() makes files, then given the old file's permissions where there was one.
    target = os.path.realpath(path)
    partial = f"{target}.{os.getpid()}.tmp"
    try:
        with open(partial, "x", encoding="utf-8") as handle:
            handle.write(dumps(baseline_dict(clusters, parameters)) + "\n")
        if os.path.exists(target):
            shutil.copymode(target, partial)
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None


def load_baseline(path: str) -> list[BaselineCluster]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: baseline is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("dedup_baseline") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a dedup baseline (write one with --write-baseline)")
    try:
        return [
            BaselineCluster(str(c["id"]), frozenset(str(d["id"]) for d in c["documents"]),
                            frozenset(str(d["key"]) for d in c["documents"]))
            for c in data["clusters"]
        ]
    except (KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: malformed baseline entry ({exc})") from None


def _status(cluster: ClusterReport, baseline: list[BaselineCluster]) -> tuple[ClusterStatus, str | None]:
    def known(member_id: str, key: str, b: BaselineCluster) -> bool:
        return member_id in b.ids or key in b.keys

    best: BaselineCluster | None = None
    best_overlap = 0
    for b in baseline:
        overlap = sum(1 for m in cluster.documents if known(m.id, m.key, b))
        if overlap > best_overlap or (overlap == best_overlap and overlap and best and b.id < best.id):
            best, best_overlap = b, overlap
    if best is None:
        return ClusterStatus(cluster, "new", tuple(m.id for m in cluster.documents), None), None
    fresh = tuple(m.id for m in cluster.documents if not known(m.id, m.key, best))
    return ClusterStatus(cluster, "grown" if fresh else "accepted", fresh, best.id), best.id


def check_against(clusters: list[ClusterReport], baseline: list[BaselineCluster], *,
                  max_clusters: int = 0) -> CheckResult:
    statuses = []
    matched: set[str] = set()
    for cluster in clusters:
        status, baseline_id = _status(cluster, baseline)
        statuses.append(status)
        if baseline_id is not None:
            matched.add(baseline_id)
    vanished = tuple(sorted(b.id for b in baseline if b.id not in matched))
    return CheckResult(tuple(statuses), vanished, max_clusters)
