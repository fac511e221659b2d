"""Where a scan's time and memory go: wall time of each pipeline stage, one in-process run, and
this process's resident memory when the stage last ended and at its peak so far.

    python benchmarks/stages.py PATH [--workers N] [--level exact|copy|rewrite|story]

Each stage function is wrapped with a timer for this run only; figures vary with the
machine's load, so compare stages within one run, not runs of different days.  Memory is
this process's (forked workers hold their own); read from /proc, so Linux only.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from as_installed import compile_dedup

compile_dedup()
T0 = time.perf_counter()
from dedup import cli, pipeline  # noqa: E402  (import time is part of what is measured)
from dedup.jsonout import dumps, result_dict  # noqa: E402
from dedup.settings import ScanSettings  # noqa: E402

IMPORTED = time.perf_counter()
STAGES = {
    "read": (pipeline, "read_inputs"),
    "profile (MinHash, in processes)": (pipeline, "_profiles"),
    "candidates (LSH)": (pipeline.Corpus, "candidates"),
    "screen (in processes)": (pipeline, "_screen_candidates"),
    "verify (in processes)": (pipeline, "_verify_candidates"),
    "cluster": (pipeline, "star_clusters"),
    "report": (pipeline, "build_reports"),
}


def memory_mib() -> tuple[float, float]:
    """This process's resident memory now and at its peak, MiB."""
    with open("/proc/self/statm") as statm:
        resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return resident / 2**20, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(name: str, function: Callable[..., Any], times: dict[str, float],
          memory: dict[str, tuple[float, float]]) -> Callable[..., Any]:
    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - start
            memory[name] = memory_mib()

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="a folder or file, as dedup scan takes it")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--level", default="story", choices=["exact", "copy", "rewrite", "story"])
    args = parser.parse_args()
    times: dict[str, float] = {"import": IMPORTED - T0}
    memory: dict[str, tuple[float, float]] = {"import": memory_mib()}
    for name, (owner, attribute) in STAGES.items():
        setattr(owner, attribute, timed(name, getattr(owner, attribute), times, memory))
    start = time.perf_counter()
    result = pipeline.scan([args.folder], ScanSettings(workers=args.workers, level=args.level))
    scanned = time.perf_counter()
    dumps(result_dict(result))
    times["JSON output"] = time.perf_counter() - scanned
    memory["JSON output"] = memory_mib()
    times["other (term statistics, exact copies, ...)"] = (scanned - start) - sum(
        t for name, t in times.items() if name in STAGES)
    assert cli.main  # the command's own imports are part of the start-up cost
    print(f"{'stage':45s} {'time':>8s} {'MiB after':>10s} {'peak':>7s}")
    for name, seconds in times.items():
        now, peak = memory.get(name, (float("nan"), float("nan")))
        print(f"{name:45s} {seconds:6.2f} s {now:10.0f} {peak:7.0f}")
    print(f"{'total':45s} {sum(times.values()):6.2f} s")
    print(f"{result.stats['documents']} documents, {result.stats['candidate_pairs']} candidate pairs, "
          f"{result.stats['verified_links']} verified links")


if __name__ == "__main__":
    main()
