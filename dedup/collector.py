"""Python's cyclic garbage collector, paused while the scan and its output are built.

A scan allocates millions of small dicts, sets and strings and frees almost none of
them before it ends, and so does writing its result (a dict per cluster, document and
sentence), so the collector's repeated full passes over that heap are wasted: about 15%
of a 5,000-file scan (benchmarks/bench_scan.py), and 2.4 of the 2.8 s that building the
JSON of a 55,000-text scan took.  Nothing here makes reference cycles of note.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the duration; its state is restored however the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
