"""dedup: find copies, rewrites and independent write-ups of the same news report.

The engine is plain functions over plain data; :mod:`dedup.cli` is the only part
that knows about terminals.  Typical use::

    from dedup import ScanSettings, scan
    result = scan(["articles/"], ScanSettings())
    for cluster in result.clusters:
        print(cluster.canonical, [d.id for d in cluster.documents])
"""

from __future__ import annotations

__version__ = "0.1.0"

from .compare import Comparison, compare_documents  # noqa: E402
from .distinct import Distinct, distinct_documents, kept_member  # noqa: E402
from .errors import DedupError, NoInputError, SettingsError  # noqa: E402
from .find import Finding, Match, find_copies  # noqa: E402
from .model import Document, Problem  # noqa: E402
from .pipeline import ScanResult, scan, scan_documents  # noqa: E402
from .read import ReadOptions, ReadResult, read_inputs  # noqa: E402
from .report import ClusterReport  # noqa: E402
from .settings import ScanSettings  # noqa: E402
from .verify import Relation, Thresholds  # noqa: E402

__all__ = [
    "ClusterReport",
    "Comparison",
    "DedupError",
    "Distinct",
    "Document",
    "Finding",
    "Match",
    "NoInputError",
    "Problem",
    "ReadOptions",
    "ReadResult",
    "Relation",
    "ScanResult",
    "ScanSettings",
    "SettingsError",
    "Thresholds",
    "__version__",
    "compare_documents",
    "distinct_documents",
    "find_copies",
    "kept_member",
    "read_inputs",
    "scan",
    "scan_documents",
]
